//! The working group's recommended hosts, as a table everyone reads.

use crate::api;
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::RecommendedHost;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

#[component]
pub fn HostsList() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let hosts = api::load(session, |call| async move {
        let vars = |first, after| q::HostsVars {
            kind: None,
            first,
            after,
        };
        call.all(q::HOSTS, vars, |d: q::HostsData| d.recommended_hosts)
            .await
    });
    let rows = move |hosts: Vec<RecommendedHost>| {
        hosts
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
            <Loaded data=hosts let:list>
            <Show
                when={let some = !list.is_empty(); move || some}
                fallback=move || view! { <p id="transition-hosts-empty">{move || t().hosts_empty}</p> }
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
                        <tbody>{rows(list.clone())}</tbody>
                    </table>
                </div>
            </Show>
            </Loaded>
        </section>
    }
}
