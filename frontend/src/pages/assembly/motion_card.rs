//! One motion: its text, rule, ballot and state, the live turnout, the tally when known, the
//! result with its explanation, the votes by name (open ballots) or the published receipts
//! (secret ballots); in the chair's console, the buttons that open and close its voting and,
//! while it is open, the form for the votes cast in the room.

use super::room_count_form::RoomCountForm;
use super::session_controls::VotingControls;
use super::state::AssemblyCtx;
use crate::i18n::strings;
use constellation_shared::dto::assembly::{BallotKind, Motion, MotionStatus};
use leptos::prelude::*;

/// `level` is the heading level of the motion's title (3 to 5).
#[component]
pub fn MotionCard(
    ctx: AssemblyCtx,
    id: String,
    #[prop(default = 4)] level: u8,
    #[prop(optional)] chair: bool,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let motion = {
        let id = id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let get =
        move |f: fn(&Motion) -> String| motion.with(|m| m.as_ref().map(f).unwrap_or_default());
    let number = {
        let id = id.clone();
        move || {
            ctx.motion_ids(None)
                .iter()
                .position(|m| *m == id)
                .map_or(0, |p| p + 1)
        }
    };
    let heading_id = format!("motion-{id}-h");
    let title = move || format!("{} {}", t().assemblies().motion, number());
    let heading = match level {
        0..=3 => view! { <h3 id=heading_id.clone()>{title}</h3> }.into_any(),
        4 => view! { <h4 id=heading_id.clone()>{title}</h4> }.into_any(),
        _ => view! { <h5 id=heading_id.clone()>{title}</h5> }.into_any(),
    };
    let status = move || motion.with(|m| m.as_ref().map_or(MotionStatus::Draft, |m| m.status));
    let ballot = move || motion.with(|m| m.as_ref().map_or(BallotKind::Open, |m| m.ballot));
    let turnout = move || motion.with(|m| m.as_ref().map_or(0, |m| m.turnout));
    let tally = move || motion.with(|m| m.as_ref().and_then(|m| m.tally.clone()));
    let result = move || motion.with(|m| m.as_ref().and_then(|m| m.result.clone()));
    let open_votes =
        move || motion.with(|m| m.as_ref().map(|m| m.open_votes.clone()).unwrap_or_default());
    let receipts =
        move || motion.with(|m| m.as_ref().map(|m| m.receipts.clone()).unwrap_or_default());

    view! {
        <section
            class="motion"
            data-motion-id=id.clone()
            data-status=move || status().as_str()
            aria-labelledby=heading_id.clone()
        >
            {heading}
            <p class="motion-text">{move || get(|m| m.text.clone())}</p>
            <dl class="facts">
                <dt>{move || t().assemblies().motion_rule}</dt>
                <dd class="motion-rule" data-rule=move || get(|m| m.rule.code.as_str().to_owned())>
                    {move || get(|m| m.rule.name.clone())}
                </dd>
                <dt>{move || t().assemblies().motion_ballot}</dt>
                <dd class="motion-ballot" data-ballot=move || ballot().as_str()>
                    {move || t().assemblies().ballot_label(ballot())}
                </dd>
                <dt>{move || t().assemblies().motion_state}</dt>
                <dd>
                    <span class="badge" data-status=move || status().as_str()>
                        {move || t().assemblies().motion_status_label(status())}
                    </span>
                    " "
                </dd>
                <dt>{move || t().assemblies().turnout}</dt>
                <dd><span class="turnout num">{turnout}</span></dd>
            </dl>
            {move || tally().map(|tl| view! {
                <dl class="facts tally" aria-label=move || t().assemblies().tally>
                    <dt>{move || t().assemblies().choice_yes}</dt>
                    <dd class="tally-yes num">{tl.yes}</dd>
                    <dt>{move || t().assemblies().choice_no}</dt>
                    <dd class="tally-no num">{tl.no}</dd>
                    <dt>{move || t().assemblies().choice_abstain}</dt>
                    <dd class="tally-abstain num">{tl.abstain}</dd>
                </dl>
            })}
            {move || result().map(|r| {
                let passed = r.passed;
                view! {
                    <div class="motion-result" data-passed=passed.to_string() data-verdict=r.verdict.clone()>
                        <p class="verdict">
                            <span class="sr-only">{move || t().assemblies().result} " — "</span>
                            <strong>{move || if passed { t().assemblies().result_passed } else { t().assemblies().result_rejected }}</strong>
                        </p>
                        <p class="explanation">{r.explanation.clone()}</p>
                    </div>
                }
            })}
            <Show when=move || !open_votes().is_empty()>
                <details class="open-votes">
                    <summary>{move || t().assemblies().open_votes}</summary>
                    <ul>
                        {move || open_votes()
                            .into_iter()
                            .map(|v| {
                                let choice = v.choice;
                                view! {
                                    <li data-member-id=v.member.id.to_string() data-choice=choice.as_str()>
                                        {v.member.display_name.clone()} " — " {move || t().assemblies().choice_label(choice)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            </Show>
            <Show when=move || !receipts().is_empty()>
                <details class="receipts" open=true>
                    <summary>{move || t().assemblies().receipts}</summary>
                    <p class="muted">{move || t().assemblies().receipts_hint}</p>
                    <ul class="receipt-list">
                        {move || receipts()
                            .into_iter()
                            .map(|r| view! { <li><code>{r}</code></li> })
                            .collect_view()}
                    </ul>
                </details>
            </Show>
            {chair.then(|| view! { <VotingControls ctx=ctx id=id.clone() /> })}
            {chair.then(|| {
                let id = id.clone();
                view! {
                    <Show when=move || status() == MotionStatus::Open>
                        <RoomCountForm ctx=ctx id=id.clone() />
                    </Show>
                }
            })}
        </section>
    }
}
