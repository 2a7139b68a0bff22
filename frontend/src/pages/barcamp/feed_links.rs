//! The calendar feeds: one's private agenda feed (a secret address, which can be replaced)
//! and the edition's public programme feed.

use super::origin;
use super::state::BarcampCtx;
use crate::api::ApiError;
use crate::components::copy_field::copy_text;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn FeedLinks(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let private_url = move || {
        ctx.edition
            .with(|e| e.as_ref().and_then(|e| e.viewer.feed_path.clone()))
            .map(|p| format!("{}{p}", origin()))
    };
    let public_url = move || {
        ctx.tracked_id()
            .map(|id| format!("{}/ical/barcamp/{id}.ics", origin()))
            .unwrap_or_default()
    };
    let lang = ctx.session.lang;
    let on_copy = move |_| {
        let Some(url) = private_url() else { return };
        leptos::task::spawn_local(async move {
            let s = strings(lang.get_untracked());
            note.set(Some(if copy_text(url).await {
                s.feed_copied
            } else {
                s.feed_copy_failed
            }));
        });
    };
    let reset = move |_| {
        note.set(None);
        let vars = q::EditionIdVars {
            edition_id: ctx.id(),
        };
        ctx.mutate_edition(q::RESET_FEED, vars, error, busy, move || {
            note.set(Some(
                strings(lang.get_untracked()).barcamp().feed_reset_done,
            ));
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
        <section aria-labelledby="feeds-h">
            <h2 id="feeds-h">{move || t().barcamp().feeds_title}</h2>
            <Show when=move || private_url().is_some()>
                <h3>{move || t().barcamp().feed_private}</h3>
                <p class="muted">{move || t().barcamp().feed_private_intro}</p>
                <p>
                    <a id="feed-link" href=move || private_url().unwrap_or_default()>
                        {move || t().barcamp().feed_private_link}
                    </a>
                </p>
                <div class="field">
                    <label for="feed-url">{move || t().barcamp().feed_address}</label>
                    <input
                        id="feed-url"
                        type="text"
                        readonly=true
                        prop:value=move || private_url().unwrap_or_default()
                        on:focus=select_all
                    />
                </div>
                <div class="actions">
                    <button type="button" id="feed-copy" class="secondary" on:click=on_copy>
                        {move || t().barcamp().feed_copy}
                    </button>
                    <button type="button" id="feed-reset" class="secondary" on:click=reset disabled=move || busy.get()>
                        {move || t().barcamp().feed_reset}
                    </button>
                </div>
                <p class="muted">{move || t().barcamp().feed_reset_hint}</p>
                <FormError error=error />
                <FormNote text=note.into() />
            </Show>
            <h3>{move || t().barcamp().feed_public}</h3>
            <p>
                <a id="public-feed-link" href=public_url>{public_url}</a>
            </p>
        </section>
    }
}
