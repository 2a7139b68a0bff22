//! The working group's recommended hosts, as a table everyone reads.

use super::member_api::{load_all, PAGE_SIZE};
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::RecommendedHost;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

#[component]
pub fn HostsList() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let hosts = RwSignal::new(Vec::<RecommendedHost>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        session.token.track();
        leptos::task::spawn_local(async move {
            let result = load_all(
                session,
                q::HOSTS,
                |after| q::HostsVars {
                    kind: None,
                    first: Some(PAGE_SIZE),
                    after,
                },
                |d: q::HostsData| d.recommended_hosts,
            )
            .await;
            loaded.set(true);
            match result {
                Ok(h) => hosts.set(h),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let rows = move || {
        hosts
            .get()
            .into_iter()
            .map(|h| {
                let kinds = h.kinds.clone();
                let kinds = move || {
                    kinds
                        .iter()
                        .map(|k| t().kind(*k))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                view! {
                    <tr class="recommended-host" data-id=h.id.clone()>
                        <th scope="row">
                            <a href=h.url.clone() rel="noopener noreferrer external">{h.name.clone()}</a>
                        </th>
                        <td>{kinds}</td>
                        <td>{h.note.clone()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="transition-hosts-h">
            <h2 id="transition-hosts-h">{move || t().hosts_title}</h2>
            <p>{move || t().hosts_intro}</p>
            <FormError error=error />
            <Show
                when=move || !hosts.with(Vec::is_empty)
                fallback=move || view! {
                    <Show when=move || loaded.get()>
                        <p id="transition-hosts-empty">{move || t().hosts_empty}</p>
                    </Show>
                }
            >
                <div class="table-wrap">
                    <table id="transition-hosts">
                        <caption>{move || t().hosts_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t().col_host}</th>
                                <th scope="col">{move || t().col_kinds}</th>
                                <th scope="col">{move || t().col_note}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
