//! The JSON API of `claimlint serve`, driven through its router as a
//! browser would call it: every status code, and reports byte for byte
//! equal to `claimlint check --format json`; and the server on a real
//! socket, which drops slow and idle clients and answers only its own page.

use assert_cmd::Command;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

use claimlint::serve::{router, router_with, serve, served_at, Limits, Server};
use claimlint::setup::PackOptions;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

const SEED: &str = "examples/kerry-lavrov.txt";

fn app() -> Router {
    router(Server::new(PackOptions::default(), None).expect("the built-in pack loads"))
}

/// Status, content type and body of one request.
async fn call(request: Request<Body>) -> (StatusCode, String, String) {
    let response = app().oneshot(request).await.expect("the router always answers");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, String::from_utf8(body.to_vec()).unwrap())
}

async fn post(uri: &str, body: impl Into<Body>) -> (StatusCode, String, String) {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    call(request).await
}

async fn get(uri: &str) -> (StatusCode, String, String) {
    call(Request::get(uri).body(Body::empty()).unwrap()).await
}

/// `claimlint check --isolated --format json ARGS`, its output.
fn cli_json(args: &[&str]) -> String {
    let output = Command::cargo_bin("claimlint")
        .unwrap()
        .args(["check", "--isolated", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn check_body(text: &str, extra: serde_json::Value) -> String {
    let mut body = serde_json::json!({ "text": text });
    if let serde_json::Value::Object(extra) = extra {
        body.as_object_mut().unwrap().extend(extra);
    }
    body.to_string()
}

#[tokio::test]
async fn the_seed_article_gets_the_cli_report_named_draft_txt() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let cases = [
        (serde_json::json!({}), vec![]),
        (
            serde_json::json!({ "format": "txt", "style": null, "date": null }),
            vec![],
        ),
        (serde_json::json!({ "style": "ap" }), vec!["--style", "ap"]),
        (
            serde_json::json!({ "style": "reuters", "date": "2015-12-16" }),
            vec!["--style", "reuters", "--date", "2015-12-16"],
        ),
    ];
    for (extra, args) in cases {
        let (status, content_type, body) = post("/api/check", check_body(&text, extra.clone())).await;
        assert_eq!(status, StatusCode::OK, "{extra}: {body}");
        assert_eq!(content_type, "application/json");
        let mut cli_args = args.clone();
        cli_args.push(SEED);
        let expected = cli_json(&cli_args).replace(
            "\"path\": \"examples/kerry-lavrov.txt\"",
            "\"path\": \"draft.txt\"",
        );
        assert_eq!(body, expected, "{extra}");
    }
    let report: serde_json::Value = serde_json::from_str(
        &post("/api/check", check_body(&text, serde_json::json!({})))
            .await
            .2,
    )
    .unwrap();
    assert_eq!(report["summary"]["findings"], 8);
}

#[tokio::test]
async fn a_markdown_draft_is_read_as_markdown_and_named_draft_md() {
    let text = "# Talks\n\nThe cease-fire held. `ceasefire` is code.\n\nThe ceasefire broke.\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("draft.md");
    std::fs::write(&file, text).unwrap();
    let (status, _, body) = post(
        "/api/check",
        check_body(text, serde_json::json!({ "format": "md" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let expected = cli_json(&[file.to_str().unwrap()]).replace(
        &format!(
            "\"path\": {}",
            serde_json::to_string(file.to_str().unwrap()).unwrap()
        ),
        "\"path\": \"draft.md\"",
    );
    assert_eq!(body, expected);
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["files"][0]["findings"][0]["span"]["line"], 5);
}

#[tokio::test]
async fn mistakes_in_a_request_get_400_with_a_message() {
    let cases = [
        ("{bad", "malformed JSON: key must be a string at line 1 column 2"),
        ("", "malformed JSON: EOF while parsing a value at line 1 column 0"),
        ("{}", "bad request: missing field `text` at line 1 column 2"),
        (r#"{"text": 5}"#, "bad request: invalid type: integer `5`, expected a string at line 1 column 10"),
        (
            r#"{"text": "x", "format": "html"}"#,
            "bad request: unknown variant `html`, expected `txt` or `md` at line 1 column 30",
        ),
        (
            r#"{"text": "x", "colour": "red"}"#,
            "bad request: unknown field `colour`, expected one of `text`, `format`, `style`, `date` at line 1 column 22",
        ),
        (
            r#"{"text": "x", "style": "times"}"#,
            "unknown style `times`; available styles: ap, bbc, reuters",
        ),
        (
            r#"{"text": "x", "date": "2015-02-30"}"#,
            "date: bad date \"2015-02-30\": no such day",
        ),
    ];
    for (request, message) in cases {
        let (status, content_type, body) = post("/api/check", request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{request}");
        assert_eq!(content_type, "application/json");
        assert_eq!(
            body,
            serde_json::json!({ "error": message }).to_string(),
            "{request}"
        );
    }
}

#[tokio::test]
async fn a_body_over_5_mb_gets_413() {
    let text = "a".repeat(5 * 1024 * 1024);
    let (status, _, body) = post("/api/check", check_body(&text, serde_json::json!({}))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body, r#"{"error":"the request is larger than 5 MB"}"#);
}

#[tokio::test]
async fn anything_else_gets_404() {
    for (method, uri) in [
        ("GET", "/nothing"),
        ("GET", "/api/check"),
        ("POST", "/api/rules"),
        ("GET", "/api"),
        ("DELETE", "/"),
        ("GET", "/../Cargo.toml"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::empty())
            .unwrap();
        let (status, content_type, body) = call(request).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}");
        assert_eq!(content_type, "application/json");
        assert_eq!(body, r#"{"error":"not found"}"#);
    }
}

#[tokio::test]
async fn the_rules_are_those_rules_list_prints() {
    let (status, content_type, body) = get("/api/rules").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    let listed = Command::cargo_bin("claimlint")
        .unwrap()
        .args(["rules", "list", "--isolated"])
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let rules = answer["rules"].as_array().unwrap();
    assert_eq!(rules.len(), listed.lines().count());
    for (rule, line) in rules.iter().zip(listed.lines()) {
        // `code  severity  entry  file`, the entry padded (and empty for a
        // family's settings).
        let columns: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let entry = rule["entry"].as_str().unwrap();
        let expected: Vec<&str> = [rule["code"].as_str().unwrap(), rule["severity"].as_str().unwrap()]
            .into_iter()
            .chain((!entry.is_empty()).then_some(entry))
            .chain([rule["file"].as_str().unwrap()])
            .collect();
        assert_eq!(columns, expected);
    }
}

#[tokio::test]
async fn the_settings_name_the_style_packs() {
    let (status, _, body) = get("/api/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        r#"{"styles":["ap","bbc","reuters"],"style":null,"date":null}"#
    );
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_from_the_binary() {
    let (status, content_type, page) = get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(page.contains(r#"<script src="/render.js" defer></script>"#));
    assert!(page.contains(r#"<textarea id="draft" aria-label="Draft text""#));
    // Nothing from another host: the page works offline.
    assert!(!page.contains("://"), "{page}");
    for (uri, expected_type, first_line) in [
        (
            "/app.css",
            "text/css; charset=utf-8",
            "/* claimlint: the page of `claimlint serve` and the HTML report share this",
        ),
        (
            "/render.js",
            "text/javascript; charset=utf-8",
            "// claimlint's renderer, shared by the page (`claimlint serve`) and the HTML",
        ),
        (
            "/page.js",
            "text/javascript; charset=utf-8",
            "// The page of `claimlint serve`: the editor's draft is sent to",
        ),
    ] {
        let (status, content_type, body) = get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(content_type, expected_type, "{uri}");
        assert_eq!(body.lines().next(), Some(first_line), "{uri}");
        assert!(!body.contains("http://") && !body.contains("https://"), "{uri}");
    }
}

#[tokio::test]
async fn a_post_that_is_not_json_gets_415() {
    let text = check_body("The cease-fire held. The ceasefire broke.", serde_json::json!({}));
    for content_type in [
        None,
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        Some("application/json-seq"),
    ] {
        for uri in ["/api/check", "/api/rules", "/nothing"] {
            let mut request = Request::post(uri);
            if let Some(content_type) = content_type {
                request = request.header(header::CONTENT_TYPE, content_type);
            }
            let (status, answer_type, body) = call(request.body(Body::from(text.clone())).unwrap()).await;
            assert_eq!(
                status,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{content_type:?} {uri}"
            );
            assert_eq!(answer_type, "application/json");
            assert_eq!(
                body,
                r#"{"error":"a POST must have Content-Type: application/json"}"#
            );
        }
    }
    // A JSON type with parameters, in any case, is JSON.
    for content_type in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
    ] {
        let request = Request::post("/api/check")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(text.clone()))
            .unwrap();
        let (status, _, body) = call(request).await;
        assert_eq!(status, StatusCode::OK, "{content_type}: {body}");
        assert!(body.contains("\"rule\": \"terms.hyphenation\""), "{body}");
    }
}

/// The server's router as `serve` guards it for `address`, answering one
/// request with these headers: status and body.
async fn guarded(address: &str, method: &str, headers: &[(&str, &str)]) -> (StatusCode, String) {
    let address: SocketAddr = address.parse().unwrap();
    let (uri, body) = match method {
        "POST" => (
            "/api/check",
            Body::from(r#"{"text": "The cease-fire held. The ceasefire broke."}"#),
        ),
        _ => ("/api/settings", Body::empty()),
    };
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = served_at(app(), address)
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn a_host_that_is_not_the_address_served_gets_403() {
    for (served, host, expected) in [
        ("127.0.0.1:7878", "127.0.0.1:7878", StatusCode::OK),
        ("127.0.0.1:7878", "localhost:7878", StatusCode::OK),
        ("127.0.0.1:7878", "LOCALHOST:7878", StatusCode::OK),
        ("127.0.0.1:7878", "[::1]:7878", StatusCode::OK),
        ("127.0.0.1:80", "localhost", StatusCode::OK),
        ("[::1]:7878", "[::1]:7878", StatusCode::OK),
        ("[::1]:7878", "localhost:7878", StatusCode::OK),
        ("0.0.0.0:7878", "192.168.1.5:7878", StatusCode::OK),
        ("0.0.0.0:7878", "localhost:7878", StatusCode::OK),
        ("192.168.1.5:7878", "192.168.1.5:7878", StatusCode::OK),
        // Another port is another server.
        ("127.0.0.1:7878", "127.0.0.1:7879", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "localhost", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "localhost:", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "localhost:x", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "localhost:7878:7878", StatusCode::FORBIDDEN),
        // A name that is not localhost may be anyone's (DNS rebinding).
        ("127.0.0.1:7878", "attacker.example:7878", StatusCode::FORBIDDEN),
        (
            "127.0.0.1:7878",
            "localhost.attacker.example:7878",
            StatusCode::FORBIDDEN,
        ),
        ("127.0.0.1:7878", "127.0.0.1.nip.io:7878", StatusCode::FORBIDDEN),
        ("0.0.0.0:7878", "newsroom.example:7878", StatusCode::FORBIDDEN),
        ("192.168.1.5:7878", "localhost:7878", StatusCode::FORBIDDEN),
        ("192.168.1.5:7878", "192.168.1.6:7878", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "192.168.1.5:7878", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "[::1", StatusCode::FORBIDDEN),
        ("127.0.0.1:7878", "", StatusCode::FORBIDDEN),
    ] {
        for method in ["GET", "POST"] {
            let (status, body) = guarded(served, method, &[("host", host)]).await;
            assert_eq!(
                status, expected,
                "served at {served}, {method} with Host: {host}: {body}"
            );
            if expected == StatusCode::FORBIDDEN {
                let served: SocketAddr = served.parse().unwrap();
                assert_eq!(
                    body,
                    serde_json::json!({
                        "error": format!("Host {host:?} is not this server ({served})")
                    })
                    .to_string()
                );
            }
        }
    }
    // No Host at all (HTTP/1.0).
    let (status, body) = guarded("127.0.0.1:7878", "GET", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        r#"{"error":"no Host header: this server is 127.0.0.1:7878"}"#
    );
}

#[tokio::test]
async fn an_origin_that_is_not_the_page_gets_403() {
    for (origin, expected) in [
        ("http://127.0.0.1:7878", StatusCode::OK),
        ("http://localhost:7878", StatusCode::OK),
        ("http://[::1]:7878", StatusCode::OK),
        // A form on another site posting to the page's address.
        ("http://attacker.example", StatusCode::FORBIDDEN),
        ("https://attacker.example:7878", StatusCode::FORBIDDEN),
        ("http://attacker.example:7878", StatusCode::FORBIDDEN),
        // A page served elsewhere on this machine is another origin.
        ("http://127.0.0.1:8080", StatusCode::FORBIDDEN),
        ("http://localhost", StatusCode::FORBIDDEN),
        ("https://127.0.0.1:7878", StatusCode::FORBIDDEN),
        // Sandboxed frames, file:// pages and redirects send null.
        ("null", StatusCode::FORBIDDEN),
        ("http://127.0.0.1:7878/page", StatusCode::FORBIDDEN),
        ("", StatusCode::FORBIDDEN),
    ] {
        for method in ["GET", "POST"] {
            let (status, body) = guarded(
                "127.0.0.1:7878",
                method,
                &[("host", "127.0.0.1:7878"), ("origin", origin)],
            )
            .await;
            assert_eq!(status, expected, "{method} with Origin: {origin}: {body}");
            if expected == StatusCode::FORBIDDEN {
                assert_eq!(
                    body,
                    serde_json::json!({
                        "error": format!(
                            "a request from {origin:?}, which is not this server's page (127.0.0.1:7878)"
                        )
                    })
                    .to_string()
                );
            }
        }
    }
}

/// A router whose checks have `checks` turns, waited for `wait`.
fn app_with(checks: usize, wait: Duration) -> Router {
    let limits = Limits {
        checks,
        check_wait: wait,
        ..Limits::default()
    };
    router_with(
        Server::new(PackOptions::default(), None).expect("the built-in pack loads"),
        &limits,
    )
}

/// About 4 MB of the seed article: a check that takes a while.
fn long_draft() -> String {
    let text = std::fs::read_to_string(SEED).unwrap();
    vec![text.as_str(); 4 * 1024 * 1024 / text.len()].join("\n")
}

async fn post_to(app: Router, body: String) -> (StatusCode, Option<String>, String) {
    let request = Request::post("/api/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let retry = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_string());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, retry, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn checks_past_the_cap_wait_their_turn_then_get_503() {
    let body = check_body(&long_draft(), serde_json::json!({}));
    // One turn, waited for a millisecond: of two checks at once, one runs
    // and the other is turned away.
    let app = app_with(1, Duration::from_millis(1));
    let (a, b) = tokio::join!(
        post_to(app.clone(), body.clone()),
        post_to(app.clone(), body.clone())
    );
    let mut answers = [a, b];
    answers.sort_by_key(|(status, _, _)| *status);
    assert_eq!(answers[0].0, StatusCode::OK);
    assert_eq!(answers[0].1, None);
    assert_eq!(answers[1].0, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answers[1].1.as_deref(), Some("1"));
    assert_eq!(
        answers[1].2,
        r#"{"error":"the server is busy with other checks; try again in 1 s"}"#
    );
    // The turn is given back: the next check runs.
    assert_eq!(post_to(app, body.clone()).await.0, StatusCode::OK);
    // Waited for long enough, both run, one after the other.
    let app = app_with(1, Duration::from_secs(60));
    let (a, b) = tokio::join!(post_to(app.clone(), body.clone()), post_to(app, body.clone()));
    assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
    assert_eq!(a.2, b.2);
}

#[test]
fn the_default_limits_are_those_documented() {
    let limits = Limits::default();
    assert_eq!(limits.header_timeout, Duration::from_secs(10));
    assert_eq!(limits.body_timeout, Duration::from_secs(30));
    assert_eq!(limits.idle_timeout, Duration::from_secs(30));
    assert_eq!(limits.check_wait, Duration::from_secs(2));
    let cores = std::thread::available_parallelism().unwrap().get();
    assert_eq!(limits.checks, 2 * cores);
}

/// Writes all of `bytes` (tokio's io-util is not among the features).
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads what is there, waiting for something (0: closed).
async fn read(stream: &TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        stream.readable().await?;
        match stream.try_read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            result => return result,
        }
    }
}

/// `serve` on a free loopback port with `limits`, in the background: its
/// address.
async fn listening(limits: Limits) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = Server::new(PackOptions::default(), None).expect("the built-in pack loads");
    tokio::spawn(serve(listener, server, limits, std::future::pending()));
    address
}

/// Reads what the server sends until it closes the connection (or
/// `bound` passes: then panics): the bytes and when the connection closed.
async fn until_closed(stream: &mut TcpStream, bound: Duration) -> (String, Instant) {
    let mut received = Vec::new();
    let read = tokio::time::timeout(bound, async {
        let mut chunk = [0u8; 4096];
        loop {
            match read(stream, &mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the server had not closed the connection after {bound:?}; it sent {:?}",
        String::from_utf8_lossy(&received)
    );
    (String::from_utf8_lossy(&received).into_owned(), Instant::now())
}

/// A request as the page sends it, on a new connection: the whole answer.
async fn raw(address: SocketAddr, request: String) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    write_all(&stream, request.as_bytes()).await.unwrap();
    until_closed(&mut stream, Duration::from_secs(30)).await.0
}

fn short(header: u64, body: u64, idle: u64) -> Limits {
    Limits {
        header_timeout: Duration::from_millis(header),
        body_timeout: Duration::from_millis(body),
        idle_timeout: Duration::from_millis(idle),
        ..Limits::default()
    }
}

#[tokio::test]
async fn the_page_s_own_requests_are_answered_on_a_real_socket() {
    let address = listening(Limits::default()).await;
    let page = raw(
        address,
        format!("GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains(r#"<textarea id="draft""#));
    let draft = r#"{"text": "The cease-fire held. The ceasefire broke.", "format": "txt", "style": null, "date": null}"#;
    // As the browser sends the page's fetch: same-origin, with an Origin.
    let answer = raw(
        address,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: {address}\r\nOrigin: http://{address}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{draft}",
            draft.len()
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.contains("\"rule\": \"terms.hyphenation\""), "{answer}");
    // From localhost too, the same port.
    let port = address.port();
    let answer = raw(
        address,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: http://localhost:{port}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{draft}",
            draft.len()
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    // A form another site posts, and a rebound name, are refused.
    let form = "text=The+cease-fire+held.";
    let answer = raw(
        address,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: {address}\r\nOrigin: http://attacker.example\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
            form.len()
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{answer}");
    let answer = raw(
        address,
        format!("GET /api/settings HTTP/1.1\r\nHost: attacker.example:{port}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{answer}");
    // Without the Origin check (same Host), the type check turns the form away.
    let answer = raw(
        address,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{draft}",
            draft.len()
        ),
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"),
        "{answer}"
    );
}

#[tokio::test]
async fn a_body_over_5_mb_gets_413_on_a_real_socket() {
    let address = listening(Limits::default()).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    // Only the head: the length alone is refused, nothing more is read.
    write_all(
        &stream,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\n\r\n{{\"text\": \"",
            6 * 1024 * 1024
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let (answer, _) = until_closed(&mut stream, Duration::from_secs(10)).await;
    assert!(
        answer.starts_with("HTTP/1.1 413 Payload Too Large\r\n"),
        "{answer}"
    );
    assert!(
        answer.ends_with(r#"{"error":"the request is larger than 5 MB"}"#),
        "{answer}"
    );
}

#[tokio::test]
async fn a_client_sending_its_head_a_byte_at_a_time_is_dropped() {
    let address = listening(Limits::default()).await;
    let stream = TcpStream::connect(address).await.unwrap();
    let opened = Instant::now();
    // A byte a second keeps the connection from being idle; the head is
    // never complete, and after 10 s the connection is closed.
    let head = format!("GET / HTTP/1.1\r\nHost: {address}\r\nX-Slow: {}", "a".repeat(100));
    let mut dripping = head.as_bytes().iter();
    let closed = loop {
        let byte = dripping
            .next()
            .expect("the server closes before the head is sent");
        if write_all(&stream, &[*byte]).await.is_err() {
            break Instant::now();
        }
        let mut chunk = [0u8; 64];
        match tokio::time::timeout(Duration::from_secs(1), read(&stream, &mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break Instant::now(),
            Ok(Ok(n)) => panic!("the server answered {:?}", String::from_utf8_lossy(&chunk[..n])),
            Err(_) => {}
        }
    };
    let after = closed - opened;
    assert!(
        after >= Duration::from_secs(9) && after <= Duration::from_secs(13),
        "closed after {after:?}"
    );
}

#[tokio::test]
async fn a_partial_head_is_dropped_after_the_header_timeout() {
    let address = listening(short(600, 60_000, 60_000)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let opened = Instant::now();
    write_all(
        &stream,
        format!("POST /api/check HTTP/1.1\r\nHost: {address}\r\n").as_bytes(),
    )
    .await
    .unwrap();
    let (answer, closed) = until_closed(&mut stream, Duration::from_secs(5)).await;
    let after = closed - opened;
    assert!(
        after >= Duration::from_millis(550),
        "closed after {after:?}: {answer}"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn a_client_that_connects_and_waits_is_dropped() {
    // By the idle timeout when it is the shorter, and by the header
    // timeout otherwise.
    for limits in [short(60_000, 60_000, 500), short(500, 60_000, 60_000)] {
        let address = listening(limits).await;
        let mut stream = TcpStream::connect(address).await.unwrap();
        let opened = Instant::now();
        let (answer, closed) = until_closed(&mut stream, Duration::from_secs(5)).await;
        assert!(
            closed - opened >= Duration::from_millis(450),
            "{:?}",
            closed - opened
        );
        assert_eq!(answer, "");
    }
}

#[tokio::test]
async fn a_kept_alive_connection_is_dropped_when_it_goes_quiet() {
    let address = listening(short(800, 60_000, 60_000)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    write_all(
        &stream,
        format!("GET /api/settings HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes(),
    )
    .await
    .unwrap();
    let answered = Instant::now();
    let (answer, closed) = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with(r#""date":null}"#), "{answer}");
    assert!(
        closed - answered >= Duration::from_millis(700),
        "{:?}",
        closed - answered
    );
}

#[tokio::test]
async fn a_body_that_does_not_arrive_gets_408_and_the_connection_closed() {
    let address = listening(short(60_000, 700, 60_000)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let body = r#"{"text": "The cease-fire held."}"#;
    write_all(
        &stream,
        format!(
            "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\n\r\n{}",
            body.len(),
            &body[..10]
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let sent = Instant::now();
    let (answer, closed) = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(closed - sent >= Duration::from_millis(650), "{:?}", closed - sent);
    assert!(answer.starts_with("HTTP/1.1 408 Request Timeout\r\n"), "{answer}");
    assert!(
        answer.ends_with(r#"{"error":"the request's body did not arrive within 700ms"}"#),
        "{answer}"
    );
}
