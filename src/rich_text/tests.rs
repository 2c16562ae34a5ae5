use super::{parse, parse_content, parse_html, parse_markdown, safe_href, text_of, Format, Node, Tag};

fn has(nodes: &[Node], want: &dyn Fn(&Tag) -> bool) -> bool {
    nodes.iter().any(|n| match n {
        Node::Element(tag, children) => want(tag) || has(children, want),
        _ => false,
    })
}

#[test]
fn markdown_tables_lists_links_and_emphasis() {
    let md = "# Vedtak\n\nDu får **medhold** og _refusjon_.\n\n| År | Beløp |\n|---|---:|\n| 2025 | 1 200 kr |\n\n- én\n- to\n\n[Les mer](https://www.skatteetaten.no/)";
    let nodes = parse_markdown(md);
    assert!(matches!(&nodes[0], Node::Element(Tag::Heading(1), _)));
    assert!(has(&nodes, &|t| *t == Tag::Strong));
    assert!(has(&nodes, &|t| *t == Tag::Emphasis));
    assert!(has(&nodes, &|t| *t == Tag::HeaderCell));
    assert!(has(&nodes, &|t| *t == Tag::TableBody));
    assert!(has(&nodes, &|t| *t == Tag::ListItem));
    assert!(has(&nodes, &|t| matches!(t, Tag::Link { href } if href == "https://www.skatteetaten.no/")));
    assert!(text_of(&nodes).contains("1 200 kr"));
}

#[test]
fn markdown_drops_unsafe_links_and_raw_script() {
    let md = "[klikk](javascript:alert(1)) <img src=x onerror=alert(1)> ![bilde](https://x/y.png)\n\n<script>alert(2)</script>\n\n<b onclick=\"alert(3)\">fet</b>";
    let nodes = parse_markdown(md);
    assert!(!has(&nodes, &|t| matches!(t, Tag::Link { .. })));
    let text = text_of(&nodes);
    assert!(text.contains("klikk") && text.contains("bilde") && text.contains("fet"), "{text}");
    assert!(!text.contains("alert(2)"), "script content is dropped: {text}");
}

#[test]
fn html_keeps_allowed_elements_only() {
    let html = r#"<h2 style="color:red">Svar</h2><p onclick="x()">Hei <b>du</b><br>ny linje</p>
        <table><tr><th>A</th></tr><tr><td>1</td></tr></table>
        <script>alert(1)</script><style>p{}</style><iframe src="https://evil"></iframe><svg><script>alert(2)</script></svg>
        <a href="javascript:alert(3)">lenke</a> <a href=" https://ok.no/a?b=1&amp;c=2 " target=_blank>ok</a>
        <div>blokk &amp; &lt;tekst&gt; &#229;&#xE6;</div><!-- kommentar <script> -->"#;
    let nodes = parse_html(html);
    let text = text_of(&nodes);
    assert!(has(&nodes, &|t| *t == Tag::Heading(2)));
    assert!(has(&nodes, &|t| *t == Tag::Strong));
    assert!(has(&nodes, &|t| *t == Tag::HeaderCell) && has(&nodes, &|t| *t == Tag::Cell));
    assert!(has(&nodes, &|t| matches!(t, Tag::Link { href } if href == "https://ok.no/a?b=1&c=2")));
    assert!(!has(&nodes, &|t| matches!(t, Tag::Link { href } if href.contains("javascript"))));
    assert!(!text.contains("alert") && !text.contains("p{}") && !text.contains("kommentar"), "{text}");
    assert!(text.contains("blokk & <tekst> åæ"), "{text}");
    assert!(text.contains("lenke"));
}

#[test]
fn html_survives_broken_and_hostile_markup() {
    for input in [
        "<",
        "<<>>",
        "</p>",
        "<a href='x",
        "<p><li>a<li>b",
        "&#0;&#xD800;&bogus;",
        "<scr<script>ipt>alert(1)</script>",
        "<SCRIPT>x</SCRIPT >y",
    ] {
        let nodes = parse_html(input);
        assert!(!text_of(&nodes).contains("alert(1)</"), "{input}");
    }
    assert_eq!(text_of(&parse_html("<SCRIPT>x</SCRIPT >y")), "y");
    let deep = "<b>".repeat(10_000) + "x";
    assert_eq!(text_of(&parse_html(&deep)), "x");
    let deep_md = ">".repeat(10_000) + " x";
    assert!(text_of(&parse_markdown(&deep_md)).contains('x'));
}

#[test]
fn only_web_and_mail_links_are_followed() {
    assert_eq!(safe_href("https://a.no/"), Some("https://a.no/".into()));
    assert_eq!(safe_href("mailto:post@a.no"), Some("mailto:post@a.no".into()));
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "/relative",
        "https://a b",
    ] {
        assert_eq!(safe_href(bad), None, "{bad}");
    }
}

#[test]
fn media_types_choose_the_parser() {
    assert_eq!(Format::from_media_type("application/vnd.dialogporten.frontchannelembed-url;type=text/markdown"), Format::Markdown);
    assert_eq!(Format::from_media_type("application/vnd.dialogporten.frontchannelembed-url;type=text/html"), Format::Html);
    assert_eq!(Format::from_media_type("text/plain"), Format::Plain);
    assert_eq!(parse("a\n\nb", Format::Plain).len(), 2);
}

/// Our own texts (`content/`) go through the same pipeline as service owners' markdown, with
/// what they need besides: same-site links, line breaks as written, footnote references.
#[test]
fn content_markdown_keeps_line_breaks_site_links_and_footnote_references() {
    let nodes = parse_content("Alle endringer[^1] vises.\nNeste linje.\n\n- Se [docs](https://docs.altinn.studio/x) **nå**\n- [Plan](/migration-status/message-box-api)");
    let Node::Element(Tag::Paragraph, first) = &nodes[0] else { panic!("a paragraph: {nodes:?}") };
    assert_eq!(first[0], Node::Text("Alle endringer".into()));
    assert_eq!(first[1], Node::FootnoteRef("1".into()));
    assert!(first.contains(&Node::LineBreak), "{first:?}");
    assert!(has(&nodes, &|t| *t == Tag::Strong));
    assert!(has(&nodes, &|t| matches!(t, Tag::Link { href } if href == "https://docs.altinn.studio/x")));
    assert!(has(&nodes, &|t| matches!(t, Tag::Link { href } if href == "/migration-status/message-box-api")));
    // A lead line, then bullets: a paragraph, then a list (as the changelog writes them).
    let nodes = parse_content("Oppdatert:\n- En\n- To");
    assert!(matches!(&nodes[0], Node::Element(Tag::Paragraph, _)));
    assert!(matches!(&nodes[1], Node::Element(Tag::BulletList, items) if items.len() == 2));
}

#[test]
fn content_markdown_is_as_strict_as_the_rest_elsewhere() {
    let nodes = parse_content("[klikk](javascript:alert(1)) [ut](//evil.example/x) <script>x</script>");
    assert!(!has(&nodes, &|t| matches!(t, Tag::Link { .. })), "{nodes:?}");
    assert!(text_of(&nodes).starts_with("klikk"));
    // A service owner's markdown gets neither site links nor footnote references.
    let nodes = parse_markdown("Se [plan](/intern)[^1].");
    assert!(!has(&nodes, &|t| matches!(t, Tag::Link { .. })));
    assert!(!format!("{nodes:?}").contains("FootnoteRef"));
}
