//! One motion: its text, rule, ballot and state, the live turnout, the tally when known, the
//! result with its explanation, the votes by name (open ballots), the published receipts
//! (secret ballots) or the election panel (encrypted ballots); for an election of people, its
//! seats, mode, candidates and result per candidate (`election_card`); in the chair's console,
//! the buttons that open and close its voting and, while a motion is open, the form for the
//! votes cast in the room (not for elections).

use super::election_card::ElectionDetails;
use super::election_panel::ElectionPanel;
use super::room_count_form::RoomCountForm;
use super::session_controls::VotingControls;
use super::state::AssemblyCtx;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::{BallotKind, Motion, MotionKind, MotionStatus};
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
    let is_election =
        move || motion.with(|m| m.as_ref().is_some_and(|m| m.kind == MotionKind::Election));
    let heading_id = format!("motion-{id}-h");
    let title = move || {
        let word = if is_election() {
            t().elections().election
        } else {
            t().assemblies().motion
        };
        format!("{word} {}", number())
    };
    let heading = match level {
        0..=3 => view! { <h3 id=heading_id.clone()>{title}</h3> }.into_any(),
        4 => view! { <h4 id=heading_id.clone()>{title}</h4> }.into_any(),
        _ => view! { <h5 id=heading_id.clone()>{title}</h5> }.into_any(),
    };
    let status = move || motion.with(|m| m.as_ref().map_or(MotionStatus::Draft, |m| m.status));
    let ballot = move || motion.with(|m| m.as_ref().map_or(BallotKind::Open, |m| m.ballot));
    let turnout = move || motion.with(|m| m.as_ref().map_or(0, |m| m.turnout));
    // An encrypted motion's totals come with its result.
    let tally = move || {
        motion.with(|m| {
            m.as_ref().and_then(|m| {
                m.tally
                    .clone()
                    .or_else(|| m.result.as_ref().map(|r| r.tally.clone()))
            })
        })
    };
    let result = move || motion.with(|m| m.as_ref().and_then(|m| m.result.clone()));
    let open_votes =
        move || motion.with(|m| m.as_ref().map(|m| m.open_votes.clone()).unwrap_or_default());
    let receipts =
        move || motion.with(|m| m.as_ref().map(|m| m.receipts.clone()).unwrap_or_default());
    let encrypted = move || ballot() == BallotKind::Encrypted;
    // Closed, but the trustees have not all decrypted yet: no result to show.
    let awaiting_decryption = move || {
        encrypted()
            && status() == MotionStatus::Closed
            && motion.with(|m| {
                m.as_ref()
                    .is_some_and(|m| m.result.is_none() && m.election_result.is_none())
            })
    };

    view! {
        <section
            class="motion"
            data-motion-id=id.clone()
            data-status=move || status().as_str()
            data-kind=move || if is_election() { MotionKind::Election.as_str() } else { MotionKind::Motion.as_str() }
            aria-labelledby=heading_id.clone()
        >
            {heading}
            <Show when=is_election>
                <p class="item-badges">
                    <span class="badge election-kind" data-kind="ELECTION">{move || t().elections().badge}</span>
                </p>
            </Show>
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
                        {move || {
                            if awaiting_decryption() {
                                t().assemblies().motion_awaiting_decryption
                            } else {
                                t().assemblies().motion_status_label(status())
                            }
                        }}
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
            // An encrypted motion has its board of trackers in the election panel instead.
            <Show when=move || !encrypted() && !receipts().is_empty()>
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
            {
                let id = id.clone();
                view! {
                    <Show when=is_election>
                        <ElectionDetails ctx=ctx id=id.clone() level=level />
                    </Show>
                }
            }
            {
                let id = id.clone();
                view! {
                    <Show when=encrypted>
                        <ElectionPanel ctx=ctx id=id.clone() level=level />
                    </Show>
                }
            }
            {chair.then(|| view! { <VotingControls ctx=ctx id=id.clone() /> })}
            {chair.then(|| {
                let id = id.clone();
                view! {
                    // The server records no room count for an election.
                    <Show when=move || status() == MotionStatus::Open && !is_election()>
                        <RoomCountForm ctx=ctx id=id.clone() />
                    </Show>
                }
            })}
        </section>
    }
}
