//! Moving a session by hand: pick a room and a start slot, see what the move would break
//! (blocking) or cost (warnings), then save it (which pins the session there).

use super::day_label;
use super::state::BarcampCtx;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{MoveIssue, Session as Talk};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;

#[component]
pub fn MoveControl(ctx: BarcampCtx, talk: Talk) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let session_id = talk.id.clone();
    let room = RwSignal::new(talk.room.as_ref().map(|r| r.id.clone()).unwrap_or_default());
    let slot = RwSignal::new(talk.slots.first().map(|s| s.id.clone()).unwrap_or_default());
    // `None` until the chosen place has been checked.
    let issues = RwSignal::new(None::<Vec<MoveIssue>>);
    let checking = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);

    let check = {
        let session_id = session_id.clone();
        move || {
            issues.set(None);
            note.set(None);
            error.set(None);
            let (room_id, start_slot_id) = (room.get_untracked(), slot.get_untracked());
            if room_id.is_empty() || start_slot_id.is_empty() {
                return;
            }
            // Only the answer to the latest choice counts.
            checking.update(|c| *c += 1);
            let ticket = checking.get_untracked();
            let vars = q::MoveVars {
                session_id: session_id.clone(),
                room_id,
                start_slot_id,
            };
            leptos::task::spawn_local(async move {
                let result =
                    api::request::<_, q::CheckMoveData>(q::CHECK_MOVE, vars, ctx.session.token())
                        .await;
                if checking.try_get_untracked() != Some(ticket) {
                    return;
                }
                match result {
                    Ok(d) => {
                        issues.set(Some(d.check_barcamp_move));
                    }
                    Err(e) => {
                        error.set(Some(e));
                    }
                }
            });
        }
    };
    let save = {
        let session_id = session_id.clone();
        move |_| {
            let vars = q::MoveVars {
                session_id: session_id.clone(),
                room_id: room.get_untracked(),
                start_slot_id: slot.get_untracked(),
            };
            ctx.mutate_talk(q::MOVE_SESSION, vars, error, busy, move |_| {
                issues.set(None);
                note.set(Some(strings(lang.get_untracked()).barcamp().move_saved));
            });
        }
    };
    let blocked = move || {
        issues.with(|i| match i {
            Some(list) => list.iter().any(|x| x.hard),
            None => true,
        })
    };

    let rooms = move || {
        ctx.edition.with(|e| {
            e.iter()
                .flat_map(|e| e.rooms.iter())
                .map(|r| {
                    let id = r.id.clone();
                    let selected = move || room.get() == id;
                    view! { <option value=r.id.clone() prop:selected=selected>{format!("{} ({})", r.name, r.capacity)}</option> }
                })
                .collect_view()
        })
    };
    let slots = move || {
        let lang = lang.get();
        ctx.edition.with(|e| {
            e.iter()
                .flat_map(|e| e.slots.iter())
                .map(|s| {
                    let id = s.id.clone();
                    let selected = move || slot.get() == id;
                    let label = format!("{}, {}–{}", day_label(&s.day, lang), s.start, s.end);
                    view! { <option value=s.id.clone() prop:selected=selected>{label}</option> }
                })
                .collect_view()
        })
    };
    let no_issue = move || issues.with(|i| i.as_ref().is_some_and(Vec::is_empty));
    let issue_list = move || {
        issues
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|i| {
                let class = if i.hard { "issue hard" } else { "issue warning" };
                let kind = move || if i.hard { t().barcamp().move_blocking } else { t().barcamp().move_warning };
                view! { <li class=class data-kind=i.kind.clone()><strong>{kind}</strong> " " {i.message.clone()}</li> }
            })
            .collect_view()
    };
    let room_id = format!("move-{session_id}-room");
    let slot_id = format!("move-{session_id}-slot");
    let check2 = check.clone();

    view! {
        <div class="move-control inline-form">
            <div class="field">
                <label for=room_id.clone()>{move || t().barcamp().move_room}</label>
                <select id=room_id on:change=move |ev| { room.set(event_target_value(&ev)); check(); }>
                    <option value="" prop:selected=move || room.with(String::is_empty)>{move || t().barcamp().choose}</option>
                    {rooms}
                </select>
            </div>
            <div class="field">
                <label for=slot_id.clone()>{move || t().barcamp().move_slot}</label>
                <select id=slot_id on:change=move |ev| { slot.set(event_target_value(&ev)); check2(); }>
                    <option value="" prop:selected=move || slot.with(String::is_empty)>{move || t().barcamp().choose}</option>
                    {slots}
                </select>
            </div>
            <button type="button" class="move-save" on:click=save disabled=move || busy.get() || blocked()>
                {move || t().barcamp().move_save}
            </button>
            <div class="move-issues" aria-live="polite">
                <Show when=no_issue>
                    <p class="move-ok">{move || t().barcamp().move_no_issue}</p>
                </Show>
                <ul>{issue_list}</ul>
            </div>
            <FormError error=error />
            <FormNote text=note.into() />
        </div>
    }
}
