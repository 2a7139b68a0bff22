//! A list read a page at a time, with "Load more": the first page is a [`LocalResource`]
//! (read again whenever a filter its fetcher reads changes, like any [`super::load`]); "more"
//! appends the next page to it. A next page that arrives after the filters changed is
//! dropped: it is appended only if the list still ends where it continued from.

use super::load::Call;
use super::ApiError;
use crate::session::Session;
use constellation_shared::dto::Connection;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// The rows loaded so far and the cursor of the next page, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            next: None,
        }
    }
}

impl<T> From<Connection<T>> for Page<T> {
    fn from(c: Connection<T>) -> Self {
        let next = c.page_info.has_next_page.then_some(c.page_info.end_cursor);
        Self {
            items: c.edges.into_iter().map(|e| e.node).collect(),
            next: next.flatten(),
        }
    }
}

type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>;
type Fetch<T> = Rc<dyn Fn(Call, Option<String>) -> PageFuture<T>>;

pub struct Paged<T: 'static> {
    /// The list so far; what `Loaded`/`Awaited` show.
    pub data: LocalResource<Result<Page<T>, ApiError>>,
    /// A "Load more" in flight.
    pub busy: RwSignal<bool>,
    /// Why the last "Load more" failed (the list stays as it was).
    pub error: RwSignal<Option<ApiError>>,
    fetch: StoredValue<Fetch<T>, LocalStorage>,
    session: Session,
    /// Rows already shown are not appended again (a list that grows at the top while it is
    /// read shifts its pages).
    same: Option<fn(&T, &T) -> bool>,
}

impl<T> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Paged<T> {}

/// `fetch(call, after)` reads the page after `after` (the first page for `None`); the
/// signals it reads before its first `.await` are its filters.
pub fn paged<T, Fut>(
    session: Session,
    fetch: impl Fn(Call, Option<String>) -> Fut + 'static,
) -> Paged<T>
where
    T: 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let fetch: Fetch<T> = Rc::new(move |call, after| Box::pin(fetch(call, after)));
    let first = fetch.clone();
    Paged {
        data: super::load(session, move |call| first(call, None)),
        busy: RwSignal::new(false),
        error: RwSignal::new(None),
        fetch: StoredValue::new_local(fetch),
        session,
        same: None,
    }
}

impl<T: Clone + 'static> Paged<T> {
    /// Skips, in the pages that follow, the rows `same` finds already shown.
    pub fn unique_by(mut self, same: fn(&T, &T) -> bool) -> Self {
        self.same = Some(same);
        self
    }

    /// The rows loaded so far (none while the first page loads).
    pub fn items(&self) -> Vec<T> {
        super::with_loaded(self.data, |p| p.items.clone())
    }

    pub fn is_empty(&self) -> bool {
        super::with_loaded(self.data, |p| p.items.is_empty())
    }

    pub fn has_more(&self) -> bool {
        super::with_loaded(self.data, |p| p.next.is_some())
    }

    /// Appends the next page.
    pub fn more(self) {
        let Some(after) = super::with_loaded(self.data, |p| p.next.clone()) else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        let Some(fetch) = self.fetch.try_with_value(Rc::clone) else {
            return;
        };
        self.busy.set(true);
        self.error.set(None);
        // Untracked: the filters are read as they are now, and nothing subscribes here.
        let page = untrack(|| fetch(Call::unscoped(self.session), Some(after.clone())));
        leptos::task::spawn_local(async move {
            let result = page.await;
            self.busy.try_set(false);
            match result {
                // The list is being read again from the start (a filter changed): this page
                // continued the list that is going away.
                Ok(_) if super::load::is_reading(self.data) => {}
                Ok(page) => super::update_loaded(self.data, |list| {
                    if list.next.as_deref() == Some(after.as_str()) {
                        let fresh: Vec<T> = match self.same {
                            Some(same) => page
                                .items
                                .into_iter()
                                .filter(|n| !list.items.iter().any(|o| same(o, n)))
                                .collect(),
                            None => page.items,
                        };
                        list.items.extend(fresh);
                        list.next = page.next;
                    }
                }),
                Err(e) => {
                    self.error.try_set(Some(e));
                }
            }
        });
    }
}
