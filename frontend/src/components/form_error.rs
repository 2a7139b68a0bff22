//! The form's error when it is not about one field, announced to screen readers.

use crate::api::ApiError;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn FormError(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let session = use_session();
    let text = move || {
        error
            .get()
            .filter(|e| e.field.is_none())
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
