//! Markdown (CommonMark with GFM tables, strikethrough and task lists) through pulldown-cmark's
//! event stream, the one markdown pipeline of the app: service owners' content and our own
//! editable texts (`content/`), which differ only as [`Flavour`] says. Raw HTML blocks go through
//! the same allow-list as legacy HTML; inline raw HTML tags are left out (their text stays).

use pulldown_cmark::{Event, Options, Parser, Tag as Md, TagEnd};

use super::{html, safe_href, Node, Tag};

/// Deeper nesting is flattened (as in the HTML parser).
const MAX_DEPTH: usize = 48;

struct Open {
    /// `None`: a wrapper whose children go to the parent (an unsafe link, an image's alt text).
    tag: Option<Tag>,
    children: Vec<Node>,
}

/// Whose markdown it is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// A service owner's: absolute http(s) and mailto links only; `[^1]` stays text.
    Service,
    /// Ours (`content/`): links within this site too, a line break where the text breaks a line
    /// (the changelog is written that way), and `[^1]` as a reference to footnote 1.
    Content,
}

impl Flavour {
    fn link(self, dest: &str) -> Option<String> {
        let same_site = (dest.starts_with('/') && !dest.starts_with("//")) || dest.starts_with('#');
        safe_href(dest)
            .or_else(|| (self == Flavour::Content && same_site && !dest.chars().any(char::is_whitespace)).then(|| dest.to_owned()))
    }
}

struct Builder {
    stack: Vec<Open>,
    html_block: Option<String>,
    in_table_head: bool,
}

impl Builder {
    fn push(&mut self, node: Node) {
        let top = &mut self.stack.last_mut().expect("root").children;
        match (top.last_mut(), node) {
            (Some(Node::Text(t)), Node::Text(more)) => t.push_str(&more),
            (_, node) => top.push(node),
        }
    }

    fn open(&mut self, tag: Option<Tag>) {
        let tag = if self.stack.len() > MAX_DEPTH { None } else { tag };
        self.stack.push(Open { tag, children: Vec::new() });
    }

    fn close(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        let open = self.stack.pop().expect("checked");
        match open.tag {
            Some(tag) => self.push(Node::Element(tag, open.children)),
            None => open.children.into_iter().for_each(|c| self.push(c)),
        }
    }
}

/// A service owner's markdown.
pub fn parse_markdown(input: &str) -> Vec<Node> {
    parse_as(input, Flavour::Service)
}

/// Our own editable texts (`content/`).
pub fn parse_content(input: &str) -> Vec<Node> {
    parse_as(input, Flavour::Content)
}

fn parse_as(input: &str, flavour: Flavour) -> Vec<Node> {
    let mut options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    if flavour == Flavour::Content {
        // The footnote's text is placed by the page, so a reference has no definition here: the
        // old syntax still makes it a reference.
        options |= Options::ENABLE_OLD_FOOTNOTES;
    }
    let mut b = Builder { stack: vec![Open { tag: None, children: Vec::new() }], html_block: None, in_table_head: false };
    for event in Parser::new_ext(input, options) {
        match event {
            Event::Start(Md::HtmlBlock) => b.html_block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => {
                for node in html::parse_html(&b.html_block.take().unwrap_or_default()) {
                    b.push(node);
                }
            }
            Event::Html(raw) => {
                if let Some(buf) = &mut b.html_block {
                    buf.push_str(&raw);
                }
            }
            Event::InlineHtml(_) => {}
            Event::Start(tag) => {
                let mapped = match tag {
                    Md::Paragraph => Some(Tag::Paragraph),
                    Md::Heading { level, .. } => Some(Tag::Heading(level as u8)),
                    Md::BlockQuote(_) => Some(Tag::BlockQuote),
                    Md::CodeBlock(_) => Some(Tag::CodeBlock),
                    Md::List(None) => Some(Tag::BulletList),
                    Md::List(Some(_)) => Some(Tag::NumberedList),
                    Md::Item => Some(Tag::ListItem),
                    Md::Table(_) => Some(Tag::Table),
                    Md::TableHead => {
                        b.in_table_head = true;
                        b.open(Some(Tag::TableHead));
                        Some(Tag::TableRow)
                    }
                    Md::TableRow => Some(Tag::TableRow),
                    Md::TableCell if b.in_table_head => Some(Tag::HeaderCell),
                    Md::TableCell => Some(Tag::Cell),
                    Md::Emphasis => Some(Tag::Emphasis),
                    Md::Strong => Some(Tag::Strong),
                    Md::Strikethrough => Some(Tag::Strikethrough),
                    Md::Link { dest_url, .. } => flavour.link(&dest_url).map(|href| Tag::Link { href }),
                    // Content's footnote definitions are placed by the page; in a text they are text.
                    Md::FootnoteDefinition(_) => None,
                    _ => None,
                };
                b.open(mapped);
            }
            Event::End(TagEnd::TableHead) => {
                b.close(); // the header row
                b.close(); // the head
                b.in_table_head = false;
                b.open(Some(Tag::TableBody));
            }
            Event::End(TagEnd::Table) => {
                if b.stack.last().is_some_and(|o| o.tag == Some(Tag::TableBody) && o.children.is_empty()) {
                    b.stack.pop();
                } else {
                    b.close();
                }
                b.close();
            }
            Event::End(_) => b.close(),
            Event::Text(t) => b.push(Node::Text(t.into_string())),
            Event::Code(t) => b.push(Node::Element(Tag::Code, vec![Node::Text(t.into_string())])),
            Event::SoftBreak if flavour == Flavour::Content => b.push(Node::LineBreak),
            Event::SoftBreak => b.push(Node::Text("\n".into())),
            Event::HardBreak => b.push(Node::LineBreak),
            Event::Rule => b.push(Node::Rule),
            Event::TaskListMarker(done) => b.push(Node::Text(if done { "☑ " } else { "☐ " }.into())),
            Event::FootnoteReference(r) if flavour == Flavour::Content => b.push(Node::FootnoteRef(r.into_string())),
            Event::FootnoteReference(r) => b.push(Node::Text(format!("[{r}]"))),
            Event::InlineMath(t) | Event::DisplayMath(t) => b.push(Node::Text(t.into_string())),
        }
    }
    while b.stack.len() > 1 {
        b.close();
    }
    b.stack.pop().map(|o| o.children).unwrap_or_default()
}
