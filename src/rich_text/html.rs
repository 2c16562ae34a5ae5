//! Legacy HTML content: a forgiving tokenizer that keeps only allowed elements. Unknown
//! elements keep their text; scripts, styles, frames, SVG and the like are dropped with
//! everything inside them; every attribute but a link's safe `href` is dropped.

use super::{safe_href, Node, Tag};
use dialogporten::decode_entities;

/// Elements dropped together with their content.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "svg",
    "math",
    "textarea",
    "title",
    "xmp",
    "head",
    "select",
    "audio",
    "video",
    "canvas",
    "plaintext",
];

/// Elements without content, of which only `br` and `hr` are kept.
const VOID: &[&str] = &["br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "source", "track", "param", "keygen"];

/// Deeper nesting is flattened, so no content can exhaust the stack while rendering.
const MAX_DEPTH: usize = 48;

fn tag_for(name: &str, href: Option<&str>) -> Option<Tag> {
    Some(match name {
        "h1" => Tag::Heading(1),
        "h2" => Tag::Heading(2),
        "h3" => Tag::Heading(3),
        "h4" => Tag::Heading(4),
        "h5" => Tag::Heading(5),
        "h6" => Tag::Heading(6),
        "p" => Tag::Paragraph,
        "em" | "i" => Tag::Emphasis,
        "strong" | "b" => Tag::Strong,
        "s" | "del" | "strike" => Tag::Strikethrough,
        "ul" => Tag::BulletList,
        "ol" => Tag::NumberedList,
        "li" => Tag::ListItem,
        "a" => Tag::Link { href: href.and_then(safe_href)? },
        "code" | "kbd" | "samp" => Tag::Code,
        "pre" => Tag::CodeBlock,
        "blockquote" => Tag::BlockQuote,
        "table" => Tag::Table,
        "thead" => Tag::TableHead,
        "tbody" | "tfoot" => Tag::TableBody,
        "tr" => Tag::TableRow,
        "th" => Tag::HeaderCell,
        "td" => Tag::Cell,
        _ => return None,
    })
}

/// Open elements an opening `name` closes implicitly, as browsers do.
fn closes(name: &str) -> &'static [&'static str] {
    match name {
        "li" => &["li"],
        "p" => &["p"],
        "td" | "th" => &["td", "th"],
        "tr" => &["td", "th", "tr"],
        "thead" | "tbody" | "tfoot" => &["td", "th", "tr", "thead", "tbody", "tfoot"],
        _ => &[],
    }
}

struct Open {
    name: String,
    tag: Option<Tag>,
    children: Vec<Node>,
}

struct Tree {
    stack: Vec<Open>,
}

impl Tree {
    fn top(&mut self) -> &mut Vec<Node> {
        &mut self.stack.last_mut().expect("the root is never closed").children
    }

    fn put_chars(&mut self, text: String) {
        if text.is_empty() {
            return;
        }
        let structural = matches!(
            self.stack.last().and_then(|o| o.tag.as_ref()),
            Some(Tag::Table | Tag::TableHead | Tag::TableBody | Tag::TableRow | Tag::BulletList | Tag::NumberedList)
        );
        if structural && text.trim().is_empty() {
            return;
        }
        match self.top().last_mut() {
            Some(Node::Text(t)) => t.push_str(&text),
            _ => self.top().push(Node::Text(text)),
        }
    }

    fn open(&mut self, name: &str, href: Option<&str>) {
        while self.stack.len() > 1 && closes(name).contains(&self.stack.last().map_or("", |o| o.name.as_str())) {
            self.close_top();
        }
        let tag = if self.stack.len() > MAX_DEPTH { None } else { tag_for(name, href) };
        self.stack.push(Open { name: name.to_owned(), tag, children: Vec::new() });
    }

    fn close_top(&mut self) {
        let open = self.stack.pop().expect("not the root");
        match open.tag {
            Some(tag) => self.top().push(Node::Element(tag, open.children)),
            None => {
                for child in open.children {
                    match child {
                        Node::Text(t) => self.put_chars(t),
                        other => self.top().push(other),
                    }
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        if let Some(pos) = self.stack.iter().rposition(|o| o.name == name) {
            if pos > 0 {
                while self.stack.len() > pos {
                    self.close_top();
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Node> {
        while self.stack.len() > 1 {
            self.close_top();
        }
        self.stack.pop().map(|o| o.children).unwrap_or_default()
    }
}

/// Parses HTML into allowed nodes. Never fails: what it does not understand becomes text or
/// is dropped.
pub fn parse_html(input: &str) -> Vec<Node> {
    let mut tree = Tree { stack: vec![Open { name: String::new(), tag: None, children: Vec::new() }] };
    let mut rest = input;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            tree.put_chars(decode_entities(rest));
            break;
        };
        tree.put_chars(decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(rest.len() - name_start);
        if name_len == 0 || !rest[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            tree.put_chars("<".into());
            rest = &rest[1..];
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, after) = split_tag(&rest[name_start + name_len..]);
        rest = after;
        if closing {
            tree.close(&name);
        } else if DROPPED.contains(&name.as_str()) {
            rest = skip_past_end_tag(rest, &name);
        } else if VOID.contains(&name.as_str()) {
            match name.as_str() {
                "br" => tree.top().push(Node::LineBreak),
                "hr" => tree.top().push(Node::Rule),
                _ => {}
            }
        } else {
            let href = (name == "a").then(|| attribute(attrs, "href")).flatten();
            tree.open(&name, href.as_deref());
            if attrs.trim_end().ends_with('/') {
                tree.close(&name);
            }
        }
    }
    tree.finish()
}

/// The attribute text of a tag and what follows its `>`; quoted values may hold `>`.
fn split_tag(s: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&s[..i], &s[i + 1..]),
            _ => {}
        }
    }
    (s, "")
}

/// Skips to just after `</name…>`, case-insensitively; everything before it is dropped.
fn skip_past_end_tag<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let needle = format!("</{name}");
    match lower.find(&needle) {
        Some(i) => {
            let after = &s[i + needle.len()..];
            after.find('>').map_or("", |end| &after[end + 1..])
        }
        None => "",
    }
}

/// One attribute's value (entities decoded) from a tag's attribute text.
fn attribute(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = None;
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    body.find(q).map_or((body, ""), |end| (&body[..end], &body[end + 1..]))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = Some(decode_entities(v));
            rest = next;
        }
        if name == wanted {
            return value;
        }
    }
}
