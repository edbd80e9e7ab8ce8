//! The thread that checks documents and works out code actions, off the
//! message loop, so the loop answers `shutdown`, `exit` and every other
//! message at once whatever is being checked.
//!
//! Jobs wait in one queue, taken in order. A check waiting for a document
//! is replaced by a newer one for the same document (only the latest text
//! is worth checking); a check already running cannot be stopped, and the
//! loop drops its result if the document changed meanwhile. A code-action
//! request still waiting can be cancelled (`$/cancelRequest`). The worker
//! keeps the findings (and the text with every safe fix applied) of the
//! latest check of each document, so a code-action request after a check
//! costs no second one.

use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use lsp_server::{ErrorCode, Message, RequestId, Response};
use lsp_types::{CodeActionParams, Diagnostic, Uri};

use crate::finding::Finding;
use crate::fix::{self, FixMode};
use crate::setup::Setup;
use crate::source::{Format, Source};

use super::position::LineIndex;
use crate::lines::Unit;

/// One version of a document, as a job sees it.
#[derive(Clone)]
pub(super) struct Snapshot {
    pub uri: Uri,
    /// Counts every change of the text or of what checks it; a result for
    /// an older generation is stale.
    pub generation: u64,
    pub version: i32,
    pub text: Arc<String>,
    pub format: Format,
    /// The name findings carry (the file's path, else the URI).
    pub name: String,
    pub setup: Arc<Setup>,
    /// What a column counts, as agreed with the client.
    pub unit: Unit,
}

impl Snapshot {
    pub fn source(&self) -> Source {
        Source::new(self.name.clone(), self.text.as_str(), self.format)
    }
}

/// A code-action request waiting for its answer.
pub(super) struct ActionsJob {
    pub id: RequestId,
    pub params: CodeActionParams,
    pub snapshot: Snapshot,
    /// The client applies versioned edits.
    pub document_changes: bool,
}

enum Job {
    Check(Snapshot),
    Actions(Box<ActionsJob>),
    /// The document closed: its kept findings go.
    Forget(Uri),
}

/// What the worker tells the message loop.
pub(super) enum Event {
    /// A message from the client.
    Message(Message),
    /// The client's side of the connection closed.
    Disconnected,
    /// A check finished.
    Checked {
        uri: Uri,
        generation: u64,
        diagnostics: Vec<Diagnostic>,
    },
    /// A code-action request's answer.
    Answer(Response),
    /// A check panicked (a bug, reported; the worker goes on).
    Failed { uri: Uri, message: String },
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
}

/// The handle the message loop holds; dropping it stops the worker once
/// its current job is done.
pub(super) struct Worker {
    shared: Arc<Shared>,
}

/// What the worker keeps of a document's latest check, by the document's
/// URI as text (a `Uri` holds a cell, so it makes a poor key).
struct Kept {
    generation: u64,
    findings: Arc<Vec<Finding>>,
    fixed: Option<Arc<String>>,
}

impl Worker {
    /// Starts the thread; it reports on `events`.
    pub fn start(events: mpsc::Sender<Event>) -> Worker {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
        });
        let theirs = Arc::clone(&shared);
        let started = std::thread::Builder::new()
            .name("claimlint-lsp-worker".to_string())
            .spawn(move || work(&theirs, &events));
        if let Err(e) = started {
            // Without the thread nothing is checked; say so.
            eprintln!("claimlint lsp: could not start the worker thread: {e}");
        }
        Worker { shared }
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        lock(&self.shared)
    }

    fn push(&self, job: Job) {
        self.queue().jobs.push_back(job);
        self.shared.ready.notify_one();
    }

    /// Checks a document, in place of any check of it still waiting.
    pub fn check(&self, snapshot: Snapshot) {
        let mut queue = self.queue();
        queue
            .jobs
            .retain(|job| !matches!(job, Job::Check(waiting) if waiting.uri == snapshot.uri));
        queue.jobs.push_back(Job::Check(snapshot));
        drop(queue);
        self.shared.ready.notify_one();
    }

    /// Works out a request's code actions.
    pub fn actions(&self, job: ActionsJob) {
        self.push(Job::Actions(Box::new(job)));
    }

    /// Forgets what was kept of a closed document, and drops its waiting
    /// check.
    pub fn forget(&self, uri: Uri) {
        let mut queue = self.queue();
        queue
            .jobs
            .retain(|job| !matches!(job, Job::Check(waiting) if waiting.uri == uri));
        queue.jobs.push_back(Job::Forget(uri));
        drop(queue);
        self.shared.ready.notify_one();
    }

    /// Takes a code-action request off the queue if it is still waiting.
    pub fn cancel(&self, id: &RequestId) -> bool {
        let mut queue = self.queue();
        let before = queue.jobs.len();
        queue
            .jobs
            .retain(|job| !matches!(job, Job::Actions(waiting) if waiting.id == *id));
        queue.jobs.len() != before
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let mut queue = self.queue();
        queue.closed = true;
        queue.jobs.clear();
        drop(queue);
        self.shared.ready.notify_all();
    }
}

/// The queue, even if a thread panicked holding it (its jobs are still
/// whole: every change to it is one call).
fn lock(shared: &Shared) -> MutexGuard<'_, Queue> {
    shared
        .queue
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn work(shared: &Shared, events: &mpsc::Sender<Event>) {
    let mut kept: HashMap<String, Kept> = HashMap::new();
    loop {
        let job = {
            let mut queue = lock(shared);
            loop {
                if queue.closed {
                    return;
                }
                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
                queue = shared
                    .ready
                    .wait(queue)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let event = match job {
            Job::Forget(uri) => {
                kept.remove(uri.as_str());
                continue;
            }
            Job::Check(snapshot) => match findings(&mut kept, &snapshot) {
                Ok(findings) => {
                    // Worked out here too: a large draft's findings can
                    // have tens of thousands of places.
                    let index = LineIndex::new(&snapshot.text, snapshot.unit);
                    let diagnostics = findings
                        .iter()
                        .map(|f| super::diagnostic(&snapshot.uri, &index, f))
                        .collect();
                    Event::Checked {
                        uri: snapshot.uri,
                        generation: snapshot.generation,
                        diagnostics,
                    }
                }
                Err(message) => Event::Failed {
                    uri: snapshot.uri,
                    message,
                },
            },
            Job::Actions(job) => Event::Answer(answer(&mut kept, &job)),
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

/// The findings of a snapshot, kept or worked out now.
fn findings(kept: &mut HashMap<String, Kept>, snapshot: &Snapshot) -> Result<Arc<Vec<Finding>>, String> {
    if let Some(k) = kept
        .get(snapshot.uri.as_str())
        .filter(|k| k.generation == snapshot.generation)
    {
        return Ok(Arc::clone(&k.findings));
    }
    let findings = Arc::new(guarded(|| snapshot.setup.check(&snapshot.source()))?);
    kept.insert(
        snapshot.uri.as_str().to_string(),
        Kept {
            generation: snapshot.generation,
            findings: Arc::clone(&findings),
            fixed: None,
        },
    );
    Ok(findings)
}

/// The text `claimlint check --fix` would make of a snapshot, kept or
/// worked out now.
fn fixed(kept: &mut HashMap<String, Kept>, snapshot: &Snapshot) -> Result<Arc<String>, String> {
    findings(kept, snapshot)?;
    if let Some(fixed) = kept.get(snapshot.uri.as_str()).and_then(|k| k.fixed.clone()) {
        return Ok(fixed);
    }
    let text = guarded(|| {
        fix::fix(&snapshot.source(), FixMode::Safe, |s| snapshot.setup.check(s))
            .source
            .text
    })?;
    let text = Arc::new(text);
    if let Some(k) = kept.get_mut(snapshot.uri.as_str()) {
        k.fixed = Some(Arc::clone(&text));
    }
    Ok(text)
}

/// Runs `f`, turning a panic (a bug in a check) into an error message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        format!("the check failed: {what}")
    })
}

fn answer(kept: &mut HashMap<String, Kept>, job: &ActionsJob) -> Response {
    let id = job.id.clone();
    let result = findings(kept, &job.snapshot).and_then(|findings| {
        super::code_actions(
            &job.params,
            &job.snapshot,
            &findings,
            job.document_changes,
            || fixed(kept, &job.snapshot),
        )
    });
    match result {
        Ok(actions) => Response::new_ok(id, actions),
        Err(message) => Response::new_err(id, ErrorCode::InternalError as i32, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::PackOptions;

    /// A worker whose queue no thread takes jobs from, to watch the queue.
    fn idle() -> Worker {
        Worker {
            shared: Arc::new(Shared {
                queue: Mutex::new(Queue::default()),
                ready: Condvar::new(),
            }),
        }
    }

    fn snapshot(uri: &str, generation: u64) -> Snapshot {
        Snapshot {
            uri: uri.parse().unwrap(),
            generation,
            version: 1,
            text: Arc::new("Kiev.".to_string()),
            format: Format::Text,
            name: uri.to_string(),
            unit: Unit::Utf16,
            setup: Arc::new(Setup::new(&PackOptions::default(), None, None).unwrap()),
        }
    }

    fn waiting(worker: &Worker) -> Vec<String> {
        worker
            .queue()
            .jobs
            .iter()
            .map(|job| match job {
                Job::Check(s) => format!("check {} {}", s.uri.as_str(), s.generation),
                Job::Actions(a) => format!("actions {}", a.id),
                Job::Forget(uri) => format!("forget {}", uri.as_str()),
            })
            .collect()
    }

    #[test]
    fn a_newer_check_replaces_a_waiting_one_and_a_waiting_request_can_be_cancelled() {
        let worker = idle();
        worker.check(snapshot("file:///a.txt", 1));
        worker.check(snapshot("file:///b.txt", 2));
        let params: CodeActionParams = serde_json::from_value(serde_json::json!({
            "textDocument": {"uri": "file:///a.txt"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}
        }))
        .unwrap();
        worker.actions(ActionsJob {
            id: RequestId::from(7),
            params,
            snapshot: snapshot("file:///a.txt", 1),
            document_changes: false,
        });
        worker.check(snapshot("file:///a.txt", 3));
        assert_eq!(
            waiting(&worker),
            ["check file:///b.txt 2", "actions 7", "check file:///a.txt 3"]
        );
        assert!(worker.cancel(&RequestId::from(7)));
        assert!(!worker.cancel(&RequestId::from(7)));
        worker.forget("file:///a.txt".parse().unwrap());
        assert_eq!(
            waiting(&worker),
            ["check file:///b.txt 2", "forget file:///a.txt"]
        );
    }
}
