//! What each Lab holds, per pool and period: a hand-drawn SVG bar chart (each bar is a
//! share of its period's capacity, with the Lab and the amount written beside it) and the
//! same figures in a table, which is what screen readers read.

use super::percent;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::AllocationTotal;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const MARGIN: f64 = 8.0;
const ROW: f64 = 44.0;
const BAR: f64 = 14.0;

#[component]
pub fn AllocationChart(allocations: Signal<Vec<AllocationTotal>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let rows = move || {
        let mut rows = allocations.get();
        rows.sort_by(|a, b| {
            (&a.pool.name, &a.period.label, &a.lab.name).cmp(&(
                &b.pool.name,
                &b.period.label,
                &b.lab.name,
            ))
        });
        rows
    };
    let height = move || allocations.with(|a| a.len() as f64 * ROW + 2.0 * MARGIN);
    let bars = move || {
        rows()
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let y = MARGIN + i as f64 * ROW;
                let track = WIDTH - 2.0 * MARGIN;
                let share = percent(&a.granted, &a.period.capacity, a.pool.scale);
                let mut width = track * share / 100.0;
                if width < 2.0 && super::minor(&a.granted, a.pool.scale) > 0 {
                    width = 2.0;
                }
                let label = format!(
                    "{} — {} {}: {} {}",
                    a.lab.name, a.pool.name, a.period.label, a.granted, a.pool.unit
                );
                view! {
                    <g class="chart-row" data-lab=a.lab.slug.clone()>
                        <text x=MARGIN y=y + 14.0 class="chart-label">{label}</text>
                        <rect class="chart-track" x=MARGIN y=y + 20.0 width=track height=BAR rx="2"></rect>
                        <rect class="chart-bar" x=MARGIN y=y + 20.0 width=format!("{width:.2}") height=BAR rx="2"></rect>
                    </g>
                }
            })
            .collect_view()
    };
    let table_rows = move || {
        rows()
            .into_iter()
            .map(|a| {
                view! {
                    <tr class="allocation" data-lab=a.lab.slug.clone() data-pool=a.pool.name.clone() data-period=a.period.label.clone()>
                        <th scope="row" class="allocation-lab">{a.lab.name.clone()}</th>
                        <td class="allocation-pool">{a.pool.name.clone()}</td>
                        <td class="allocation-period">{a.period.label.clone()}</td>
                        <td class="allocation-amount num">{a.granted.clone()} " " {a.pool.unit.clone()}</td>
                        <td class="allocation-capacity num">{a.period.capacity.clone()} " " {a.pool.unit.clone()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Show
            when=move || allocations.with(|a| !a.is_empty())
            fallback=move || view! { <p id="allocations-empty">{move || t().resources().allocations_empty}</p> }
        >
            <svg
                id="allocation-chart"
                class="chart"
                role="img"
                aria-label=move || t().resources().allocation_chart_label
                viewBox=move || format!("0 0 {WIDTH} {}", height())
                width="100%"
                preserveAspectRatio="xMinYMin meet"
            >
                {bars}
            </svg>
            <div class="table-wrap">
                <table id="allocation-table">
                    <caption>{move || t().resources().allocation_table_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().resources().col_lab}</th>
                            <th scope="col">{move || t().resources().col_pool}</th>
                            <th scope="col">{move || t().resources().col_period}</th>
                            <th scope="col">{move || t().resources().col_held}</th>
                            <th scope="col">{move || t().resources().col_capacity}</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </Show>
    }
}
