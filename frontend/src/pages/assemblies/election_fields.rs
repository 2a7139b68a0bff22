//! The election's part of the board's add form: the seats to fill and how a ballot is marked,
//! by approval or per candidate; an encrypted election is by approval, said in a line.

use crate::api::ApiError;
use crate::components::field::Field;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use constellation_shared::dto::assemblies::ElectionMode;
use leptos::prelude::*;

/// A radio button's label.
type Label = fn(&Strings) -> &'static str;

/// Most seats an election fills (the server's bound).
pub const MAX_SEATS: i32 = 50;

/// The seats as typed: a whole number from 1 to [`MAX_SEATS`].
pub fn parse_seats(raw: &str) -> Option<i32> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=MAX_SEATS).contains(n))
}

/// The mode sent: the one chosen, or approval for an encrypted election.
pub fn effective_mode(chosen: ElectionMode, encrypted: bool) -> ElectionMode {
    if encrypted {
        ElectionMode::Approval
    } else {
        chosen
    }
}

#[component]
pub fn ElectionFields(
    seats: RwSignal<String>,
    mode: RwSignal<ElectionMode>,
    #[prop(into)] encrypted: Signal<bool>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let t = move || strings(lang.get()).elections();
    let shown = move || effective_mode(mode.get(), encrypted.get());
    let mode_msg = move || error.get().and_then(|e| e.for_field("mode", lang.get()));
    let options: [(ElectionMode, Label); 2] = [
        (ElectionMode::Approval, |s| s.elections().mode_approval),
        (ElectionMode::PerCandidate, |s| {
            s.elections().mode_per_candidate
        }),
    ];
    let radios = options
        .into_iter()
        .map(|(m, label)| {
            let id = format!("election-mode-{}", m.as_str());
            // Per candidate is not offered for an encrypted election.
            let off = move || m == ElectionMode::PerCandidate && encrypted.get();
            view! {
                <div class="field checkbox choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name="mode"
                        value=m.as_str()
                        aria-describedby="election-mode-note"
                        disabled=off
                        prop:checked=move || shown() == m
                        on:change=move |_| mode.set(m)
                    />
                    <label for=id>{move || label(strings(lang.get()))}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <Field
            name="seats"
            id="election-seats"
            kind="number"
            inputmode="numeric"
            label=|s| s.elections().seats
            hint=|s| s.elections().seats_hint
            value=seats
            error=error
        />
        <fieldset id="election-mode" class="election-mode" aria-describedby="election-mode-msg">
            <legend>{move || t().mode}</legend>
            {radios}
            <p id="election-mode-note" class="muted" aria-live="polite">
                {move || encrypted.get().then(|| t().mode_encrypted_note)}
            </p>
            <p id="election-mode-msg" class="field-msg" aria-live="polite">{mode_msg}</p>
        </fieldset>
    }
}
