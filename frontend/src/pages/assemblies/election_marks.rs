//! The marks of one election ballot, usable with the keyboard alone. By approval: one
//! checkbox per candidate and a live "k of N chosen" line; a candidate beyond the seats cannot
//! be checked (the box stays focusable, says it is unavailable, and the refusal is announced).
//! Per candidate: a fieldset per candidate, its name as the legend, with yes / no / abstain.

use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::assemblies::Choice;
use leptos::prelude::*;

/// A candidate on the ballot: their user id and name.
pub type OnBallot = (String, String);

/// `group` prefixes the ids (one per ballot form); `chosen` holds the approved ids.
#[component]
pub fn ApprovalMarks(
    group: String,
    candidates: Vec<OnBallot>,
    max: usize,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let lang = use_session().lang;
    let t = move || strings(lang.get()).elections();
    let refused = RwSignal::new(false);
    let total = candidates.len();
    let full = move || chosen.with(Vec::len) >= max;
    let count_id = format!("{group}-count");
    let hint_id = format!("{group}-hint");
    let count = move || {
        let k = chosen.with(Vec::len).to_string();
        let mut text = fill(t().approval_count, &[&k, &max.to_string()]);
        if refused.get() {
            text.push(' ');
            text.push_str(&fill(t().approval_full, &[&max.to_string()]));
        }
        text
    };
    let boxes = candidates
        .into_iter()
        .map(|(cid, name)| {
            let id = format!("{group}-{cid}");
            let is_on = {
                let cid = cid.clone();
                move || chosen.with(|c| c.contains(&cid))
            };
            let on_click = {
                let is_on = is_on.clone();
                move |ev: leptos::ev::MouseEvent| {
                    // Checking one more than the seats: the box stays unchecked, and it is said.
                    if !is_on() && full() {
                        ev.prevent_default();
                        refused.set(true);
                    }
                }
            };
            let on_change = {
                let cid = cid.clone();
                move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    refused.set(false);
                    chosen.update(|c| {
                        c.retain(|x| *x != cid);
                        if on && c.len() < max {
                            c.push(cid.clone());
                        }
                    });
                }
            };
            let unavailable = {
                let is_on = is_on.clone();
                move || (full() && !is_on()).to_string()
            };
            view! {
                <div class="field checkbox choice">
                    <input
                        type="checkbox"
                        id=id.clone()
                        class="approve"
                        value=cid.clone()
                        data-candidate-id=cid.clone()
                        aria-describedby=count_id.clone()
                        aria-disabled=unavailable
                        prop:checked=is_on
                        on:click=on_click
                        on:change=on_change
                    />
                    <label for=id>{name}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <p id=hint_id class="muted approval-hint">
            {move || fill(t().approval_hint, &[&max.to_string(), &total.to_string()])}
        </p>
        {boxes}
        <p id=count_id class="approval-count" role="status" aria-live="polite" aria-atomic="true">{count}</p>
    }
}

/// The id of the first radio of a candidate's group (for the focus).
pub fn first_mark_id(group: &str, candidate: &str) -> String {
    format!("{group}-{candidate}-{}", Choice::Yes.as_str())
}

/// `marks` holds a choice per candidate marked.
#[component]
pub fn PerCandidateMarks(
    group: String,
    candidates: Vec<OnBallot>,
    marks: RwSignal<Vec<(String, Choice)>>,
) -> impl IntoView {
    let lang = use_session().lang;
    let t = move || strings(lang.get());
    let sets = candidates
        .into_iter()
        .map(|(cid, name)| {
            let name_attr = format!("{group}-{cid}");
            let radios = Choice::ALL
                .iter()
                .copied()
                .map(|c| {
                    let id = format!("{name_attr}-{}", c.as_str());
                    let checked = {
                        let cid = cid.clone();
                        move || marks.with(|m| m.iter().any(|(x, y)| *x == cid && *y == c))
                    };
                    let pick = {
                        let cid = cid.clone();
                        move |_| {
                            marks.update(|m| {
                                m.retain(|(x, _)| *x != cid);
                                m.push((cid.clone(), c));
                            });
                        }
                    };
                    view! {
                        <div class="field checkbox choice">
                            <input
                                type="radio"
                                id=id.clone()
                                name=name_attr.clone()
                                value=c.as_str()
                                prop:checked=checked
                                on:change=pick
                            />
                            <label for=id>{move || t().assemblies().choice_label(c)}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="candidate-marks" data-candidate-id=cid.clone()>
                    <legend>{name}</legend>
                    {radios}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{move || t().elections().per_candidate_hint}</p>
        {sets}
    }
}
