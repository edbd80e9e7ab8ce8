//! The JSON API of `claimlint serve`, driven through its router as a
//! browser would call it: every status code, and reports byte for byte
//! equal to `claimlint check --format json`.

use assert_cmd::Command;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

use claimlint::serve::{loopback_only, router, Server};
use claimlint::setup::PackOptions;

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
async fn on_loopback_only_loopback_host_names_are_answered() {
    for (host, expected) in [
        ("127.0.0.1:7878", StatusCode::OK),
        ("localhost:7878", StatusCode::OK),
        ("LOCALHOST", StatusCode::OK),
        ("[::1]:7878", StatusCode::OK),
        ("127.0.0.2", StatusCode::OK),
        ("attacker.example:7878", StatusCode::FORBIDDEN),
        ("localhost.attacker.example", StatusCode::FORBIDDEN),
        ("192.168.1.5:7878", StatusCode::FORBIDDEN),
        ("", StatusCode::FORBIDDEN),
    ] {
        let request = Request::get("/api/settings")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        let response = loopback_only(app()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), expected, "Host: {host}");
        if expected == StatusCode::FORBIDDEN {
            let body = response.into_body().collect().await.unwrap().to_bytes();
            assert_eq!(
                &body[..],
                br#"{"error":"this server answers requests for localhost only"}"#
            );
        }
    }
}
