//! The board archives an active Lab, with a reason; it becomes read-only.

use super::lab_state::LabCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;

#[component]
pub fn ArchiveForm(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = q::ArchiveLabVars {
            lab_id: ctx.id(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        ctx.mutate(q::ARCHIVE_LAB, vars, error, busy, move || {
            reason.set(String::new())
        });
    };
    view! {
        <Show when=move || ctx.is_board() && ctx.is_active()>
            <section aria-labelledby="archive-h" class="danger board">
                <h2 id="archive-h">{move || t().labs().archive_title}</h2>
                <form on:submit=submit novalidate>
                    <Field name="reason" id="archive-reason" label=|s| s.labs().archive_reason value=reason error=error />
                    <FormError error=error fields=&["reason"] />
                    <button type="submit" id="archive" class="danger" disabled=move || busy.get()>
                        {move || t().labs().archive_submit}
                    </button>
                </form>
            </section>
        </Show>
    }
}
