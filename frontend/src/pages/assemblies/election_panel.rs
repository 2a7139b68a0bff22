//! An encrypted motion's election, in its card: where the count stands, the fingerprint of
//! the parameters as this browser computes it, the trustees with their key and decryption;
//! for the viewer who is a trustee, the key to generate (draft) and the share to decrypt
//! (closed); once closed, the public board of trackers; once decrypted, the election record.
//! For the board, while the motion is a draft, a way to replace each trustee.

use super::election_local::{check_params, stored_secret, ParamsCheck};
use super::election_record::ElectionRecord;
use super::state::AssemblyCtx;
use super::tracker_board::TrackerBoard;
use super::trustee_decrypt::TrusteeDecrypt;
use super::trustee_key::TrusteeKey;
use super::trustee_replace::{ReplaceState, TrusteeReplace};
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::{Election, ElectionTrustee, MotionStatus};
use leptos::prelude::*;

/// What a trustee's page shares between the key, the decryption and the panel. The key in
/// `localStorage` is the signed-in person's (`election_local::stored_secret`).
#[derive(Clone, Copy)]
pub struct TrusteeState {
    /// Bumped when this browser's copy of the key changes (stored or erased).
    pub key_version: RwSignal<u32>,
    /// The key generated in this view, in case the browser refused to store it.
    pub generated: RwSignal<Option<String>>,
    /// The last step done, announced (it outlives the form that did it).
    pub note: RwSignal<Option<&'static str>>,
}

/// `level` is the heading level of the motion's title.
#[component]
pub fn ElectionPanel(ctx: AssemblyCtx, id: String, level: u8) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let motion = {
        let id = id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let election = Memo::new(move |_| motion.with(|m| m.as_ref().and_then(|m| m.election.clone())));
    let status = move || motion.with(|m| m.as_ref().map_or(MotionStatus::Draft, |m| m.status));
    let check =
        Memo::new(move |_| motion.with(|m| m.as_ref().map_or(ParamsCheck::Missing, check_params)));
    let with_election =
        move |f: fn(&Election) -> bool| election.with(|e| e.as_ref().is_some_and(f));
    let my_index = move || {
        election.with(|e| {
            e.as_ref()
                .and_then(|e| e.my_trustee_index)
                .and_then(|i| u32::try_from(i).ok())
        })
    };
    let mine = move || {
        let index = my_index()?;
        election.with(|e| {
            e.as_ref()?
                .trustees
                .iter()
                .find(|tr| u32::try_from(tr.index).ok() == Some(index))
                .cloned()
        })
    };
    let trustee = TrusteeState {
        key_version: RwSignal::new(0),
        generated: RwSignal::new(None),
        note: RwSignal::new(None),
    };
    let stored = {
        let id = id.clone();
        Memo::new(move |_| {
            trustee.key_version.track();
            my_index().and_then(|i| stored_secret(&id, i, ctx.viewer_id().as_deref()))
        })
    };
    let has_key_here =
        move || stored.with(Option::is_some) || trustee.generated.with(Option::is_some);
    let show_key = move || {
        my_index().is_some()
            && !mine().is_some_and(|m| m.decrypted)
            && ((status() == MotionStatus::Draft && !mine().is_some_and(|m| m.key_posted))
                || has_key_here())
    };
    let show_decrypt = move || {
        my_index().is_some()
            && status() == MotionStatus::Closed
            && with_election(|e| e.encrypted_tally.is_some() && !e.decrypted)
            && !mine().is_some_and(|m| m.decrypted)
    };

    let counts = move |f: fn(&ElectionTrustee) -> bool| {
        election.with(|e| {
            e.as_ref().map_or((0, 0), |e| {
                (
                    e.trustees.iter().filter(|tr| f(tr)).count(),
                    e.trustees.len(),
                )
            })
        })
    };
    let state_text = move || {
        let s = t().assemblies();
        let pair = |(done, all): (usize, usize)| [done.to_string(), all.to_string()];
        match status() {
            MotionStatus::Draft if with_election(|e| e.ready) => s.election_ready.to_owned(),
            MotionStatus::Draft => {
                let [done, all] = pair(counts(|tr| tr.key_posted));
                fill(s.election_waiting_keys, &[&done, &all])
            }
            MotionStatus::Open => s.election_voting.to_owned(),
            MotionStatus::Closed if with_election(|e| e.decrypted) => {
                s.election_decrypted.to_owned()
            }
            MotionStatus::Closed => {
                let [done, all] = pair(counts(|tr| tr.decrypted));
                fill(s.election_awaiting, &[&done, &all])
            }
        }
    };
    let fingerprint = move || match check.get() {
        ParamsCheck::Valid { fingerprint, .. } => Some(fingerprint),
        ParamsCheck::Mismatch { computed } => Some(computed),
        ParamsCheck::Invalid | ParamsCheck::Missing => None,
    };
    let warning = move || match check.get() {
        ParamsCheck::Invalid => Some(t().assemblies().election_params_invalid),
        ParamsCheck::Mismatch { .. } => Some(t().assemblies().election_fingerprint_mismatch),
        _ => None,
    };
    let ballots = move || election.with(|e| e.as_ref().map_or(0, |e| e.ballots));
    let trustees =
        move || election.with(|e| e.as_ref().map(|e| e.trustees.clone()).unwrap_or_default());
    // A memo: the rows are drawn again when the board's right changes, not on every read.
    let chair = Memo::new(move |_| ctx.chair());
    let replace = ReplaceState::new();

    let heading_id = format!("election-{id}-h");
    let title = move || t().assemblies().election_title;
    let heading = match level {
        0..=3 => view! { <h4 id=heading_id.clone()>{title}</h4> }.into_any(),
        4 => view! { <h5 id=heading_id.clone()>{title}</h5> }.into_any(),
        _ => view! { <h6 id=heading_id.clone()>{title}</h6> }.into_any(),
    };
    let fingerprint_id = format!("election-fingerprint-{id}");
    let (key_id, decrypt_id, record_id, board_id, rows_id) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());

    view! {
        <section
            class="election"
            data-motion-id=id.clone()
            data-ready=move || with_election(|e| e.ready).to_string()
            data-decrypted=move || with_election(|e| e.decrypted).to_string()
            aria-labelledby=heading_id.clone()
        >
            {heading}
            <p class="election-state" aria-live="polite">{state_text}</p>
            <dl class="facts">
                <dt>{move || t().assemblies().election_ballots}</dt>
                <dd><span class="election-ballots num">{ballots}</span></dd>
                <Show when=move || fingerprint().is_some()>
                    <dt>{move || t().assemblies().election_fingerprint}</dt>
                    <dd>
                        <code id=fingerprint_id.clone() class="fingerprint">{fingerprint}</code>
                        <span class="muted">" " {move || t().assemblies().election_fingerprint_hint}</span>
                    </dd>
                </Show>
            </dl>
            <p class="form-error election-warning" role="alert">{warning}</p>
            <p class="trustees-label">{move || t().assemblies().trustees}</p>
            <ul class="trustees">
                {move || {
                    let (me, status) = (my_index(), status());
                    // The board replaces a trustee before voting opens.
                    let replace = (chair.get() && status == MotionStatus::Draft)
                        .then_some((replace, trustee.note));
                    trustees()
                        .into_iter()
                        .map(|tr| trustee_row(ctx, &rows_id, tr, me, status, replace))
                        .collect_view()
                }}
            </ul>
            <p class="form-note" role="status">{move || trustee.note.get()}</p>
            <Show when=show_key>
                <TrusteeKey ctx=ctx motion_id=key_id.clone() index=my_index().unwrap_or(0) state=trustee />
            </Show>
            <Show when=show_decrypt>
                <TrusteeDecrypt ctx=ctx motion_id=decrypt_id.clone() index=my_index().unwrap_or(0) state=trustee />
            </Show>
            <Show when=move || with_election(|e| e.decrypted)>
                <ElectionRecord ctx=ctx motion_id=record_id.clone() />
            </Show>
            // The box is final once closed: the voters check their trackers before the count.
            <Show when=move || status() == MotionStatus::Closed>
                <TrackerBoard ctx=ctx motion_id=board_id.clone() />
            </Show>
        </section>
    }
}

/// One trustee: who, and where their key and decryption stand; with `replace` (the board, on
/// a draft), the control to name another in their place.
fn trustee_row(
    ctx: AssemblyCtx,
    motion_id: &str,
    tr: ElectionTrustee,
    me: Option<u32>,
    status: MotionStatus,
    replace: Option<(ReplaceState, RwSignal<Option<&'static str>>)>,
) -> impl IntoView {
    // Read tracked: the list is drawn again in the other language.
    let t = strings(ctx.session.lang.get()).assemblies();
    let index = tr.index.to_string();
    let name = tr
        .person
        .as_ref()
        .map_or_else(|| fill(t.trustee_n, &[&index]), |p| p.display_name.clone());
    let you = (me.is_some() && u32::try_from(tr.index).ok() == me)
        .then(|| format!(" ({})", t.trustee_you));
    let step = if status == MotionStatus::Closed {
        if tr.decrypted {
            t.trustee_decrypted
        } else {
            t.trustee_decryption_awaited
        }
    } else if tr.key_posted {
        t.trustee_key_posted
    } else {
        t.trustee_key_awaited
    };
    let control = replace.map(|(state, note)| {
        view! {
            <TrusteeReplace
                ctx=ctx
                motion_id=motion_id.to_owned()
                index=tr.index
                name=name.clone()
                state=state
                note=note
            />
        }
    });
    view! {
        <li
            class="trustee"
            data-trustee-index=index
            data-user-id=tr.person.as_ref().map(|p| p.id.to_string())
            data-key-posted=tr.key_posted.to_string()
            data-decrypted=tr.decrypted.to_string()
        >
            {name} {you} " — " <span class="trustee-step">{step}</span>
            {control}
        </li>
    }
}
