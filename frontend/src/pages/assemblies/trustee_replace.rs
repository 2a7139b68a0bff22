//! The board names another trustee in place of one while the encrypted motion is a draft (a
//! trustee who left, or lost their key): beside each trustee a "Replace" button opens a
//! labelled drop-down of the effective members who are not trustees, and a button to
//! confirm. The replaced trustee's key is dropped; the new one posts theirs.

use super::attendance_list::load_attendance;
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use constellation_shared::dto::labs::PersonRef;
use constellation_shared::queries::assemblies as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// What the panel's rows share (they are drawn again whenever the election changes): which
/// trustee is being replaced, the member picked, the effective members (read once, when the
/// board first asks to replace someone), and the last call's error.
#[derive(Clone, Copy)]
pub struct ReplaceState {
    open: RwSignal<Option<i32>>,
    picked: RwSignal<String>,
    /// `None` until read.
    members: RwSignal<Option<Vec<PersonRef>>>,
    requested: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
}

impl ReplaceState {
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(None),
            picked: RwSignal::new(String::new()),
            members: RwSignal::new(None),
            requested: RwSignal::new(false),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Reads the effective members the first time they are needed.
    fn load_members(self, ctx: AssemblyCtx) {
        if self.requested.get_untracked() {
            return;
        }
        self.requested.set(true);
        let id = ctx.id();
        leptos::task::spawn_local(async move {
            match load_attendance(&crate::api::Call::unscoped(ctx.session), id).await {
                Ok(rows) => {
                    self.members
                        .try_set(Some(rows.into_iter().map(|r| r.member).collect()));
                }
                Err(e) => {
                    // Read again on the next try.
                    self.requested.try_set(false);
                    self.error.try_set(Some(e));
                }
            }
        });
    }
}

impl Default for ReplaceState {
    fn default() -> Self {
        Self::new()
    }
}

/// `name` is the trustee's as the row shows it; `note` is the panel's line of news.
#[component]
pub fn TrusteeReplace(
    ctx: AssemblyCtx,
    motion_id: String,
    index: i32,
    name: String,
    state: ReplaceState,
    note: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get()).assemblies();
    let base = format!("trustee-replace-{motion_id}-{index}");
    let (toggle_id, form_id, select_id, hint_id, msg_id) = (
        base.clone(),
        format!("{base}-form"),
        format!("{base}-user"),
        format!("{base}-hint"),
        format!("{base}-msg"),
    );
    let is_open = move || state.open.get() == Some(index);
    // The effective members who are not trustees of this vote, by name.
    let choices = {
        let motion_id = motion_id.clone();
        Memo::new(move |_| {
            let taken: Vec<String> = ctx
                .motion(&motion_id)
                .and_then(|m| m.election)
                .map(|e| {
                    e.trustees
                        .iter()
                        .filter_map(|tr| tr.person.as_ref().map(|p| p.id.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            state.members.with(|ms| {
                ms.iter()
                    .flatten()
                    .filter(|p| !taken.contains(&p.id.to_string()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let loading = move || state.members.with(Option::is_none) && state.error.with(Option::is_none);

    let toggle = {
        let select_id = select_id.clone();
        move |_| {
            note.set(None);
            state.error.set(None);
            state.picked.set(String::new());
            if state.open.get_untracked() == Some(index) {
                state.open.set(None);
                return;
            }
            state.open.set(Some(index));
            state.load_members(ctx);
            let select_id = select_id.clone();
            request_animation_frame(move || focus_by_id(&select_id));
        }
    };
    let submit = {
        let (motion_id, select_id, toggle_id) =
            (motion_id.clone(), select_id.clone(), toggle_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            note.set(None);
            let user_id = state.picked.get_untracked();
            if !choices.with_untracked(|c| c.iter().any(|p| p.id.to_string() == user_id)) {
                state.error.set(Some(ApiError::invalid(
                    "userId",
                    ValidationReason::Required,
                )));
                focus_by_id(&select_id);
                return;
            }
            let vars = q::ReplaceTrusteeVars {
                motion_id: motion_id.clone(),
                trustee_index: index,
                user_id,
            };
            let toggle_id = toggle_id.clone();
            ctx.mutate(
                q::REPLACE_TRUSTEE,
                vars,
                state.error,
                state.busy,
                move || {
                    state.open.try_set(None);
                    state.picked.try_set(String::new());
                    note.try_set(Some(
                        strings(lang.get_untracked()).assemblies().trustee_replaced,
                    ));
                    // The row is drawn again with the new trustee: back to its button.
                    request_animation_frame(move || focus_by_id(&toggle_id));
                },
            );
        }
    };
    let field_msg = move || {
        state
            .error
            .get()
            .and_then(|e| e.for_field("userId", lang.get()))
    };
    let label = {
        let name = name.clone();
        move || fill(t().trustee_replace_label, &[&name])
    };

    view! {
        " "
        <button
            type="button"
            class="trustee-replace"
            id=toggle_id
            aria-expanded=move || is_open().to_string()
            on:click=toggle
        >
            {move || t().trustee_replace} <span class="sr-only">" — " {name.clone()}</span>
        </button>
        <Show when=is_open>
            <form
                id=form_id.clone()
                class="inline-form trustee-replace-form"
                data-motion-id=motion_id.clone()
                data-trustee-index=index.to_string()
                on:submit=submit.clone()
                novalidate
            >
                <div class="field">
                    <label for=select_id.clone()>{label.clone()}</label>
                    <select
                        id=select_id.clone()
                        name="userId"
                        aria-describedby=format!("{hint_id} {msg_id}")
                        prop:value=move || state.picked.get()
                        on:change=move |ev| state.picked.set(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || state.picked.with(String::is_empty)>
                            {move || t().trustee_replace_choose}
                        </option>
                        {move || choices
                            .get()
                            .into_iter()
                            .map(|p| {
                                let id = p.id.to_string();
                                let selected = {
                                    let id = id.clone();
                                    move || state.picked.get() == id
                                };
                                view! { <option value=id prop:selected=selected>{p.display_name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <p id=hint_id.clone() class="muted">{move || t().trustee_replace_hint}</p>
                <button
                    type="submit"
                    class="trustee-replace-confirm"
                    disabled=move || state.busy.get() || choices.with(Vec::is_empty)
                >
                    {move || t().trustee_replace_confirm}
                </button>
                <p id=msg_id.clone() class="field-msg" aria-live="polite">
                    {move || field_msg().or_else(|| {
                        if loading() {
                            Some(strings(lang.get()).loading)
                        } else {
                            choices.with(Vec::is_empty).then(|| t().trustee_replace_none)
                        }
                    })}
                </p>
                <FormError error=state.error fields=&["userId"] />
            </form>
        </Show>
    }
}
