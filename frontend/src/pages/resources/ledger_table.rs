//! The ledger: every grant and release, newest pages loaded on demand, and its CSV export
//! (downloaded with the session token, which a plain link cannot send).

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::LedgerEntry;
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

const PAGE_SIZE: i32 = 50;
const CSV_PATH: &str = "/export/ledger.csv";

#[component]
pub fn LedgerTable() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let entries = RwSignal::new(Vec::<LedgerEntry>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let csv_error = RwSignal::new(None::<ApiError>);

    let fetch = move |after: Option<String>| {
        let append = after.is_some();
        let vars = q::LedgerVars {
            first: Some(PAGE_SIZE),
            after,
            ..Default::default()
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::LedgerData>(q::LEDGER, vars, session.token()).await;
            loading.set(false);
            loaded.set(true);
            match result {
                Ok(d) => {
                    let c = d.ledger;
                    let page: Vec<LedgerEntry> = c.nodes().cloned().collect();
                    next_cursor.set(
                        c.page_info
                            .has_next_page
                            .then_some(c.page_info.end_cursor)
                            .flatten(),
                    );
                    if append {
                        entries.update(|e| e.extend(page));
                    } else {
                        entries.set(page);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| fetch(None));

    let download = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        csv_error.set(None);
        let Some(token) = session.token() else {
            csv_error.set(Some(ApiError {
                code: constellation_shared::ErrorCode::Unauthenticated,
                field: None,
                reason: None,
            }));
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(e) = api::download(CSV_PATH, "constellation-ledger.csv", token).await {
                csv_error.set(Some(e));
            }
        });
    };

    let rows = move || {
        entries
            .get()
            .into_iter()
            .map(|e| {
                let kind = e.kind;
                let actor = e.actor.map(|a| a.display_name).unwrap_or_default();
                view! {
                    <tr class="ledger-entry" data-lab=e.lab.slug.clone() data-kind=kind.as_str()>
                        <td class="ledger-date"><time datetime=e.at.clone()>{super::date_of(&e.at)}</time></td>
                        <td class="ledger-lab">{e.lab.name.clone()}</td>
                        <td class="ledger-pool">{e.pool.name.clone()}</td>
                        <td class="ledger-period">{e.period.label.clone()}</td>
                        <td class="ledger-kind">{move || t().resources().ledger_kind(kind)}</td>
                        <td class="ledger-amount num">{e.amount.clone()} " " {e.pool.unit.clone()}</td>
                        <td class="ledger-reason text">{e.reason.clone()}</td>
                        <td class="ledger-actor">{actor}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section aria-labelledby="ledger-h">
            <h2 id="ledger-h">{move || t().resources().ledger_title}</h2>
            <p>
                <a id="ledger-csv" href=CSV_PATH download="constellation-ledger.csv" on:click=download>
                    {move || t().resources().ledger_csv}
                </a>
            </p>
            <FormError error=csv_error />
            <FormError error=error />
            <Show when=move || loaded.get() && entries.with(Vec::is_empty)>
                <p id="ledger-empty">{move || t().resources().ledger_empty}</p>
            </Show>
            <div class="table-wrap" role="region" aria-labelledby="ledger-h" tabindex="0">
                <table id="ledger">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().resources().col_date}</th>
                            <th scope="col">{move || t().resources().col_lab}</th>
                            <th scope="col">{move || t().resources().col_pool}</th>
                            <th scope="col">{move || t().resources().col_period}</th>
                            <th scope="col">{move || t().resources().col_kind}</th>
                            <th scope="col">{move || t().resources().col_amount}</th>
                            <th scope="col">{move || t().resources().col_reason}</th>
                            <th scope="col">{move || t().resources().col_actor}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || next_cursor.get().is_some()>
                <button type="button" id="ledger-more" disabled=move || loading.get() on:click=move |_| {
                    if let Some(c) = next_cursor.get_untracked() {
                        fetch(Some(c));
                    }
                }>{move || t().load_more}</button>
            </Show>
        </section>
    }
}
