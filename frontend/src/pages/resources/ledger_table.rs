//! The ledger: every grant and release, newest pages loaded on demand, and its CSV export
//! (downloaded with the session token, which a plain link cannot send).

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

const PAGE_SIZE: i32 = 50;
const CSV_PATH: &str = "/export/ledger.csv";

#[component]
pub fn LedgerTable() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let csv_error = RwSignal::new(None::<ApiError>);
    let entries = api::paged(session, move |call, after| {
        let vars = q::LedgerVars {
            first: Some(PAGE_SIZE),
            after,
            ..Default::default()
        };
        async move {
            call.page(q::LEDGER, vars, |d: q::LedgerData| d.ledger)
                .await
        }
    });

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
            .items()
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
            <Awaited data=entries.data>
            <Show when=move || entries.is_empty()>
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
            <MoreButton list=entries id="ledger-more" />
            </Awaited>
        </section>
    }
}
