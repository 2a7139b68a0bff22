//! `/members`: the register of members, for the board: search and filters, a row per member
//! (register entry and roles), the exports, and invitations by e-mail.

use super::invitations_list::InvitationsList;
use super::invite_form::InviteForm;
use super::member_row::MemberRow;
use super::register_exports::RegisterExports;
use super::{is_admin, keeps_register, kind_options, non_empty};
use crate::api;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::reach::MemberFilter;
use constellation_shared::queries::members as q;
use constellation_shared::MembershipKind;
use leptos::prelude::*;

const PAGE_SIZE: i32 = 50;

#[component]
pub fn MembersPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let allowed = move || keeps_register(session);
    // Counts the lists sent, for the invitations below to read again.
    let sent = RwSignal::new(0u64);
    view! {
        <section aria-labelledby="members-h">
            <h1 id="members-h">{move || t().members().members_title}</h1>
            <p class="lead">{move || t().members().members_intro}</p>
            <Show
                when=allowed
                fallback=move || view! {
                    <p class="notice">
                        {move || if !session.ready.get() { t().loading } else if session.me.with(Option::is_none) { t().sign_in_required } else { t().board_only }}
                    </p>
                }
            >
                <RegisterExports />
                <Register />
            </Show>
        </section>
        <Show when=allowed>
            <InviteForm sent=sent />
            <InvitationsList sent=sent />
        </Show>
    }
}

/// The filters and the list.
#[component]
fn Register() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let search = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let board = RwSignal::new(false);
    let admin = RwSignal::new(false);
    let include_left = RwSignal::new(false);
    let members = api::paged(session, move |call, after| {
        let vars = q::MembersVars {
            filter: Some(MemberFilter {
                search: non_empty(&search.get()),
                kind: MembershipKind::parse(&kind.get()),
                board: board.get().then_some(true),
                admin: admin.get().then_some(true),
                include_left: include_left.get().then_some(true),
            }),
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            call.page(q::MEMBERS, vars, |d: q::MembersData| d.members)
                .await
        }
    });

    let checkbox = move |id: &'static str,
                         value: RwSignal<bool>,
                         label: fn(&crate::i18n::Strings) -> &'static str| {
        view! {
            <div class="field checkbox">
                <input id=id type="checkbox" prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev)) />
                <label for=id>{move || label(t())}</label>
            </div>
        }
    };

    view! {
        <form class="filters" role="search" aria-label=move || t().members().members_filters on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <div class="field">
                <label for="member-search">{move || t().members().search}</label>
                <input
                    id="member-search"
                    type="search"
                    aria-describedby="member-search-hint"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                <p id="member-search-hint" class="field-msg">{move || t().members().search_hint}</p>
            </div>
            <div class="field">
                <label for="member-kind">{move || t().members().kind_filter}</label>
                <select id="member-kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || kind.get().is_empty()>{move || t().members().any_kind}</option>
                    {kind_options(session, move |k| kind.get() == k.as_str())}
                </select>
            </div>
            {checkbox("member-board", board, |s| s.members().board_only)}
            {checkbox("member-admin", admin, |s| s.members().admins_only)}
            {checkbox("member-left", include_left, |s| s.members().include_left)}
        </form>
        <Show when=move || !is_admin(session)>
            <p class="muted" id="roles-admin-only">{move || t().members().roles_admin_only}</p>
        </Show>
        <Awaited data=members.data>
            <Show when=move || members.is_empty()>
                <p id="members-empty">{move || t().members().members_empty}</p>
            </Show>
            <ul id="members" class="cards members">
                <For
                    each=move || members.items()
                    key=|m| m.user.id
                    children=move |m| view! { <MemberRow member=m /> }
                />
            </ul>
            <MoreButton list=members id="members-more" />
        </Awaited>
    }
}
