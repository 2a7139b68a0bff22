//! General assemblies: the list and the board's creation form, an assembly's agenda and
//! results, proxies, the chair's console and the voting booth, and encrypted votes (the
//! election panel, the trustees' keys, replacements and decryptions, the ballots made in the
//! page).
//! Route views are the `*_page.rs` files; the rest are their parts.

pub mod agenda_item_form;
pub mod agenda_view;
pub mod assemblies_page;
pub mod assembly_header;
pub mod assembly_page;
pub mod attendance_list;
pub mod ballot_form;
pub mod candidacies;
pub mod candidate_picker;
pub mod chair_page;
pub mod choice_radios;
pub mod convene_control;
pub mod convocation_record;
pub mod create_assembly_form;
pub mod election_ballot_form;
pub mod election_card;
pub mod election_fields;
pub mod election_local;
pub mod election_marks;
pub mod election_panel;
pub mod election_record;
pub mod election_result;
pub mod encrypted_ballot_form;
pub mod live;
pub mod minutes_links;
pub mod motion_card;
pub mod motion_form;
pub mod proxy_page;
pub mod room_count_form;
pub mod rule_requirement;
pub mod session_controls;
pub mod state;
pub mod tracker_board;
pub mod trustee_decrypt;
pub mod trustee_key;
pub mod trustee_replace;
pub mod vote_page;

use constellation_shared::dto::assemblies::{AgendaItem, AssemblySummary, Motion};
use constellation_shared::Language;

/// Milliseconds since the epoch of an RFC 3339 instant (`None` when unreadable).
fn epoch_ms(instant: &str) -> Option<f64> {
    let ms = js_sys::Date::parse(instant);
    (!ms.is_nan()).then_some(ms)
}

/// An instant in words, in the browser's time zone: "samedi 13 juin 2026 à 14:00".
pub fn instant_label(instant: &str, lang: Language) -> String {
    let Some(ms) = epoch_ms(instant) else {
        return instant.to_owned();
    };
    let date = js_sys::Date::new(&ms.into());
    let options = js_sys::Object::new();
    for (k, v) in [("dateStyle", "full"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    String::from(date.to_locale_string(lang.code(), &options))
}

/// Reads `YYYY-MM-DDTHH:MM` (a space instead of `T` and trailing seconds are accepted) as
/// the browser's local time, and gives the RFC 3339 instant in UTC.
pub fn local_to_utc(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (day, time) = raw.split_once(['T', 't', ' '])?;
    let mut d = day.split('-');
    let year: u32 = d.next()?.parse().ok()?;
    let month: i32 = d.next()?.parse().ok()?;
    let date: i32 = d.next()?.parse().ok()?;
    let mut t = time.split(':');
    let hours: i32 = t.next()?.parse().ok()?;
    let minutes: i32 = t.next()?.parse().ok()?;
    if d.next().is_some()
        || !(1000..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&date)
        || !(0..=23).contains(&hours)
        || !(0..=59).contains(&minutes)
    {
        return None;
    }
    let local = js_sys::Date::new_with_year_month_day_hr_min(year, month - 1, date, hours, minutes);
    // 31 February rolls over into March: refuse it.
    if local.get_time().is_nan()
        || local.get_date() != date as u32
        || local.get_month() != (month - 1) as u32
    {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
        local.get_utc_full_year(),
        local.get_utc_month() + 1,
        local.get_utc_date(),
        local.get_utc_hours(),
        local.get_utc_minutes()
    ))
}

/// Newest first.
pub fn sort_assemblies(list: &mut [AssemblySummary]) {
    list.sort_by(|a, b| {
        let (x, y) = (
            epoch_ms(&a.starts_at).unwrap_or_default(),
            epoch_ms(&b.starts_at).unwrap_or_default(),
        );
        y.total_cmp(&x)
    });
}

/// `n/d`, or words for the usual shares.
pub fn fraction(num: i32, den: i32, lang: Language) -> String {
    match (num, den, lang) {
        (1, 2, Language::Fr) => "la moitié".into(),
        (1, 2, Language::En) => "half".into(),
        (2, 3, Language::Fr) => "les deux tiers".into(),
        (2, 3, Language::En) => "two thirds".into(),
        (4, 5, Language::Fr) => "les quatre cinquièmes".into(),
        (4, 5, Language::En) => "four fifths".into(),
        (n, d, _) => format!("{n}/{d}"),
    }
}

/// A motion as a short name: its item's number and the start of its text.
pub fn motion_name(motion: &Motion, agenda: &[AgendaItem]) -> String {
    const MAX: usize = 60;
    let number = agenda
        .iter()
        .find(|i| i.id == motion.item_id)
        .map(|i| format!("{} — ", i.number))
        .unwrap_or_default();
    let text = motion.text.trim();
    let short: String = text.chars().take(MAX).collect();
    let ellipsis = if text.chars().count() > MAX {
        "…"
    } else {
        ""
    };
    format!("{number}{short}{ellipsis}")
}

/// Moves the keyboard focus to the element with this id, if it is on the page.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
