//! The server on standard input and output, framed as the protocol says
//! (`Content-Length` header, blank line, JSON body), read by claimlint
//! itself rather than by `lsp-server`, whose reader ends the session at the
//! first body that is not JSON.
//!
//! A body that is not JSON is answered with a JSON-RPC `ParseError`
//! response whose id is `null`; valid JSON that is no message gets
//! `InvalidRequest` (with the request's id where it has one); a header
//! block without a usable `Content-Length`, or a body above
//! [`MAX_MESSAGE`], is reported on standard error and skipped. Then the
//! reader goes on with the next message. Only the end of the input, or the
//! `exit` notification, ends it.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};

use super::{run, Error, Options};

/// The largest message body read (256 MiB); a longer one is skipped
/// unread.
pub const MAX_MESSAGE: usize = 256 << 20;

/// The longest header line kept; a longer line is not a header.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// Serves the protocol on standard input and output until the client
/// exits.
pub fn stdio(options: &Options) -> Result<(), Error> {
    // The server talks to an in-memory client; two threads carry that
    // client's side to and from the process's standard streams.
    let (server_side, client_side) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client_side;
    let writer = std::thread::spawn(move || -> io::Result<()> {
        for message in from_server {
            let mut out = io::stdout().lock();
            message.write(&mut out)?;
        }
        Ok(())
    });
    // The reader is not joined: it may wait on standard input for as long
    // as the editor keeps it open, and the process ends without it.
    std::thread::spawn(move || {
        let input = io::stdin().lock();
        read_messages(input, |message| to_server.send(message).is_ok(), reply);
    });
    let result = run(server_side, options);
    // `run` has dropped the server's side, so the writer ends once it has
    // written what was sent.
    let written = match writer.join() {
        Ok(written) => written,
        Err(_) => Err(io::Error::other("the writer thread panicked")),
    };
    match (result, written) {
        (Err(Error::Disconnected), Err(e)) => Err(Error::Io(e)),
        (Ok(()), Err(e)) => Err(Error::Io(e)),
        (result, _) => result,
    }
}

/// Writes a reply the reader makes itself (to a message the server never
/// sees) to standard output.
fn reply(message: &Value) {
    let body = message.to_string();
    let mut out = io::stdout().lock();
    let written = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len()).and_then(|()| out.flush());
    if let Err(e) = written {
        eprintln!("claimlint lsp: could not write a reply: {e}");
    }
}

/// One framed message as read.
enum Frame {
    /// A body of `Content-Length` bytes.
    Body(Vec<u8>),
    /// A header block that cannot be used, and why.
    Bad(String),
}

/// Reads messages from `input` until its end or `exit`, handing each to
/// `deliver` (which says whether to go on) and each reply to a message
/// that could not be read to `reply`. Never fails: what cannot be read is
/// answered or reported on standard error and skipped. (Public for the
/// fuzz target that feeds it any bytes.)
pub fn read_messages(
    mut input: impl BufRead,
    mut deliver: impl FnMut(Message) -> bool,
    mut reply: impl FnMut(&Value),
) {
    loop {
        let frame = match read_frame(&mut input) {
            Ok(Some(frame)) => frame,
            Ok(None) => return,
            Err(e) => {
                eprintln!("claimlint lsp: reading standard input failed: {e}");
                return;
            }
        };
        let body = match frame {
            Frame::Body(body) => body,
            Frame::Bad(why) => {
                eprintln!("claimlint lsp: skipped a message: {why}");
                continue;
            }
        };
        match decode(&body) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if !deliver(message) || exit {
                    return;
                }
            }
            Err(Undecoded { why, answer }) => {
                eprintln!("claimlint lsp: skipped a message: {why}");
                if let Some(answer) = answer {
                    reply(&answer);
                }
            }
        }
    }
}

/// A body that is no message: why, and the error response it gets (none
/// for what looks like a response from the client).
struct Undecoded {
    why: String,
    answer: Option<Value>,
}

fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

fn decode(body: &[u8]) -> Result<Message, Undecoded> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        let why = format!("the body is not JSON ({e})");
        Undecoded {
            answer: Some(error_response(Value::Null, ErrorCode::ParseError, &why)),
            why,
        }
    })?;
    let method = value.get("method");
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_i64() || id.is_u64())
        .cloned();
    let decoded = match serde_json::from_value::<Message>(value.clone()) {
        // A message with a method is a request or a notification, never a
        // response (which is what a bad method leaves it looking like).
        Ok(Message::Response(_)) if method.is_some() => Err("its method is not a string".to_string()),
        Ok(message) => Ok(message),
        Err(e) => Err(e.to_string()),
    };
    decoded.map_err(|e| {
        let why = format!("the body is not a JSON-RPC message ({e})");
        // A response (no method) the client sent is not answered.
        let answer =
            method.map(|_| error_response(id.unwrap_or(Value::Null), ErrorCode::InvalidRequest, &why));
        Undecoded { why, answer }
    })
}

/// Reads one header block and its body; `None` at the end of the input
/// (a message cut short there included).
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut headers = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if headers == 0 {
                // A stray blank line between messages.
                continue;
            }
            break;
        }
        headers += 1;
        // The header is looked for anywhere in the line, so that a body
        // that ran into the next header does not hide it.
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.rfind("content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length `{value}`")),
            );
        }
    }
    let length = match length {
        None => return Ok(Some(Frame::Bad("no Content-Length header".to_string()))),
        Some(Err(why)) => return Ok(Some(Frame::Bad(why))),
        Some(Ok(length)) => length,
    };
    if length > MAX_MESSAGE {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Frame::Bad(format!(
            "a body of {length} bytes (the most read is {MAX_MESSAGE})"
        ))));
    }
    // Read as it comes, so a length the input does not hold costs no
    // buffer of that length.
    let mut body = Vec::new();
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(Frame::Body(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `input` delivers and replies, as JSON.
    fn read(input: &str) -> (Vec<Value>, Vec<Value>) {
        let (mut delivered, mut replies) = (Vec::new(), Vec::new());
        read_messages(
            input.as_bytes(),
            |m| {
                delivered.push(serde_json::to_value(&m).unwrap());
                true
            },
            |r| replies.push(r.clone()),
        );
        (delivered, replies)
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_body_that_is_not_json_gets_a_parse_error_and_reading_goes_on() {
        let ping = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let (delivered, replies) = read(&format!("Content-Length: 5\r\n\r\n{{bad}}{}", framed(ping)));
        assert_eq!(delivered, [json!({"id": 1, "method": "shutdown"})]);
        assert_eq!(replies.len(), 1);
        assert_eq!(replies[0]["id"], Value::Null);
        assert_eq!(replies[0]["error"]["code"], -32700);
    }

    #[test]
    fn json_that_is_no_message_gets_invalid_request_with_its_id() {
        let (delivered, replies) = read(&(framed(r#"{"id":7,"method":5}"#) + &framed("[1,2]")));
        assert!(delivered.is_empty());
        assert_eq!(replies[0]["id"], 7);
        assert_eq!(replies[0]["error"]["code"], -32600);
        // An array has no method: nothing to answer.
        assert_eq!(replies.len(), 1);
    }

    #[test]
    fn unusable_headers_are_skipped_and_the_next_message_read() {
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let after = r#"{"jsonrpc":"2.0","method":"never"}"#;
        let input = format!(
            "\r\nContent-Type: x\r\n\r\nContent-Length: ten\r\n\r\n\
             Content-Length: 999999999999\r\n\r\n{}{}",
            // A body longer than the most read is skipped; here the input
            // ends inside it.
            framed(exit),
            framed(after)
        );
        let (delivered, replies) = read(&input);
        assert!(delivered.is_empty() && replies.is_empty());
        let (delivered, _) = read(&format!(
            "\r\nContent-Type: x\r\n\r\n{}{}",
            framed(exit),
            framed(after)
        ));
        // Reading stops at `exit`.
        assert_eq!(delivered, [json!({"method": "exit"})]);
        // A message cut short by the end of the input is not delivered.
        let (delivered, _) = read("Content-Length: 50\r\n\r\n{\"jsonrpc\"");
        assert!(delivered.is_empty());
        // Bytes that are not UTF-8 are not JSON.
        let mut input = b"Content-Length: 2\r\n\r\n\xff\xfe".to_vec();
        input.extend_from_slice(framed(exit).as_bytes());
        let (mut delivered, mut replies) = (Vec::new(), Vec::new());
        read_messages(
            &input[..],
            |m| {
                delivered.push(m);
                true
            },
            |r| replies.push(r.clone()),
        );
        assert_eq!(delivered.len(), 1);
        assert_eq!(replies[0]["error"]["code"], -32700);
    }
}
