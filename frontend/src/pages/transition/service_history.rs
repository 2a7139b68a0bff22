//! A service's history: every change of status, who made it, when, and why.

use super::service_state::ServiceCtx;
use crate::i18n::strings;
use crate::pages::resources::date_of;
use leptos::prelude::*;

#[component]
pub fn ServiceHistory(ctx: ServiceCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get()).transition();
    let steps = move || {
        ctx.service.with(|s| {
            s.as_ref()
                .and_then(|s| s.history.as_ref())
                .map(|h| h.nodes().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let rows = move || {
        steps()
            .into_iter()
            .map(|st| {
                let (from, to, path) = (st.from_status, st.to_status, st.path);
                let who = st.actor.as_ref().map(|a| a.display_name.clone());
                let change = move || {
                    let tr = t();
                    let mut out = match from {
                        Some(f) if f != to => format!("{} → {}", tr.status(f), tr.status(to)),
                        Some(_) => tr.status(to).to_owned(),
                        None => format!("{} ({})", tr.status(to), tr.history_created),
                    };
                    if path.is_some() {
                        out.push_str(" — ");
                        out.push_str(tr.path(path));
                    }
                    out
                };
                view! {
                    <tr class="service-step" data-to=to.as_str()>
                        <th scope="row"><time datetime=st.at.clone()>{date_of(&st.at)}</time></th>
                        <td>{move || who.clone().unwrap_or_else(|| t().someone.to_owned())}</td>
                        <td>{change}</td>
                        <td>{st.reason.clone().unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="service-history-h">
            <h2 id="service-history-h">{move || t().history_title}</h2>
            <Show
                when=move || !steps().is_empty()
                fallback=move || view! { <p id="service-history-empty">{move || t().history_empty}</p> }
            >
                <div class="table-wrap">
                    <table id="service-history">
                        <caption>{move || t().history_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t().col_when}</th>
                                <th scope="col">{move || t().col_who}</th>
                                <th scope="col">{move || t().col_change}</th>
                                <th scope="col">{move || t().col_reason}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
