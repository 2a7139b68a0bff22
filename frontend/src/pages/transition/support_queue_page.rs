//! `/transition/support` (working group and board): the support queue, oldest first,
//! filtered by status, and the collective groups.

use super::board_api::{staff_access, PAGE_SIZE};
use super::groups_form::GroupsForm;
use super::support_item::SupportItem;
use crate::api::{self, Page};
use crate::components::form_error::FormNote;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{SupportRequestOnService, SupportStatus};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SupportQueuePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    // `None` until known: the board, or a member of the working group.
    let allowed = staff_access(session);
    let status = RwSignal::new(String::new());
    let note = RwSignal::new(None::<&'static str>);

    let items = api::paged(session, move |call, after| {
        let allowed = allowed.get() == Some(true);
        let vars = b::QueueVars {
            status: SupportStatus::parse(&status.get()),
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            if !allowed {
                return Ok(Page::default());
            }
            call.page(b::SUPPORT_QUEUE, vars, |d: b::QueueData| d.support_requests)
                .await
        }
    });
    let changed = Callback::new(move |(r, msg): (SupportRequestOnService, &'static str)| {
        api::update_loaded(items.data, |v| {
            if let Some(x) = v.items.iter_mut().find(|x| x.request.id == r.request.id) {
                *x = r;
            }
        });
        note.set(Some(msg));
    });

    let statuses = move || {
        SupportStatus::ALL
            .iter()
            .map(|s| {
                let s = *s;
                view! {
                    <option value=s.as_str() prop:selected=move || status.get() == s.as_str()>
                        {move || tr().support_status(s)}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <Show
            when=move || allowed.get() == Some(true)
            fallback=move || view! {
                <p id="group-only">
                    {move || if allowed.get() == Some(false) || (session.ready.get() && session.me.with(Option::is_none)) {
                        t().group_only
                    } else {
                        strings(session.lang.get()).loading
                    }}
                </p>
            }
        >
            <section aria-labelledby="support-h" id="transition-support">
                <h1 id="support-h">{move || t().support_title}</h1>
                <p class="lead">{move || t().support_intro}</p>
                <nav class="links" aria-label=move || t().support_title>
                    <A href="/transition">{move || t().see_overview}</A>
                    " · "
                    <A href="/transition/group">{move || t().see_group}</A>
                    <Show when=move || session.is_board()>
                        " · "
                        <A href="/transition/inventory">{move || t().see_inventory}</A>
                    </Show>
                </nav>
                <form class="filters" on:submit=|ev| ev.prevent_default()>
                    <div class="field">
                        <label for="support-status-filter">{move || t().support_filter}</label>
                        <select id="support-status-filter" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="" prop:selected=move || status.get().is_empty()>{move || t().any}</option>
                            {statuses}
                        </select>
                    </div>
                </form>
                <FormNote text=note.into() />
                <Awaited data=items.data>
                <Show when=move || items.is_empty()>
                    <p id="support-empty">{move || t().support_empty}</p>
                </Show>
                <ul id="support-queue" class="cards">
                    // Keyed by the whole request, so one the server changed is drawn again.
                    <For
                        each=move || items.items()
                        key=|r| serde_json::to_string(r).unwrap_or_else(|_| r.request.id.clone())
                        children=move |r| view! { <SupportItem request=r changed=changed /> }
                    />
                </ul>
                <MoreButton list=items id="support-more" />
                </Awaited>
                <GroupsForm />
            </section>
        </Show>
    }
}
