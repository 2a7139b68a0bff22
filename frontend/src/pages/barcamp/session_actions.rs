//! One session in the organisers' console: where it stands, and what organisers do with
//! it — decline, merge into another, cancel once placed, pin or unpin, move by hand.

use super::move_control::MoveControl;
use super::session_item::talk_memo;
use super::state::BarcampCtx;
use super::{names, placement};
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{BarcampPhase, Session as Talk, SessionStatus};
use constellation_shared::queries::barcamp as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

#[component]
pub fn OrganiserSessionItem(ctx: BarcampCtx, id: String) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let talk = talk_memo(ctx, id.clone());
    let status = move || talk.with(|x| x.as_ref().map_or(SessionStatus::Proposed, |x| x.status));
    let placed = move || {
        talk.with(|x| {
            x.as_ref()
                .is_some_and(|x| x.room.is_some() && !x.slots.is_empty())
        })
    };
    let pinned = move || talk.with(|x| x.as_ref().is_some_and(|x| x.pinned));
    let title = move || talk.with(|x| x.as_ref().map(|x| x.title.clone()).unwrap_or_default());
    let in_programme = move || status() == SessionStatus::Proposed;
    let arranging = move || {
        matches!(
            ctx.phase(),
            Some(BarcampPhase::Scheduling | BarcampPhase::Published)
        )
    };
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let reason = RwSignal::new(String::new());
    let merge_into = RwSignal::new(String::new());
    // Copy handlers, so the nested `Show`s can each hold them.
    let sid = StoredValue::new(id.clone());

    let checked_reason = move || {
        let r = reason.get_untracked().trim().to_owned();
        if r.is_empty() {
            error.set(Some(ApiError::invalid(
                "reason",
                ValidationReason::Required,
            )));
            None
        } else {
            Some(r)
        }
    };
    let done = move |text: fn(&crate::i18n::Strings) -> &'static str| {
        move |_: Talk| {
            reason.set(String::new());
            merge_into.set(String::new());
            note.set(Some(text(strings(lang.get_untracked()))));
        }
    };
    let decline = move |_| {
        let Some(why) = checked_reason() else { return };
        let vars = q::ReasonVars {
            session_id: sid.get_value(),
            reason: why,
        };
        ctx.mutate_talk(
            q::DECLINE_SESSION,
            vars,
            error,
            busy,
            done(|s| s.barcamp().session_declined),
        );
    };
    let cancel = move |_| {
        let Some(why) = checked_reason() else { return };
        let vars = q::ReasonVars {
            session_id: sid.get_value(),
            reason: why,
        };
        ctx.mutate_talk(
            q::CANCEL_SESSION,
            vars,
            error,
            busy,
            done(|s| s.barcamp().session_cancelled_note),
        );
    };
    let merge = move |_| {
        let into_id = merge_into.get_untracked();
        if into_id.is_empty() {
            error.set(Some(ApiError::invalid(
                "intoId",
                ValidationReason::Required,
            )));
            return;
        }
        let Some(why) = checked_reason() else { return };
        let vars = q::MergeVars {
            session_id: sid.get_value(),
            into_id,
            reason: why,
        };
        let done = done(|s| s.barcamp().session_merged);
        ctx.mutate_talk(q::MERGE_SESSION, vars, error, busy, move |x| {
            done(x);
            ctx.refresh_talks();
        });
    };
    let pin = move |_| {
        let vars = q::SetPinnedVars {
            session_id: sid.get_value(),
            pinned: !pinned(),
        };
        ctx.mutate_talk(q::SET_PINNED, vars, error, busy, |_| ());
    };
    let others = move || {
        let id = sid.get_value();
        ctx.talks.with(|ts| {
            ts.iter()
                .filter(|x| x.id != id && x.status == SessionStatus::Proposed)
                .map(|x| {
                    let value = x.id.clone();
                    let selected = move || merge_into.get() == value;
                    view! { <option value=x.id.clone() prop:selected=selected>{x.title.clone()}</option> }
                })
                .collect_view()
        })
    };
    let facts = move || {
        talk.get().map(|x| {
            let lang = lang.get();
            let s = strings(lang);
            let where_ = placement(&x, lang).unwrap_or_else(|| s.barcamp().not_placed.to_owned());
            view! {
                <p class="facts-line">
                    <span class="badge session-status" data-status=x.status.as_str()>{s.barcamp().session_status(x.status)}</span>
                    " " {s.barcamp().session_format_label(x.format)} " · " {s.barcamp().slots_count(x.length)}
                    " · " {s.barcamp().interest_label} " " <span class="interest-count">{x.interest_count}</span>
                </p>
                <p class="session-hosts">{s.barcamp().session_hosts} " " {names(&x.hosts)}</p>
                <p class="placement">{where_} {x.pinned.then_some(" · ")} {x.pinned.then_some(s.barcamp().pinned)}</p>
                {(!x.equipment.is_empty()).then(|| view! { <p class="muted">{s.barcamp().session_equipment} " " {x.equipment.join(", ")}</p> })}
                {x.unplaced_reason.clone().map(|r| view! { <p class="unplaced-reason">{s.barcamp().unplaced_because} " " {r}</p> })}
                {x.status_reason.clone().map(|r| view! { <p class="status-reason">{s.barcamp().status_reason} " " {r}</p> })}
                {x.merged_into.clone().map(|m| view! { <p class="merged-into">{s.barcamp().merged_into} " " {m.title}</p> })}
            }
        })
    };
    let reason_id = format!("reason-{id}");
    let merge_id = format!("merge-{id}");
    let move_form = move || {
        talk.get_untracked()
            .map(|x| view! { <MoveControl ctx=ctx talk=x /> })
    };

    view! {
        <li class="session" data-session-id=id.clone() data-status=move || status().as_str()>
            <h3 class="session-title">{title}</h3>
            {facts}
            <Show when=move || in_programme() && arranging()>
                <div class="actions">
                    <Show when=placed>
                        <button type="button" class="secondary pin-toggle" aria-pressed=move || pinned().to_string() on:click=pin disabled=move || busy.get()>
                            {move || t().barcamp().pin} <span class="sr-only">" — " {title}</span>
                        </button>
                    </Show>
                </div>
                <details class="move">
                    <summary>{move || t().barcamp().move_title} <span class="sr-only">" — " {title}</span></summary>
                    {move_form}
                </details>
            </Show>
            <Show when=in_programme>
                <details class="decide">
                    <summary>{move || t().barcamp().decide_title} <span class="sr-only">" — " {title}</span></summary>
                    <Field name="reason" id=reason_id.clone() label=|s| s.decision_reason value=reason error=error />
                    <div class="actions">
                        <Show when=move || ctx.phase() != Some(BarcampPhase::Published)>
                            <button type="button" class="danger decline" on:click=decline disabled=move || busy.get()>{move || t().barcamp().decline}</button>
                        </Show>
                        <Show when=placed>
                            <button type="button" class="danger cancel" on:click=cancel disabled=move || busy.get()>{move || t().barcamp().cancel_session}</button>
                        </Show>
                    </div>
                    <div class="field">
                        <label for=merge_id.clone()>{move || t().barcamp().merge_into}</label>
                        <select id=merge_id.clone() on:change=move |ev| merge_into.set(event_target_value(&ev))>
                            <option value="" prop:selected=move || merge_into.with(String::is_empty)>{move || t().barcamp().choose}</option>
                            {others}
                        </select>
                    </div>
                    <button type="button" class="secondary merge" on:click=merge disabled=move || busy.get()>{move || t().barcamp().merge}</button>
                </details>
            </Show>
            <FormError error=error fields=&["reason"] />
            <FormNote text=note.into() />
        </li>
    }
}
