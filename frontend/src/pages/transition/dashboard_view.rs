//! The dashboard everyone sees: how many services, by status and by path (chart and
//! table), those at risk, and the progress day by day.

use super::dashboard_chart::{Bar, DashboardChart};
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::transition::{Dashboard, ServiceStatus};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DashboardView(dashboard: Signal<Dashboard>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let by_status = Signal::derive(move || {
        let tr = t();
        dashboard.with(|d| {
            ServiceStatus::ALL
                .iter()
                .map(|s| Bar {
                    key: s.as_str(),
                    label: tr.status(*s),
                    count: d
                        .by_status
                        .iter()
                        .find(|c| c.status == *s)
                        .map_or(0, |c| c.count),
                })
                .collect()
        })
    });
    let by_path = Signal::derive(move || {
        let tr = t();
        dashboard.with(|d| {
            d.by_path
                .iter()
                .map(|c| Bar {
                    key: c.path.map_or("NONE", |p| p.as_str()),
                    label: tr.path(c.path),
                    count: c.count,
                })
                .collect()
        })
    });
    let at_risk = move || {
        dashboard
            .with(|d| d.at_risk_services.nodes().cloned().collect::<Vec<_>>())
            .into_iter()
            .map(|s| {
                    let href = format!("/transition/services/{}", s.id);
                    let (kind, status) = (s.kind, s.status);
                    view! {
                        <li class="at-risk-service" data-id=s.id.clone()>
                            <A href=href>{s.name.clone()}</A>
                            " — " {move || t().kind(kind)} " — "
                            <span class="badge" data-status=status.as_str()>{move || t().status(status)}</span>
                        </li>
                    }
                })
                .collect_view()
    };
    let listed = move || dashboard.with(|d| !d.at_risk_services.edges.is_empty());
    let progress = move || {
        dashboard
            .with(|d| d.progress.nodes().cloned().collect::<Vec<_>>())
            .into_iter()
            .map(|p| {
                view! {
                    <tr>
                        <th scope="row"><time datetime=p.on.clone()>{p.on.clone()}</time></th>
                        <td class="num planned">{p.planned}</td>
                        <td class="num migrated">{p.migrated}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let no_progress = move || dashboard.with(|d| d.progress.edges.is_empty());
    view! {
        <section aria-labelledby="transition-dashboard-h" id="transition-dashboard">
            <h2 id="transition-dashboard-h">{move || t().dashboard_title}</h2>
            <dl class="facts">
                <dt>{move || t().total_label}</dt>
                <dd id="transition-total">{move || dashboard.with(|d| d.total)}</dd>
                <dt>{move || t().internal_label}</dt>
                <dd id="transition-internal">{move || dashboard.with(|d| d.internal)}</dd>
                <dt>{move || t().at_risk_label}</dt>
                <dd id="transition-at-risk-count">{move || dashboard.with(|d| d.at_risk)}</dd>
            </dl>
            <h3>{move || t().by_status_title}</h3>
            <DashboardChart
                id="transition-by-status"
                caption=|s| s.transition().by_status_caption
                chart_label=|s| s.transition().chart_status_label
                column=|s| s.transition().col_status
                bars=by_status
            />
            <h3>{move || t().by_path_title}</h3>
            <DashboardChart
                id="transition-by-path"
                caption=|s| s.transition().by_path_caption
                chart_label=|s| s.transition().chart_path_label
                column=|s| s.transition().col_path
                bars=by_path
            />
            <h3>{move || t().at_risk_title}</h3>
            <p>
                {move || {
                    let days = dashboard.with(|d| d.at_risk_days).to_string();
                    fill(t().at_risk_intro, &[&days])
                }}
            </p>
            <Show
                when=move || dashboard.with(|d| d.at_risk > 0)
                fallback=move || view! { <p id="transition-at-risk-none">{move || t().at_risk_none}</p> }
            >
                <Show when=listed fallback=move || view! { <p class="muted">{move || t().at_risk_hidden}</p> }>
                    <ul id="transition-at-risk">{at_risk}</ul>
                </Show>
            </Show>
            <h3>{move || t().progress_title}</h3>
            <Show
                when=move || !no_progress()
                fallback=move || view! { <p id="transition-progress-empty">{move || t().progress_empty}</p> }
            >
                <div class="table-wrap">
                    <table id="transition-progress">
                        <caption>{move || t().progress_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t().col_day}</th>
                                <th scope="col">{move || t().col_planned}</th>
                                <th scope="col">{move || t().col_migrated}</th>
                            </tr>
                        </thead>
                        <tbody>{progress}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
