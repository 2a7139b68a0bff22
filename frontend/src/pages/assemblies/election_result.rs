//! An election's result, once counted: the explanation (who is elected, ties named), the
//! seats filled and the ballots, and a table with one row per candidate — the counts (the
//! approvals, or yes / no / abstain), whether they reached the majority, and the outcome:
//! elected, tied (the assembly decides) or not elected.

use super::candidacies::sub_heading;
use super::state::AssemblyCtx;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::{CandidateResult, ElectionMode};
use leptos::prelude::*;

#[component]
pub fn ElectionResultView(ctx: AssemblyCtx, id: String, level: u8) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let motion = {
        let id = id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let result = move || motion.with(|m| m.as_ref().and_then(|m| m.election_result.clone()));
    let approval = move || {
        motion.with(|m| {
            m.as_ref()
                .is_none_or(|m| m.mode != Some(ElectionMode::PerCandidate))
        })
    };
    let heading_id = format!("election-result-{id}-h");
    let caption_id = format!("election-result-{id}-caption");

    let row = move |c: CandidateResult| {
        let s = t().elections();
        let cid = c
            .person
            .as_ref()
            .map(|p| p.id.to_string())
            .unwrap_or_default();
        let name = c.person.as_ref().map_or_else(
            || s.candidate_unknown.to_owned(),
            |p| p.display_name.clone(),
        );
        let outcome = if c.elected {
            view! { <strong>{s.elected}</strong> }.into_any()
        } else if c.tied {
            view! { <strong>{s.tied}</strong> }.into_any()
        } else {
            view! { <span>{s.not_elected}</span> }.into_any()
        };
        let per_candidate = !approval();
        view! {
            <tr
                class="candidate-result"
                data-candidate-id=cid
                data-elected=c.elected.to_string()
                data-tied=c.tied.to_string()
                data-verdict=c.verdict.clone()
            >
                <th scope="row">{name}</th>
                <td class="num result-yes">{c.tally.yes}</td>
                <td class="num result-no">{c.tally.no}</td>
                {per_candidate.then(|| view! { <td class="num result-abstain">{c.tally.abstain}</td> })}
                <td class="result-verdict">{s.verdict_label(&c.verdict)}</td>
                <td class="result-outcome">{outcome}</td>
            </tr>
        }
    };

    view! {
        {move || result().map(|r| {
            let s = t().elections();
            let a = t().assemblies();
            let (yes, no) = if approval() {
                (s.col_approvals, s.col_not_approved)
            } else {
                (a.choice_yes, a.choice_no)
            };
            let filled = fill(s.filled, &[&r.filled.to_string(), &r.seats.to_string()]);
            view! {
                <section
                    class="election-result"
                    data-filled=r.filled.to_string()
                    data-seats=r.seats.to_string()
                    aria-labelledby=heading_id.clone()
                >
                    {sub_heading(level, heading_id.clone(), move || t().elections().result_title)}
                    <p class="explanation">{r.explanation.clone()}</p>
                    <dl class="facts">
                        <dt>{s.seats}</dt>
                        <dd class="election-filled">{filled}</dd>
                        <dt>{s.ballots}</dt>
                        <dd><span class="election-result-ballots num">{r.ballots}</span></dd>
                    </dl>
                    <div class="table-wrap" role="region" aria-labelledby=caption_id.clone() tabindex="0">
                        <table class="election-result-table">
                            <caption id=caption_id.clone()>{s.result_title}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{s.col_candidate}</th>
                                    <th scope="col">{yes}</th>
                                    <th scope="col">{no}</th>
                                    {(!approval()).then(|| view! { <th scope="col">{a.choice_abstain}</th> })}
                                    <th scope="col">{s.col_majority}</th>
                                    <th scope="col">{s.col_outcome}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {r.candidates.into_iter().map(row).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        })}
    }
}
