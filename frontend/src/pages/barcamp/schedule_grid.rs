//! The room × time grid: one table per day behind day tabs; rows are slots, columns rooms;
//! a session longer than a slot spans its rows. Cancelled sessions stay, struck through,
//! with the reason.

use super::state::BarcampCtx;
use super::{day_label, names};
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{Room, Session as Talk, SessionStatus, Slot};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// What one (slot, room) cell of a day's table holds.
enum Cell {
    /// A session starts here and spans that many rows.
    Start(Box<Talk>, usize),
    /// A session that started in an earlier row covers it: no `<td>`.
    Covered,
    Empty,
}

/// Sessions shown on the grid: placed ones still in the programme, and cancelled ones.
fn on_grid(talk: &Talk) -> bool {
    talk.room.is_some()
        && !talk.slots.is_empty()
        && matches!(
            talk.status,
            SessionStatus::Proposed | SessionStatus::Cancelled
        )
}

/// The cells of a day: `rows[slot][room]`.
fn day_cells(slots: &[Slot], rooms: &[Room], talks: &[Talk]) -> Vec<Vec<Cell>> {
    let row_of: HashMap<&str, usize> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let col_of: HashMap<&str, usize> = rooms
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut rows: Vec<Vec<Cell>> = slots
        .iter()
        .map(|_| rooms.iter().map(|_| Cell::Empty).collect())
        .collect();
    // Sessions of the programme first: a cancelled one only shows where its cells are free.
    let mut placed: Vec<&Talk> = talks.iter().filter(|t| on_grid(t)).collect();
    placed.sort_by_key(|t| t.status == SessionStatus::Cancelled);
    for talk in placed {
        let Some(col) = talk.room.as_ref().and_then(|r| col_of.get(r.id.as_str())) else {
            continue;
        };
        let mut talk_rows: Vec<usize> = talk
            .slots
            .iter()
            .filter_map(|s| row_of.get(s.id.as_str()).copied())
            .collect();
        talk_rows.sort_unstable();
        let Some(first) = talk_rows.first().copied() else {
            continue;
        };
        // Only a run of consecutive rows can span; anything else starts again.
        let span = talk_rows
            .iter()
            .enumerate()
            .take_while(|(i, r)| **r == first + i)
            .count();
        let free = (first..first + span).all(|row| {
            rows.get(row)
                .and_then(|r| r.get(*col))
                .is_some_and(|c| matches!(c, Cell::Empty))
        });
        if !free {
            continue;
        }
        for (i, row) in (first..first + span).enumerate() {
            if let Some(cell) = rows.get_mut(row).and_then(|r| r.get_mut(*col)) {
                *cell = if i == 0 {
                    Cell::Start(Box::new(talk.clone()), span)
                } else {
                    Cell::Covered
                };
            }
        }
    }
    rows
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn tab_id(day: &str) -> String {
    format!("day-tab-{day}")
}

fn panel_id(day: &str) -> String {
    format!("day-panel-{day}")
}

#[component]
pub fn ScheduleGrid(ctx: BarcampCtx) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let days = Memo::new(move |_| {
        ctx.edition.with(|e| {
            let mut days: Vec<String> = Vec::new();
            for s in e.iter().flat_map(|e| e.slots.iter()) {
                if !days.contains(&s.day) {
                    days.push(s.day.clone());
                }
            }
            days
        })
    });
    let chosen = RwSignal::new(None::<String>);
    let selected = Memo::new(move |_| {
        let days = days.get();
        chosen
            .get()
            .filter(|d| days.contains(d))
            .or_else(|| days.first().cloned())
            .unwrap_or_default()
    });
    let on_key = move |ev: KeyboardEvent| {
        let days = days.get_untracked();
        let Some(i) = days.iter().position(|d| *d == selected.get_untracked()) else {
            return;
        };
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % days.len(),
            "ArrowLeft" => (i + days.len() - 1) % days.len(),
            "Home" => 0,
            "End" => days.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        if let Some(day) = days.get(next) {
            chosen.set(Some(day.clone()));
            focus(&tab_id(day));
        }
    };

    let tabs = move || {
        days.get()
            .into_iter()
            .map(|day| {
                let d = day.clone();
                let is_selected = Memo::new(move |_| selected.get() == d);
                let label = day.clone();
                let pick = day.clone();
                view! {
                    <button
                        type="button"
                        role="tab"
                        id=tab_id(&day)
                        aria-controls=panel_id(&day)
                        aria-selected=move || is_selected.get().to_string()
                        tabindex=move || if is_selected.get() { "0" } else { "-1" }
                        on:click=move |_| chosen.set(Some(pick.clone()))
                    >
                        {move || day_label(&label, lang.get())}
                    </button>
                }
            })
            .collect_view()
    };

    let panels = move || {
        days.get()
            .into_iter()
            .map(|day| {
                let d = day.clone();
                let hidden = move || selected.get() != d;
                let d = day.clone();
                let table = move || day_table(ctx, &d);
                view! {
                    <div role="tabpanel" id=panel_id(&day) aria-labelledby=tab_id(&day) hidden=hidden class="table-wrap" tabindex="0">
                        {table}
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div id="schedule-grid">
            <Show when=move || days.with(Vec::is_empty)>
                <p id="schedule-empty">{move || t().barcamp().schedule_no_slots}</p>
            </Show>
            <div role="tablist" class="day-tabs" aria-label=move || t().barcamp().schedule_days on:keydown=on_key>
                {tabs}
            </div>
            {panels}
        </div>
    }
}

/// One day's table.
fn day_table(ctx: BarcampCtx, day: &str) -> impl IntoView {
    let lang = ctx.session.lang.get();
    let t = strings(lang);
    let organiser = ctx.organiser();
    let (slots, rooms) = ctx.edition.with(|e| {
        e.as_ref()
            .map(|e| {
                let slots: Vec<Slot> = e.slots.iter().filter(|s| s.day == day).cloned().collect();
                (slots, e.rooms.clone())
            })
            .unwrap_or_default()
    });
    let rows = ctx.talks.with(|talks| day_cells(&slots, &rooms, talks));
    let head = rooms
        .iter()
        .map(|r| {
            view! {
                <th scope="col" data-room-id=r.id.clone()>
                    {r.name.clone()} " " <span class="muted">{format!("({})", r.capacity)}</span>
                </th>
            }
        })
        .collect_view();
    let body = slots
        .iter()
        .zip(rows)
        .map(|(slot, cells)| {
            let cells = cells
                .into_iter()
                .filter_map(|c| match c {
                    Cell::Start(talk, span) => {
                        Some(talk_cell(*talk, span, organiser, t).into_any())
                    }
                    Cell::Covered => None,
                    Cell::Empty => Some(view! { <td class="free"></td> }.into_any()),
                })
                .collect_view();
            view! {
                <tr data-slot-id=slot.id.clone()>
                    <th scope="row" class="time">{format!("{}–{}", slot.start, slot.end)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="schedule">
            <caption>{day_label(day, lang)}</caption>
            <thead>
                <tr><th scope="col">{t.barcamp().schedule_time}</th>{head}</tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn talk_cell(
    talk: Talk,
    span: usize,
    organiser: bool,
    t: &'static crate::i18n::Strings,
) -> impl IntoView {
    let cancelled = talk.status == SessionStatus::Cancelled;
    let title = if cancelled {
        view! { <s class="cell-title">{talk.title.clone()}</s> }.into_any()
    } else {
        view! { <span class="cell-title">{talk.title.clone()}</span> }.into_any()
    };
    let cancel_note = cancelled.then(|| {
        let reason = talk.status_reason.clone().unwrap_or_default();
        view! { <span class="cancel-note">{t.barcamp().session_cancelled} " " {reason}</span> }
    });
    let pinned =
        (organiser && talk.pinned).then(|| view! { <span class="pin">{t.barcamp().pinned}</span> });
    view! {
        <td
            data-session-id=talk.id.clone()
            data-status=talk.status.as_str()
            rowspan=span
            class=if cancelled { "talk cancelled" } else { "talk" }
        >
            {title}
            <span class="cell-hosts">{names(&talk.hosts)}</span>
            <span class="cell-format">{t.barcamp().session_format_label(talk.format)}</span>
            {cancel_note}
            {pinned}
        </td>
    }
}
