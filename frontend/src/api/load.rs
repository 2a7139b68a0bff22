//! How a page reads its data: one [`LocalResource`] per thing shown, fetched when the page
//! opens and again whenever what its fetcher reads changes (an address parameter, a filter,
//! the signed-in account). The requests a fetch makes carry an abort signal, and the page
//! going away aborts them (as the Leptos `hackernews` example does), so nothing keeps
//! downloading for a page nobody looks at. A stale answer never overwrites a newer one: the
//! resource keeps only its latest run's value. Shown through `components::loaded::Loaded`.
//!
//! Mutations are not loads: they stay `spawn_local` calls from an event handler, and write
//! their answer into the resource with `Update`.

use super::paged::Page;
use super::{send, ApiError};
use crate::session::Session;
use constellation_shared::dto::Connection;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use std::task::{Context, Waker};

/// The API's largest page.
pub const PAGE_SIZE: i32 = 100;
/// Lists read whole stop after this many pages (10,000 rows), a guard against a server that
/// keeps answering `hasNextPage`.
pub const MAX_PAGES: usize = 100;

/// The calls of one fetch: the session's token at the time, and the signal that aborts them.
#[derive(Clone)]
pub struct Call {
    token: Option<String>,
    abort: Option<SendWrapper<web_sys::AbortSignal>>,
}

impl Call {
    /// A call for the running fetch: aborted when the reactive owner it is made in is cleaned
    /// up (the page leaving, or the resource running again).
    fn new(token: Option<String>) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let abort = controller.as_ref().map(|c| SendWrapper::new(c.signal()));
        let controller = SendWrapper::new(controller);
        on_cleanup(move || {
            if let Some(c) = controller.take() {
                c.abort();
            }
        });
        Self { token, abort }
    }

    /// A call from an event handler or from a context's own task, which nothing aborts.
    pub fn unscoped(session: Session) -> Self {
        Self {
            token: session.token(),
            abort: None,
        }
    }

    /// Whether the fetch runs for a signed-in account.
    pub fn signed_in(&self) -> bool {
        self.token.is_some()
    }

    pub async fn request<V: Serialize, D: DeserializeOwned>(
        &self,
        document: &str,
        variables: V,
    ) -> Result<D, ApiError> {
        let abort = self.abort.as_deref();
        send(document, variables, self.token.clone(), abort).await
    }

    /// One page of a connection: `connection` picks it out of the answer.
    pub async fn page<V, D, T>(
        &self,
        document: &str,
        variables: V,
        connection: impl FnOnce(D) -> Connection<T>,
    ) -> Result<Page<T>, ApiError>
    where
        V: Serialize,
        D: DeserializeOwned,
    {
        Ok(connection(self.request(document, variables).await?).into())
    }

    /// Every page of a connection, in order: `vars(first, after)` builds each page's
    /// variables, `connection` picks the connection out of the answer.
    pub async fn all<V, D, T>(
        &self,
        document: &str,
        vars: impl Fn(Option<i32>, Option<String>) -> V,
        connection: impl Fn(D) -> Connection<T>,
    ) -> Result<Vec<T>, ApiError>
    where
        V: Serialize,
        D: DeserializeOwned,
    {
        let mut all = Vec::new();
        let mut after = None;
        for _ in 0..MAX_PAGES {
            let answer = self.request(document, vars(Some(PAGE_SIZE), after)).await?;
            let c = connection(answer);
            let next = c.page_info.has_next_page.then_some(c.page_info.end_cursor);
            all.extend(c.edges.into_iter().map(|e| e.node));
            after = next.flatten();
            if after.is_none() {
                break;
            }
        }
        Ok(all)
    }
}

/// A page's data. `fetch` runs when the page opens and again whenever the session's token or
/// a signal it reads before its first `.await` changes.
pub fn load<T, Fut>(
    session: Session,
    fetch: impl Fn(Call) -> Fut + 'static,
) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    LocalResource::new(move || fetch(Call::new(session.token.get())))
}

/// Changes the loaded value in place (a mutation's answer, a live event); nothing when it
/// is not loaded. A write wins over a read still on its way (the resource drops that read's
/// answer), so such a read is made again after the change.
pub fn update_loaded<T: 'static>(
    resource: LocalResource<Result<T, ApiError>>,
    f: impl FnOnce(&mut T),
) {
    let loaded = untrack(|| resource.with(|r| matches!(r, Some(Ok(_)))));
    if !loaded {
        return;
    }
    let reading = is_reading(resource);
    resource.try_update(|r| {
        if let Some(Ok(v)) = r {
            f(v);
        }
    });
    if reading {
        resource.refetch();
    }
}

/// Whether a read of `resource` is on its way.
pub(super) fn is_reading<T: 'static>(resource: LocalResource<T>) -> bool {
    let ready = resource.ready();
    let mut ready = std::pin::pin!(ready);
    let mut cx = Context::from_waker(Waker::noop());
    untrack(|| ready.as_mut().poll(&mut cx).is_pending())
}

/// What `f` reads of the loaded value; the default while loading or after a failure.
pub fn with_loaded<T: 'static, U: Default>(
    resource: LocalResource<Result<T, ApiError>>,
    f: impl FnOnce(&T) -> U,
) -> U {
    resource
        .with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(f))
        .unwrap_or_default()
}

/// Whether `resource` has answered at least once (a page context's `loaded`).
pub fn answered<T: 'static>(resource: LocalResource<Result<T, ApiError>>) -> Signal<bool> {
    Signal::derive(move || resource.with(Option::is_some))
}

/// Why the last read of `resource` failed, if it did (a page context's `load_error`).
pub fn failure<T: 'static>(
    resource: LocalResource<Result<T, ApiError>>,
) -> Signal<Option<ApiError>> {
    Signal::derive(move || resource.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())))
}
