//! A read-only address to copy: labelled, selected whole on focus, with a copy button whose
//! outcome is announced.

use crate::components::form_error::FormNote;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts `text` on the clipboard; false when the browser refused.
pub async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
pub fn CopyField(
    id: &'static str,
    label: fn(&Strings) -> &'static str,
    button: fn(&Strings) -> &'static str,
    #[prop(into)] value: Signal<String>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let note = RwSignal::new(None::<&'static str>);
    let on_copy = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let s = strings(session.lang.get_untracked());
            note.try_set(Some(if copy_text(text).await {
                s.feed_copied
            } else {
                s.feed_copy_failed
            }));
        });
    };
    let select_all = |ev: leptos::ev::FocusEvent| {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    };
    view! {
        <div class="field">
            <label for=id>{move || label(t())}</label>
            <input id=id type="text" readonly=true prop:value=move || value.get() on:focus=select_all />
        </div>
        <div class="actions">
            <button type="button" id=format!("{id}-copy") class="secondary" on:click=on_copy>
                {move || button(t())}
            </button>
        </div>
        <FormNote text=note.into() />
    }
}
