//! The inventory (board): every service, by kind and name, filtered by status, kind and
//! path, a page at a time. `version` reloads it (a service added, an import).

use super::board_api::{next_cursor, PAGE_SIZE};
use super::service_row::ServiceRow;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{MigrationPath, Service, ServiceKind, ServiceStatus};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;

/// `<option>`s for a filter: "any" then each value.
fn options<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    wire: fn(T) -> &'static str,
    label: fn(&crate::i18n::transition::TransitionStrings, T) -> &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    view! {
        <option value="" prop:selected=move || value.get().is_empty()>{move || t().any}</option>
        {all.iter().map(|v| {
            let v = *v;
            view! {
                <option value=wire(v) prop:selected=move || value.get() == wire(v)>{move || label(tr(), v)}</option>
            }
        }).collect_view()}
    }
}

#[component]
pub fn InventoryList(version: RwSignal<u64>, edit: Callback<Service>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let status = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let path = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<Service>::new());
    let after = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);

    let load = move |more: bool| {
        let vars = b::ServicesVars {
            status: ServiceStatus::parse(&status.get_untracked()),
            path: MigrationPath::parse(&path.get_untracked()),
            kind: ServiceKind::parse(&kind.get_untracked()),
            internal: None,
            first: Some(PAGE_SIZE),
            after: if more { after.get_untracked() } else { None },
        };
        leptos::task::spawn_local(async move {
            let r = api::request::<_, b::ServicesData>(b::SERVICES, vars, session.token()).await;
            loaded.try_set(true);
            match r {
                Ok(d) => {
                    let c = d.transition_services;
                    after.try_set(next_cursor(&c));
                    let page: Vec<Service> = c.edges.into_iter().map(|e| e.node).collect();
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
        version.track();
        status.track();
        kind.track();
        path.track();
        load(false);
    });
    let replace = move |s: Service| {
        items.update(|v| {
            if let Some(x) = v.iter_mut().find(|x| x.id == s.id) {
                *x = s;
            }
        });
    };
    let changed = Callback::new(move |(s, msg): (Service, &'static str)| {
        replace(s);
        note.set(Some(msg));
    });

    view! {
        <section aria-labelledby="inventory-h">
            <h2 id="inventory-h">{move || t().list_title}</h2>
            <form class="filters" aria-label=move || t().filters on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="inventory-status">{move || t().filter_status}</label>
                    <select id="inventory-status" on:change=move |ev| status.set(event_target_value(&ev))>
                        {options(ServiceStatus::ALL, ServiceStatus::as_str, |s, v| s.status(v), status)}
                    </select>
                </div>
                <div class="field">
                    <label for="inventory-kind">{move || t().filter_kind}</label>
                    <select id="inventory-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {options(ServiceKind::ALL, ServiceKind::as_str, |s, v| s.kind(v), kind)}
                    </select>
                </div>
                <div class="field">
                    <label for="inventory-path">{move || t().filter_path}</label>
                    <select id="inventory-path" on:change=move |ev| path.set(event_target_value(&ev))>
                        {options(MigrationPath::ALL, MigrationPath::as_str, |s, v| s.path(Some(v)), path)}
                    </select>
                </div>
            </form>
            <FormError error=error />
            <FormNote text=note.into() />
            <Show when=move || !loaded.get()>
                <p>{move || strings(session.lang.get()).loading}</p>
            </Show>
            <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                <p id="inventory-empty">{move || t().list_empty}</p>
            </Show>
            <div class="table-scroll">
                <table id="inventory">
                    <caption>{move || t().list_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_service}</th>
                            <th scope="col">{move || t().holders}</th>
                            <th scope="col">{move || t().col_path}</th>
                            <th scope="col">{move || t().col_status}</th>
                            <th scope="col">{move || t().col_handover}</th>
                            <th scope="col">{move || t().col_actions}</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Keyed by the whole row, so a row the server changed is drawn again.
                        <For
                            each=move || items.get()
                            key=|s| serde_json::to_string(s).unwrap_or_else(|_| s.id.clone())
                            children=move |s| view! { <ServiceRow service=s changed=changed edit=edit /> }
                        />
                    </tbody>
                </table>
            </div>
            <Show when=move || after.with(Option::is_some)>
                <button type="button" id="inventory-more" class="secondary" on:click=move |_| load(true)>
                    {move || t().load_more}
                </button>
            </Show>
        </section>
    }
}
