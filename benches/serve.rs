//! The server-side time of `POST /api/check` (`claimlint serve`) for a
//! 5,000-word draft: reading the request, checking the draft with the
//! built-in rules and writing the JSON report, measured through the router
//! as the page calls it (no network in between).
//!
//! The draft is the example article repeated to 5,000 words.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use http_body_util::BodyExt;
use tower::ServiceExt;

use claimlint::serve::{router, Server};
use claimlint::setup::PackOptions;

const WORDS: usize = 5_000;

/// The example article repeated until the draft has `WORDS` words.
fn draft() -> String {
    let example = include_str!("../examples/kerry-lavrov.txt");
    let per_copy = example.split_whitespace().count();
    let copies = WORDS.div_ceil(per_copy);
    vec![example; copies].join("\n")
}

fn serve(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime starts");
    let app = router(Server::new(PackOptions::default(), None).expect("the built-in pack loads"));
    let text = draft();
    let body = serde_json::json!({ "text": text, "format": "txt" }).to_string();
    let call = || {
        let request = Request::post("/api/check")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.clone()))
            .expect("a valid request");
        runtime.block_on(async {
            let response = app.clone().oneshot(request).await.expect("the router answers");
            assert_eq!(response.status(), StatusCode::OK);
            response
                .into_body()
                .collect()
                .await
                .expect("a body")
                .to_bytes()
                .len()
        })
    };
    println!(
        "draft: {} words, {} bytes; report: {} bytes",
        text.split_whitespace().count(),
        text.len(),
        call()
    );
    let mut group = c.benchmark_group("serve");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("api_check_5000_words", |b| b.iter(call));
    group.finish();
}

criterion_group!(benches, serve);
criterion_main!(benches);
