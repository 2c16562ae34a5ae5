//! The content renderer's parsers take whatever a service owner sends: they must not panic, and
//! every link they keep must be one `safe_href` accepts (http, https or mailto).
#![no_main]

use inbox::rich_text::{parse, safe_href, Format, Node, Tag};
use libfuzzer_sys::fuzz_target;

fn links_are_safe(nodes: &[Node]) {
    for n in nodes {
        if let Node::Element(tag, children) = n {
            if let Tag::Link { href } = tag {
                assert_eq!(safe_href(href).as_deref(), Some(href.as_str()), "unsafe link kept");
            }
            if let Tag::Heading(level) = tag {
                assert!((1..=6).contains(level));
            }
            links_are_safe(children);
        }
    }
}

fuzz_target!(|text: &str| {
    for format in [Format::Markdown, Format::Html, Format::Plain] {
        links_are_safe(&parse(text, format));
    }
});
