//! The local web page for desk editors (`claimlint serve`): an HTTP server
//! on the loopback interface that serves one page and a JSON API, both
//! backed by [`Setup::check`], the call the command line checks with.
//!
//! | route | answer |
//! |---|---|
//! | `GET /` | the page (HTML, CSS and JavaScript embedded in the binary) |
//! | `POST /api/check` | the JSON report (`docs/json.md`) of one draft |
//! | `GET /api/rules` | the loaded rules, as `claimlint rules list` lists them |
//! | `GET /api/settings` | the style packs, the server's style and date |
//!
//! Request bodies over [`BODY_LIMIT`] get 413, a body that is not the
//! expected JSON 400 with a message, and anything else 404. On a loopback
//! address, [`run`] also answers 403 to a request for another host name
//! ([`loopback_only`]), so that a web page cannot reach the server through
//! a name it controls (DNS rebinding). The server
//! reads no file after it has loaded its rule packs, writes none, and logs
//! no draft text. Drafts checked through the API are named
//! [`DRAFT_TXT`] or [`DRAFT_MD`] in the report.
//!
//! ```no_run
//! use claimlint::serve::{router, Server};
//! use claimlint::setup::PackOptions;
//!
//! let server = Server::new(PackOptions::default(), None).unwrap();
//! let app = router(server); // an axum Router, to serve or to drive with tower
//! # let _ = app;
//! ```

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::report::{self, Checked, Run};
use crate::rule_list::{self, ListedRule};
use crate::setup::{PackOptions, Setup};
use crate::source::{Format, Source};

/// The largest request body accepted: 5 MB.
pub const BODY_LIMIT: usize = 5 * 1024 * 1024;

/// The path a plain-text draft has in an API report.
pub const DRAFT_TXT: &str = "draft.txt";

/// The path a Markdown draft has in an API report.
pub const DRAFT_MD: &str = "draft.md";

/// Setups kept for styles and dates other than the server's; past this
/// many the cache starts afresh.
const CACHED_SETUPS: usize = 16;

/// The page.
const INDEX_HTML: &str = include_str!("assets/index.html");
/// The page's and the HTML report's style sheet.
pub(crate) const APP_CSS: &str = include_str!("assets/app.css");
/// The renderer the page and the HTML report share.
pub(crate) const RENDER_JS: &str = include_str!("assets/render.js");
/// The page's editing, checking and fixing.
const PAGE_JS: &str = include_str!("assets/page.js");

/// A style and a publication date: what selects a [`Setup`].
type SetupKey = (Option<String>, Option<jiff::civil::Date>);

/// What the server checks with: the rule options and configuration it was
/// started with, and a [`Setup`] per style and date asked for, built on
/// first use.
#[derive(Debug)]
pub struct Server {
    options: PackOptions,
    config: Option<Config>,
    default: Arc<Setup>,
    setups: Mutex<HashMap<SetupKey, Arc<Setup>>>,
    rules: Vec<ListedRule>,
}

impl Server {
    /// Loads the packs the options and the configuration name; fails, with
    /// the mistake's location, when they do not load.
    pub fn new(options: PackOptions, config: Option<Config>) -> Result<Server, String> {
        let default = Arc::new(Setup::new(&options, config.as_ref(), None)?);
        let rules = rule_list::list(&options, config.as_ref())?;
        Ok(Server {
            options,
            config,
            default,
            setups: Mutex::new(HashMap::new()),
            rules,
        })
    }

    /// The style the server checks with when a request names none.
    fn default_style(&self) -> Option<&str> {
        self.options
            .style
            .as_deref()
            .or(self.config.as_ref().and_then(|c| c.style.as_deref()))
    }

    /// The setup for a style and a date (`None`: the server's), built once.
    fn setup(&self, style: Option<&str>, date: Option<jiff::civil::Date>) -> Result<Arc<Setup>, String> {
        if style.is_none() && date.is_none() {
            return Ok(self.default.clone());
        }
        let key = (style.map(str::to_string), date);
        // A panic elsewhere cannot leave the map half-written: take it as it is.
        let mut setups = self.setups.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(setup) = setups.get(&key) {
            return Ok(setup.clone());
        }
        let mut options = self.options.clone();
        if let Some(style) = style {
            options.style = Some(style.to_string());
        }
        let setup = Arc::new(Setup::new(&options, self.config.as_ref(), date)?);
        if setups.len() >= CACHED_SETUPS {
            setups.clear();
        }
        setups.insert(key, setup.clone());
        Ok(setup)
    }

    /// The JSON report of one draft, as `claimlint check --format json`
    /// writes it.
    fn check(&self, request: CheckRequest) -> Result<Vec<u8>, String> {
        let date = match request.date.as_deref() {
            None | Some("") => None,
            Some(text) => Some(crate::config::parse_date(text).map_err(|e| format!("date: {e}"))?),
        };
        // An unknown style fails here, naming the available ones.
        let style = request.style.as_deref().filter(|s| !s.is_empty());
        let setup = self.setup(style, date)?;
        let (path, format) = match request.format {
            DraftFormat::Txt => (DRAFT_TXT, Format::Text),
            DraftFormat::Md => (DRAFT_MD, Format::Markdown),
        };
        let source = Source::new(path, request.text, format);
        let findings = setup.check(&source);
        let run = Run {
            files: vec![Checked { source, findings }],
            errors: Vec::new(),
        };
        let mut body = Vec::new();
        report::json::write(&run, &mut body).map_err(|e| format!("cannot write the report: {e}"))?;
        Ok(body)
    }
}

/// The body of `POST /api/check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    /// The draft.
    text: String,
    /// How to read it; plain text when absent.
    #[serde(default)]
    format: DraftFormat,
    /// A style pack by name; the server's when absent, null or empty.
    #[serde(default)]
    style: Option<String>,
    /// The publication date, `YYYY-MM-DD`; the server's when absent, null
    /// or empty.
    #[serde(default)]
    date: Option<String>,
}

/// How an API draft is read.
#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum DraftFormat {
    /// Plain text.
    #[default]
    Txt,
    /// Markdown.
    Md,
}

/// The answer of `GET /api/rules`.
#[derive(Serialize)]
struct RulesAnswer<'a> {
    rules: Vec<RuleAnswer<'a>>,
}

/// One rule in `GET /api/rules`.
#[derive(Serialize)]
struct RuleAnswer<'a> {
    code: &'a str,
    severity: &'static str,
    entry: &'a str,
    file: &'a str,
}

/// The answer of `GET /api/settings`.
#[derive(Serialize)]
struct SettingsAnswer<'a> {
    styles: Vec<&'static str>,
    style: Option<&'a str>,
    date: Option<String>,
}

/// The router serving the page and the API for `server`.
pub fn router(server: Server) -> Router {
    Router::new()
        .route("/", get(index))
        .route(
            "/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route(
            "/render.js",
            get(|| async { asset("text/javascript; charset=utf-8", RENDER_JS) }),
        )
        .route(
            "/page.js",
            get(|| async { asset("text/javascript; charset=utf-8", PAGE_JS) }),
        )
        .route("/api/check", post(check))
        .route("/api/rules", get(rules))
        .route("/api/settings", get(settings))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(Arc::new(server))
}

/// The page, with a policy that lets it load nothing but its own assets.
async fn index() -> Response {
    let mut response = asset("text/html; charset=utf-8", INDEX_HTML);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

/// An embedded asset.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `{"error": message}` with a status.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    #[derive(Serialize)]
    struct ErrorAnswer {
        error: String,
    }
    (
        status,
        axum::Json(ErrorAnswer {
            error: message.into(),
        }),
    )
        .into_response()
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not found")
}

async fn check(State(server): State<Arc<Server>>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request is larger than {} MB", BODY_LIMIT / (1024 * 1024)),
            )
        }
        Err(rejection) => return error(rejection.status(), rejection.body_text()),
    };
    let request: CheckRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) if e.is_data() => return error(StatusCode::BAD_REQUEST, format!("bad request: {e}")),
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("malformed JSON: {e}")),
    };
    // Checking is CPU work: keep it off the threads that serve requests.
    let checked = tokio::task::spawn_blocking(move || server.check(request)).await;
    match checked {
        Ok(Ok(report)) => ([(header::CONTENT_TYPE, "application/json")], Bytes::from(report)).into_response(),
        Ok(Err(message)) => error(StatusCode::BAD_REQUEST, message),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "the check failed"),
    }
}

async fn rules(State(server): State<Arc<Server>>) -> Response {
    let answer = RulesAnswer {
        rules: server
            .rules
            .iter()
            .map(|r| RuleAnswer {
                code: &r.code,
                severity: r.severity.as_str(),
                entry: &r.entry,
                file: &r.file,
            })
            .collect(),
    };
    axum::Json(answer).into_response()
}

async fn settings(State(server): State<Arc<Server>>) -> Response {
    let answer = SettingsAnswer {
        styles: crate::rules::styles(),
        style: server.default_style(),
        date: server.default.checker.date().map(|d| d.to_string()),
    };
    axum::Json(answer).into_response()
}

/// `router` answering only requests whose `Host` is a loopback name
/// (`localhost`, `127.0.0.1`, `[::1]`, with any port); others get 403.
/// For a server on a loopback address, where no other name can be meant.
pub fn loopback_only(router: Router) -> Router {
    router.layer(axum::middleware::from_fn(
        |request: axum::extract::Request, next: axum::middleware::Next| async move {
            let host = request
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            if is_loopback_host(host) {
                next.run(request).await
            } else {
                error(
                    StatusCode::FORBIDDEN,
                    "this server answers requests for localhost only",
                )
            }
        },
    ))
}

/// Whether a `Host` header names this machine by a loopback name.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Serves the page on `host:port` (port 0: a free port) until Ctrl-C,
/// printing its URL on standard output and, when the address is not a
/// loopback one, a warning on standard error.
pub fn run(server: Server, host: &str, port: u16) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host, port))
            .await
            .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
        let app = if address.ip().is_loopback() {
            loopback_only(router(server))
        } else {
            router(server)
        };
        if !address.ip().is_loopback() {
            eprintln!(
                "warning: listening on {}, which is not a loopback address: \
                 other machines can reach the page and every draft pasted into it",
                address.ip()
            );
        }
        let mut stdout = std::io::stdout();
        // The URL is the one line a script waits for; a closed stdout does
        // not stop the server.
        let _ = writeln!(
            stdout,
            "claimlint serves the page at http://{address}/ (Ctrl-C to stop)"
        );
        let _ = stdout.flush();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}
