//! The chair records the votes cast in the room (paper ballots, a show of hands) on an open
//! motion; recording again replaces the count. The server bounds it by the votes not yet
//! cast online (present and represented, less the online turnout) and adds it to the result.

use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::dto::assemblies::RoomCountInput;
use constellation_shared::queries::assemblies as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// A count as typed: empty is zero; anything else must be a whole number from zero.
fn parse_count(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(0);
    }
    raw.parse::<i32>().ok().filter(|n| *n >= 0)
}

#[component]
pub fn RoomCountForm(ctx: AssemblyCtx, id: String) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let yes = RwSignal::new(String::new());
    let no = RwSignal::new(String::new());
    let abstain = RwSignal::new(String::new());
    let note_text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let field = |name: &str| format!("room-{name}-{id}");
    let (yes_id, no_id, abstain_id, note_id, h_id) = (
        field("yes"),
        field("no"),
        field("abstain"),
        field("note"),
        field("h"),
    );
    let motion_id = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let counts = (
            parse_count(&yes.get_untracked()),
            parse_count(&no.get_untracked()),
            parse_count(&abstain.get_untracked()),
        );
        let (Some(yes), Some(no), Some(abstain)) = counts else {
            error.set(Some(ApiError::invalid("counts", ValidationReason::Invalid)));
            return;
        };
        let vars = q::RecordRoomCountVars {
            motion_id: motion_id.clone(),
            input: RoomCountInput {
                yes,
                no,
                abstain,
                note: note_text.get_untracked(),
            },
        };
        crate::api::mutate(
            ctx.session,
            q::RECORD_ROOM_COUNT,
            vars,
            error,
            busy,
            move |_: serde_json::Value| {
                note.set(Some(
                    strings(ctx.session.lang.get_untracked())
                        .assemblies()
                        .room_count_saved,
                ));
                ctx.reload();
            },
        );
    };
    let number = move |input_id: String,
                       label: fn(&crate::i18n::Strings) -> &'static str,
                       value: RwSignal<String>| {
        view! {
            <label for=input_id.clone()>{move || label(t())}</label>
            <input
                id=input_id
                type="number"
                min="0"
                step="1"
                inputmode="numeric"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
    };
    let labelled_by = h_id.clone();
    view! {
        <form class="room-count-form" data-motion-id=id.clone() on:submit=submit aria-labelledby=labelled_by>
            <h4 id=h_id>{move || t().assemblies().room_count_title}</h4>
            <p class="muted">{move || t().assemblies().room_count_hint}</p>
            <div class="room-count-fields">
                {number(yes_id, |s| s.assemblies().choice_yes, yes)}
                {number(no_id, |s| s.assemblies().choice_no, no)}
                {number(abstain_id, |s| s.assemblies().choice_abstain, abstain)}
            </div>
            <label for=note_id.clone()>{move || t().assemblies().room_count_note}</label>
            <input
                id=note_id
                type="text"
                maxlength="1000"
                prop:value=move || note_text.get()
                on:input=move |ev| note_text.set(event_target_value(&ev))
            />
            <button type="submit" class="room-count-submit" disabled=move || busy.get()>
                {move || t().assemblies().room_count_submit}
            </button>
            // The server refuses counts beyond the votes not yet cast with the same field.
            <p class="form-error" role="alert">
                {move || error.get().filter(|e| e.field.as_deref() == Some("counts")).map(|_| t().assemblies().room_count_invalid)}
            </p>
            <FormError error=error fields=&["counts"] />
            <FormNote text=note.into() />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts_are_whole_numbers_from_zero() {
        assert_eq!(parse_count(""), Some(0));
        assert_eq!(parse_count(" 12 "), Some(12));
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(parse_count("many"), None);
    }
}
