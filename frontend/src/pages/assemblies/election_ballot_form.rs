//! One election ballot to cast — one's own or a principal's: the marks (`election_marks`)
//! and a submit button. Open and secret ballots send the marks; an encrypted (approval)
//! ballot is made here, one flag per candidate on the ballot, as a motion's encrypted ballot
//! is, and its tracker is shown and kept in `localStorage`.

use super::election_local::{store, tracker_key};
use super::election_marks::{first_mark_id, ApprovalMarks, OnBallot, PerCandidateMarks};
use super::encrypted_ballot_form::make_ballot;
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::{
    BallotKind, CandidateMarkInput, Choice, ElectionMode, VoteRight,
};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

/// What the form sends, once checked.
enum Ready {
    Marks(Vec<CandidateMarkInput>),
    /// The encrypted ballot as JSON, and its tracker.
    Encrypted(String, String),
}

/// `confirmation` and `error` are the booth's: they outlive the form, which goes once the
/// ballot is cast.
#[component]
pub fn ElectionBallotForm(
    ctx: AssemblyCtx,
    motion_id: String,
    right: VoteRight,
    confirmation: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    // The ballot is fixed once voting is open: read it once.
    let motion = ctx.motion(&motion_id);
    let on_ballot: Vec<OnBallot> = motion
        .as_ref()
        .map(|m| {
            m.candidates
                .iter()
                .filter(|c| c.accepted)
                .filter_map(|c| c.person.as_ref())
                .map(|p| (p.id.to_string(), p.display_name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mode = motion
        .as_ref()
        .and_then(|m| m.mode)
        .unwrap_or(ElectionMode::Approval);
    let encrypted = motion
        .as_ref()
        .is_some_and(|m| m.ballot == BallotKind::Encrypted);
    let seats = motion
        .as_ref()
        .and_then(|m| m.seats)
        .and_then(|s| usize::try_from(s).ok())
        .unwrap_or(1);
    let max = seats.min(on_ballot.len());
    let chosen = RwSignal::new(Vec::<String>::new());
    let marks = RwSignal::new(Vec::<(String, Choice)>::new());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<&'static str>);
    let member_id = right.member.id.to_string();
    let name = right.member.display_name.clone();
    let own = right.own;
    let legend = super::choice_radios::ballot_legend(ctx, own, name.clone());
    let group = format!("marks-{motion_id}-{member_id}");
    let failed_id = format!("{group}-failed");

    // The marks in ballot order, or the first candidate left unmarked.
    let prepare = {
        let (on_ballot, motion_id) = (on_ballot.clone(), motion_id.clone());
        move || -> Result<Ready, String> {
            let ready = match mode {
                ElectionMode::Approval => chosen.with_untracked(|c| {
                    on_ballot
                        .iter()
                        .filter(|(id, _)| c.contains(id))
                        .map(|(id, _)| CandidateMarkInput {
                            candidate_id: id.clone(),
                            choice: Choice::Yes,
                        })
                        .collect::<Vec<_>>()
                }),
                ElectionMode::PerCandidate => {
                    let given = marks.get_untracked();
                    let mut out = Vec::with_capacity(on_ballot.len());
                    for (id, _) in &on_ballot {
                        let Some((_, c)) = given.iter().find(|(x, _)| x == id) else {
                            return Err(id.clone());
                        };
                        out.push(CandidateMarkInput {
                            candidate_id: id.clone(),
                            choice: *c,
                        });
                    }
                    out
                }
            };
            if !encrypted {
                return Ok(Ready::Marks(ready));
            }
            let selection: Vec<bool> = on_ballot
                .iter()
                .map(|(id, _)| ready.iter().any(|m| m.candidate_id == *id))
                .collect();
            match make_ballot(ctx, &motion_id, &selection) {
                Some((ballot, tracker)) => Ok(Ready::Encrypted(ballot, tracker)),
                None => Err(String::new()),
            }
        }
    };

    let submit = {
        let (motion_id, member_id, group) = (motion_id.clone(), member_id.clone(), group.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            failed.set(None);
            if busy.get_untracked() {
                return;
            }
            let s = strings(lang.get_untracked());
            let blank = mode == ElectionMode::Approval && chosen.with_untracked(Vec::is_empty);
            let ready = match prepare() {
                Ok(r) => r,
                Err(candidate) if candidate.is_empty() => {
                    failed.set(Some(s.assemblies().ballot_encrypt_failed));
                    return;
                }
                Err(candidate) => {
                    failed.set(Some(s.elections().per_candidate_missing));
                    focus_by_id(&first_mark_id(&group, &candidate));
                    return;
                }
            };
            confirmation.set(None);
            error.set(None);
            let (motion_id, member_id) = (motion_id.clone(), member_id.clone());
            let (cast_motion, cast_member, name) =
                (motion_id.clone(), member_id.clone(), name.clone());
            let said = move |receipt: Option<&str>, tracker: Option<&str>| {
                let s = strings(lang.get_untracked());
                let mut text = fill(s.assemblies().vote_recorded, &[&name]);
                if blank {
                    text.push(' ');
                    text.push_str(s.elections().blank_ballot);
                }
                match (tracker, receipt) {
                    (Some(tracker), receipt) => {
                        text.push(' ');
                        text.push_str(&fill(s.assemblies().ballot_tracker, &[tracker]));
                        if receipt != Some(tracker) {
                            text.push(' ');
                            text.push_str(&fill(s.assemblies().tracker_mismatch, &[tracker]));
                        }
                    }
                    (None, Some(receipt)) => {
                        text.push(' ');
                        text.push_str(&fill(s.assemblies().vote_receipt, &[receipt]));
                    }
                    (None, None) => {}
                }
                confirmation.try_set(Some(text));
                ctx.mark_cast(&cast_motion, &cast_member);
                focus_by_id("vote-confirmation");
            };
            match ready {
                Ready::Marks(marks) => {
                    let vars = q::CastElectionVars {
                        motion_id: motion_id.clone(),
                        member_id: member_id.clone(),
                        marks,
                    };
                    crate::api::mutate(
                        ctx.session,
                        q::CAST_ELECTION_BALLOT,
                        vars,
                        error,
                        busy,
                        move |d: q::CastElectionData| {
                            said(d.cast_election_ballot.receipt.as_deref(), None);
                        },
                    );
                }
                Ready::Encrypted(ballot, tracker) => {
                    let vars = q::CastEncryptedVars {
                        motion_id: motion_id.clone(),
                        member_id: member_id.clone(),
                        ballot,
                    };
                    let key = tracker_key(&motion_id, &member_id);
                    crate::api::mutate(
                        ctx.session,
                        q::CAST_ENCRYPTED_BALLOT,
                        vars,
                        error,
                        busy,
                        move |d: q::CastEncryptedData| {
                            store(&key, &tracker);
                            said(d.cast_encrypted_ballot.receipt.as_deref(), Some(&tracker));
                        },
                    );
                }
            }
        }
    };

    let empty = on_ballot.is_empty();
    let described = failed_id.clone();
    let marks_view = match mode {
        ElectionMode::Approval => view! {
            <ApprovalMarks group=group.clone() candidates=on_ballot max=max chosen=chosen />
        }
        .into_any(),
        ElectionMode::PerCandidate => view! {
            <PerCandidateMarks group=group.clone() candidates=on_ballot marks=marks />
        }
        .into_any(),
    };
    view! {
        <form class="ballot election-ballot" data-mode=mode.as_str() on:submit=submit novalidate>
            <fieldset data-member-id=member_id.clone() data-own=own.to_string() aria-describedby=described>
                <legend>{legend.clone()}</legend>
                {empty.then(|| view! { <p class="notice">{move || t().elections().no_candidate}</p> })}
                {marks_view}
                <p id=failed_id class="form-error" role="alert">{move || failed.get()}</p>
                <button type="submit" class="cast-vote" disabled=move || busy.get()>
                    {move || t().assemblies().cast_vote} <span class="sr-only">" — " {legend}</span>
                </button>
            </fieldset>
        </form>
    }
}
