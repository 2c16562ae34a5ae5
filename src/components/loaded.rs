use leptos::prelude::*;

use super::error_view::{ErrorView, Loading};
use crate::api::ApiError;

/// A resource's value once it is there: a spinner first, then `view` of the value, or a readable
/// error with a retry. While it reloads, the previous view stays (no flicker).
#[component]
pub fn Loaded<T, F, V>(resource: LocalResource<Result<T, ApiError>>, view: F) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=Loading>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => view(value).into_any(),
                        Err(e) => view! { <ErrorView error=e retry=move |_| resource.refetch() /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
