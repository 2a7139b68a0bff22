//! The edition's rooms: add, rename, resize, change equipment, remove.

use super::split_list;
use super::state::BarcampCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{Room, RoomInput};
use constellation_shared::queries::barcamp as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &["name", "capacity", "equipment"];

fn capacity(raw: &str) -> Result<i32, ApiError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ApiError::invalid("capacity", ValidationReason::Required));
    }
    raw.parse::<i32>()
        .ok()
        .filter(|c| *c > 0)
        .ok_or_else(|| ApiError::invalid("capacity", ValidationReason::Invalid))
}

#[component]
pub fn RoomsEditor(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let rooms = move || {
        ctx.edition
            .with(|e| e.as_ref().map(|e| e.rooms.clone()).unwrap_or_default())
    };
    view! {
        <section aria-labelledby="rooms-h">
            <h2 id="rooms-h">{move || t().barcamp().rooms_title}</h2>
            <Show when=move || rooms().is_empty()>
                <p id="rooms-empty">{move || t().barcamp().rooms_empty}</p>
            </Show>
            <ul id="rooms" class="rows">
                <For
                    each=rooms
                    key=|r| (r.id.clone(), r.name.clone(), r.capacity, r.equipment.clone())
                    children=move |r| view! { <RoomRow ctx=ctx room=r /> }
                />
            </ul>
            <h3>{move || t().barcamp().room_add_title}</h3>
            <RoomForm ctx=ctx prefix="room".to_owned() />
        </section>
    }
}

#[component]
fn RoomRow(ctx: BarcampCtx, room: Room) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let id = room.id.clone();
    let remove = {
        let id = id.clone();
        move |_| {
            let vars = q::RoomIdVars {
                room_id: id.clone(),
            };
            ctx.mutate_edition(q::REMOVE_ROOM, vars, error, busy, || ());
        }
    };
    let name = room.name.clone();
    let name2 = room.name.clone();
    let equipment = room.equipment.join(", ");
    let prefix = format!("room-{}", room.id);
    view! {
        <li class="room" data-room-id=id.clone()>
            <span class="room-name">{room.name.clone()}</span>
            <span>{move || t().barcamp().room_capacity} " " {room.capacity}</span>
            <span class="muted">{equipment}</span>
            <button type="button" class="secondary" aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                {move || t().barcamp().edit} <span class="sr-only">" — " {name.clone()}</span>
            </button>
            <button type="button" class="danger" on:click=remove disabled=move || busy.get()>
                {move || t().remove} <span class="sr-only">" — " {name2.clone()}</span>
            </button>
            <FormError error=error />
            <Show when=move || editing.get()>
                <RoomForm ctx=ctx prefix=prefix.clone() existing=room.clone() />
            </Show>
        </li>
    }
}

/// Adds a room, or (with `existing`) changes it. Controls are named `{prefix}-name`…
#[component]
fn RoomForm(
    ctx: BarcampCtx,
    prefix: String,
    #[prop(optional)] existing: Option<Room>,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let room_id = existing.as_ref().map(|r| r.id.clone());
    let is_edit = room_id.is_some();
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.name.clone())
            .unwrap_or_default(),
    );
    let capacity_raw = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.capacity.to_string())
            .unwrap_or_default(),
    );
    let equipment = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.equipment.join(", "))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let capacity = match capacity(&capacity_raw.get_untracked()) {
            Ok(c) => c,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let input = RoomInput {
            name: name.get_untracked().trim().to_owned(),
            capacity,
            equipment: split_list(&equipment.get_untracked()),
        };
        match room_id.clone() {
            Some(room_id) => {
                let vars = q::UpdateRoomVars { room_id, input };
                ctx.mutate_edition(q::UPDATE_ROOM, vars, error, busy, || ());
            }
            None => {
                let vars = q::AddRoomVars {
                    edition_id: ctx.id(),
                    input,
                };
                ctx.mutate_edition(q::ADD_ROOM, vars, error, busy, move || {
                    for s in [name, capacity_raw, equipment] {
                        s.set(String::new());
                    }
                });
            }
        }
    };
    let submit_id = if is_edit {
        format!("{prefix}-save")
    } else {
        format!("{prefix}-add")
    };
    view! {
        <form class="inline-form room-form" on:submit=submit novalidate>
            <Field name="name" id=format!("{prefix}-name") label=|s| s.barcamp().room_name value=name error=error />
            <Field name="capacity" id=format!("{prefix}-capacity") label=|s| s.barcamp().room_capacity value=capacity_raw error=error kind="number" inputmode="numeric" />
            <Field name="equipment" id=format!("{prefix}-equipment") label=|s| s.barcamp().room_equipment value=equipment error=error required=false hint=|s| s.barcamp().comma_separated_hint />
            <button type="submit" id=submit_id disabled=move || busy.get()>
                {move || if is_edit { t().save } else { t().barcamp().room_add } }
            </button>
            <FormError error=error fields=FIELDS />
        </form>
    }
}
