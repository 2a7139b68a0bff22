//! A labelled input whose error is announced and linked to it (`aria-describedby`).

use crate::api::ApiError;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use leptos::prelude::*;

/// `name` is the GraphQL field name, so the server's `extensions.field` lands here; `id`
/// defaults to it (give another when the page has two controls for the same field name);
/// `context` is read after the label by screen readers only (which pool, which request).
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
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional, into)] context: Option<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// Another element describing the input (read after the field's own message).
    #[prop(optional, into)]
    describedby: Option<String>,
) -> impl IntoView {
    let session = use_session();
    let id = id.unwrap_or_else(|| name.to_owned());
    let msg_id = format!("{id}-msg");
    let described = match describedby {
        Some(other) => format!("{msg_id} {other}"),
        None => msg_id.clone(),
    };
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
            <label for=id.clone()>
                {move || label(strings(session.lang.get()))}
                {context.map(|c| view! { <span class="sr-only">" — " {c}</span> })}
            </label>
            <input
                id=id
                class=class
                name=name
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p id=msg_id class="field-msg" aria-live="polite">{message}</p>
        </div>
    }
}
