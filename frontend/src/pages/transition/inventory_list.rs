//! The inventory (board): every service, by kind and name, filtered by status, kind and
//! path, a page at a time. `version` reloads it (a service added, an import).

use super::board_api::PAGE_SIZE;
use super::service_row::ServiceRow;
use crate::api;
use crate::components::form_error::FormNote;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
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
    let note = RwSignal::new(None::<&'static str>);
    let items = api::paged(session, move |call, after| {
        version.track();
        let vars = b::ServicesVars {
            status: ServiceStatus::parse(&status.get()),
            path: MigrationPath::parse(&path.get()),
            kind: ServiceKind::parse(&kind.get()),
            internal: None,
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            call.page(b::SERVICES, vars, |d: b::ServicesData| {
                d.transition_services
            })
            .await
        }
    });
    let replace = move |s: Service| {
        api::update_loaded(items.data, |v| {
            if let Some(x) = v.items.iter_mut().find(|x| x.id == s.id) {
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
            <FormNote text=note.into() />
            <Awaited data=items.data>
            <Show when=move || items.is_empty()>
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
                            each=move || items.items()
                            key=|s| serde_json::to_string(s).unwrap_or_else(|_| s.id.clone())
                            children=move |s| view! { <ServiceRow service=s changed=changed edit=edit /> }
                        />
                    </tbody>
                </table>
            </div>
            <MoreButton list=items id="inventory-more" />
            </Awaited>
        </section>
    }
}
