//! The language server (`claimlint lsp`): findings inside a writer's
//! editor, over the Language Server Protocol.
//!
//! The server checks every Markdown and plain-text document the editor
//! opens (language `markdown`, `plaintext` or `text`, or a `.md`,
//! `.markdown` or `.txt` file) when it is opened, changed and saved, with
//! [`Setup::check`], the call `claimlint check` makes, so each diagnostic
//! says what the CLI says:
//!
//! - a finding becomes a diagnostic over its span, with the rule code, a
//!   link to the rule's documentation, its severity, its message, and its
//!   other places as related information;
//! - each fix that may be applied becomes a quick fix (safe ones preferred,
//!   unsafe ones titled as such; display-only fixes are never offered), and
//!   "Fix all safe findings" (`source.fixAll.claimlint`, offered once: as a
//!   quick fix on a finding that has a fix, else as that source action)
//!   makes the text `claimlint check --fix` would;
//! - the configuration is found from each workspace folder as the CLI finds
//!   it from the current directory, and read again when a YAML file in the
//!   workspace changes (where the client can watch files; elsewhere when a
//!   draft is saved). A configuration
//!   or rule-file mistake is shown to the writer (`window/showMessage`) and
//!   leaves that folder's documents without diagnostics until it is fixed.
//!
//! Checks run on a worker thread (`worker`), on the latest text of each
//! document: the message loop never waits for one, a newer edit replaces a
//! check still waiting, and a result for a text that has changed since is
//! dropped. A document above [`MAX_CHECKED_AS_YOU_TYPE`] bytes is checked
//! only when saved. A message with parameters the method does not take is
//! refused (a request, with `InvalidParams`) or reported on standard error
//! (a notification) and the session goes on; over standard input, so is a
//! message that is not JSON at all ([`mod@stdio`]).
//!
//! Positions are UTF-16 code units, as the protocol requires ([`position`]).
//! [`run`] serves one connection until the client exits; tests drive it in
//! memory with `lsp_server::Connection::memory()`, the binary over standard
//! input and output with [`stdio()`].

pub mod position;
pub mod stdio;
mod worker;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, DidChangeWatchedFilesRegistrationOptions, DocumentChanges, FileSystemWatcher,
    GlobPattern, InitializeParams, InitializeResult, Location, MessageType, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, PublishDiagnosticsParams, Registration, RegistrationParams,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentEdit, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
    WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
};
use serde::de::DeserializeOwned;

use crate::finding::{Applicability, Finding, Fix, Severity, Span};
use crate::setup::{PackOptions, Setup, SetupError};
use crate::source::Format;
use position::LineIndex;

use crate::lines::Unit;
pub use stdio::stdio;
use worker::{ActionsJob, Event, Snapshot, Worker};

/// The largest document (in bytes of UTF-8) checked as the writer types:
/// 1 MiB. A larger one is checked when saved, and until then carries one
/// information diagnostic saying so.
pub const MAX_CHECKED_AS_YOU_TYPE: usize = 1 << 20;

/// The code action kind of "Fix all safe findings".
pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.claimlint");

/// The title of the action that applies every safe fix.
pub const FIX_ALL_TITLE: &str = "Fix all safe findings";

/// Where the server's configuration comes from: with
/// [`ConfigChoice::Discover`], the nearest `.claimlint.yaml` at or above
/// the document's workspace folder (or, outside every folder, the
/// document's directory).
pub use crate::setup::ConfigChoice;

/// What the server checks with: the same pack options as `claimlint
/// check`, and where its configuration comes from.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Extra rule packs, the built-in pack or not, the style pack.
    pub pack: PackOptions,
    /// The configuration file to read.
    pub config: ConfigChoice,
}

/// Why the server stopped other than by `shutdown` then `exit`.
#[derive(Debug)]
pub enum Error {
    /// The client closed the connection before sending `exit`.
    Disconnected,
    /// The client sent `exit` without asking for `shutdown` first (the
    /// protocol asks for exit status 1).
    ExitWithoutShutdown,
    /// Reading standard input (or a message in it) or writing standard
    /// output failed.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Disconnected => f.write_str("the client closed the connection without `exit`"),
            Error::ExitWithoutShutdown => f.write_str("the client sent `exit` before `shutdown`"),
            Error::Io(e) => write!(f, "the connection failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Serves one connection: answers `initialize`, then checks documents and
/// answers requests until `exit`. `Ok` when the client asked for
/// `shutdown` before `exit`.
pub fn run(connection: Connection, options: &Options) -> Result<(), Error> {
    let params = initialize(&connection)?;
    let mut server = Server::new(connection, options.clone(), &params);
    server.serve()
}

/// Waits for `initialize` and answers it with the server's capabilities.
/// Requests before it are refused as the protocol says.
fn initialize(connection: &Connection) -> Result<InitializeParams, Error> {
    loop {
        let message = connection.receiver.recv().map_err(|_| Error::Disconnected)?;
        match message {
            Message::Request(request) if request.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => {
                        let result = InitializeResult {
                            capabilities: capabilities(column_unit(&params)),
                            server_info: Some(ServerInfo {
                                name: "claimlint".to_string(),
                                version: Some(env!("CARGO_PKG_VERSION").to_string()),
                            }),
                        };
                        send(connection, Response::new_ok(request.id, result).into())?;
                        return Ok(params);
                    }
                    Err(e) => send(
                        connection,
                        Response::new_err(
                            request.id,
                            ErrorCode::InvalidParams as i32,
                            format!("bad initialize parameters: {e}"),
                        )
                        .into(),
                    )?,
                }
            }
            Message::Request(request) => send(
                connection,
                Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    format!("`{}` before `initialize`", request.method),
                )
                .into(),
            )?,
            Message::Notification(n) if n.method == "exit" => return Err(Error::ExitWithoutShutdown),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
}

fn send(connection: &Connection, message: Message) -> Result<(), Error> {
    connection.sender.send(message).map_err(|_| Error::Disconnected)
}

/// The column unit agreed with the client that sent `params`.
fn column_unit(params: &InitializeParams) -> Unit {
    let general = params.capabilities.general.as_ref();
    position::negotiate(general.and_then(|g| g.position_encodings.as_deref()))
}

/// What the server can do, with columns in `unit`.
fn capabilities(unit: Unit) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(position::encoding_kind(unit)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

/// An open document.
struct Document {
    text: Arc<String>,
    version: i32,
    format: Format,
    /// The file, for a `file:` URI.
    path: Option<PathBuf>,
    /// Counts changes of the text and of its setup (from a counter shared
    /// by every document); what was worked out for another generation is
    /// stale.
    generation: u64,
    /// The generation whose findings were last published, if any.
    published: Option<u64>,
    /// Saved while too large to check as you type: the next check runs
    /// all the same.
    check_once: bool,
}

impl Document {
    /// The name findings carry: the file's path, else the URI.
    fn name(&self, uri: &Uri) -> String {
        self.path
            .as_ref()
            .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string())
    }

    fn too_large(&self) -> bool {
        self.text.len() > MAX_CHECKED_AS_YOU_TYPE
    }
}

/// What one message asks of the serve loop.
enum Flow {
    Continue,
    Exit(Result<(), Error>),
}

/// The server's state between messages.
struct Server {
    connection: Connection,
    /// Messages from the client (carried over from the connection by a
    /// thread) and reports from the worker, in one stream.
    events: mpsc::Receiver<Event>,
    worker: Worker,
    options: Options,
    /// Workspace folders, most deeply nested last.
    roots: Vec<PathBuf>,
    /// Setups by the directory their configuration was looked for from
    /// (`None` when it does not depend on one); `None` when loading failed
    /// and the writer was told.
    setups: HashMap<Option<PathBuf>, Option<Arc<Setup>>>,
    documents: HashMap<Uri, Document>,
    /// Documents to be checked (or told they are too large) once the
    /// client has no more messages waiting.
    dirty: BTreeSet<Uri>,
    /// The client applies versioned edits (`documentChanges`).
    document_changes: bool,
    /// The client lets the server register file watchers.
    watch_files: bool,
    /// What a column counts, as agreed in `initialize`.
    unit: Unit,
    shutdown: bool,
    next_request: i32,
    next_generation: u64,
}

impl Server {
    fn new(connection: Connection, options: Options, params: &InitializeParams) -> Server {
        let workspace = params.capabilities.workspace.as_ref();
        let document_changes = workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false);
        let watch_files = workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let (sender, events) = mpsc::channel();
        let worker = Worker::start(sender.clone());
        let receiver = connection.receiver.clone();
        // Ends when the client's side closes, or at the first message
        // after the server has stopped.
        let carried = std::thread::Builder::new()
            .name("claimlint-lsp-messages".to_string())
            .spawn(move || {
                for message in receiver {
                    if sender.send(Event::Message(message)).is_err() {
                        return;
                    }
                }
                let _ = sender.send(Event::Disconnected);
            });
        if let Err(e) = carried {
            eprintln!("claimlint lsp: could not start the message thread: {e}");
        }
        let mut server = Server {
            connection,
            events,
            worker,
            options,
            roots: Vec::new(),
            setups: HashMap::new(),
            documents: HashMap::new(),
            dirty: BTreeSet::new(),
            document_changes,
            watch_files,
            unit: column_unit(params),
            shutdown: false,
            next_request: 0,
            next_generation: 0,
        };
        server.set_roots(initial_roots(params));
        server
    }

    fn set_roots(&mut self, mut roots: Vec<PathBuf>) {
        roots.sort_by(|a, b| (a.components().count(), a).cmp(&(b.components().count(), b)));
        roots.dedup();
        self.roots = roots;
    }

    fn generation(&mut self) -> u64 {
        self.next_generation += 1;
        self.next_generation
    }

    fn serve(&mut self) -> Result<(), Error> {
        loop {
            let event = self.events.recv().map_err(|_| Error::Disconnected)?;
            if let Flow::Exit(result) = self.on_event(event)? {
                return result;
            }
            // Handle what else is waiting (keystrokes typed meanwhile)
            // before scheduling checks, so a burst of changes is checked
            // once.
            while let Ok(event) = self.events.try_recv() {
                if let Flow::Exit(result) = self.on_event(event)? {
                    return result;
                }
            }
            self.schedule_dirty()?;
        }
    }

    fn on_event(&mut self, event: Event) -> Result<Flow, Error> {
        match event {
            Event::Message(message) => self.handle(message),
            Event::Disconnected => Err(Error::Disconnected),
            Event::Checked {
                uri,
                generation,
                diagnostics,
            } => {
                self.publish(uri, generation, diagnostics)?;
                Ok(Flow::Continue)
            }
            Event::Answer(response) => {
                self.send(response.into())?;
                Ok(Flow::Continue)
            }
            Event::Failed { uri, message } => {
                eprintln!("claimlint lsp: {}: {message}", uri.as_str());
                self.log(MessageType::ERROR, format!("{}: {message}", uri.as_str()))?;
                Ok(Flow::Continue)
            }
        }
    }

    fn send(&self, message: Message) -> Result<(), Error> {
        send(&self.connection, message)
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) -> Result<(), Error> {
        self.send(Notification::new(N::METHOD.to_string(), params).into())
    }

    fn log(&self, typ: MessageType, message: String) -> Result<(), Error> {
        self.notify::<LogMessage>(lsp_types::LogMessageParams { typ, message })
    }

    fn handle(&mut self, message: Message) -> Result<Flow, Error> {
        match message {
            Message::Request(request) => {
                if let Some(response) = self.respond(request)? {
                    self.send(response.into())?;
                }
                Ok(Flow::Continue)
            }
            Message::Notification(n) if n.method == "exit" => Ok(Flow::Exit(if self.shutdown {
                Ok(())
            } else {
                Err(Error::ExitWithoutShutdown)
            })),
            Message::Notification(_) if self.shutdown => Ok(Flow::Continue),
            Message::Notification(n) => {
                self.on_notification(n)?;
                Ok(Flow::Continue)
            }
            Message::Response(response) => {
                if let Some(error) = response.error {
                    self.log(
                        MessageType::WARNING,
                        format!("the client refused a request: {}", error.message),
                    )?;
                }
                Ok(Flow::Continue)
            }
        }
    }

    /// The answer to a request, or `None` when the worker will give it.
    fn respond(&mut self, request: Request) -> Result<Option<Response>, Error> {
        if self.shutdown {
            return Ok(Some(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                format!("`{}` after `shutdown`", request.method),
            )));
        }
        Ok(Some(match request.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Response::new_ok(request.id, ())
            }
            CodeActionRequest::METHOD => match params::<CodeActionParams>(request.params) {
                Ok(params) => return self.code_actions(request.id, params),
                Err(e) => Response::new_err(request.id, ErrorCode::InvalidParams as i32, e),
            },
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("claimlint does not handle `{}`", request.method),
            ),
        }))
    }

    fn on_notification(&mut self, n: Notification) -> Result<(), Error> {
        let method = n.method;
        let result = match method.as_str() {
            "initialized" => return self.register_watchers(),
            "$/cancelRequest" => params(n.params).map(|p| self.cancel(p)),
            DidOpenTextDocument::METHOD => params(n.params).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(n.params).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => params(n.params).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => params(n.params).map(|p| self.did_close(p)),
            DidChangeWatchedFiles::METHOD => params(n.params).map(|p| self.files_changed(p)),
            DidChangeWorkspaceFolders::METHOD => params(n.params).map(|p| self.folders_changed(p)),
            // Anything else (settings, `$/setTrace`) needs no answer.
            _ => return Ok(()),
        };
        match result {
            Ok(logged) => logged,
            Err(e) => {
                // Skipped; the session goes on.
                eprintln!("claimlint lsp: `{method}` skipped: {e}");
                self.log(MessageType::ERROR, format!("`{method}` skipped: {e}"))
            }
        }
    }

    /// Answers a code-action request that is still waiting for the worker
    /// with `RequestCancelled`; one already being worked out is answered
    /// as usual.
    fn cancel(&mut self, params: lsp_types::CancelParams) -> Result<(), Error> {
        let id = match params.id {
            NumberOrString::Number(n) => RequestId::from(n),
            NumberOrString::String(s) => RequestId::from(s),
        };
        if self.worker.cancel(&id) {
            self.send(
                Response::new_err(
                    id,
                    ErrorCode::RequestCanceled as i32,
                    "cancelled by the client".to_string(),
                )
                .into(),
            )?;
        }
        Ok(())
    }

    /// Asks the client to report changes of YAML files (configuration and
    /// rule files), where it lets the server ask.
    fn register_watchers(&mut self) -> Result<(), Error> {
        if !self.watch_files {
            return Ok(());
        }
        let watchers = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.{yaml,yml}".to_string()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "claimlint-yaml".to_string(),
                method: DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(watchers).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("claimlint-{}", self.next_request));
        self.send(Request::new(id, RegisterCapability::METHOD.to_string(), params).into())
    }

    fn did_open(&mut self, params: lsp_types::DidOpenTextDocumentParams) -> Result<(), Error> {
        let item = params.text_document;
        let path = file_path(&item.uri);
        let Some(format) = format_of(&item.language_id, path.as_deref()) else {
            return Ok(());
        };
        let generation = self.generation();
        self.documents.insert(
            item.uri.clone(),
            Document {
                text: Arc::new(item.text),
                version: item.version,
                format,
                path,
                generation,
                published: None,
                check_once: false,
            },
        );
        self.dirty.insert(item.uri);
        Ok(())
    }

    fn did_change(&mut self, params: lsp_types::DidChangeTextDocumentParams) -> Result<(), Error> {
        let uri = params.text_document.uri;
        let generation = self.generation();
        let Some(document) = self.documents.get_mut(&uri) else {
            // Not open, or not a draft this server checks.
            return self.log(
                MessageType::LOG,
                format!("change to {} ignored: it is not open as a draft", uri.as_str()),
            );
        };
        for change in params.content_changes {
            match change.range {
                // A client that sends ranges although the server asked for
                // whole texts still gets its changes applied.
                Some(range) => {
                    let span = LineIndex::new(&document.text, self.unit).span(range);
                    Arc::make_mut(&mut document.text).replace_range(span.start..span.end, &change.text);
                }
                None => document.text = Arc::new(change.text),
            }
        }
        document.version = params.text_document.version;
        document.generation = generation;
        document.check_once = false;
        self.dirty.insert(uri);
        Ok(())
    }

    fn did_save(&mut self, params: lsp_types::DidSaveTextDocumentParams) -> Result<(), Error> {
        let uri = params.text_document.uri;
        if !self.watch_files {
            // A client that cannot report changes of the configuration
            // and rule files gets them read again on each save.
            self.reload();
        }
        let generation = self.generation();
        if let Some(document) = self.documents.get_mut(&uri) {
            if let Some(text) = params.text {
                document.text = Arc::new(text);
            }
            document.generation = generation;
            // Saved: checked whatever its size.
            document.check_once = true;
            self.dirty.insert(uri);
        }
        Ok(())
    }

    fn did_close(&mut self, params: lsp_types::DidCloseTextDocumentParams) -> Result<(), Error> {
        let uri = params.text_document.uri;
        self.dirty.remove(&uri);
        if self.documents.remove(&uri).is_some() {
            self.worker.forget(uri.clone());
            // Its findings leave the editor with it.
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            })?;
        }
        Ok(())
    }

    fn files_changed(&mut self, _params: lsp_types::DidChangeWatchedFilesParams) -> Result<(), Error> {
        self.reload();
        Ok(())
    }

    fn folders_changed(&mut self, params: lsp_types::DidChangeWorkspaceFoldersParams) -> Result<(), Error> {
        let removed: Vec<PathBuf> = params
            .event
            .removed
            .iter()
            .filter_map(|f| file_path(&f.uri))
            .collect();
        let mut roots: Vec<PathBuf> = self
            .roots
            .iter()
            .filter(|r| !removed.contains(r))
            .cloned()
            .collect();
        roots.extend(params.event.added.iter().filter_map(|f| file_path(&f.uri)));
        self.set_roots(roots);
        self.reload();
        Ok(())
    }

    /// Reads every configuration again and checks every document again.
    fn reload(&mut self) {
        self.setups.clear();
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            let generation = self.generation();
            if let Some(document) = self.documents.get_mut(&uri) {
                document.generation = generation;
            }
            self.dirty.insert(uri);
        }
    }

    /// The workspace folder a document belongs to (the innermost one that
    /// holds it), else its own directory.
    fn root_of(&self, path: Option<&Path>) -> PathBuf {
        let inside = path.and_then(|p| self.roots.iter().rev().find(|r| p.starts_with(r)));
        match (inside, path.and_then(Path::parent)) {
            (Some(root), _) => root.clone(),
            (None, Some(dir)) => dir.to_path_buf(),
            (None, None) => self
                .roots
                .first()
                .cloned()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from(".")),
        }
    }

    /// The setup for a document at `path`, loaded once per directory its
    /// configuration is looked for from. A mistake is shown to the writer
    /// once per load.
    fn setup(&mut self, path: Option<&Path>) -> Result<Option<Arc<Setup>>, Error> {
        let key = match self.options.config {
            ConfigChoice::Discover => Some(self.root_of(path)),
            ConfigChoice::File(_) | ConfigChoice::Isolated => None,
        };
        if let Some(setup) = self.setups.get(&key) {
            return Ok(setup.clone());
        }
        let setup = match self.load_setup(key.as_deref()) {
            Ok(setup) => {
                for warning in &setup.checker.pack().warnings {
                    self.log(MessageType::WARNING, format!("claimlint: warning: {warning}"))?;
                }
                Some(Arc::new(setup))
            }
            Err(message) => {
                let message = format!("claimlint: {message}; no checks until it is fixed");
                self.log(MessageType::ERROR, message.clone())?;
                self.notify::<ShowMessage>(lsp_types::ShowMessageParams {
                    typ: MessageType::ERROR,
                    message,
                })?;
                None
            }
        };
        self.setups.insert(key, setup.clone());
        Ok(setup)
    }

    /// Loads the configuration as `claimlint check` does and builds the
    /// setup it describes.
    fn load_setup(&self, dir: Option<&Path>) -> Result<Setup, SetupError> {
        let config = self.options.config.load(dir.unwrap_or(Path::new(".")))?;
        Setup::new(&self.options.pack, config.as_ref(), None)
    }

    /// The document as the worker sees it, with its setup; `None` when it
    /// is not open or its configuration is broken (the writer was told).
    fn snapshot(&mut self, uri: &Uri) -> Result<Option<Snapshot>, Error> {
        let Some(path) = self.documents.get(uri).map(|d| d.path.clone()) else {
            return Ok(None);
        };
        let Some(setup) = self.setup(path.as_deref())? else {
            return Ok(None);
        };
        Ok(self.documents.get(uri).map(|document| Snapshot {
            uri: uri.clone(),
            generation: document.generation,
            version: document.version,
            text: Arc::clone(&document.text),
            format: document.format,
            name: document.name(uri),
            setup,
            unit: self.unit,
        }))
    }

    /// Hands the changed documents to the worker; a document too large to
    /// check as you type gets the diagnostic saying so instead.
    fn schedule_dirty(&mut self) -> Result<(), Error> {
        for uri in std::mem::take(&mut self.dirty) {
            let Some(document) = self.documents.get_mut(&uri) else {
                continue;
            };
            if document.too_large() && !document.check_once {
                let diagnostics = vec![too_large(document.text.len())];
                let version = Some(document.version);
                self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version,
                })?;
                continue;
            }
            document.check_once = false;
            match self.snapshot(&uri)? {
                Some(snapshot) => self.worker.check(snapshot),
                // No setup: no findings until the configuration is fixed.
                None => {
                    let generation = self.documents.get(&uri).map(|d| d.generation);
                    if let Some(generation) = generation {
                        self.publish(uri, generation, Vec::new())?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Publishes a check's diagnostics, unless the document changed since
    /// (or closed): a stale result is dropped.
    fn publish(&mut self, uri: Uri, generation: u64, diagnostics: Vec<Diagnostic>) -> Result<(), Error> {
        let Some(document) = self.documents.get_mut(&uri) else {
            return Ok(());
        };
        if document.generation != generation {
            return Ok(());
        }
        document.published = Some(generation);
        let version = Some(document.version);
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        })
    }

    /// Answers a code-action request: at once when there is nothing to
    /// offer (not a draft, a broken configuration, a document too large
    /// whose text has not been checked), else by the worker.
    fn code_actions(&mut self, id: RequestId, params: CodeActionParams) -> Result<Option<Response>, Error> {
        let uri = &params.text_document.uri;
        let unchecked_large = self
            .documents
            .get(uri)
            .is_some_and(|d| d.too_large() && d.published != Some(d.generation));
        if unchecked_large {
            return Ok(Some(Response::new_ok(id, Vec::<CodeActionOrCommand>::new())));
        }
        let Some(snapshot) = self.snapshot(uri)? else {
            return Ok(Some(Response::new_ok(id, Vec::<CodeActionOrCommand>::new())));
        };
        self.worker.actions(ActionsJob {
            id,
            params,
            snapshot,
            document_changes: self.document_changes,
        });
        Ok(None)
    }
}

/// The diagnostic a document too large to check as you type carries.
fn too_large(bytes: usize) -> Diagnostic {
    Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some("claimlint".to_string()),
        message: format!(
            "document too large to check as you type ({bytes} bytes; the limit is 1 MiB): \
             run `claimlint check` on it"
        ),
        ..Diagnostic::default()
    }
}

/// The fixes of the findings in `params.range`, and "Fix all safe
/// findings" (once) when it would change the text. `fixed` gives the text
/// with every safe fix applied, worked out only when needed.
fn code_actions(
    params: &CodeActionParams,
    snapshot: &Snapshot,
    findings: &[Finding],
    document_changes: bool,
    fixed: impl FnOnce() -> Result<Arc<String>, String>,
) -> Result<Vec<CodeActionOrCommand>, String> {
    let uri = &snapshot.uri;
    let text = snapshot.text.as_str();
    let index = LineIndex::new(text, snapshot.unit);
    let asked = index.span(params.range);
    let only = params.context.only.as_deref();
    let edit = |edits: Vec<TextEdit>| workspace_edit(document_changes, uri, snapshot.version, edits);
    let mut actions = Vec::new();
    let mut fixable_here = false;
    for finding in findings.iter().filter(|f| touches(f.span, asked)) {
        let Some(fix) = offered(finding.fix.as_ref(), text) else {
            continue;
        };
        fixable_here = true;
        if !wanted(only, &CodeActionKind::QUICKFIX) {
            continue;
        }
        let edits = fix
            .edits
            .iter()
            .map(|edit| TextEdit::new(index.range(edit.span), edit.replacement.clone()))
            .collect();
        actions.push(CodeAction {
            title: fix_title(fix, text),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic(uri, &index, finding)]),
            edit: Some(edit(edits)),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..CodeAction::default()
        });
    }
    // Offered once: among the quick fixes on a finding that has a fix
    // (where a client showing only quick fixes finds it), else as the
    // source action. Offering it as both put it twice in the menu of a
    // client that lists every action it gets (Neovim, Helix).
    let kind = if fixable_here && wanted(only, &CodeActionKind::QUICKFIX) {
        Some(CodeActionKind::QUICKFIX)
    } else if wanted(only, &FIX_ALL) {
        Some(FIX_ALL)
    } else {
        None
    };
    if let Some(kind) = kind {
        let fixed = fixed()?;
        if *fixed != text {
            let edits = changes(text, &fixed)
                .into_iter()
                .map(|(span, text)| TextEdit::new(index.range(span), text))
                .collect::<Vec<_>>();
            actions.push(CodeAction {
                title: FIX_ALL_TITLE.to_string(),
                kind: Some(kind),
                edit: Some(edit(edits)),
                ..CodeAction::default()
            });
        }
    }
    Ok(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect())
}

/// Edits to one document, versioned where the client takes that.
fn workspace_edit(document_changes: bool, uri: &Uri, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
    if document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

/// Decodes a message's parameters.
fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("bad parameters: {e}"))
}

/// The folders the client opened: `workspaceFolders`, else `rootUri`, else
/// `rootPath`.
fn initial_roots(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders.iter().filter_map(|f| file_path(&f.uri)).collect();
    }
    #[allow(deprecated)] // Older clients send only these.
    let (root_uri, root_path) = (&params.root_uri, &params.root_path);
    if let Some(path) = root_uri.as_ref().and_then(file_path) {
        return vec![path];
    }
    root_path.iter().map(PathBuf::from).collect()
}

/// How a document is read, or `None` when it is not a draft: Markdown and
/// plain text by language, else by extension.
fn format_of(language: &str, path: Option<&Path>) -> Option<Format> {
    match language {
        "markdown" => return Some(Format::Markdown),
        "plaintext" | "text" => return Some(Format::Text),
        _ => {}
    }
    let extension = path?.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "txt" => Some(Format::Text),
        _ => None,
    }
}

/// The file a `file:` URI names, percent-decoded.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let scheme_end = text.find(':')?;
    if !text[..scheme_end].eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = text[scheme_end + 1..]
        .strip_prefix("//")
        .unwrap_or(&text[scheme_end + 1..]);
    // The authority (empty or `localhost` on one machine) ends at the path.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `file:///C:/news/draft.md` names `C:/news/draft.md` on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.len() >= 3 && bytes[2] == b':' && bytes[1].is_ascii_alphabetic() {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not
/// UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A finding as the editor shows it.
fn diagnostic(uri: &Uri, index: &LineIndex<'_>, finding: &Finding) -> Diagnostic {
    let related = finding
        .related
        .iter()
        .map(|&span| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(span)),
            message: format!("\"{}\"", span.slice(index.text())),
        })
        .collect();
    Diagnostic {
        range: index.range(finding.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: crate::docs::help_uri(finding.rule)
            .and_then(|uri| uri.parse::<Uri>().ok())
            .map(|href| CodeDescription { href }),
        source: Some("claimlint".to_string()),
        message: finding.message.clone(),
        related_information: Some(related),
        ..Diagnostic::default()
    }
}

/// A fix a code action may offer: one that may be applied (never a
/// display-only one) and that fits the text.
fn offered<'a>(fix: Option<&'a Fix>, text: &str) -> Option<&'a Fix> {
    fix.filter(|f| f.applicability != Applicability::DisplayOnly && f.apply(text).is_some())
}

/// Whether a finding's span meets the range asked about (a cursor just
/// before or after it counts).
fn touches(finding: Span, asked: Span) -> bool {
    finding.start <= asked.end && asked.start <= finding.end
}

/// Whether the client's `only` filter lets an action of `kind` through: a
/// kind is asked for by itself or by any of its prefixes (`source`,
/// `source.fixAll`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            let (o, kind) = (o.as_str(), kind.as_str());
            kind == o || kind.strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The title of a fix's quick fix: what it replaces and with what.
fn fix_title(fix: &Fix, text: &str) -> String {
    let Some(first) = fix.edits.first() else {
        return "Apply the fix".to_string();
    };
    let old = first.span.slice(text);
    let new = &first.replacement;
    let same = |e: &&crate::finding::Edit| e.replacement == *new;
    let title = if fix.edits.len() == 1 {
        match (old.is_empty(), new.is_empty()) {
            (true, _) => format!("Insert \"{new}\""),
            (false, true) => format!("Remove \"{old}\""),
            (false, false) => format!("Replace \"{old}\" with \"{new}\""),
        }
    } else if fix.edits.iter().all(|e| same(&e) && e.span.slice(text) == old) {
        format!("Replace \"{old}\" with \"{new}\" ({} places)", fix.edits.len())
    } else if fix.edits.iter().all(|e| same(&e)) {
        format!("Replace {} places with \"{new}\"", fix.edits.len())
    } else {
        format!("Apply {} edits", fix.edits.len())
    };
    match fix.applicability {
        Applicability::Unsafe => format!("{title} (unsafe fix)"),
        Applicability::Safe | Applicability::DisplayOnly => title,
    }
}

/// The edits that turn `old` into `new`: the lines a line diff changes,
/// each trimmed to the bytes that differ, sorted and disjoint.
fn changes(old: &str, new: &str) -> Vec<(Span, String)> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let starts = |lines: &[&str]| -> Vec<usize> {
        std::iter::once(0)
            .chain(lines.iter().scan(0, |at, line| {
                *at += line.len();
                Some(*at)
            }))
            .collect()
    };
    let (old_starts, new_starts) = (starts(&old_lines), starts(&new_lines));
    let mut edits = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_lines, &new_lines) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let from = &old[old_starts[old_range.start]..old_starts[old_range.end]];
        let to = &new[new_starts[new_range.start]..new_starts[new_range.end]];
        let prefix: usize = from
            .chars()
            .zip(to.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let suffix: usize = from[prefix..]
            .chars()
            .rev()
            .zip(to[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let start = old_starts[old_range.start] + prefix;
        let end = old_starts[old_range.end] - suffix;
        edits.push((Span::new(start, end), to[prefix..to.len() - suffix].to_string()));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[(Span, String)]) -> String {
        let mut out = text.to_string();
        for (span, replacement) in edits.iter().rev() {
            out.replace_range(span.start..span.end, replacement);
        }
        out
    }

    #[test]
    fn changes_are_the_differing_bytes_of_the_changed_lines() {
        let old = "The cease-fire held.\nKerry’s visit.\nThe ceasefire broke.\n";
        let new = "The ceasefire held.\nKerry’s visit.\nThe ceasefire broke.\n";
        let edits = changes(old, new);
        assert_eq!(edits, [(Span::new(9, 10), String::new())]);
        assert_eq!(apply(old, &edits), new);
        let new = "Kerry’s visit to Kyiv.\n";
        let edits = changes(old, new);
        assert_eq!(apply(old, &edits), new);
        assert_eq!(changes(old, old), []);
        // Trimming never splits a character: "’" and "‘" share two bytes.
        let edits = changes("a’b", "a‘b");
        assert_eq!(edits, [(Span::new(1, 4), "‘".to_string())]);
    }

    #[test]
    fn file_uris_name_decoded_paths() {
        let uri: Uri = "file:///news/Kerry%20visit/draft%E2%80%99s.md".parse().unwrap();
        assert_eq!(
            file_path(&uri),
            Some(PathBuf::from("/news/Kerry visit/draft’s.md"))
        );
        let uri: Uri = "file://localhost/news/a.txt".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/news/a.txt")));
        let uri: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&uri), None);
        let uri = "file:///news/%ZZ.md".parse::<Uri>();
        assert!(uri.map_or(true, |u| file_path(&u).is_none()));
    }

    #[test]
    fn drafts_are_known_by_language_or_extension() {
        assert_eq!(format_of("markdown", None), Some(Format::Markdown));
        assert_eq!(
            format_of("plaintext", Some(Path::new("a.md"))),
            Some(Format::Text)
        );
        assert_eq!(format_of("", Some(Path::new("a.MD"))), Some(Format::Markdown));
        assert_eq!(format_of("", Some(Path::new("a.txt"))), Some(Format::Text));
        assert_eq!(format_of("rust", Some(Path::new("a.rs"))), None);
    }

    #[test]
    fn only_filters_by_kind_and_prefix() {
        let quickfix = CodeActionKind::QUICKFIX;
        assert!(wanted(None, &FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &FIX_ALL));
        assert!(!wanted(Some(&[CodeActionKind::SOURCE]), &quickfix));
        assert!(!wanted(Some(&[CodeActionKind::new("source.fix")]), &FIX_ALL));
    }
}
