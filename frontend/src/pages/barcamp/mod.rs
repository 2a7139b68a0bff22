//! The annual barcamp: editions, registration, proposals and interest, the organisers'
//! console and scheduler, the published schedule, one's agenda and the venue's screen.
//! Route views are the `*_page.rs` files; the rest are their parts.

pub mod agenda_page;
pub mod create_edition_form;
pub mod edition_page;
pub mod editions_page;
pub mod feed_links;
pub mod live;
pub mod move_control;
pub mod organise_page;
pub mod organisers_form;
pub mod phase_control;
pub mod rooms_editor;
pub mod schedule_grid;
pub mod schedule_page;
pub mod scheduler_panel;
pub mod screen_page;
pub mod session_actions;
pub mod session_form;
pub mod session_item;
pub mod slots_editor;
pub mod state;

use constellation_shared::dto::barcamp::{Session as Talk, Slot};
use constellation_shared::dto::labs::PersonRef;
use constellation_shared::Language;

/// Words separated by commas, trimmed, blanks left out.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The page's origin (`https://example.org`), to show absolute addresses.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// A local day (`YYYY-MM-DD`) in words: "samedi 14 mars" / "Saturday, March 14".
pub fn day_label(day: &str, lang: Language) -> String {
    let date = js_sys::Date::new(&format!("{day}T12:00:00Z").into());
    if date.get_time().is_nan() {
        return day.to_owned();
    }
    let options = js_sys::Object::new();
    for (k, v) in [
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", "long"),
        ("timeZone", "UTC"),
    ] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    String::from(date.to_locale_date_string(lang.code(), &options))
}

/// Hosts' names, comma-separated.
pub fn names(people: &[PersonRef]) -> String {
    people
        .iter()
        .map(|p| p.display_name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a session stands in time: its first slot's start and its last slot's end.
pub fn span(talk: &Talk) -> Option<(&Slot, &Slot)> {
    Some((talk.slots.first()?, talk.slots.last()?))
}

/// "Saturday, March 14, 10:00–11:30 · Room A", or `None` when not placed.
pub fn placement(talk: &Talk, lang: Language) -> Option<String> {
    let (first, last) = span(talk)?;
    let room = talk
        .room
        .as_ref()
        .map(|r| format!(" · {}", r.name))
        .unwrap_or_default();
    Some(format!(
        "{}, {}–{}{room}",
        day_label(&first.day, lang),
        first.start,
        last.end
    ))
}

/// Sort key putting placed sessions in time order.
pub fn time_key(talk: &Talk) -> (String, String) {
    talk.slots
        .first()
        .map(|s| (s.day.clone(), s.start.clone()))
        .unwrap_or_default()
}

/// A wall-clock time typed in a time input, as `HH:MM` (browsers may add seconds).
pub fn hh_mm(raw: &str) -> String {
    raw.trim().get(..5).unwrap_or(raw.trim()).to_owned()
}
