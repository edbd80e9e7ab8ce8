//! The HTML format: one self-contained page to attach to a ticket or keep
//! as a CI artifact, showing each draft with its findings marked beside
//! the list of findings, as the page of `claimlint serve` shows them, but
//! read-only.
//!
//! The page carries everything it needs: the style sheet and the renderer
//! of the served page (`src/assets/`), the JSON report
//! (`docs/json.md`) and the text of each file, in a
//! `<script type="application/json">` element. It loads nothing from
//! anywhere, so it opens without a network.

use std::io;

use super::Run;
use crate::assets::{APP_CSS, RENDER_JS};

/// Writes `run` as one HTML document.
///
/// Deterministic: the same run gives the same bytes. The embedded data
/// has every `<` written as `\u003c`, so no text in a draft can end the
/// script element that holds it.
pub fn write(run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    let mut report = Vec::new();
    super::json::write(run, &mut report)?;
    let report = String::from_utf8(report).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let texts: Vec<&str> = run.files.iter().map(|f| f.source.text.as_str()).collect();
    let texts = serde_json::to_string(&texts)?;
    let data = script_safe(&format!("{{\"report\":{},\"texts\":{texts}}}", report.trim_end()));
    let title = match run.files.as_slice() {
        [one] if run.errors.is_empty() => format!("claimlint: {}", one.source.path),
        _ => "claimlint report".to_string(),
    };
    write!(
        out,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<main class="cl-report" id="report" aria-labelledby="report-title">
<header><h1 id="report-title">claimlint report</h1></header>
<noscript><p>This report shows the drafts with JavaScript; without it, the findings are in the JSON report at the end of this file.</p></noscript>
</main>
<script type="application/json" id="claimlint-data">{data}</script>
<script>
{js}</script>
<script>
ClaimlintRender.mountReport(document.getElementById('report'), JSON.parse(document.getElementById('claimlint-data').textContent));
</script>
</body>
</html>
"#,
        title = escape_html(&title),
        css = APP_CSS,
        js = RENDER_JS,
    )
}

/// JSON that can stand inside a `<script>` element: `<` written as the
/// JSON escape `\u003c` (it only ever occurs inside strings), so neither
/// `</script>` nor `<!--` can appear.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Text that can stand in HTML content.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pretty::tests::{sample_run, write_to_string};
    use crate::report::Checked;
    use crate::source::{Format, Source};

    fn render(run: &Run) -> String {
        write_to_string(|out| write(run, out))
    }

    /// The report with the shared style sheet and renderer left out (they
    /// are the served page's, tested with it).
    fn without_assets(html: &str) -> String {
        assert_eq!(html.matches(APP_CSS).count(), 1);
        assert_eq!(html.matches(RENDER_JS).count(), 1);
        html.replace(APP_CSS, "/* app.css */\n")
            .replace(RENDER_JS, "/* render.js */\n")
    }

    /// The JSON the page embeds.
    fn data(html: &str) -> serde_json::Value {
        let start = html
            .find(r#"<script type="application/json" id="claimlint-data">"#)
            .unwrap();
        let rest = &html[start..];
        let open = rest.find('>').unwrap() + 1;
        let close = rest.find("</script>").unwrap();
        serde_json::from_str(&rest[open..close]).unwrap()
    }

    #[test]
    fn sample_run_as_a_page() {
        insta::assert_snapshot!(without_assets(&render(&sample_run())));
    }

    #[test]
    fn the_page_embeds_the_json_report_and_the_texts() {
        let run = sample_run();
        let html = render(&run);
        let json = write_to_string(|out| super::super::json::write(&run, out));
        let data = data(&html);
        assert_eq!(
            data["report"],
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
        let texts: Vec<&str> = run.files.iter().map(|f| f.source.text.as_str()).collect();
        assert_eq!(data["texts"], serde_json::json!(texts));
    }

    #[test]
    fn a_draft_cannot_end_the_script_or_load_anything() {
        let text = "</script><script src=\"https://example.com/x.js\"></script> <!-- x --> </SCRIPT>\n";
        let run = Run {
            files: vec![Checked {
                source: Source::new("<b>draft</b>.txt", text, Format::Text),
                findings: Vec::new(),
            }],
            errors: Vec::new(),
        };
        let html = render(&run);
        assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 3);
        assert!(!html.contains("<!--"));
        assert!(!html.contains("<script src"));
        assert!(html.contains("<title>claimlint: &lt;b&gt;draft&lt;/b&gt;.txt</title>"));
        assert_eq!(data(&html)["texts"][0], text);
    }
}
