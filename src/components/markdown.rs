use leptos::prelude::*;

use crate::markdown::{parse, Block, Inline};

fn inline_view(i: Inline) -> AnyView {
    match i {
        Inline::Text(t) => t.into_any(),
        Inline::Bold(t) => view! { <strong>{t}</strong> }.into_any(),
        Inline::Link { text, href } => {
            let external = href.starts_with("http");
            view! { <a class="ds-link" href=href rel=external.then_some("noopener noreferrer")>{text}</a> }.into_any()
        }
        Inline::Footnote(id) => view! { <sup><a class="ds-link" href=format!("#fn-{id}") id=format!("fnref-{id}")>{id.clone()}</a></sup> }.into_any(),
        Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
        Inline::Break => view! { <br /> }.into_any(),
    }
}

/// Content markdown as views (see `crate::markdown` for what it understands).
#[component]
pub fn Markdown(#[prop(into)] source: Signal<String>) -> impl IntoView {
    move || {
        parse(&source.get())
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(parts) => view! { <p class="ds-paragraph">{parts.into_iter().map(inline_view).collect_view()}</p> }.into_any(),
                Block::List(items) => view! {
                    <ul class="ds-list">
                        {items.into_iter().map(|parts| view! { <li>{parts.into_iter().map(inline_view).collect_view()}</li> }).collect_view()}
                    </ul>
                }
                .into_any(),
            })
            .collect_view()
    }
}
