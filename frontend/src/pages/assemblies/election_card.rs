//! What a motion's card shows more for an election of people: the seats and how a ballot is
//! marked, the candidates with their candidacy controls (`candidacies`) and, once counted,
//! the result per candidate (`election_result`) and, on an open ballot, who marked whom how.

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
        <Show when=move || motion.with(|m| m.as_ref().is_some_and(|m| !m.open_marks.is_empty()))>
            <details class="open-marks">
                <summary>{move || strings(ctx.session.lang.get()).assemblies().open_votes}</summary>
                <ul>
                    {move || motion
                        .with(|m| m.as_ref().map(|m| m.open_marks.clone()).unwrap_or_default())
                        .into_iter()
                        .map(|v| {
                            let choice = v.choice;
                            let name = |p: &Option<constellation_shared::dto::labs::PersonRef>| {
                                p.as_ref().map(|p| p.display_name.clone()).unwrap_or_default()
                            };
                            let (member, candidate) = (name(&v.member), name(&v.candidate));
                            view! {
                                <li data-choice=choice.as_str()>
                                    {member} " → " {candidate} " — "
                                    {move || strings(ctx.session.lang.get()).assemblies().choice_label(choice)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        </Show>
    }
}
