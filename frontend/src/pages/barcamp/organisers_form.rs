//! Who organises the edition; the board names organisers (or removes them) by email.

use super::names;
use super::state::BarcampCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;

#[component]
pub fn OrganisersForm(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let lang = ctx.session.lang;
    let set = move |organiser: bool| {
        note.set(None);
        let vars = q::SetOrganiserVars {
            edition_id: ctx.id(),
            email: email.get_untracked().trim().to_owned(),
            organiser,
        };
        ctx.mutate_edition(q::SET_ORGANISER, vars, error, busy, move || {
            email.set(String::new());
            let s = strings(lang.get_untracked());
            note.set(Some(if organiser {
                s.barcamp().organiser_added
            } else {
                s.barcamp().organiser_removed
            }));
        });
    };
    let list = move || {
        ctx.edition
            .with(|e| e.as_ref().map(|e| names(&e.organisers)))
            .filter(|n| !n.is_empty())
    };
    let count = move || {
        ctx.edition
            .with(|e| e.as_ref().and_then(|e| e.registration_count))
    };
    view! {
        <section aria-labelledby="organisers-h">
            <h2 id="organisers-h">{move || t().barcamp().organisers_title}</h2>
            <p>
                {move || t().barcamp().registration_count} " "
                <strong id="registration-count">{move || count().unwrap_or_default()}</strong>
            </p>
            <p id="organisers">
                {move || list().unwrap_or_else(|| t().barcamp().organisers_none.to_owned())}
            </p>
            <p class="muted">{move || t().barcamp().organisers_board_note}</p>
            <Show when=move || ctx.is_board()>
                <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); set(true); } novalidate>
                    <Field name="email" id="organiser-email" label=|s| s.barcamp().organiser_email value=email error=error kind="email" autocomplete="off" />
                    <button type="submit" id="organiser-add" disabled=move || busy.get()>{move || t().barcamp().organiser_add}</button>
                    <button type="button" id="organiser-remove" class="secondary" on:click=move |_| set(false) disabled=move || busy.get()>
                        {move || t().barcamp().organiser_remove}
                    </button>
                    <FormError error=error fields=&["email"] />
                    <FormNote text=note.into() />
                </form>
            </Show>
        </section>
    }
}
