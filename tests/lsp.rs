//! The language server as an editor meets it: a client initializes it,
//! opens and edits drafts, asks for code actions and shuts it down, in
//! memory or over the real binary's standard input and output.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use claimlint::lsp::{self, ConfigChoice, Options};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const WAIT: Duration = Duration::from_secs(120);

fn seed_article() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("examples/kerry-lavrov.txt")).unwrap()
}

/// A `file:` URI for a path (the paths tests use need no escaping but
/// spaces).
fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display().to_string().replace(' ', "%20"))
}

/// A client talking to a server running on another thread.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<(), lsp::Error>>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    notifications: Vec<Notification>,
}

impl Client {
    /// Starts a server and initializes it with `capabilities` and
    /// `root` (a folder URI as `rootUri`, a list of workspace folders, or
    /// null).
    fn start(options: Options, root: Value, capabilities: Value) -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || lsp::run(server_side, &options));
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            notifications: Vec::new(),
        };
        let params = match root {
            Value::Array(folders) => {
                json!({"processId": null, "workspaceFolders": folders, "capabilities": capabilities})
            }
            root => json!({"processId": null, "rootUri": root, "capabilities": capabilities}),
        };
        let result = client.request("initialize", params);
        let result = result.result.expect("initialize succeeds");
        assert_eq!(result["serverInfo"]["name"], "claimlint");
        client.notify("initialized", json!({}));
        client
    }

    fn isolated() -> Client {
        Client::start(
            Options {
                config: ConfigChoice::Isolated,
                ..Options::default()
            },
            Value::Null,
            json!({}),
        )
    }

    fn notify(&self, method: &str, params: Value) {
        let message = Notification::new(method.to_string(), params);
        self.connection.sender.send(message.into()).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let message = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(message.into()).unwrap();
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                Message::Notification(n) => self.notifications.push(n),
                other => panic!("unexpected while waiting for {method}: {other:?}"),
            }
        }
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(WAIT)
            .expect("the server answers")
    }

    /// The next notification `method`, taking those already received first.
    fn next_notification(&mut self, method: &str) -> Value {
        if let Some(i) = self.notifications.iter().position(|n| n.method == method) {
            return self.notifications.remove(i).params;
        }
        loop {
            match self.receive() {
                Message::Notification(n) if n.method == method => return n.params,
                Message::Notification(n) => self.notifications.push(n),
                other => panic!("unexpected while waiting for {method}: {other:?}"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let params = self.next_notification("textDocument/publishDiagnostics");
            if params["uri"] == uri {
                return params;
            }
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn code_actions(&mut self, uri: &str, range: &Value, only: Option<Value>) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = only;
        }
        let response = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        );
        match response.result.expect("code actions") {
            Value::Array(actions) => actions,
            other => panic!("not a list of actions: {other}"),
        }
    }

    /// `shutdown`, then `exit`; the server's result.
    fn shut_down(mut self) -> Result<(), lsp::Error> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response.result, Some(Value::Null));
        assert!(response.error.is_none());
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

/// Applies LSP text edits to `text`, counting positions in UTF-16 units
/// the way an editor does.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = line_start;
        for c in text[line_start..].chars() {
            if units >= character || c == '\n' {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort();
    let mut out = text.to_string();
    for (start, end, new) in spans.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}

/// The edits of a code action for `uri`, as `changes` or `documentChanges`.
fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    let changes = edit["documentChanges"].as_array().expect("edits");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["textDocument"]["uri"], uri);
    changes[0]["edits"].as_array().unwrap().clone()
}

fn claimlint_check(args: &[&str], stdin: &str) -> String {
    let output = assert_cmd::Command::cargo_bin("claimlint")
        .unwrap()
        .current_dir(ROOT)
        .arg("check")
        .arg("--isolated")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_seed_article_s_diagnostics() {
    let mut client = Client::isolated();
    let uri = "file:///news/kerry-lavrov.txt";
    let published = client.open(uri, "plaintext", &seed_article());
    assert_eq!(published["version"], 1);
    insta::assert_json_snapshot!(published);
    client.shut_down().unwrap();
}

#[test]
fn the_seed_article_s_diagnostics_say_what_the_cli_says() {
    let mut client = Client::isolated();
    let uri = "file:///news/kerry-lavrov.txt";
    let published = client.open(uri, "plaintext", &seed_article());
    let diagnostics = published["diagnostics"].as_array().unwrap();
    let report: Value = serde_json::from_str(&claimlint_check(
        &["--format", "json", "examples/kerry-lavrov.txt"],
        "",
    ))
    .unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert_eq!(diagnostics.len(), findings.len());
    assert_eq!(diagnostics.len(), 8);
    for (diagnostic, finding) in diagnostics.iter().zip(findings) {
        assert_eq!(diagnostic["code"], finding["rule"]);
        assert_eq!(diagnostic["message"], finding["message"]);
        assert_eq!(diagnostic["source"], "claimlint");
        let severity = match finding["severity"].as_str().unwrap() {
            "error" => 1,
            "warning" => 2,
            _ => 3,
        };
        assert_eq!(diagnostic["severity"], severity);
        // The article's characters are all in the Basic Multilingual
        // Plane: a UTF-16 position is the CLI's column less one.
        let start = &diagnostic["range"]["start"];
        assert_eq!(
            start["line"].as_u64().unwrap() + 1,
            finding["span"]["line"].as_u64().unwrap()
        );
        assert_eq!(
            start["character"].as_u64().unwrap() + 1,
            finding["span"]["column"].as_u64().unwrap()
        );
        let related = diagnostic["relatedInformation"].as_array().unwrap();
        assert_eq!(related.len(), finding["related"].as_array().unwrap().len());
        for (r, f) in related.iter().zip(finding["related"].as_array().unwrap()) {
            assert_eq!(r["location"]["uri"], uri);
            assert_eq!(r["message"], format!("\"{}\"", f["text"].as_str().unwrap()));
            assert_eq!(
                r["location"]["range"]["start"]["character"].as_u64().unwrap() + 1,
                f["span"]["column"].as_u64().unwrap()
            );
        }
    }
    client.shut_down().unwrap();
}

/// "🇺🇦" is 8 bytes, 2 characters and 4 UTF-16 units; "’", "“" and "”"
/// are 3 bytes and 1 unit; "🙂" is 4 bytes and 2 units.
const EMOJI_DRAFT: &str = "🇺🇦 Kerry’s visit to Kiev.\n“Talks” 🙂 in the cease-fire; the ceasefire held.\n";

#[test]
fn positions_count_utf16_units_past_emoji_and_curly_quotes() {
    let mut client = Client::isolated();
    let uri = "file:///news/emoji.txt";
    let published = client.open(uri, "plaintext", EMOJI_DRAFT);
    let found: Vec<(String, Value, Vec<Value>)> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let related = d["relatedInformation"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["location"]["range"].clone())
                .collect();
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"].clone(),
                related,
            )
        })
        .collect();
    let range = |line: u32, start: u32, end: u32| json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}});
    assert_eq!(
        found,
        [
            // "Kiev": byte 28, character 20, UTF-16 unit 22.
            ("style.substitution".to_string(), range(0, 22, 26), vec![]),
            // "ceasefire" (odd one out, a tie going to the form used
            // first) at unit 34 and "cease-fire" at unit 18.
            (
                "terms.hyphenation".to_string(),
                range(1, 34, 43),
                vec![range(1, 18, 28)]
            ),
        ]
    );
    client.shut_down().unwrap();
}

#[test]
fn a_client_offering_utf8_gets_byte_columns_and_lone_cr_lines() {
    let mut client = Client::start(
        Options {
            config: ConfigChoice::Isolated,
            ..Options::default()
        },
        Value::Null,
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    let uri = "file:///news/cr.txt";
    // Lines end in a lone CR; "’" is three bytes, so "Kiev" starts at
    // byte 19 of its line (character 17).
    let published = client.open(uri, "plaintext", "Talks\rKerry’s visit to Kiev.\r");
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(diagnostics[0]["code"], "style.substitution");
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 1, "character": 19}, "end": {"line": 1, "character": 23}})
    );
    client.shut_down().unwrap();
}

#[test]
fn a_finding_s_fixes_are_quick_fixes() {
    let mut client = Client::isolated();
    let uri = "file:///news/emoji.txt";
    client.open(uri, "plaintext", EMOJI_DRAFT);
    // The cursor inside "Kiev".
    let cursor = json!({"start": {"line": 0, "character": 24}, "end": {"line": 0, "character": 24}});
    let actions = client.code_actions(uri, &cursor, None);
    let titles: Vec<(&str, &str, bool)> = actions
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap(),
                a["kind"].as_str().unwrap(),
                a["isPreferred"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("Replace \"Kiev\" with \"Kyiv\"", "quickfix", true),
            // Once, among the quick fixes (it used to be listed a second
            // time as the source action).
            ("Fix all safe findings", "quickfix", false),
        ]
    );
    assert_eq!(actions[0]["diagnostics"][0]["code"], "style.substitution");
    assert_eq!(
        action_edits(&actions[0], uri),
        [json!({
            "range": {"start": {"line": 0, "character": 22}, "end": {"line": 0, "character": 26}},
            "newText": "Kyiv"
        })]
    );
    let fixed = apply_edits(EMOJI_DRAFT, &action_edits(&actions[1], uri));
    assert_eq!(
        fixed,
        "🇺🇦 Kerry’s visit to Kyiv.\n“Talks” 🙂 in the cease-fire; the cease-fire held.\n"
    );
    // Asked for source actions only, the server offers only fixing all.
    let only = client.code_actions(uri, &cursor, Some(json!(["source.fixAll"])));
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["kind"], "source.fixAll.claimlint");
    // Nowhere near a finding: no quick fix, but fixing all is a source action.
    let elsewhere = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let actions = client.code_actions(uri, &elsewhere, None);
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.claimlint");
    client.shut_down().unwrap();
}

#[test]
fn unsafe_fixes_are_labelled_and_not_preferred() {
    let mut client = Client::start(
        Options {
            config: ConfigChoice::Isolated,
            ..Options::default()
        },
        Value::Null,
        // A client that applies versioned edits.
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
    );
    let uri = "file:///news/kerry-lavrov.txt";
    let text = seed_article();
    let published = client.open(uri, "plaintext", &text);
    let variant = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "naming.variant")
        .unwrap()
        .clone();
    let actions = client.code_actions(uri, &variant["range"], Some(json!(["quickfix"])));
    let action = &actions[0];
    assert_eq!(
        action["title"],
        "Replace \"Sergey Lavrov\" with \"Sergei Lavrov\" (unsafe fix)"
    );
    assert_eq!(action["isPreferred"], false);
    assert_eq!(action["edit"]["documentChanges"][0]["textDocument"]["version"], 1);
    let fixed = apply_edits(&text, &action_edits(action, uri));
    assert_eq!(fixed, text.replacen("Sergey Lavrov", "Sergei Lavrov", 1));
    client.shut_down().unwrap();
}

#[test]
fn display_only_suggestions_are_never_offered_as_edits() {
    let mut client = Client::isolated();
    let uri = "file:///news/budget.md";
    let text = "# Budget row deepens\n\nSpeaking on Monday, Mr Okafor said the budget was fair.\n\n\
                Finance Minister Chidi Okafor has faced criticism from unions.\n";
    let published = client.open(uri, "markdown", text);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "naming.first_reference");
    assert_eq!(diagnostics[0]["severity"], 3);
    let range = diagnostics[0]["range"].clone();
    assert_eq!(client.code_actions(uri, &range, None), Vec::<Value>::new());
    client.shut_down().unwrap();
}

#[test]
fn fixing_all_makes_the_text_check_fix_makes() {
    let mut client = Client::isolated();
    let uri = "file:///news/kerry-lavrov.txt";
    let text = seed_article();
    client.open(uri, "plaintext", &text);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let actions = client.code_actions(uri, &whole, Some(json!(["source.fixAll"])));
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["title"], "Fix all safe findings");
    let edits = action_edits(&actions[0], uri);
    let fixed = apply_edits(&text, &edits);
    let cli = claimlint_check(&["--fix", "-"], &text);
    assert_ne!(fixed, text);
    assert_eq!(fixed, cli);
    // The edits touch only the lines that change.
    let changed_lines = text.lines().zip(cli.lines()).filter(|(a, b)| a != b).count();
    assert!(edits.len() <= changed_lines * 3, "{} edits", edits.len());
    // The editor applies them and tells the server; what is left has no
    // safe fix, so fixing all is no longer offered.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 2);
    assert!(client
        .code_actions(uri, &whole, Some(json!(["source.fixAll"])))
        .is_empty());
    client.shut_down().unwrap();
}

#[test]
fn changes_saves_and_closes_recheck_or_clear() {
    let mut client = Client::isolated();
    let uri = "file:///news/draft.md";
    let published = client.open(uri, "markdown", "The cease-fire held. The ceasefire broke.\n");
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 1);
    // A change as a range (sent although the server asks for whole texts).
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 0, "character": 25}, "end": {"line": 0, "character": 34}},
            "text": "cease-fire"
        }]}),
    );
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));
    // Markdown code is not prose.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{
            "text": "The cease-fire held. `ceasefire` broke.\n\nKiev.\n"
        }]}),
    );
    let published = client.diagnostics(uri);
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, [&json!("style.substitution")]);
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.diagnostics(uri)["version"], 3);
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.diagnostics(uri)["diagnostics"], json!([]));
    client.shut_down().unwrap();
}

#[test]
fn what_the_server_does_not_check_or_know_gets_no_crash() {
    let mut client = Client::isolated();
    // Not a draft: no diagnostics, no actions.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///src/main.rs", "languageId": "rust", "version": 1, "text": "// Kiev"}}),
    );
    // A change to a document that was never opened.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///news/never.txt", "version": 2}, "contentChanges": [{"text": "Kiev"}]}),
    );
    // Parameters that are not what the method takes.
    client.notify("textDocument/didOpen", json!({"textDocument": 7}));
    let unknown = client.request("textDocument/hover", json!({}));
    assert_eq!(unknown.error.unwrap().code, -32601);
    let actions = client.code_actions(
        "file:///src/main.rs",
        &json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
        None,
    );
    assert!(actions.is_empty());
    let bad = client.request("textDocument/codeAction", json!({"range": 1}));
    assert_eq!(bad.error.unwrap().code, -32602);
    // The server still checks drafts.
    let published = client.open("untitled:Untitled-1", "plaintext", "Kiev.");
    assert_eq!(published["diagnostics"][0]["code"], "style.substitution");
    assert!(client
        .notifications
        .iter()
        .all(|n| n.method != "textDocument/publishDiagnostics" || n.params["uri"] != "file:///src/main.rs"));
    client.shut_down().unwrap();
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_without_it_is_an_error() {
    let mut client = Client::isolated();
    let response = client.request("shutdown", Value::Null);
    assert!(response.error.is_none());
    let refused = client.request("textDocument/codeAction", json!({}));
    assert_eq!(refused.error.unwrap().code, -32600);
    client.notify("exit", Value::Null);
    assert!(client.server.take().unwrap().join().unwrap().is_ok());

    let mut client = Client::isolated();
    client.notify("exit", Value::Null);
    let result = client.server.take().unwrap().join().unwrap();
    assert!(
        matches!(result, Err(lsp::Error::ExitWithoutShutdown)),
        "{result:?}"
    );
}

#[test]
fn the_configuration_is_found_from_the_workspace_root() {
    let workspace = TempDir::new().unwrap();
    std::fs::write(workspace.path().join(".claimlint.yaml"), "disable: [style]\n").unwrap();
    std::fs::create_dir(workspace.path().join("drafts")).unwrap();
    let draft = workspace.path().join("drafts/draft.txt");
    let mut client = Client::start(Options::default(), json!(uri_of(workspace.path())), json!({}));
    let uri = uri_of(&draft);
    let published = client.open(
        &uri,
        "plaintext",
        "Kiev. The cease-fire held. The ceasefire broke.\n",
    );
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, [&json!("terms.hyphenation")]);
    client.shut_down().unwrap();
}

#[test]
fn each_workspace_folder_reads_its_own_configuration() {
    let desk = TempDir::new().unwrap();
    let (news, sport) = (desk.path().join("news"), desk.path().join("sport"));
    for (dir, config) in [(&news, "disable: [style]\n"), (&sport, "disable: [terms]\n")] {
        std::fs::create_dir(dir).unwrap();
        std::fs::write(dir.join(".claimlint.yaml"), config).unwrap();
    }
    let folders = json!([
        {"uri": uri_of(&news), "name": "news"},
        {"uri": uri_of(&sport), "name": "sport"}
    ]);
    let mut client = Client::start(Options::default(), folders, json!({}));
    let text = "Kiev. The cease-fire held. The ceasefire broke.\n";
    let codes = |published: Value| -> Vec<String> {
        published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let in_news = client.open(&uri_of(&news.join("a.txt")), "plaintext", text);
    assert_eq!(codes(in_news), ["terms.hyphenation"]);
    let in_sport = client.open(&uri_of(&sport.join("a.txt")), "plaintext", text);
    assert_eq!(codes(in_sport), ["style.substitution"]);
    client.shut_down().unwrap();

    // `--config` names one file for every folder.
    let options = Options {
        config: ConfigChoice::File(sport.join(".claimlint.yaml")),
        ..Options::default()
    };
    let mut client = Client::start(options, json!(uri_of(&news)), json!({}));
    let in_news = client.open(&uri_of(&news.join("a.txt")), "plaintext", text);
    assert_eq!(codes(in_news), ["style.substitution"]);
    client.shut_down().unwrap();
}

#[test]
fn a_configuration_mistake_is_shown_not_a_crash() {
    let workspace = TempDir::new().unwrap();
    let config = workspace.path().join(".claimlint.yaml");
    std::fs::write(&config, "disable: [naming.entty]\n").unwrap();
    let mut client = Client::start(
        Options::default(),
        json!(uri_of(workspace.path())),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // The server asks to hear of YAML changes.
    let registration = match client.receive() {
        Message::Request(request) => request,
        other => panic!("expected a registration, got {other:?}"),
    };
    assert_eq!(registration.method, "client/registerCapability");
    let watchers = &registration.params["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/*.{yaml,yml}");
    client
        .connection
        .sender
        .send(Response::new_ok(registration.id, ()).into())
        .unwrap();

    let uri = uri_of(&workspace.path().join("draft.txt"));
    let published = client.open(&uri, "plaintext", "Kiev.\n");
    assert_eq!(published["diagnostics"], json!([]));
    let shown = client.next_notification("window/showMessage");
    assert_eq!(shown["type"], 1);
    let message = shown["message"].as_str().unwrap();
    let expected = format!(
        "claimlint: {}:1:11: disable: unknown rule or family `naming.entty`",
        config.display()
    );
    assert!(message.starts_with(&expected), "{message}");
    assert!(message.ends_with("; no checks until it is fixed"), "{message}");

    // Fixed on disk, the client reports the change: the draft is checked.
    std::fs::write(&config, "disable: [terms]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&config), "type": 2}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"][0]["code"], "style.substitution");
    client.shut_down().unwrap();
}

#[test]
fn a_client_that_cannot_watch_files_gets_the_configuration_read_on_save() {
    let workspace = TempDir::new().unwrap();
    let config = workspace.path().join("claimlint.yaml");
    std::fs::write(&config, "style: no-such-style\n").unwrap();
    let mut client = Client::start(Options::default(), json!(uri_of(workspace.path())), json!({}));
    let uri = uri_of(&workspace.path().join("draft.md"));
    let published = client.open(&uri, "markdown", "Kiev.\n");
    assert_eq!(published["diagnostics"], json!([]));
    let shown = client.next_notification("window/showMessage");
    assert!(
        shown["message"].as_str().unwrap().starts_with(&format!(
            "claimlint: {}:1:8: unknown style `no-such-style`",
            config.display()
        )),
        "{shown}"
    );
    std::fs::write(&config, "severity: {style: error}\n").unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"][0]["code"], "style.substitution");
    assert_eq!(published["diagnostics"][0]["severity"], 1);
    client.shut_down().unwrap();
}

/// Writes one message with its `Content-Length` header.
fn write_framed(stdin: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Reads framed messages from the server's standard output onto a channel.
fn read_framed(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = None;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 {
                    return;
                }
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some(n) = header.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    receiver
}

/// `claimlint lsp --isolated` with its input and error output piped.
fn spawn_server(stdout: Stdio) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("claimlint"))
        .args(["lsp", "--isolated"])
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn the_binary_serves_a_session_over_stdio() {
    let mut child = spawn_server(Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let messages = read_framed(child.stdout.take().unwrap());
    let next = |method: Option<&str>, id: Option<i64>| -> Value {
        loop {
            let message = messages.recv_timeout(WAIT).expect("the server answers");
            if id.is_some() && message["id"].as_i64() == id && message.get("method").is_none() {
                return message;
            }
            if method.is_some() && message["method"].as_str() == method {
                return message;
            }
        }
    };
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let initialized = next(None, Some(1));
    assert_eq!(initialized["result"]["serverInfo"]["name"], "claimlint");
    assert_eq!(
        initialized["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.claimlint"])
    );
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let uri = "file:///news/kerry-lavrov.txt";
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": seed_article()
        }}}),
    );
    let published = next(Some("textDocument/publishDiagnostics"), None);
    // The same diagnostics as in memory.
    let mut client = Client::isolated();
    let in_memory = client.open(uri, "plaintext", &seed_article());
    client.shut_down().unwrap();
    assert_eq!(published["params"], in_memory);

    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    assert_eq!(next(None, Some(2))["result"], Value::Null);
    write_framed(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn the_binary_exits_with_status_1_on_exit_without_shutdown() {
    let mut child = spawn_server(Stdio::null());
    let mut stdin = child.stdin.take().unwrap();
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    write_framed(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn the_binary_answers_a_message_it_cannot_read_and_goes_on() {
    let mut child = spawn_server(Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let messages = read_framed(child.stdout.take().unwrap());
    let next = || messages.recv_timeout(WAIT).expect("the server answers");
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    assert_eq!(next()["id"], 1);
    // Not JSON: a parse error, answered with a null id as JSON-RPC says.
    write!(stdin, "Content-Length: 5\r\n\r\n{{bad}}").unwrap();
    // A notification whose parameters are not what the method takes is
    // reported on standard error and skipped.
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 7}}),
    );
    // A request with bad parameters gets InvalidParams.
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"range": 1}}),
    );
    // And a good request still gets its answer.
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": "file:///news/never-opened.txt"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}
        }}),
    );
    let parse_error = next();
    assert_eq!(parse_error["id"], Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700);
    let mut answers = Vec::new();
    while answers.len() < 2 {
        let message = next();
        if message.get("method").is_none() {
            answers.push(message);
        }
    }
    assert_eq!(answers[0]["id"], 2);
    assert_eq!(answers[0]["error"]["code"], -32602);
    assert_eq!(answers[1]["id"], 3);
    assert_eq!(answers[1]["result"], json!([]));
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
    );
    loop {
        let message = next();
        if message["id"] == 4 {
            assert_eq!(message["result"], Value::Null);
            break;
        }
    }
    write_framed(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("claimlint lsp: skipped a message: the body is not JSON"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("claimlint lsp: `textDocument/didOpen` skipped: bad parameters"),
        "{stderr}"
    );
}

/// A sentence with two findings (a hyphenation and a house-style form),
/// for drafts of any size.
const SENTENCE: &str = "The cease-fire held in Kiev and the ceasefire broke. ";

/// `SENTENCE` repeated to at least `bytes` bytes.
fn draft_of(bytes: usize) -> String {
    SENTENCE.repeat(bytes.div_ceil(SENTENCE.len()))
}

/// Waits at most `limit` for the response to request `id`, keeping the
/// notifications met on the way.
fn response_within(client: &mut Client, id: i32, limit: Duration) -> Option<Response> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let left = deadline.checked_duration_since(std::time::Instant::now())?;
        match client.connection.receiver.recv_timeout(left).ok()? {
            Message::Response(response) if response.id == RequestId::from(id) => return Some(response),
            Message::Notification(n) => client.notifications.push(n),
            _ => {}
        }
    }
}

#[test]
fn shutdown_and_exit_are_answered_at_once_while_a_large_draft_is_checked() {
    let mut client = Client::isolated();
    let uri = "file:///news/large.txt";
    let text = draft_of(2_000_000);
    client.open(uri, "plaintext", &text);
    // Saving checks it whatever its size; that check takes a while.
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    client.next_id += 1;
    let id = client.next_id;
    let request = Request::new(RequestId::from(id), "shutdown".to_string(), Value::Null);
    client.connection.sender.send(request.into()).unwrap();
    let response =
        response_within(&mut client, id, Duration::from_secs(5)).expect("shutdown answered within 5 s");
    assert_eq!(response.result, Some(Value::Null));
    client.notify("exit", Value::Null);
    let server = client.server.take().unwrap();
    let (done, stopped) = mpsc::channel();
    std::thread::spawn(move || done.send(server.join().unwrap()));
    let result = stopped
        .recv_timeout(Duration::from_secs(5))
        .expect("the server stops within 5 s of exit");
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn a_draft_too_large_to_check_as_you_type_is_checked_when_saved() {
    let mut client = Client::isolated();
    let uri = "file:///news/large.txt";
    let text = draft_of(lsp::MAX_CHECKED_AS_YOU_TYPE + 1);
    let bytes = text.len();
    assert!(bytes > 1 << 20);
    let notice = json!([{
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "severity": 3,
        "source": "claimlint",
        "message": format!(
            "document too large to check as you type ({bytes} bytes; the limit is 1 MiB): run `claimlint check` on it"
        )
    }]);
    let published = client.open(uri, "plaintext", &text);
    assert_eq!(published["version"], 1);
    assert_eq!(published["diagnostics"], notice);
    // Nothing to offer on text that was not checked.
    let start = json!({"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 4}});
    assert_eq!(client.code_actions(uri, &start, None), Vec::<Value>::new());
    // Saved, it is checked: the house-style finding and the hyphenation
    // finding the CLI reports, each with every other place involved.
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    let report: Value = serde_json::from_str(&claimlint_check(&["--format", "json", "-"], &text)).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    assert_eq!(diagnostics.len(), findings.len());
    for (diagnostic, finding) in diagnostics.iter().zip(findings) {
        assert_eq!(diagnostic["code"], finding["rule"]);
        assert_eq!(diagnostic["message"], finding["message"]);
        assert_eq!(
            diagnostic["relatedInformation"].as_array().unwrap().len(),
            finding["related"].as_array().unwrap().len()
        );
    }
    let kievs = text.matches("Kiev").count();
    assert_eq!(
        diagnostics[0]["relatedInformation"].as_array().unwrap().len(),
        kievs - 1
    );
    // One more keystroke: too large again, the notice is back.
    let mut edited = text.clone();
    edited.push('.');
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 2);
    let mut notice_2 = notice.clone();
    notice_2[0]["message"] = json!(format!(
        "document too large to check as you type ({} bytes; the limit is 1 MiB): run `claimlint check` on it",
        bytes + 1
    ));
    assert_eq!(published["diagnostics"], notice_2);
    // Cut below the limit, it is checked as you type again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": SENTENCE}]}),
    );
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 3);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["style.substitution", "terms.hyphenation"]);
    client.shut_down().unwrap();
}

#[test]
fn a_newer_edit_supersedes_the_check_of_an_older_one() {
    let mut client = Client::isolated();
    let uri = "file:///news/draft.txt";
    // A draft that takes a while to check, replaced before its check can
    // have finished.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": draft_of(900_000)}}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Kiev.\n"}]}),
    );
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(published["diagnostics"][0]["code"], "style.substitution");
    // The worker takes jobs in order: once this is answered, the first
    // check (if it ran) is done, and its result was dropped.
    let anywhere = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let actions = client.code_actions(uri, &anywhere, None);
    assert_eq!(actions.len(), 2);
    assert!(client
        .notifications
        .iter()
        .all(|n| n.method != "textDocument/publishDiagnostics" || n.params["version"] == 2));
    client.shut_down().unwrap();
}

#[test]
fn fixing_all_is_offered_once_on_a_finding() {
    let mut client = Client::isolated();
    let uri = "file:///news/kerry-lavrov.txt";
    let published = client.open(uri, "plaintext", &seed_article());
    let count = |actions: &[Value]| {
        actions
            .iter()
            .filter(|a| a["title"] == "Fix all safe findings")
            .count()
    };
    let last = seed_article().lines().count() as u32;
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": last, "character": 0}});
    for diagnostic in published["diagnostics"].as_array().unwrap() {
        let actions = client.code_actions(uri, &diagnostic["range"], None);
        assert_eq!(count(&actions), 1, "{actions:?}");
    }
    // Every finding in the range, and every kind asked for: still once.
    let actions = client.code_actions(uri, &whole, Some(json!(["quickfix", "source"])));
    assert_eq!(count(&actions), 1);
    assert_eq!(actions.last().unwrap()["kind"], "quickfix");
    let actions = client.code_actions(uri, &whole, Some(json!(["source"])));
    assert_eq!(count(&actions), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.claimlint");
    client.shut_down().unwrap();
}

#[test]
fn the_binary_exits_at_once_while_a_large_draft_is_checked() {
    let mut child = spawn_server(Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let messages = read_framed(child.stdout.take().unwrap());
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let uri = "file:///news/large.txt";
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": draft_of(2_000_000)
        }}}),
    );
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}}}),
    );
    write_framed(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline
            .checked_duration_since(std::time::Instant::now())
            .expect("shutdown answered within 5 s");
        let message = messages.recv_timeout(left).expect("shutdown answered within 5 s");
        if message["id"] == 2 {
            assert_eq!(message["result"], Value::Null);
            break;
        }
    }
    write_framed(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the process ends within 5 s of exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}
