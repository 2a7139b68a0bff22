//! Once an encrypted motion is decrypted: the election record to download, re-checked in
//! this browser as it arrives (as `constellation verify-election` does), against the
//! parameters this page checked and the trackers it kept; an election's totals are said per
//! candidate.

use super::election_local::{check_params, save_file, stored_trackers};
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::MotionKind;
use constellation_shared::queries::assemblies as q;
use constellation_shared::voting::{verify_record, ElectionRecord};
use leptos::prelude::*;

/// What this browser found in the record.
#[derive(Clone, PartialEq)]
enum Checked {
    /// It verifies; its totals (yes, no, abstain).
    Valid(Vec<u64>),
    Invalid,
    /// It verifies but lacks a ballot cast from here (its tracker).
    LacksMine(String),
}

/// Verifies the record, against the parameters this page checked and the trackers kept here.
fn check_record(ctx: AssemblyCtx, motion_id: &str, json: &str) -> Checked {
    let Ok(record) = serde_json::from_str::<ElectionRecord>(json) else {
        return Checked::Invalid;
    };
    let announced = ctx.motion(motion_id).map(|m| check_params(&m));
    let same_params = announced
        .as_ref()
        .and_then(|c| c.params())
        .is_some_and(|p| *p == record.params);
    let Ok(totals) = verify_record(&record) else {
        return Checked::Invalid;
    };
    if !same_params {
        return Checked::Invalid;
    }
    let Ok(trackers) = record.trackers() else {
        return Checked::Invalid;
    };
    match stored_trackers(motion_id)
        .into_iter()
        .find(|mine| !trackers.contains(mine))
    {
        Some(missing) => Checked::LacksMine(missing),
        None => Checked::Valid(totals),
    }
}

/// An election's totals, "Name: n" per candidate on the ballot (`None` for a motion).
fn approvals(ctx: AssemblyCtx, motion_id: &str, totals: &[u64]) -> Option<String> {
    let m = ctx.motion(motion_id)?;
    if m.kind != MotionKind::Election {
        return None;
    }
    let unknown = strings(ctx.session.lang.get_untracked())
        .elections()
        .candidate_unknown;
    let names = m.candidates.iter().filter(|c| c.accepted).map(|c| {
        c.person
            .as_ref()
            .map_or(unknown, |p| p.display_name.as_str())
            .to_owned()
    });
    Some(
        names
            .zip(totals)
            .map(|(name, n)| format!("{name}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[component]
pub fn ElectionRecord(ctx: AssemblyCtx, motion_id: String) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let missing = RwSignal::new(false);
    let checked = RwSignal::new(None::<Checked>);
    let filename = format!("election-{motion_id}.json");

    let download = {
        let (id, filename) = (motion_id.clone(), filename.clone());
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            missing.set(false);
            let (id, filename) = (id.clone(), filename.clone());
            let vars = q::MotionIdVars {
                motion_id: id.clone(),
            };
            crate::api::mutate(
                ctx.session,
                q::ELECTION_RECORD,
                vars,
                error,
                busy,
                move |d: q::ElectionRecordData| match d.election_record {
                    Some(json) => {
                        save_file(&filename, "application/json", &json);
                        checked.try_set(Some(check_record(ctx, &id, &json)));
                    }
                    None => {
                        missing.try_set(true);
                    }
                },
            );
        }
    };

    let id_for_outcome = motion_id.clone();
    let outcome = move || {
        let s = t().assemblies();
        checked.get().map(|c| match c {
            Checked::Valid(totals) => {
                let n = |i: usize| totals.get(i).copied().unwrap_or_default().to_string();
                let text = match approvals(ctx, &id_for_outcome, &totals) {
                    Some(list) => fill(t().elections().record_checked, &[&list]),
                    None => fill(s.election_record_checked, &[&n(0), &n(1), &n(2)]),
                };
                view! { <p class="record-check" data-ok="true" role="status">{text}</p> }.into_any()
            }
            Checked::Invalid => view! {
                <p class="record-check form-error" data-ok="false" role="alert">{s.election_record_failed}</p>
            }
            .into_any(),
            Checked::LacksMine(tracker) => {
                let text = fill(s.election_record_lacks_mine, &[&tracker]);
                view! { <p class="record-check form-error" data-ok="false" role="alert">{text}</p> }.into_any()
            }
        })
    };

    view! {
        <div class="election-record" data-motion-id=motion_id.clone()>
            <p>
                <a
                    id=format!("election-record-{motion_id}")
                    class="election-record-link"
                    href="#"
                    aria-busy=move || busy.get().to_string()
                    on:click=download
                >
                    {move || t().assemblies().election_record_link}
                </a>
            </p>
            <p class="muted">
                {move || t().assemblies().election_record_verify} " "
                <code>"constellation verify-election " {filename.clone()}</code>
            </p>
            {outcome}
            <Show when=move || missing.get()>
                <p class="notice" role="status">{move || t().assemblies().election_record_missing}</p>
            </Show>
            <FormError error=error />
        </div>
    }
}
