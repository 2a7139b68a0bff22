//! Any unknown route.

use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let session = use_session();
    view! { <h1>{move || strings(session.lang.get()).not_found}</h1> }
}
