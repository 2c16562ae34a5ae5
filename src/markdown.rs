//! The small markdown the editable content uses: paragraphs, line breaks, `- ` lists, `**bold**`,
//! `[text](url)` links and `[^1]` footnote references. Parsed into data (no HTML strings), so it
//! renders as Leptos views and cannot inject markup; only http(s), mailto and same-site links.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Bold(String),
    Link { text: String, href: String },
    Footnote(String),
    Code(String),
    Break,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
}

fn safe_href(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:") || h.starts_with('/') || h.starts_with('#')
}

/// Inline markup of one line.
pub fn inlines(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    let flush = |text: &mut String, out: &mut Vec<Inline>| {
        if !text.is_empty() {
            out.push(Inline::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                flush(&mut text, &mut out);
                out.push(Inline::Bold(after[..end].to_owned()));
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                flush(&mut text, &mut out);
                out.push(Inline::Code(after[..end].to_owned()));
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("[^") {
            if let Some(end) = after.find(']') {
                flush(&mut text, &mut out);
                out.push(Inline::Footnote(after[..end].to_owned()));
                rest = &after[end + 1..];
                continue;
            }
        }
        if c == '[' {
            if let Some((label, href, used)) = link(rest) {
                flush(&mut text, &mut out);
                if safe_href(&href) {
                    out.push(Inline::Link { text: label, href });
                } else {
                    text.push_str(&label);
                }
                rest = &rest[used..];
                continue;
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut text, &mut out);
    out
}

/// `[label](href)` at the start of `s`: label, href and bytes used.
fn link(s: &str) -> Option<(String, String, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    let after = &s[close + 2..];
    let end = after.find(')')?;
    Some((label.to_owned(), after[..end].to_owned(), close + 2 + end + 1))
}

/// Blocks: blank lines separate paragraphs; runs of `- ` lines are lists, even right after a
/// paragraph's last line (as the changelog writes them).
pub fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for block in source.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let mut paragraph: Vec<Inline> = Vec::new();
        let mut list: Vec<Vec<Inline>> = Vec::new();
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(item) = line.strip_prefix("- ") {
                if !paragraph.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(&mut paragraph)));
                }
                list.push(inlines(item));
            } else {
                if !list.is_empty() {
                    blocks.push(Block::List(std::mem::take(&mut list)));
                }
                if !paragraph.is_empty() {
                    paragraph.push(Inline::Break);
                }
                paragraph.extend(inlines(line));
            }
        }
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph));
        }
        if !list.is_empty() {
            blocks.push(Block::List(list));
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_content_subset() {
        let blocks = parse("Alle endringer[^1] vises.\nNeste linje.\n\n- Se [docs](https://docs.altinn.studio/x) **nå**\n- To");
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![
                Inline::Text("Alle endringer".into()),
                Inline::Footnote("1".into()),
                Inline::Text(" vises.".into()),
                Inline::Break,
                Inline::Text("Neste linje.".into()),
            ])
        );
        let Block::List(items) = &blocks[1] else { panic!("a list") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0][1], Inline::Link { text: "docs".into(), href: "https://docs.altinn.studio/x".into() });
        assert_eq!(items[0][3], Inline::Bold("nå".into()));
    }

    #[test]
    fn a_lead_line_then_bullets_is_a_paragraph_then_a_list() {
        let blocks = parse("Oppdatert:\n- En\n- To");
        assert!(matches!(&blocks[0], Block::Paragraph(_)));
        assert!(matches!(&blocks[1], Block::List(items) if items.len() == 2));
    }

    #[test]
    fn unsafe_links_become_plain_text_and_html_stays_text() {
        let blocks = parse("[klikk](javascript:alert(1)) <script>x</script>");
        let Block::Paragraph(parts) = &blocks[0] else { panic!() };
        assert!(parts.iter().all(|p| !matches!(p, Inline::Link { .. })));
        assert!(matches!(&parts[0], Inline::Text(t) if t.starts_with("klikk")));
    }
}
