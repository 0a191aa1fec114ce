//! HTML pages: charset detection, main-content extraction and container metadata.
//!
//! The body comes from `dom_smoothie` (a readability port), which drops navigation,
//! share bars, related-article boxes and comments. When it fails or keeps too little,
//! our own block-text walk over `<article>`/`<main>`/`<body>` takes over, skipping
//! elements whose tag, class or id marks them as page furniture. Either way the body is
//! one paragraph per line. Title, date, outlet and URL come from JSON-LD, OpenGraph
//! and `<title>`, which news sites fill more reliably than the visible page.

use std::borrow::Cow;
use std::io::Read;

use dom_query::{Document, NodeRef};
use encoding_rs::Encoding;
use warta_core::Article;

use crate::IngestOptions;
use crate::error::{ErrorKind, IngestError, Location};
use crate::text::{finish_body, read_capped};

/// Below this many characters readability's scoring has too little text to work with
/// (it may return a teaser, a caption, or the page with its share bar), so our own
/// block-text walk, which drops furniture by tag and class, is trusted instead.
const MIN_READABLE_CHARS: usize = 200;

/// Deepest element nesting (as estimated by [`estimated_nesting_depth`]) we parse.
///
/// Real news pages stay below a hundred; html5ever and readability both slow down
/// quadratically with depth (seconds at a few thousand) and overflow the stack at
/// tens of thousands, so deeper input is refused before parsing.
const MAX_NESTING_DEPTH: usize = 1000;

/// How far into the page a `<meta charset>` is looked for. The HTML standard says 1024
/// bytes, but news pages often put scripts and styles first, so we look further.
const META_PRESCAN_BYTES: usize = 4096;

/// What the container around an HTML page knows about it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct HtmlHints<'a> {
    /// The URL the page was fetched from (WARC target URI, JSON Lines `url`).
    pub url: Option<&'a str>,
    /// The `Content-Type` header value, whose `charset` wins over the page's own.
    pub content_type: Option<&'a str>,
}

/// Reads one HTML page from `reader` and extracts its article; `file` names it.
///
/// At most `options.max_article_bytes` are read. The charset comes from a BOM, then a
/// `<meta charset>` or `http-equiv` in the first KiBs, then `chardetng` guessing with
/// the `.id` top-level domain as hint.
pub fn read_html(
    file: &str,
    reader: impl Read,
    options: &IngestOptions,
) -> Result<Article, IngestError> {
    let fail = |kind: ErrorKind| IngestError::new(file, Location::File, kind);
    let bytes = read_capped(reader, options.max_article_bytes).map_err(fail)?;
    article_from_html_bytes(file, &bytes, HtmlHints::default()).map_err(fail)
}

/// Decodes raw page bytes and extracts the article; `source` becomes `Article::source`.
pub(crate) fn article_from_html_bytes(
    source: &str,
    bytes: &[u8],
    hints: HtmlHints<'_>,
) -> Result<Article, ErrorKind> {
    let has_utf16_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !has_utf16_bom && bytes.contains(&0) {
        return Err(ErrorKind::Binary);
    }
    let html = decode_html(bytes, hints.content_type.and_then(charset_label));
    article_from_html(source, &html, hints.url)
}

/// Extracts the article from an already decoded page.
pub(crate) fn article_from_html(
    source: &str,
    html: &str,
    url: Option<&str>,
) -> Result<Article, ErrorKind> {
    if estimated_nesting_depth(html.as_bytes()) > MAX_NESTING_DEPTH {
        return Err(ErrorKind::TooDeep {
            limit: MAX_NESTING_DEPTH,
        });
    }
    let document = Document::from(html);
    let meta = PageMetadata::from_document(&document);

    let readable = dom_smoothie::Readability::with_document(document, None, None)
        .ok()
        .and_then(|mut readability| readability.parse().ok());
    let mut body = readable
        .as_ref()
        .map(|article| {
            block_text(
                &Document::fragment(article.content.clone()).root(),
                Furniture::Keep,
            )
        })
        .unwrap_or_default();
    if body.chars().count() < MIN_READABLE_CHARS {
        let fallback = fallback_text(&Document::from(html));
        if !fallback.trim().is_empty() {
            body = fallback;
        }
    }

    let from_readability = |field: fn(&dom_smoothie::Article) -> Option<&str>| {
        readable.as_ref().and_then(field).and_then(clean_field)
    };
    Ok(Article {
        source: source.to_string(),
        url: url.and_then(clean_field).or(meta.url),
        title: meta
            .title
            .or_else(|| from_readability(|a| Some(a.title.as_str()))),
        published: meta
            .published
            .or_else(|| from_readability(|a| a.published_time.as_deref())),
        outlet: meta
            .outlet
            .or_else(|| from_readability(|a| a.site_name.as_deref())),
        body: finish_body(&body)?,
    })
}

/// Elements that never hold children.
const VOID_TAGS: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
];

/// Elements the parser closes by itself when a sibling starts, so they do not nest.
const SELF_ENDING_TAGS: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"td",
    b"th",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"rb",
    b"rt",
    b"rp",
];

/// The deepest element nesting a tag scan predicts for the parsed tree.
///
/// Counts start tags against end tags, leaving out void and self-ending elements and
/// the contents of `<script>` and `<style>`; `/>` closes a tag only inside `<svg>` or
/// `<math>`, as in the parser. It is an estimate, but cheap and linear, so it can run
/// before the parser that the depth would slow down.
fn estimated_nesting_depth(html: &[u8]) -> usize {
    let (mut depth, mut deepest, mut foreign) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = html[at..].iter().position(|&byte| byte == b'<') {
        let is_end = html.get(at + offset + 1) == Some(&b'/');
        let name_start = at + offset + 1 + usize::from(is_end);
        let name_len = html[name_start..]
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric())
            .count();
        at = name_start;
        if name_len == 0 || !html[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = html[name_start..]
            .iter()
            .position(|&byte| byte == b'>')
            .map(|end| name_start + end);
        let self_closing = tag_end.is_some_and(|end| html[end - 1] == b'/');
        at = tag_end.map_or(html.len(), |end| end + 1);
        let name = name.as_slice();
        if VOID_TAGS.contains(&name) || SELF_ENDING_TAGS.contains(&name) {
            continue;
        }
        let is_foreign_root = matches!(name, b"svg" | b"math");
        if is_end {
            depth = depth.saturating_sub(1);
            foreign = foreign.saturating_sub(usize::from(is_foreign_root));
            continue;
        }
        if self_closing && (foreign > 0 || is_foreign_root) {
            continue;
        }
        if matches!(name, b"script" | b"style") {
            let closing = [b"</", name].concat();
            let content_end =
                find(&html[at..].to_ascii_lowercase(), &closing).map_or(html.len(), |end| at + end);
            at = html[content_end..]
                .iter()
                .position(|&byte| byte == b'>')
                .map_or(html.len(), |end| content_end + end + 1);
            continue;
        }
        foreign += usize::from(is_foreign_root);
        depth += 1;
        deepest = deepest.max(depth);
    }
    deepest
}

/// Decodes page bytes: BOM, then the transport's charset, then `<meta>`, then a guess.
pub(crate) fn decode_html<'a>(bytes: &'a [u8], transport_label: Option<&[u8]>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    let declared = transport_label.and_then(Encoding::for_label).or_else(|| {
        let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
        // A page cannot really declare UTF-16 in ASCII-compatible bytes; the HTML
        // standard reads such a declaration as UTF-8.
        meta_charset(head).map(|encoding| {
            if encoding.is_ascii_compatible() {
                encoding
            } else {
                encoding_rs::UTF_8
            }
        })
    });
    let encoding = declared.unwrap_or_else(|| guess_encoding(bytes));
    encoding.decode_without_bom_handling(bytes).0
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"id"), chardetng::Utf8Detection::Allow)
}

/// Finds the charset of the first `<meta>` that declares one, by a byte scan.
///
/// A scan rather than a parse because the bytes are not decoded yet; it covers both
/// `<meta charset="...">` and `<meta http-equiv="Content-Type" content="...; charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut rest = lower.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start + 5..];
        let tag = &tag[..tag
            .iter()
            .position(|&byte| byte == b'>')
            .unwrap_or(tag.len())];
        if let Some(encoding) = charset_label(tag).and_then(Encoding::for_label) {
            return Some(encoding);
        }
        rest = &rest[start + 5..];
    }
    None
}

/// The value after `charset=` in a tag's attributes or a `Content-Type` value.
fn charset_label(text: &(impl AsRef<[u8]> + ?Sized)) -> Option<&[u8]> {
    let text = text.as_ref();
    let lower = text.to_ascii_lowercase();
    let after = find(&lower, b"charset")? + "charset".len();
    let value = text[after..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|&byte| {
            matches!(byte, b'"' | b'\'' | b';' | b'/' | b'>') || byte.is_ascii_whitespace()
        })
        .unwrap_or(value.len());
    Some(&value[..end]).filter(|label| !label.is_empty())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Container metadata, most trustworthy source first: JSON-LD, OpenGraph, `<title>`.
#[derive(Debug, Default)]
struct PageMetadata {
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
}

impl PageMetadata {
    fn from_document(document: &Document) -> Self {
        let json_ld = JsonLdArticle::from_document(document);
        let meta = |names: &[&str]| {
            names.iter().find_map(|name| {
                let selector = format!(
                    r#"meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]"#
                );
                document
                    .select(&selector)
                    .attr("content")
                    .as_deref()
                    .and_then(clean_field)
            })
        };
        let title_tag = || {
            document
                .select("title")
                .nodes()
                .first()
                .map(|node| node.text())
                .as_deref()
                .and_then(clean_field)
        };
        let canonical = || {
            document
                .select(r#"link[rel="canonical"]"#)
                .attr("href")
                .as_deref()
                .and_then(clean_field)
        };
        PageMetadata {
            title: json_ld
                .headline
                .or_else(|| meta(&["og:title", "twitter:title"]))
                .or_else(title_tag),
            published: json_ld
                .date_published
                .or_else(|| meta(&["article:published_time", "datePublished", "pubdate"])),
            outlet: meta(&["og:site_name"]).or(json_ld.publisher_name),
            url: meta(&["og:url"]).or(json_ld.url).or_else(canonical),
        }
    }
}

/// The fields we read from the page's JSON-LD news object.
#[derive(Debug, Default)]
struct JsonLdArticle {
    headline: Option<String>,
    date_published: Option<String>,
    publisher_name: Option<String>,
    url: Option<String>,
}

impl JsonLdArticle {
    /// Reads the first object that has a headline, looking into arrays and `@graph`.
    fn from_document(document: &Document) -> Self {
        let scripts = document.select(r#"script[type="application/ld+json"]"#);
        let mut pending: Vec<serde_json::Value> = scripts
            .nodes()
            .iter()
            .filter_map(|node| serde_json::from_str(node.text().trim()).ok())
            .collect();
        pending.reverse();
        while let Some(value) = pending.pop() {
            match value {
                serde_json::Value::Array(items) => pending.extend(items.into_iter().rev()),
                serde_json::Value::Object(mut object) => {
                    if let Some(graph) = object.remove("@graph") {
                        pending.push(graph);
                    }
                    let text = |value: Option<&serde_json::Value>| {
                        value.and_then(|v| v.as_str()).and_then(clean_field)
                    };
                    if let Some(headline) = text(object.get("headline")) {
                        let publisher = object.get("publisher");
                        return JsonLdArticle {
                            headline: Some(headline),
                            date_published: text(object.get("datePublished")),
                            publisher_name: text(publisher.and_then(|p| p.get("name")))
                                .or_else(|| text(publisher)),
                            url: text(object.get("url")).or_else(|| {
                                text(object.get("mainEntityOfPage").and_then(|m| m.get("@id")))
                            }),
                        };
                    }
                }
                _ => {}
            }
        }
        JsonLdArticle::default()
    }
}

/// Trims and collapses whitespace in a metadata value; nothing left means no value.
fn clean_field(value: &str) -> Option<String> {
    let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Our own main-content guess: the `<article>` with most text, else `<main>`, else `<body>`.
fn fallback_text(document: &Document) -> String {
    let longest = |selector: &str| {
        let selection = document.select(selector);
        selection
            .nodes()
            .iter()
            .max_by_key(|node| node.normalized_char_count())
            .cloned()
    };
    let root = longest("article")
        .or_else(|| longest("main, [role=main]"))
        .or_else(|| document.body());
    match root {
        Some(root) => block_text(&root, Furniture::Skip),
        None => block_text(&document.root(), Furniture::Skip),
    }
}

/// Whether [`block_text`] should drop navigation, share bars, comments and the like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Furniture {
    /// The tree is already readability output; keep all of its text.
    Keep,
    /// The tree is a raw page; skip elements that look like page furniture.
    Skip,
}

/// Tags whose text is never article text.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "form", "button", "select", "textarea", "input", "head",
];

/// Tags that are page furniture in a raw page.
const FURNITURE_TAGS: &[&str] = &["nav", "header", "footer", "aside", "menu", "figure"];

/// Words in a class or id that mark page furniture on Indonesian news sites.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "sosmed",
    "related",
    "terkait",
    "baca",
    "bacajuga",
    "comment",
    "comments",
    "komentar",
    "advert",
    "advertisement",
    "iklan",
    "ads",
    "ad",
    "breadcrumb",
    "breadcrumbs",
    "tag",
    "tags",
    "newsletter",
    "popular",
    "populer",
    "terpopuler",
    "sidebar",
    "menu",
    "nav",
    "navbar",
    "footer",
    "header",
    "promo",
    "rekomendasi",
    "recommendation",
    "trending",
    "terkini",
    "subscribe",
];

/// Tags that end a paragraph: their text goes on its own line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "table",
    "tr",
    "figcaption",
    "address",
    "body",
];

/// Plain text of `root`, one paragraph per line.
///
/// Walks with an explicit stack because hostile pages nest elements deeper than the
/// thread stack would allow a recursive walk to go.
fn block_text(root: &NodeRef<'_>, furniture: Furniture) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        EndBlock,
    }
    let mut text = BlockWriter::default();
    let mut steps: Vec<Step<'_>> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = steps.pop() {
        let node = match step {
            Step::EndBlock => {
                text.end_paragraph();
                continue;
            }
            Step::Enter(node) => node,
        };
        if node.is_text() {
            text.push_text(&node.text());
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if NEVER_TEXT.contains(&name.as_str())
            || (furniture == Furniture::Skip && is_furniture(&node, &name))
        {
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            text.end_paragraph();
            steps.push(Step::EndBlock);
        }
        steps.extend(node.children_it(true).map(Step::Enter));
    }
    text.finish()
}

fn is_furniture(node: &NodeRef<'_>, name: &str) -> bool {
    if FURNITURE_TAGS.contains(&name) {
        return true;
    }
    if node.attr("role").is_some_and(|role| {
        matches!(
            &*role,
            "navigation" | "complementary" | "banner" | "contentinfo"
        )
    }) {
        return true;
    }
    node.class().is_some_and(|class| names_furniture(&class))
        || node.id_attr().is_some_and(|id| names_furniture(&id))
}

/// Whether a class or id value contains a furniture word (`share-bar`, `baca_juga`, ...).
fn names_furniture(value: &str) -> bool {
    value
        .to_ascii_lowercase()
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .any(|word| FURNITURE_WORDS.contains(&word))
}

/// Collects text into lines, collapsing whitespace the way a browser renders it.
#[derive(Default)]
struct BlockWriter {
    done: String,
    line: String,
}

impl BlockWriter {
    fn push_text(&mut self, text: &str) {
        for ch in text.chars() {
            if ch.is_whitespace() {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(ch);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = self.line.trim_end();
        if !paragraph.is_empty() {
            self.done.push_str(paragraph);
            self.done.push('\n');
        }
        self.line.clear();
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_estimate_follows_the_parser() {
        assert_eq!(
            estimated_nesting_depth(
                b"<html><body><div><p>a<p>b<br><img src=x></div></body></html>"
            ),
            3
        );
        assert_eq!(
            estimated_nesting_depth("<div>".repeat(5000).as_bytes()),
            5000
        );
        assert_eq!(estimated_nesting_depth(b"<div/><div/>"), 2);
        assert_eq!(
            estimated_nesting_depth("<svg><path d='M0'/></svg>".repeat(100).as_bytes()),
            1
        );
        assert_eq!(
            estimated_nesting_depth(
                b"<div><script>'<div><div>'</script><style>a<b{}</style></div><div>"
            ),
            1
        );
    }
}
