//! The board proposes an effective member as a candidate: a labelled drop-down of the
//! effective members (the check-in list, read page after page) who are not candidates yet,
//! and a button. The person proposed is on the ballot once they accept.

use super::attendance_list::load_attendance;
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::i18n::strings;
use constellation_shared::dto::labs::PersonRef;
use constellation_shared::queries::assemblies as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// `note`, `error` and `busy` are the candidacies' (one line of news for the whole list);
/// `note_id` is where the focus goes once proposed.
#[component]
pub fn CandidatePicker(
    ctx: AssemblyCtx,
    motion_id: String,
    note: RwSignal<Option<&'static str>>,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
    note_id: String,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get()).elections();
    let members = RwSignal::new(Vec::<PersonRef>::new());
    let picked = RwSignal::new(String::new());
    let assembly_id = ctx.id();
    leptos::task::spawn_local(async move {
        match load_attendance(&crate::api::Call::unscoped(ctx.session), assembly_id).await {
            Ok(rows) => {
                members.try_set(rows.into_iter().map(|r| r.member).collect());
            }
            Err(e) => {
                error.try_set(Some(e));
            }
        }
    });
    // The effective members not yet candidates, by name.
    let choices = {
        let motion_id = motion_id.clone();
        Memo::new(move |_| {
            let taken: Vec<String> = ctx
                .motion(&motion_id)
                .map(|m| {
                    m.candidates
                        .iter()
                        .filter_map(|c| c.person.as_ref().map(|p| p.id.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            members.with(|ms| {
                ms.iter()
                    .filter(|p| !taken.contains(&p.id.to_string()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let select_id = format!("propose-{motion_id}");
    let msg_id = format!("propose-{motion_id}-msg");
    let submit = {
        let (motion_id, select_id) = (motion_id.clone(), select_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            note.set(None);
            let user_id = picked.get_untracked();
            if !choices.with_untracked(|c| c.iter().any(|p| p.id.to_string() == user_id)) {
                error.set(Some(ApiError::invalid(
                    "userId",
                    ValidationReason::Required,
                )));
                focus_by_id(&select_id);
                return;
            }
            let vars = q::CandidateVars {
                motion_id: motion_id.clone(),
                user_id,
            };
            let note_id = note_id.clone();
            ctx.mutate(q::PROPOSE_CANDIDATE, vars, error, busy, move || {
                picked.try_set(String::new());
                note.try_set(Some(strings(lang.get_untracked()).elections().proposed));
                focus_by_id(&note_id);
            });
        }
    };
    let field_msg = move || error.get().and_then(|e| e.for_field("userId", lang.get()));
    view! {
        <form class="inline-form propose-candidate-form" data-motion-id=motion_id.clone() on:submit=submit novalidate>
            <div class="field">
                <label for=select_id.clone()>{move || t().propose_label}</label>
                <select
                    id=select_id.clone()
                    name="userId"
                    aria-describedby=msg_id.clone()
                    prop:value=move || picked.get()
                    on:change=move |ev| picked.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || picked.with(String::is_empty)>{move || t().propose_choose}</option>
                    {move || choices
                        .get()
                        .into_iter()
                        .map(|p| {
                            let id = p.id.to_string();
                            let selected = {
                                let id = id.clone();
                                move || picked.get() == id
                            };
                            view! { <option value=id prop:selected=selected>{p.display_name.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="propose-candidate" disabled=move || busy.get() || choices.with(Vec::is_empty)>
                {move || t().propose_submit}
            </button>
            <p id=msg_id class="field-msg" aria-live="polite">
                {move || field_msg().or_else(|| {
                    (!members.with(Vec::is_empty) && choices.with(Vec::is_empty)).then(|| t().propose_none)
                })}
            </p>
        </form>
    }
}
