//! What a motion's card shows more for an election of people: the seats and how a ballot is
//! marked, the candidates with their candidacy controls (`candidacies`) and, once counted,
//! the result per candidate (`election_result`).

use super::candidacies::Candidacies;
use super::election_result::ElectionResultView;
use super::state::AssemblyCtx;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::ElectionMode;
use leptos::prelude::*;

/// `level` is the heading level of the motion's title.
#[component]
pub fn ElectionDetails(ctx: AssemblyCtx, id: String, level: u8) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get()).elections();
    let motion = {
        let id = id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let seats = move || motion.with(|m| m.as_ref().and_then(|m| m.seats).unwrap_or(1));
    let mode = move || {
        motion.with(|m| {
            m.as_ref()
                .and_then(|m| m.mode)
                .unwrap_or(ElectionMode::Approval)
        })
    };
    view! {
        <dl class="facts election-facts">
            <dt>{move || t().seats}</dt>
            <dd><span class="election-seats num">{seats}</span></dd>
            <dt>{move || t().mode}</dt>
            <dd class="election-mode" data-mode=move || mode().as_str()>{move || t().mode_label(mode())}</dd>
        </dl>
        <Candidacies ctx=ctx id=id.clone() level=level />
        <ElectionResultView ctx=ctx id=id level=level />
    }
}
