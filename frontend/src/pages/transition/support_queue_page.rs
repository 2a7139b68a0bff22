//! `/transition/support` (working group and board): the support queue, oldest first,
//! filtered by status, and the collective groups.

use super::board_api::{load_plan, next_cursor, PAGE_SIZE};
use super::groups_form::GroupsForm;
use super::support_item::SupportItem;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
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
    let allowed = RwSignal::new(None::<bool>);
    let status = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<SupportRequestOnService>::new());
    let after = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);

    Effect::new(move |_| {
        if !session.ready.get() || session.me.with(Option::is_none) {
            return;
        }
        let board = session.is_board();
        leptos::task::spawn_local(async move {
            let in_group = load_plan(session)
                .await
                .ok()
                .flatten()
                .is_some_and(|p| p.in_working_group);
            allowed.try_set(Some(board || in_group));
        });
    });

    let load = move |more: bool| {
        let vars = b::QueueVars {
            status: SupportStatus::parse(&status.get_untracked()),
            first: Some(PAGE_SIZE),
            after: if more { after.get_untracked() } else { None },
        };
        leptos::task::spawn_local(async move {
            let r = api::request::<_, b::QueueData>(b::SUPPORT_QUEUE, vars, session.token()).await;
            loaded.try_set(true);
            match r {
                Ok(d) => {
                    let c = d.support_requests;
                    after.try_set(next_cursor(&c));
                    let page: Vec<_> = c.edges.into_iter().map(|e| e.node).collect();
                    items.try_update(|v| {
                        if !more {
                            v.clear();
                        }
                        v.extend(page);
                    });
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| {
        status.track();
        if allowed.get() == Some(true) {
            load(false);
        }
    });
    let changed = Callback::new(move |(r, msg): (SupportRequestOnService, &'static str)| {
        items.update(|v| {
            if let Some(x) = v.iter_mut().find(|x| x.request.id == r.request.id) {
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
                <FormError error=error />
                <FormNote text=note.into() />
                <Show when=move || !loaded.get()>
                    <p>{move || strings(session.lang.get()).loading}</p>
                </Show>
                <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                    <p id="support-empty">{move || t().support_empty}</p>
                </Show>
                <ul id="support-queue" class="cards">
                    // Keyed by the whole request, so one the server changed is drawn again.
                    <For
                        each=move || items.get()
                        key=|r| serde_json::to_string(r).unwrap_or_else(|_| r.request.id.clone())
                        children=move |r| view! { <SupportItem request=r changed=changed /> }
                    />
                </ul>
                <Show when=move || after.with(Option::is_some)>
                    <button type="button" id="support-more" class="secondary" on:click=move |_| load(true)>
                        {move || t().load_more}
                    </button>
                </Show>
                <GroupsForm />
            </section>
        </Show>
    }
}
