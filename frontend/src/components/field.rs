//! A labelled input whose error is announced and linked to it (`aria-describedby`).

use crate::api::ApiError;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use leptos::prelude::*;

/// `name` is the GraphQL field name, so the server's `extensions.field` lands here; `id`
/// defaults to it (give another when the page has two controls for the same field name).
#[component]
pub fn Field(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<fn(&Strings) -> &'static str>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let session = use_session();
    let id = id.unwrap_or(name);
    let msg_id = format!("{id}-msg");
    let message = move || {
        let lang = session.lang.get();
        error
            .get()
            .and_then(|e| e.for_field(name, lang))
            .or_else(|| hint.map(|h| h(strings(lang))))
    };
    let invalid = move || {
        error
            .get()
            .is_some_and(|e| e.field.as_deref() == Some(name))
            .to_string()
    };
    view! {
        <div class="field">
            <label for=id>{move || label(strings(session.lang.get()))}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid
                aria-describedby=msg_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p id=msg_id class="field-msg" aria-live="polite">{message}</p>
        </div>
    }
}
