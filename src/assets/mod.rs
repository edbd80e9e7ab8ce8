//! The web page's files, compiled in: the local page `serve` answers with
//! and the HTML report (`--format html`) share a style sheet and a
//! renderer, so both take them from here.

/// The page.
pub const INDEX_HTML: &str = include_str!("index.html");
/// The page's and the HTML report's style sheet.
pub const APP_CSS: &str = include_str!("app.css");
/// The renderer the page and the HTML report share.
pub const RENDER_JS: &str = include_str!("render.js");
/// The page's editing, checking and fixing.
pub const PAGE_JS: &str = include_str!("page.js");
