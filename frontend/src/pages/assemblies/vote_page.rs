//! `/assemblies/:id/vote`: the voting booth. Self check-in while in session; for the motion
//! open to the vote (or the one picked among several), one form per vote one may still cast;
//! each vote cast is confirmed at once to screen readers, with the receipt of a secret
//! ballot or the tracker of an encrypted one (made in the page, see `encrypted_ballot_form`).
//! An election's ballot approves candidates or marks each one (`election_ballot_form`).

use super::assembly_header::{assembly_fallback, AssemblyHeader};
use super::ballot_form::BallotForm;
use super::election_ballot_form::ElectionBallotForm;
use super::election_local::{check_params, ParamsCheck};
use super::encrypted_ballot_form::EncryptedBallotForm;
use super::live::{follow_assembly, LiveAnnouncer};
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::assemblies::{
    AssemblyStatus, BallotKind, MotionKind, MotionStatus, VoteRight,
};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

/// Every error of the booth is shown, whatever its field.
const NO_FIELDS: &[&str] = &[];

#[component]
pub fn VotePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = AssemblyCtx::for_route(session);
    let said = follow_assembly(ctx, || ());
    let confirmation = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let picked = RwSignal::new(None::<String>);

    let open_ids = Memo::new(move |_| {
        ctx.assembly.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.motions
                        .iter()
                        .filter(|m| m.status == MotionStatus::Open)
                        .map(|m| m.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // The picked motion while it is open, else the first open one.
    let current = Memo::new(move |_| {
        let open = open_ids.get();
        picked
            .get()
            .filter(|p| open.contains(p))
            .or_else(|| open.first().cloned())
    });
    let in_session = move || ctx.status() == Some(AssemblyStatus::InSession);

    view! {
        <Show when=move || ctx.assembly.with(Option::is_some) fallback=move || assembly_fallback(ctx)>
            <AssemblyHeader ctx=ctx page=|s| s.assemblies().vote_title />
            <LiveAnnouncer said=said />
            <p class="lead">{move || t().assemblies().booth_intro}</p>
            <SelfCheckIn ctx=ctx />
            <div id="vote-confirmation" class="vote-confirmation" aria-live="assertive" aria-atomic="true" tabindex="-1">
                {move || confirmation.get()}
            </div>
            <FormError error=error fields=NO_FIELDS />
            <Show
                when=in_session
                fallback=move || view! { <p id="not-in-session" class="notice">{move || t().assemblies().not_in_session}</p> }
            >
                <Show
                    when=move || !open_ids.with(Vec::is_empty)
                    fallback=move || view! { <p id="no-open-motion" class="notice">{move || t().assemblies().no_open_motion}</p> }
                >
                    <Show when=move || open_ids.with(|o| o.len() > 1)>
                        <div class="field">
                            <label for="motion-pick">{move || t().assemblies().pick_motion}</label>
                            <select
                                id="motion-pick"
                                prop:value=move || current.get().unwrap_or_default()
                                on:change=move |ev| {
                                    picked.set(Some(event_target_value(&ev)));
                                    error.set(None);
                                }
                            >
                                {move || open_ids
                                    .get()
                                    .into_iter()
                                    .map(|id| {
                                        let label = ctx.motion_name(&id).unwrap_or_default();
                                        let selected = {
                                            let id = id.clone();
                                            move || current.get().as_deref() == Some(id.as_str())
                                        };
                                        view! { <option value=id prop:selected=selected>{label}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    </Show>
                    {move || current.get().map(|id| view! {
                        <Booth ctx=ctx motion_id=id confirmation=confirmation error=error />
                    })}
                </Show>
            </Show>
        </Show>
    }
}

/// One open motion and the forms of the votes one may still cast on it.
#[component]
fn Booth(
    ctx: AssemblyCtx,
    motion_id: String,
    confirmation: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let motion = {
        let id = motion_id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let title = {
        let id = motion_id.clone();
        move || {
            // Read the motion so a renamed agenda shows.
            motion.track();
            ctx.motion_name(&id).unwrap_or_default()
        }
    };
    let rights =
        move || motion.with(|m| m.as_ref().map(|m| m.my_rights.clone()).unwrap_or_default());
    let pending = move || rights().into_iter().filter(|r| !r.cast).collect::<Vec<_>>();
    let facts = move || {
        motion.with(|m| {
            m.as_ref()
                .map(|m| {
                    let mut text = format!(
                        "{} — {}",
                        m.rule.name,
                        t().assemblies().ballot_label(m.ballot)
                    );
                    if let (MotionKind::Election, Some(mode)) = (m.kind, m.mode) {
                        let e = t().elections();
                        let seats = m.seats.unwrap_or(1);
                        text.push_str(&format!(" — {} {seats} — {}", e.seats, e.mode_label(mode)));
                    }
                    text
                })
                .unwrap_or_default()
        })
    };
    let turnout = move || motion.with(|m| m.as_ref().map_or(0, |m| m.turnout));
    let encrypted = move || {
        motion.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.ballot == BallotKind::Encrypted)
        })
    };
    let is_election =
        move || motion.with(|m| m.as_ref().is_some_and(|m| m.kind == MotionKind::Election));
    // The fingerprint as this browser computes it from the parameters, to compare with the
    // one read out in the room.
    let check =
        Memo::new(move |_| motion.with(|m| m.as_ref().map_or(ParamsCheck::Missing, check_params)));
    let heading_id = format!("booth-{motion_id}-h");
    let id_for_forms = motion_id.clone();
    view! {
        <section class="booth" data-booth-motion-id=motion_id.clone() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            <p class="motion-text">{move || motion.with(|m| m.as_ref().map(|m| m.text.clone()).unwrap_or_default())}</p>
            <p class="muted">{facts}</p>
            <dl class="facts">
                <dt>{move || t().assemblies().turnout}</dt>
                <dd><span class="turnout num">{turnout}</span></dd>
            </dl>
            <Show when=encrypted>
                <p class="encrypted-booth-intro">{move || t().assemblies().encrypted_booth_intro}</p>
                {move || match check.get() {
                    ParamsCheck::Valid { fingerprint, .. } => view! {
                        <dl class="facts">
                            <dt>{move || t().assemblies().election_fingerprint}</dt>
                            <dd>
                                <code id="booth-fingerprint" class="fingerprint">{fingerprint}</code>
                                <span class="muted">" " {move || t().assemblies().election_fingerprint_hint}</span>
                            </dd>
                        </dl>
                    }
                    .into_any(),
                    ParamsCheck::Mismatch { .. } => view! {
                        <p class="form-error" role="alert">{move || t().assemblies().election_fingerprint_mismatch}</p>
                    }
                    .into_any(),
                    ParamsCheck::Invalid | ParamsCheck::Missing => view! {
                        <p class="form-error" role="alert">{move || t().assemblies().election_params_invalid}</p>
                    }
                    .into_any(),
                }}
            </Show>
            <Show when=move || rights().is_empty()>
                <p id="no-vote-right" class="notice">{move || t().assemblies().no_vote_right}</p>
            </Show>
            <Show when=move || !rights().is_empty() && pending().is_empty()>
                <p id="all-votes-cast">{move || t().assemblies().all_votes_cast}</p>
            </Show>
            <For
                each=pending
                key=|r: &VoteRight| r.member.id.to_string()
                children=move |r: VoteRight| if is_election() {
                    view! {
                        <ElectionBallotForm
                            ctx=ctx
                            motion_id=id_for_forms.clone()
                            right=r
                            confirmation=confirmation
                            error=error
                        />
                    }
                    .into_any()
                } else if encrypted() {
                    view! {
                        <EncryptedBallotForm
                            ctx=ctx
                            motion_id=id_for_forms.clone()
                            right=r
                            confirmation=confirmation
                            error=error
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <BallotForm
                            ctx=ctx
                            motion_id=id_for_forms.clone()
                            right=r
                            confirmation=confirmation
                            error=error
                        />
                    }
                    .into_any()
                }
            />
        </section>
    }
}

/// Check oneself in while in session, and say so once present.
#[component]
fn SelfCheckIn(ctx: AssemblyCtx) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let present = move || {
        ctx.assembly
            .with(|a| a.as_ref().is_some_and(|a| a.viewer.present))
    };
    let can =
        move || ctx.status() == Some(AssemblyStatus::InSession) && ctx.effective() && !present();
    let check_in = move |_| {
        let vars = q::CheckInVars {
            id: ctx.id(),
            user_id: None,
        };
        ctx.mutate(q::CHECK_IN, vars, error, busy, move || {
            note.try_set(Some(strings(lang.get_untracked()).assemblies().checked_in));
        });
    };
    view! {
        <Show when=can>
            <button type="button" id="check-in-self" on:click=check_in disabled=move || busy.get()>
                {move || t().assemblies().check_in_self}
            </button>
        </Show>
        <Show when=move || present() && note.with(Option::is_none)>
            <p id="checked-in" class="registered">{move || t().assemblies().checked_in}</p>
        </Show>
        <FormNote text=note.into() />
        <FormError error=error />
    }
}
