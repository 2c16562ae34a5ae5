//! A list that loads more on request (the inbox, the service-owner search): the items so far,
//! the token for the next page, and the last failure, as one piece of state.

use dialogporten::PaginatedList;
use leptos::prelude::*;

use crate::api::ApiError;

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<String>>,
    pub failure: RwSignal<Option<ApiError>>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Paged<T> {
    /// Starts from the first page.
    pub fn new(first: PaginatedList<T>) -> Self {
        Self {
            next: RwSignal::new(first.continuation_token.filter(|_| first.has_next_page)),
            items: RwSignal::new(first.items),
            failure: RwSignal::new(None),
        }
    }

    /// Adds a further page, or keeps the failure for the view to offer a retry.
    pub fn append(&self, result: Result<PaginatedList<T>, ApiError>) {
        match result {
            Ok(page) => {
                self.items.update(|v| v.extend(page.items));
                self.next.set(page.continuation_token.filter(|_| page.has_next_page));
                self.failure.set(None);
            }
            Err(e) => self.failure.set(Some(e)),
        }
    }
}
