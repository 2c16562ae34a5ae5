//! Service-owner content (markdown and legacy HTML) as a tree of allowed elements. Nothing from
//! the content ever becomes markup by itself: both parsers build [`Node`]s from an allow-list
//! (headings, paragraphs, emphasis, lists, links with `href` only, code, blockquote, rules,
//! line breaks, tables), and the view turns nodes into elements one by one. Scripts, styles,
//! event handlers, frames, images and any URL but http(s) and mailto never make it in.

mod html;
mod markdown;

pub use html::parse_html;
pub use markdown::{parse_content, parse_markdown};

/// An allowed element. Attributes other than a link's checked `href` do not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    Heading(u8),
    Paragraph,
    Emphasis,
    Strong,
    Strikethrough,
    BulletList,
    NumberedList,
    ListItem,
    Link { href: String },
    Code,
    CodeBlock,
    BlockQuote,
    Table,
    TableHead,
    TableBody,
    TableRow,
    HeaderCell,
    Cell,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Tag, Vec<Node>),
    Text(String),
    LineBreak,
    Rule,
    /// A reference to footnote `n` of our own content (`[^n]`); the page places the footnote.
    FootnoteRef(String),
}

/// Which content type a front-channel embed or content value holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Plain,
}

impl Format {
    /// From a Dialogporten media type: `text/markdown`, `text/html` and the front-channel embed
    /// forms `application/vnd.dialogporten.frontchannelembed-url;type=text/markdown` (and `…html`).
    pub fn from_media_type(media_type: &str) -> Self {
        let m = media_type.to_ascii_lowercase();
        if m.ends_with("text/markdown") {
            Self::Markdown
        } else if m.ends_with("text/html") {
            Self::Html
        } else {
            Self::Plain
        }
    }
}

/// Parses `text` as `format` into allowed nodes.
pub fn parse(text: &str, format: Format) -> Vec<Node> {
    match format {
        Format::Markdown => parse_markdown(text),
        Format::Html => parse_html(text),
        Format::Plain => text.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| Node::Element(Tag::Paragraph, lines(p))).collect(),
    }
}

/// Plain text with its single line breaks kept.
fn lines(text: &str) -> Vec<Node> {
    let mut out = Vec::new();
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            out.push(Node::LineBreak);
        }
        out.push(Node::Text(line.to_owned()));
    }
    out
}

/// The link target if it is safe to follow: absolute http(s) or mailto, after trimming and
/// removing the control characters and whitespace browsers ignore inside a scheme.
pub fn safe_href(href: &str) -> Option<String> {
    let cleaned: String = href.trim().chars().filter(|c| !c.is_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    let scheme_ok = ["https://", "http://", "mailto:"].iter().any(|s| lower.starts_with(s));
    (scheme_ok && !cleaned.chars().any(char::is_whitespace)).then_some(cleaned)
}

/// All text of the nodes, for tests and plain-text fallbacks.
pub fn text_of(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(_, children) => out.push_str(&text_of(children)),
            Node::LineBreak => out.push('\n'),
            Node::Rule => {}
            Node::FootnoteRef(n) => out.push_str(n),
        }
    }
    out
}

#[cfg(test)]
mod tests;
