//! One member of the register: who they are, their register entry (address, admission,
//! leaving, the board's note) to edit, their membership kind (the board admits people and
//! makes them effective) and — for administrators — the board and admin roles.

use super::{is_admin, kind_options};
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::reach::{Member, RegisterEntryInput};
use constellation_shared::queries::{members as q, reach as r};
use constellation_shared::MembershipKind;
use leptos::prelude::*;

#[component]
pub fn MemberRow(member: Member) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let uid = member.user.id.to_string();
    let roles_uid = uid.clone();
    let current = RwSignal::new(member);
    let m = move || current.get();
    let name = move || {
        current.with(|m| {
            if m.user.is_deleted || m.user.display_name.is_empty() {
                t().members().deleted_account.to_owned()
            } else {
                m.user.display_name.clone()
            }
        })
    };
    let or_none = move |v: Option<String>| {
        v.filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| t().members().not_recorded.to_owned())
    };
    view! {
        <li
            class="member-entry"
            data-user-id=uid.clone()
            data-kind=move || m().user.membership_kind.as_str()
            data-board=move || m().user.is_board.to_string()
        >
            <h2>{name}</h2>
            <p class="muted member-email">{move || m().user.email.unwrap_or_default()}</p>
            <dl class="facts">
                <dt>{move || t().members().membership_kind}</dt>
                <dd class="member-kind">
                    {move || m().user.membership_kind.label(session.lang.get())}
                    <Show when=move || m().user.is_board>
                        " " <span class="badge">{move || t().accounts().board_member}</span>
                    </Show>
                    <Show when=move || m().user.is_admin>
                        " " <span class="badge">{move || t().accounts().admin}</span>
                    </Show>
                </dd>
                <dt>{move || t().members().address}</dt>
                <dd class="text">{move || or_none(Some(m().address))}</dd>
                <dt>{move || t().members().admitted_on}</dt>
                <dd>{move || or_none(m().admitted_on)}</dd>
                <dt>{move || t().members().left_on}</dt>
                <dd>{move || or_none(m().left_on)}</dd>
                <dt>{move || t().members().note}</dt>
                <dd class="text">{move || or_none(Some(m().note))}</dd>
            </dl>
            <EntryForm current=current uid=uid.clone() />
            <RolesForm current=current uid=roles_uid />
        </li>
    }
}

/// The register entry: address, dates, note (an empty date clears it).
#[component]
fn EntryForm(current: RwSignal<Member>, uid: String) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let m = current.get_untracked();
    let address = RwSignal::new(m.address.clone());
    let admitted = RwSignal::new(m.admitted_on.clone().unwrap_or_default());
    let left = RwSignal::new(m.left_on.clone().unwrap_or_default());
    let note_text = RwSignal::new(m.note.clone());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let who = m.user.display_name.clone();
    let submit = {
        let uid = uid.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            error.set(None);
            note.set(None);
            let vars = q::UpdateRegisterEntryVars {
                user_id: uid.clone(),
                input: RegisterEntryInput {
                    address: Some(address.get_untracked().trim().to_owned()),
                    admitted_on: Some(admitted.get_untracked().trim().to_owned()),
                    left_on: Some(left.get_untracked().trim().to_owned()),
                    note: Some(note_text.get_untracked().trim().to_owned()),
                },
            };
            leptos::task::spawn_local(async move {
                let result = api::request::<_, q::UpdateRegisterEntryData>(
                    q::UPDATE_REGISTER_ENTRY,
                    vars,
                    session.token(),
                )
                .await;
                busy.try_set(false);
                match result {
                    Ok(d) => {
                        current.try_set(d.update_register_entry);
                        note.try_set(Some(
                            strings(session.lang.get_untracked()).members().entry_saved,
                        ));
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            });
        }
    };
    view! {
        <details class="edit-entry">
            <summary>{move || t().members().edit_entry} <span class="sr-only">" — " {who.clone()}</span></summary>
            <form class="entry-form" on:submit=submit novalidate>
                <TextArea name="address" id=format!("address-{uid}") label=|s| s.members().address value=address error=error required=false rows=2 />
                <div class="field-row">
                    <Field name="admittedOn" id=format!("admitted-{uid}") label=|s| s.members().admitted_on value=admitted error=error kind="date" required=false />
                    <Field name="leftOn" id=format!("left-{uid}") label=|s| s.members().left_on value=left error=error kind="date" required=false />
                </div>
                <TextArea name="note" id=format!("note-{uid}") label=|s| s.members().note value=note_text error=error required=false rows=2 />
                <FormError error=error fields=&["address", "admittedOn", "leftOn", "note"] />
                <button type="submit" class="save-entry" disabled=move || busy.get()>{move || t().members().save_entry}</button>
                <FormNote text=note.into() />
            </form>
        </details>
    }
}

/// The membership kind, and for administrators the board and admin flags (`setRoles`:
/// the board may change the kind only).
#[component]
fn RolesForm(current: RwSignal<Member>, uid: String) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let m = current.get_untracked();
    let kind = RwSignal::new(m.user.membership_kind.as_str().to_owned());
    let board = RwSignal::new(m.user.is_board);
    let admin = RwSignal::new(m.user.is_admin);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let admin_view = move || is_admin(session);
    let (kind_id, board_id, admin_id) = (
        format!("kind-{uid}"),
        format!("board-{uid}"),
        format!("admin-{uid}"),
    );
    let submit = {
        let uid = uid.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            error.set(None);
            note.set(None);
            let flags = is_admin(session);
            let vars = r::SetRolesVars {
                user_id: uid.clone(),
                membership_kind: MembershipKind::parse(&kind.get_untracked()),
                is_board: flags.then(|| board.get_untracked()),
                is_admin: flags.then(|| admin.get_untracked()),
            };
            leptos::task::spawn_local(async move {
                let result =
                    api::request::<_, r::SetRolesData>(r::SET_ROLES, vars, session.token()).await;
                busy.try_set(false);
                match result {
                    Ok(d) => {
                        board.try_set(d.set_roles.is_board);
                        admin.try_set(d.set_roles.is_admin);
                        current.try_update(|m| m.user = d.set_roles);
                        note.try_set(Some(
                            strings(session.lang.get_untracked()).members().roles_saved,
                        ));
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            });
        }
    };
    view! {
        <form class="roles-form inline-form" on:submit=submit>
            <fieldset>
                <legend>{move || t().members().roles_title} <span class="sr-only">" — " {m.user.display_name.clone()}</span></legend>
                <div class="inline-form">
                    <div class="field">
                        <label for=kind_id.clone()>{move || t().members().membership_kind}</label>
                        <select id=kind_id class="member-kind-select" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                            {kind_options(session, move |k| kind.get() == k.as_str())}
                        </select>
                    </div>
                    <Show when=admin_view>
                        <div class="field checkbox">
                            <input id=board_id.clone() class="member-board" type="checkbox" prop:checked=move || board.get() on:change=move |ev| board.set(event_target_checked(&ev)) />
                            <label for=board_id.clone()>{move || t().accounts().board_member}</label>
                        </div>
                        <div class="field checkbox">
                            <input id=admin_id.clone() class="member-admin" type="checkbox" prop:checked=move || admin.get() on:change=move |ev| admin.set(event_target_checked(&ev)) />
                            <label for=admin_id.clone()>{move || t().accounts().admin}</label>
                        </div>
                    </Show>
                    <button type="submit" class="save-roles" disabled=move || busy.get()>{move || t().members().save_roles}</button>
                </div>
                <FormError error=error />
                <FormNote text=note.into() />
            </fieldset>
        </form>
    }
}
