//! A labelled drop-down whose error is announced and linked to it, like `Field`.

use crate::api::ApiError;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use leptos::prelude::*;

/// One choice: the value sent over the wire, and its label.
pub type SelectOption = (&'static str, fn(&Strings) -> &'static str);

/// `name` is the GraphQL field name, so the server's `extensions.field` lands here; `id`
/// defaults to it (give another when the page has two controls for the same field name).
#[component]
pub fn Select(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    options: Vec<SelectOption>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let session = use_session();
    let id = id.unwrap_or_else(|| name.to_owned());
    let msg_id = format!("{id}-msg");
    let message = move || {
        error
            .get()
            .and_then(|e| e.for_field(name, session.lang.get()))
    };
    let invalid = move || {
        error
            .get()
            .is_some_and(|e| e.field.as_deref() == Some(name))
            .to_string()
    };
    let options = options
        .into_iter()
        .map(|(v, l)| {
            view! {
                <option value=v prop:selected=move || value.get() == v>
                    {move || l(strings(session.lang.get()))}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(strings(session.lang.get()))}</label>
            <select
                id=id
                name=name
                aria-invalid=invalid
                aria-describedby=msg_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {options}
            </select>
            <p id=msg_id class="field-msg" aria-live="polite">{message}</p>
        </div>
    }
}
