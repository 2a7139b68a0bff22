//! The form's error when it is not about one field, announced to screen readers.

use crate::api::ApiError;
use crate::session::use_session;
use leptos::prelude::*;

/// With `fields` (the names the form shows next to their control), an error about any other
/// field is shown here too rather than lost.
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(optional)] fields: Option<&'static [&'static str]>,
) -> impl IntoView {
    let session = use_session();
    let text = move || {
        error
            .get()
            .filter(|e| match (e.field.as_deref(), fields) {
                (None, _) => true,
                (Some(f), Some(shown)) => !shown.contains(&f),
                (Some(_), None) => false,
            })
            .map(|e| e.message(session.lang.get()))
    };
    view! {
        <p class="form-error" role="alert">{text}</p>
    }
}

/// A success note, announced politely.
#[component]
pub fn FormNote(text: Signal<Option<&'static str>>) -> impl IntoView {
    view! { <p class="form-note" role="status">{move || text.get()}</p> }
}
