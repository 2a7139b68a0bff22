//! An election's candidates in ballot order, accepted (on the ballot) or proposed (awaiting
//! their acceptance); while the election is a draft, the viewer stands, accepts or withdraws
//! their own candidacy, and the board proposes effective members (`candidate_picker`) or
//! removes a candidacy. Each step is announced, and the focus stays on the list.

use super::candidate_picker::CandidatePicker;
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::elections::ElectionsStrings;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::{AssemblyStatus, Candidate, MotionStatus};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

/// A heading one level below `level` (the motion's title), h6 at most.
pub fn sub_heading(
    level: u8,
    id: String,
    text: impl Fn() -> &'static str + Send + 'static,
) -> AnyView {
    match level {
        0..=3 => view! { <h4 id=id>{text}</h4> }.into_any(),
        4 => view! { <h5 id=id>{text}</h5> }.into_any(),
        _ => view! { <h6 id=id>{text}</h6> }.into_any(),
    }
}

fn candidate_id(c: &Candidate) -> Option<String> {
    c.person.as_ref().map(|p| p.id.to_string())
}

#[component]
pub fn Candidacies(ctx: AssemblyCtx, id: String, level: u8) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get()).elections();
    let motion = {
        let id = id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let candidates =
        move || motion.with(|m| m.as_ref().map(|m| m.candidates.clone()).unwrap_or_default());
    // Candidacies change while the election is a draft of an assembly not closed.
    let draft = move || {
        motion.with(|m| m.as_ref().is_some_and(|m| m.status == MotionStatus::Draft))
            && ctx.status() != Some(AssemblyStatus::Closed)
    };
    let me = Memo::new(move |_| ctx.viewer_id());
    let mine = move || {
        let me = me.get()?;
        candidates()
            .into_iter()
            .find(|c| candidate_id(c).as_deref() == Some(me.as_str()))
    };
    let can_stand =
        move || draft() && ctx.effective() && me.with(Option::is_some) && mine().is_none();
    let none_accepted = move || !candidates().iter().any(|c| c.accepted);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let note_id = format!("candidacy-note-{id}");
    let heading_id = format!("candidates-{id}-h");

    // Runs a candidacy call; once done, says so and keeps the focus on the list.
    let act = {
        let note_id = note_id.clone();
        move |document: &'static str,
              user_id: Option<String>,
              said: fn(&ElectionsStrings) -> &'static str| {
            note.set(None);
            let motion_id = motion.with_untracked(|m| m.as_ref().map(|m| m.id.clone()));
            let Some(motion_id) = motion_id else {
                return;
            };
            let note_id = note_id.clone();
            let done = move || {
                note.try_set(Some(said(strings(lang.get_untracked()).elections())));
                focus_by_id(&note_id);
            };
            match user_id {
                Some(user_id) => ctx.mutate(
                    document,
                    q::CandidateVars { motion_id, user_id },
                    error,
                    busy,
                    done,
                ),
                None => ctx.mutate(document, q::MotionIdVars { motion_id }, error, busy, done),
            }
        }
    };
    let stand = {
        let act = act.clone();
        move |_| act(q::PROPOSE_CANDIDATE, me.get_untracked(), |s| s.stood)
    };

    let row = {
        let act = act.clone();
        move |c: Candidate| {
            let cid = candidate_id(&c).unwrap_or_default();
            let name = c.person.as_ref().map(|p| p.display_name.clone());
            let accepted = c.accepted;
            let own = me.get_untracked().as_deref() == Some(cid.as_str()) && !cid.is_empty();
            let label = {
                let name = name.clone();
                move || {
                    name.clone()
                        .unwrap_or_else(|| t().candidate_unknown.to_owned())
                }
            };
            let status = move || {
                if accepted {
                    t().candidate_accepted
                } else {
                    t().candidate_proposed
                }
            };
            let controls = {
                let (act, cid, label) = (act.clone(), cid.clone(), label.clone());
                move || {
                    if !draft() || cid.is_empty() {
                        return None;
                    }
                    let (act, cid, label) = (act.clone(), cid.clone(), label.clone());
                    let accept = {
                        let act = act.clone();
                        move |_| act(q::ACCEPT_CANDIDACY, None, |s| s.accepted)
                    };
                    let withdraw =
                        move |_| act(q::WITHDRAW_CANDIDACY, Some(cid.clone()), |s| s.withdrawn);
                    Some(if own {
                        view! {
                            <span class="actions candidacy-actions">
                                {(!accepted).then(|| view! {
                                    <button type="button" class="accept-candidacy" on:click=accept.clone() disabled=move || busy.get()>
                                        {move || t().accept}
                                    </button>
                                    " "
                                })}
                                <button type="button" class="secondary withdraw-candidacy" on:click=withdraw disabled=move || busy.get()>
                                    {move || if accepted { t().withdraw_own } else { t().decline }}
                                </button>
                            </span>
                        }
                        .into_any()
                    } else if ctx.chair() {
                        view! {
                            <button type="button" class="secondary remove-candidacy" on:click=withdraw disabled=move || busy.get()>
                                {move || t().remove} <span class="sr-only">" — " {label.clone()}</span>
                            </button>
                        }
                        .into_any()
                    } else {
                        ().into_any()
                    })
                }
            };
            view! {
                <li class="candidate" data-candidate-id=cid.clone() data-accepted=accepted.to_string()>
                    <span class="candidate-name">{label}</span>
                    {own.then(|| view! { " (" {move || t().candidate_you} ")" })}
                    " — "
                    <span class="badge" data-status=if accepted { "ACCEPTED" } else { "PROPOSED" }>{status}</span>
                    " "
                    {controls}
                </li>
            }
        }
    };

    let proposed_to_me = move || draft() && mine().is_some_and(|c| !c.accepted);
    let (picker_id, picker_note, stand_id) = (id.clone(), note_id.clone(), format!("stand-{id}"));
    view! {
        <section class="candidacies" data-motion-id=id.clone() aria-labelledby=heading_id.clone()>
            {sub_heading(level, heading_id.clone(), move || t().candidates)}
            <Show when=move || candidates().is_empty()>
                <p class="candidates-none">{move || t().candidates_none}</p>
            </Show>
            <ul class="candidates">
                {move || {
                    me.track();
                    candidates().into_iter().map(row.clone()).collect_view()
                }}
            </ul>
            <Show when=proposed_to_me>
                <p class="notice">{move || t().proposed_you}</p>
            </Show>
            <Show when=move || draft() && none_accepted()>
                <p class="muted opens-with-candidate">{move || t().opens_with_candidate}</p>
            </Show>
            <Show when=can_stand>
                <button type="button" class="stand" id=stand_id.clone() on:click=stand.clone() disabled=move || busy.get()>
                    {move || t().stand}
                </button>
            </Show>
            <Show when=move || draft() && ctx.chair()>
                <CandidatePicker ctx=ctx motion_id=picker_id.clone() note=note error=error busy=busy note_id=picker_note.clone() />
            </Show>
            <p id=note_id.clone() class="form-note" role="status" tabindex="-1">{move || note.get()}</p>
            <FormError error=error />
        </section>
    }
}
