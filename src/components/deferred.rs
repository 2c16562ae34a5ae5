//! Code fetched on first use. Each function declared with [`split_point!`] is a split point: the
//! build (`.ci/split.mjs`) moves it and what only it uses into a WebAssembly chunk of its own,
//! which the browser fetches the first time it is called. The first load of the inbox then
//! carries only the inbox.
//!
//! Split points are `fallible`: a chunk that cannot be fetched (offline, a new build deployed
//! meanwhile) is an [`ApiError::Network`] shown with a retry, never a panic that stops the app.
//! They split only with the `split` feature (the SPA's build, `index.html`): a module that no
//! split step has run over (the wasm component tests) would import what only the split step
//! provides, so there they are plain async functions.

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::error_view::{ErrorView, Loading};
use crate::api::ApiError;

#[cfg(feature = "split")]
pub use leptos::wasm_split::wasm_split;
pub use leptos::wasm_split::SplitLoaderError;

/// `split_point! { module[, preload name]; fn f(args) -> Result<_, ApiError> { … } }` declares
/// `async fn f`, whose body is in the chunk `module` (functions naming the same module share
/// one), and with `preload`, `async fn name() -> Result<(), SplitLoaderError>` that fetches the
/// chunk without calling anything.
macro_rules! split_point {
    ($module:ident $(, preload $preload:ident)?; $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[$crate::components::deferred::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible $(, preload($preload))?)]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body

        $(
            #[cfg(not(feature = "split"))]
            $vis async fn $preload() -> Result<(), $crate::components::deferred::SplitLoaderError> {
                Ok(())
            }
        )?
    };
}
pub(crate) use split_point;

/// A split point per page: `chunk[, preload f] => fn loader() -> Page;`, declared beside the page.
/// The page's code is in its chunk, fetched on first use; pages naming one chunk share it.
macro_rules! pages {
    ($($chunk:ident $(, preload $preload:ident)? => fn $name:ident() -> $page:ident;)+) => {$(
        $crate::components::deferred::split_point! {
            $chunk $(, preload $preload)?;
            pub fn $name() -> Result<::leptos::prelude::AnyView, $crate::api::ApiError> {
                use ::leptos::prelude::*;
                Ok(::leptos::view! { <$page /> }.into_any())
            }
        }
    )+};
}
pub(crate) use pages;

impl From<SplitLoaderError> for ApiError {
    fn from(e: SplitLoaderError) -> Self {
        ApiError::Network(format!("this part of the app could not be fetched ({e})"))
    }
}

/// The view a split point makes once its chunk is there: a spinner while it is fetched, a
/// readable failure with a retry when it cannot be.
#[component]
pub fn Deferred<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ApiError>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=Loading>
            {move || {
                attempt.track();
                // The loader's future is not `Send` (it may hold a JavaScript promise); the app
                // runs on one thread, where `SendWrapper` is sound.
                Suspend::new(SendWrapper::new(async move {
                    load().await.unwrap_or_else(|e| view! { <ErrorView error=e retry=move |_| attempt.update(|n| *n += 1) /> }.into_any())
                }))
            }}
        </Suspense>
    }
}

/// Starts fetching a chunk in the background (when the browser is idle enough to run a task), so
/// it is there when first needed; a failure is forgotten: the real use retries.
pub fn prefetch<Fut>(preload: fn() -> Fut)
where
    Fut: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                let _ = preload().await;
            })
        },
        std::time::Duration::from_millis(200),
    );
}
