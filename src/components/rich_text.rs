//! Allowed content nodes (see `crate::rich_text`) as elements, one by one: no HTML string from
//! the content is ever handed to the browser.

use leptos::prelude::*;

use crate::rich_text::{Node, Tag};

fn children(nodes: Vec<Node>) -> AnyView {
    nodes.into_iter().map(node_view).collect_view().into_any()
}

fn node_view(node: Node) -> AnyView {
    match node {
        Node::Text(t) => t.into_any(),
        Node::LineBreak => view! { <br /> }.into_any(),
        Node::Rule => view! { <hr class="ds-divider" /> }.into_any(),
        Node::FootnoteRef(n) => {
            let (href, id) = (format!("#fn-{n}"), format!("fnref-{n}"));
            view! { <sup><a class="ds-link" href=href id=id>{n}</a></sup> }.into_any()
        }
        Node::Element(tag, nodes) => {
            let c = children(nodes);
            match tag {
                // The page's own title is the h1 and its sections h2: content headings sit below.
                Tag::Heading(1) => view! { <h2 class="ds-heading" data-size="sm">{c}</h2> }.into_any(),
                Tag::Heading(2) => view! { <h3 class="ds-heading" data-size="xs">{c}</h3> }.into_any(),
                Tag::Heading(3) => view! { <h4 class="ds-heading" data-size="2xs">{c}</h4> }.into_any(),
                Tag::Heading(4) => view! { <h5 class="ds-heading" data-size="2xs">{c}</h5> }.into_any(),
                Tag::Heading(_) => view! { <h6 class="ds-heading" data-size="2xs">{c}</h6> }.into_any(),
                Tag::Paragraph => view! { <p class="ds-paragraph">{c}</p> }.into_any(),
                Tag::Emphasis => view! { <em>{c}</em> }.into_any(),
                Tag::Strong => view! { <strong>{c}</strong> }.into_any(),
                Tag::Strikethrough => view! { <del>{c}</del> }.into_any(),
                Tag::BulletList => view! { <ul class="ds-list">{c}</ul> }.into_any(),
                Tag::NumberedList => view! { <ol class="ds-list">{c}</ol> }.into_any(),
                Tag::ListItem => view! { <li>{c}</li> }.into_any(),
                Tag::Link { href } => view! { <a class="ds-link" href=href rel="noopener noreferrer nofollow">{c}</a> }.into_any(),
                Tag::Code => view! { <code>{c}</code> }.into_any(),
                Tag::CodeBlock => view! { <pre><code>{c}</code></pre> }.into_any(),
                Tag::BlockQuote => view! { <blockquote>{c}</blockquote> }.into_any(),
                Tag::Table => view! { <table class="ds-table rich-table" data-size="sm">{c}</table> }.into_any(),
                Tag::TableHead => view! { <thead>{c}</thead> }.into_any(),
                Tag::TableBody => view! { <tbody>{c}</tbody> }.into_any(),
                Tag::TableRow => view! { <tr>{c}</tr> }.into_any(),
                Tag::HeaderCell => view! { <th scope="col">{c}</th> }.into_any(),
                Tag::Cell => view! { <td>{c}</td> }.into_any(),
            }
        }
    }
}

/// Rendered content nodes.
#[component]
pub fn RichText(nodes: Vec<Node>) -> impl IntoView {
    view! { <div class="rich-text">{children(nodes)}</div> }
}

/// Our own editable texts (`content/`, markdown), in place: no wrapper, so a text can sit in a
/// table cell or an alert as it is.
#[component]
pub fn Markdown(#[prop(into)] source: Signal<String>) -> impl IntoView {
    move || children(crate::rich_text::parse_content(&source.get()))
}
