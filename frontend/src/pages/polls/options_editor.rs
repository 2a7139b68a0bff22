//! The options of a new poll: one labelled input each, a button to add one (up to 20) and one
//! to remove each (down to 2). The server's error about `options` is announced below them.

use crate::api::ApiError;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::rules::polls::{MAX_OPTIONS, MIN_OPTIONS};
use leptos::prelude::*;

/// One option being written; `key` stays with it when others are removed.
#[derive(Clone, Copy, Debug)]
pub struct OptionRow {
    pub key: usize,
    pub text: RwSignal<String>,
}

impl OptionRow {
    pub fn new(key: usize) -> Self {
        Self {
            key,
            text: RwSignal::new(String::new()),
        }
    }
}

#[component]
pub fn OptionsEditor(
    rows: RwSignal<Vec<OptionRow>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let p = move || strings(session.lang.get()).polls();
    let message = move || {
        let lang = session.lang.get();
        error
            .get()
            .and_then(|e| e.for_field("options", lang))
            .unwrap_or(strings(lang).polls().options_hint)
    };
    let invalid = move || {
        error
            .get()
            .is_some_and(|e| e.field.as_deref() == Some("options"))
            .to_string()
    };
    let add = move |_| {
        rows.update(|r| {
            if r.len() < MAX_OPTIONS {
                let key = r.iter().map(|o| o.key).max().map_or(0, |k| k + 1);
                r.push(OptionRow::new(key));
            }
        });
    };
    let position =
        move |key: usize| rows.with(|r| r.iter().position(|o| o.key == key).unwrap_or(0) + 1);
    view! {
        <fieldset id="poll-options" aria-describedby="options-msg">
            <legend>{move || p().options_legend}</legend>
            <For
                each=move || rows.get()
                key=|o| o.key
                children=move |o| {
                    let id = format!("poll-option-{}", o.key);
                    let number = move || position(o.key).to_string();
                    let remove = move |_| rows.update(|r| r.retain(|x| x.key != o.key));
                    view! {
                        <div class="field-row option-row">
                            <div class="field">
                                <label for=id.clone()>{move || fill(p().option_label, &[&number()])}</label>
                                <input
                                    id=id.clone()
                                    name="options"
                                    type="text"
                                    maxlength="200"
                                    aria-invalid=invalid
                                    aria-describedby="options-msg"
                                    prop:value=move || o.text.get()
                                    on:input=move |ev| o.text.set(event_target_value(&ev))
                                />
                            </div>
                            <Show when=move || rows.with(|r| r.len() > MIN_OPTIONS)>
                                <button
                                    type="button"
                                    class="link remove-option"
                                    aria-label=move || fill(p().remove_option, &[&number()])
                                    on:click=remove
                                >
                                    {move || strings(session.lang.get()).remove}
                                </button>
                            </Show>
                        </div>
                    }
                }
            />
            <Show when=move || rows.with(|r| r.len() < MAX_OPTIONS)>
                <button type="button" id="add-option" on:click=add>{move || p().add_option}</button>
            </Show>
            <p id="options-msg" class="field-msg" aria-live="polite">{message}</p>
        </fieldset>
    }
}
