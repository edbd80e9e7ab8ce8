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
//! The page's requests are the only ones answered. [`router_with`] gives
//! 415 to a POST whose `Content-Type` is not `application/json`, 413 to a
//! body over [`BODY_LIMIT`], 408 to a body slower than
//! [`Limits::body_timeout`], 503 (with `Retry-After`) to a check that
//! finds no turn among [`Limits::checks`] in [`Limits::check_wait`], 400
//! with a message to a body that is not the expected JSON, and 404 to
//! anything else. [`served_at`] gives 403 to a request whose `Host` or
//! `Origin` is not the address served (cross-site posts, DNS rebinding).
//! [`serve`] closes a connection whose request head is not complete
//! within [`Limits::header_timeout`] or that is idle for
//! [`Limits::idle_timeout`]. The server
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
use std::future::Future;
use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

use crate::assets::{APP_CSS, INDEX_HTML, PAGE_JS, RENDER_JS};
use crate::config::Config;
use crate::report::{self, Checked, Run};
use crate::rule_list::{self, ListedRule};
use crate::setup::{PackOptions, Setup, SetupError};
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

/// A style and a publication date: what selects a [`Setup`].
type SetupKey = (Option<String>, Option<jiff::civil::Date>);

/// Why a request gets no report: rendered once, as `{"error": MESSAGE}`
/// with the HTTP status its variant gives ([`RequestError::status`]).
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// A path the server does not serve, or a method it does not take
    /// there (404).
    #[error("not found")]
    NotFound,
    /// A POST whose `Content-Type` is not `application/json` (415).
    #[error("a POST must have Content-Type: application/json")]
    NotJson,
    /// A body over [`BODY_LIMIT`] (413). `unread`: the body was refused
    /// on its `Content-Length`, before any of it was read.
    #[error("the request is larger than {} MB", BODY_LIMIT / (1024 * 1024))]
    TooLarge {
        /// Whether the body is left unread (the connection then closes).
        unread: bool,
    },
    /// A body slower than [`Limits::body_timeout`] (408); the rest of it
    /// is not read, so the connection closes.
    #[error("the request's body did not arrive within {0:?}")]
    BodyTimeout(Duration),
    /// A body the server could not read, with the status axum gave it.
    #[error("{message}")]
    Unreadable {
        /// axum's status for the failure.
        status: StatusCode,
        /// axum's account of it.
        message: String,
    },
    /// JSON that is not a check request: no `text`, an unknown field
    /// or format (400).
    #[error("bad request: {0}")]
    BadRequest(serde_json::Error),
    /// A body that is not JSON (400).
    #[error("malformed JSON: {0}")]
    MalformedJson(serde_json::Error),
    /// A `date` that is not a day (400).
    #[error("date: {0}")]
    Date(String),
    /// A `style` that is not a pack, naming the available ones (400).
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// No turn among [`Limits::checks`] within [`Limits::check_wait`]
    /// (503, with `Retry-After`).
    #[error("the server is busy with other checks; try again in {RETRY_AFTER} s")]
    Busy,
    /// The report could not be written (500).
    #[error("cannot write the report: {0}")]
    Report(std::io::Error),
    /// The check stopped without a report (500).
    #[error("the check failed")]
    CheckFailed,
    /// A request not meant for this server, by its `Host` or `Origin`
    /// (403; see [`served_at`]).
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl RequestError {
    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        match self {
            RequestError::NotFound => StatusCode::NOT_FOUND,
            RequestError::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RequestError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            RequestError::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            RequestError::Unreadable { status, .. } => *status,
            RequestError::BadRequest(_)
            | RequestError::MalformedJson(_)
            | RequestError::Date(_)
            | RequestError::Setup(_) => StatusCode::BAD_REQUEST,
            RequestError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            RequestError::Report(_) | RequestError::CheckFailed => StatusCode::INTERNAL_SERVER_ERROR,
            RequestError::Refused(_) => StatusCode::FORBIDDEN,
        }
    }
}

impl IntoResponse for RequestError {
    /// `{"error": message}` with the variant's status; a body left unread
    /// closes the connection, and a busy server says when to retry.
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct ErrorAnswer {
            error: String,
        }
        let mut response = (
            self.status(),
            [(header::X_CONTENT_TYPE_OPTIONS, "nosniff")],
            axum::Json(ErrorAnswer {
                error: self.to_string(),
            }),
        )
            .into_response();
        let headers = response.headers_mut();
        match self {
            // The rest of the body is not read: the connection cannot serve
            // another request.
            RequestError::TooLarge { unread: true } | RequestError::BodyTimeout(_) => {
                headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            RequestError::Busy => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
            }
            _ => {}
        }
        response
    }
}

/// Why a request is not for the server at `served` (403).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The request names no host.
    #[error("no Host header: this server is {served}")]
    NoHost {
        /// The address served.
        served: SocketAddr,
    },
    /// The `Host` names another server.
    #[error("Host {host:?} is not this server ({served})")]
    Host {
        /// The `Host` header, its invalid UTF-8 replaced.
        host: String,
        /// The address served.
        served: SocketAddr,
    },
    /// An `Origin` that is not the page's.
    #[error("a request from {origin:?}, which is not this server's page ({served})")]
    Origin {
        /// The `Origin` header, its invalid UTF-8 replaced.
        origin: String,
        /// The address served.
        served: SocketAddr,
    },
}

/// Why the server did not start or stopped: rendered once by the
/// command line, as `error: MESSAGE`, with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The rule packs or the configuration did not load.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// The asynchronous runtime could not start.
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
    /// The address could not be listened on.
    #[error("cannot listen on {host}:{port}: {cause}")]
    Bind {
        /// The host asked for.
        host: String,
        /// The port asked for.
        port: u16,
        /// What the system said.
        cause: std::io::Error,
    },
    /// Serving failed after it had started.
    #[error("the server stopped: {0}")]
    Stopped(std::io::Error),
}

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
    pub fn new(options: PackOptions, config: Option<Config>) -> Result<Server, ServeError> {
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
    fn setup(&self, style: Option<&str>, date: Option<jiff::civil::Date>) -> Result<Arc<Setup>, SetupError> {
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
    fn check(&self, request: CheckRequest) -> Result<Vec<u8>, RequestError> {
        let date = match request.date.as_deref() {
            None | Some("") => None,
            Some(text) => Some(crate::config::parse_date(text).map_err(RequestError::Date)?),
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
        report::json::write(&run, &mut body).map_err(RequestError::Report)?;
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

/// What one client may hold of the server: how long a connection may take
/// over a request, and how many checks run at once. [`run`] serves with
/// [`Limits::default`].
#[derive(Debug, Clone)]
pub struct Limits {
    /// A request's head (request line and headers) must be complete this
    /// long after the connection opens or the previous answer is sent, or
    /// the connection is closed: 10 s. A client that connects and waits,
    /// or sends a byte now and then, is dropped then.
    pub header_timeout: Duration,
    /// A request's body must be complete this long after its head, or the
    /// answer is 408 and the connection is closed: 30 s.
    pub body_timeout: Duration,
    /// A connection on which no byte moves either way for this long, while
    /// none of its requests is being answered (a client that stops reading
    /// an answer), is closed: 30 s.
    pub idle_timeout: Duration,
    /// Checks run at once (at least one): twice the cores.
    pub checks: usize,
    /// How long a check waits for its turn before the answer is 503 with
    /// `Retry-After`: 2 s.
    pub check_wait: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(30),
            checks: 2 * cores,
            check_wait: Duration::from_secs(2),
        }
    }
}

/// The `Retry-After` of a 503, in seconds.
const RETRY_AFTER: &str = "1";

/// What the handlers share: the server and its turns to check.
struct Shared {
    server: Server,
    checks: Arc<Semaphore>,
    body_timeout: Duration,
    check_wait: Duration,
}

/// The router serving the page and the API for `server`, with the
/// [default limits](Limits::default) on checks.
pub fn router(server: Server) -> Router {
    router_with(server, &Limits::default())
}

/// The router serving the page and the API for `server`: a POST whose
/// `Content-Type` is not `application/json` gets 415, a body over
/// [`BODY_LIMIT`] 413, a body slower than `limits.body_timeout` 408, a
/// check that finds no turn within `limits.check_wait` 503. The `Host` and
/// `Origin` checks are [`served_at`]'s.
pub fn router_with(server: Server, limits: &Limits) -> Router {
    let shared = Shared {
        server,
        checks: Arc::new(Semaphore::new(limits.checks.clamp(1, Semaphore::MAX_PERMITS))),
        body_timeout: limits.body_timeout,
        check_wait: limits.check_wait,
    };
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
        .layer(axum::middleware::from_fn(json_posts_only))
        .with_state(Arc::new(shared))
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

async fn not_found() -> RequestError {
    RequestError::NotFound
}

/// 415 for a POST that is not JSON. A page elsewhere can post a form or
/// `text/plain` to any address without asking; a JSON post from it needs
/// the server's consent (a CORS preflight), which this server never gives.
async fn json_posts_only(request: Request, next: Next) -> Response {
    if request.method() == Method::POST && !is_json(request.headers()) {
        return RequestError::NotJson.into_response();
    }
    next.run(request).await
}

/// Whether the `Content-Type` is `application/json` (with any parameters).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

async fn check(State(shared): State<Arc<Shared>>, request: Request) -> Result<Response, RequestError> {
    // A length over the limit is refused before any of the body is read.
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        return Err(RequestError::TooLarge { unread: true });
    }
    let body = match tokio::time::timeout(shared.body_timeout, Bytes::from_request(request, &())).await {
        Ok(Ok(body)) => body,
        Ok(Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(RequestError::TooLarge { unread: false })
        }
        Ok(Err(rejection)) => {
            return Err(RequestError::Unreadable {
                status: rejection.status(),
                message: rejection.body_text(),
            })
        }
        Err(_) => return Err(RequestError::BodyTimeout(shared.body_timeout)),
    };
    let request: CheckRequest = serde_json::from_slice(&body).map_err(|e| {
        if e.is_data() {
            RequestError::BadRequest(e)
        } else {
            RequestError::MalformedJson(e)
        }
    })?;
    let permit = tokio::time::timeout(shared.check_wait, shared.checks.clone().acquire_owned())
        .await
        // No turn in time (the semaphore is never closed).
        .map_err(|_| RequestError::Busy)?
        .map_err(|_| RequestError::Busy)?;
    // Checking is CPU work: keep it off the threads that serve requests.
    // The turn is held until the check ends, even if the client has gone.
    let report = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        shared.server.check(request)
    })
    .await
    .map_err(|_| RequestError::CheckFailed)??;
    Ok(([(header::CONTENT_TYPE, "application/json")], Bytes::from(report)).into_response())
}

async fn rules(State(shared): State<Arc<Shared>>) -> Response {
    let answer = RulesAnswer {
        rules: shared
            .server
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

async fn settings(State(shared): State<Arc<Shared>>) -> Response {
    let server = &shared.server;
    let answer = SettingsAnswer {
        styles: crate::rules::styles(),
        style: server.default_style(),
        date: server.default.checker.date().map(|d| d.to_string()),
    };
    axum::Json(answer).into_response()
}

/// `router` answering only requests meant for the server at `address`:
/// others get 403. A request's `Host` must name `address` (its port, and
/// its IP address, `localhost` for a loopback or unspecified address, or
/// any loopback address for a loopback one), so that a page elsewhere
/// cannot reach the server through a host name it controls (DNS
/// rebinding); and an `Origin`, when the browser sends one, must be
/// `http://` and such a name, so that a page elsewhere cannot have the
/// browser post to it (cross-site requests).
pub fn served_at(router: Router, address: SocketAddr) -> Router {
    router.layer(axum::middleware::from_fn(
        move |request: Request, next: Next| async move {
            match refusal(request.headers(), address) {
                Some(refusal) => RequestError::Refused(refusal).into_response(),
                None => next.run(request).await,
            }
        },
    ))
}

/// Why a request with these headers is not for the server at `served`, if
/// it is not.
fn refusal(headers: &HeaderMap, served: SocketAddr) -> Option<Refusal> {
    let Some(host) = headers.get(header::HOST) else {
        return Some(Refusal::NoHost { served });
    };
    let host = String::from_utf8_lossy(host.as_bytes());
    if !names(&host, served) {
        return Some(Refusal::Host {
            host: host.into_owned(),
            served,
        });
    }
    for origin in headers.get_all(header::ORIGIN) {
        let origin = String::from_utf8_lossy(origin.as_bytes());
        if !origin
            .strip_prefix("http://")
            .is_some_and(|authority| names(authority, served))
        {
            return Some(Refusal::Origin {
                origin: origin.into_owned(),
                served,
            });
        }
    }
    None
}

/// Whether `authority` (`name`, `name:port`, `[v6]:port`; no port: 80)
/// names the server at `served`.
fn names(authority: &str, served: SocketAddr) -> bool {
    let (name, bracketed, port) = match authority.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, port)) => (name, true, port),
            None => return false,
        },
        None => match authority.find(':') {
            Some(colon) => (&authority[..colon], false, &authority[colon..]),
            None => (authority, false, ""),
        },
    };
    let port = match port {
        "" => Some(80),
        port => port
            .strip_prefix(':')
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok()),
    };
    if port != Some(served.port()) {
        return false;
    }
    let ip = served.ip();
    let literal =
        |named: IpAddr| ip.is_unspecified() || named == ip || (named.is_loopback() && ip.is_loopback());
    if bracketed {
        name.parse::<Ipv6Addr>().is_ok_and(|a| literal(IpAddr::V6(a)))
    } else if let Ok(a) = name.parse::<Ipv4Addr>() {
        literal(IpAddr::V4(a))
    } else {
        name.eq_ignore_ascii_case("localhost") && (ip.is_loopback() || ip.is_unspecified())
    }
}

/// One connection's activity: how many of its requests are being answered,
/// and when a byte last moved or an answer was last ready.
struct Activity {
    busy: AtomicUsize,
    quiet_since: Mutex<Instant>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            busy: AtomicUsize::new(0),
            quiet_since: Mutex::new(Instant::now()),
        }
    }

    fn touch(&self) {
        *self.quiet_since.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    fn quiet_since(&self) -> Instant {
        *self.quiet_since.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A request of a connection being answered; the connection is not idle
/// meanwhile.
struct Busy(Arc<Activity>);

impl Busy {
    fn new(activity: Arc<Activity>) -> Busy {
        activity.busy.fetch_add(1, Ordering::SeqCst);
        Busy(activity)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A connection's stream that fails with `TimedOut` when it has been idle
/// (no byte either way, no request being answered) for `idle`.
struct Watched {
    stream: TcpStream,
    activity: Arc<Activity>,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
}

impl Watched {
    fn new(stream: TcpStream, activity: Arc<Activity>, idle: Duration) -> Watched {
        let deadline = activity.quiet_since() + idle;
        Watched {
            stream,
            activity,
            idle,
            timer: Box::pin(tokio::time::sleep_until(deadline)),
        }
    }

    /// After the stream answered Pending: Pending, or the idle timeout.
    fn idle(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        if self.activity.busy.load(Ordering::SeqCst) > 0 {
            // Woken again when the answer is written or the body read.
            return Poll::Pending;
        }
        let deadline = self.activity.quiet_since() + self.idle;
        if self.timer.deadline() != deadline {
            self.timer.as_mut().reset(deadline);
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the connection was idle too long",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.activity.touch();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.idle(cx),
        }
    }
}

impl Watched {
    /// A write's outcome: bytes written count as activity; a write that
    /// waits counts toward the idle timeout.
    fn wrote(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<std::io::Result<usize>>,
    ) -> Poll<std::io::Result<usize>> {
        match polled {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.activity.touch();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.idle(cx).map_ok(|()| 0),
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.wrote(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.wrote(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_flush(cx) {
            Poll::Pending => this.idle(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// Serves the page and the API for `server` on `listener` until
/// `shutdown` completes, with `limits` (see [`Limits`]) and the `Host`
/// and `Origin` checks of [`served_at`] for the listener's address; then
/// lets the open connections finish their requests (5 s at most).
pub async fn serve(
    listener: TcpListener,
    server: Server,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let address = listener.local_addr()?;
    let app = served_at(router_with(server, &limits), address);
    let mut builder = auto::Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let (stop, stopped) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // A connection that failed as it came is no matter; out
                    // of file descriptors, wait for some to close.
                    if !is_connection_error(&e) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Watched::new(stream, activity.clone(), limits.idle_timeout));
        let service = TowerToHyperService::new(app.clone().layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let busy = Busy::new(activity.clone());
                async move {
                    let response = next.run(request).await;
                    drop(busy);
                    response
                }
            },
        )));
        let builder = builder.clone();
        let mut stop = stopped.clone();
        tokio::spawn(async move {
            let connection = builder.serve_connection(io, service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stop.changed() => connection.as_mut().graceful_shutdown(),
            }
            let _ = connection.await;
        });
    }
    drop(listener);
    drop(stopped);
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(5), stop.closed()).await;
    Ok(())
}

/// An accept error about one connection only.
fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// Serves the page on `host:port` (port 0: a free port) until Ctrl-C, with
/// the [default limits](Limits::default), printing its URL on standard
/// output and, when the address is not a loopback one, a warning on
/// standard error.
pub fn run(server: Server, host: &str, port: u16) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async {
        let bind = |cause| ServeError::Bind {
            host: host.to_string(),
            port,
            cause,
        };
        let listener = TcpListener::bind((host, port)).await.map_err(bind)?;
        let address = listener.local_addr().map_err(bind)?;
        for warning in &server.default.checker.pack().warnings {
            eprintln!("warning: {warning}");
        }
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
        serve(listener, server, Limits::default(), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServeError::Stopped)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_error_s_status_and_headers_come_from_its_variant() {
        let served: SocketAddr = "127.0.0.1:7878".parse().unwrap();
        let cases = [
            (RequestError::NotFound, 404, None),
            (RequestError::NotJson, 415, None),
            (RequestError::TooLarge { unread: true }, 413, Some("close")),
            (RequestError::TooLarge { unread: false }, 413, None),
            (
                RequestError::BodyTimeout(Duration::from_millis(700)),
                408,
                Some("close"),
            ),
            (
                RequestError::Date("bad date \"2025-02-30\": no such day".into()),
                400,
                None,
            ),
            (RequestError::Busy, 503, None),
            (RequestError::CheckFailed, 500, None),
            (RequestError::Refused(Refusal::NoHost { served }), 403, None),
        ];
        for (e, status, connection) in cases {
            let message = e.to_string();
            let retry = matches!(e, RequestError::Busy);
            let response = e.into_response();
            assert_eq!(response.status().as_u16(), status, "{message}");
            let header = |name| {
                response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
            };
            assert_eq!(header(header::CONNECTION).as_deref(), connection, "{message}");
            assert_eq!(header(header::RETRY_AFTER).is_some(), retry, "{message}");
        }
    }

    #[test]
    fn a_bind_failure_names_the_address() {
        let e = ServeError::Bind {
            host: "127.0.0.1".into(),
            port: 7878,
            cause: std::io::Error::new(std::io::ErrorKind::AddrInUse, "Address already in use"),
        };
        assert_eq!(
            e.to_string(),
            "cannot listen on 127.0.0.1:7878: Address already in use"
        );
    }
}
