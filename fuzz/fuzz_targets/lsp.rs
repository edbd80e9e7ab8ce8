//! The language server's message reader on any bytes: every message it
//! delivers is one it can write back, every reply it makes itself is a
//! JSON-RPC error response, and it never panics or waits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    claimlint::lsp::stdio::read_messages(
        bytes,
        |message| {
            serde_json::to_string(&message).expect("a delivered message serialises");
            true
        },
        |reply| {
            assert_eq!(reply["jsonrpc"], "2.0", "{reply}");
            assert!(reply["error"]["code"].is_i64(), "{reply}");
        },
    );
});
