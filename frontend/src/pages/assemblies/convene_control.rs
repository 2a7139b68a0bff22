//! The board sends the convocation of a draft assembly; statutory items are then frozen.

use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::AssemblyStatus;
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

#[component]
pub fn ConveneControl(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let convene = move |_| {
        let vars = q::IdVars { id: ctx.id() };
        ctx.mutate(q::CONVENE, vars, error, busy, || ());
    };
    view! {
        <Show when=move || ctx.chair() && ctx.status() == Some(AssemblyStatus::Draft)>
            <section aria-labelledby="convene-h" class="board">
                <h2 id="convene-h">{move || t().assemblies().convene}</h2>
                <p id="convene-hint" class="muted">{move || t().assemblies().convene_hint}</p>
                <button
                    type="button"
                    id="convene"
                    aria-describedby="convene-hint"
                    on:click=convene
                    disabled=move || busy.get()
                >
                    {move || t().assemblies().convene}
                </button>
                <FormError error=error />
            </section>
        </Show>
    }
}
