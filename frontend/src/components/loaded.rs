//! A page's loaded data on screen (`api::load`): a line while it first loads; once loaded,
//! the content, kept on screen while it reloads (a `Transition`, so a filter change does not
//! blank the page); when the load failed, the error in the reader's language and a button to
//! try again (an `ErrorBoundary`). Two ways to show the content:
//! - [`Loaded`] hands the value to `children`, built again at each load: for what only shows
//!   the value (a list of cards);
//! - [`Awaited`] builds `children` once, at the first load; they read the resource
//!   themselves, so a reload updates them in place and keeps what someone was typing there.
//!
//! Only the closures that make the content are generic: the frame around them is one
//! function, so each page using it adds no copy of the `Transition` and `ErrorBoundary` code.

use crate::api::ApiError;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;

type Content = Box<dyn Fn() -> Option<Result<AnyView, ApiError>> + Send + Sync>;
/// Makes the content inside the frame, so that what it reads registers with the `Transition`.
type MakeContent = Box<dyn FnOnce() -> Content + Send>;

#[component]
pub fn Loaded<T, F, V>(data: LocalResource<Result<T, ApiError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Built untracked: only a new value rebuilds the content, not a signal read while building.
    let make: MakeContent = Box::new(move || {
        Box::new(move || {
            data.get()
                .map(|r| r.map(|v| untrack(|| children(v).into_any())))
        })
    });
    frame(make, Callback::new(move |()| data.refetch()))
}

#[component]
pub fn Awaited<T>(data: LocalResource<Result<T, ApiError>>, children: ChildrenFn) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let make: MakeContent = Box::new(move || {
        // Whether it is loaded or failed, not the value: a reload that succeeds again leaves
        // the children as they are.
        let state = Memo::new(move |_| {
            data.with(|r| {
                r.as_ref()
                    .map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone))
            })
        });
        Box::new(move || state.get().map(|r| r.map(|()| untrack(|| children()))))
    });
    frame(make, Callback::new(move |()| data.refetch()))
}

fn frame(make: MakeContent, retry: Callback<()>) -> AnyView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let failed = move |errors: ArcRwSignal<Errors>| {
        let message = move || {
            errors.with(|e| {
                e.iter()
                    .next()
                    .map(|(_, e)| match e.downcast_ref::<ApiError>() {
                        Some(api) => api.message(session.lang.get()),
                        None => t().loading_failed,
                    })
            })
        };
        view! {
            <p class="form-error" role="alert">{message}</p>
            <p><button type="button" class="reload" on:click=move |_| retry.run(())>{move || t().retry}</button></p>
        }
    };
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{move || t().loading}</p> }>
            <ErrorBoundary fallback=failed>
                {let content = make(); move || content()}
            </ErrorBoundary>
        </Transition>
    }
    .into_any()
}
