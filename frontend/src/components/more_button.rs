//! "Load more" under a list read a page at a time (`api::Paged`), with why it failed.

use super::form_error::FormError;
use crate::api::Paged;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn MoreButton<T: Clone + 'static>(list: Paged<T>, id: &'static str) -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || list.has_more()>
            <button type="button" id=id class="secondary" disabled=move || list.busy.get() on:click=move |_| list.more()>
                {move || strings(session.lang.get()).load_more}
            </button>
        </Show>
        <FormError error=list.error />
    }
}
