//! `/members`: the register of members, for the board: search and filters, a row per member
//! (register entry and roles), the exports, and invitations by e-mail.

use super::invitations_list::InvitationsList;
use super::invite_form::InviteForm;
use super::member_row::MemberRow;
use super::register_exports::RegisterExports;
use super::{is_admin, keeps_register, kind_options, non_empty};
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::reach::{Member, MemberFilter};
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
    let members = RwSignal::new(Vec::<Member>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Answers can arrive out of order while someone types: only the latest query counts.
    let generation = StoredValue::new(0u64);

    let fetch = move |after: Option<String>| {
        let append = after.is_some();
        let vars = q::MembersVars {
            filter: Some(MemberFilter {
                search: non_empty(&search.get_untracked()),
                kind: MembershipKind::parse(&kind.get_untracked()),
                board: board.get_untracked().then_some(true),
                admin: admin.get_untracked().then_some(true),
                include_left: include_left.get_untracked().then_some(true),
            }),
            first: Some(PAGE_SIZE),
            after,
        };
        let Some(mine) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::MembersData>(q::MEMBERS, vars, session.token()).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.set(false);
            loaded.set(true);
            match result {
                Ok(d) => {
                    let c = d.members;
                    let page: Vec<Member> = c.nodes().cloned().collect();
                    next.set(
                        c.page_info
                            .has_next_page
                            .then_some(c.page_info.end_cursor)
                            .flatten(),
                    );
                    if append {
                        members.update(|m| m.extend(page));
                    } else {
                        members.set(page);
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        search.track();
        kind.track();
        board.track();
        admin.track();
        include_left.track();
        session.token.track();
        fetch(None);
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
        <FormError error=error />
        <Show when=move || !loaded.get()>
            <p>{move || t().loading}</p>
        </Show>
        <Show when=move || loaded.get() && members.with(Vec::is_empty)>
            <p id="members-empty">{move || t().members().members_empty}</p>
        </Show>
        <ul id="members" class="cards members">
            <For
                each=move || members.get()
                key=|m| m.user.id
                children=move |m| view! { <MemberRow member=m /> }
            />
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" id="members-more" class="secondary" disabled=move || loading.get() on:click=move |_| fetch(next.get_untracked())>
                {move || t().load_more}
            </button>
        </Show>
    }
}
