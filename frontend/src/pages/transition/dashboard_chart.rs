//! Counts as a hand-drawn SVG bar chart (each bar a share of the largest count, its label
//! and figure written beside it) and the same figures in a table, which is what screen
//! readers read: the chart is one image with a name saying so.

use crate::i18n::{strings, Strings};
use crate::session::use_session;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const MARGIN: f64 = 8.0;
const ROW: f64 = 40.0;
const BAR: f64 = 14.0;

/// One bar: the wire value (kept in `data-key`), its label, its count.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub key: &'static str,
    pub label: &'static str,
    pub count: i64,
}

/// `id` is the table's; the chart's is `{id}-chart`.
#[component]
pub fn DashboardChart(
    id: &'static str,
    caption: fn(&Strings) -> &'static str,
    chart_label: fn(&Strings) -> &'static str,
    column: fn(&Strings) -> &'static str,
    bars: Signal<Vec<Bar>>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let height = move || bars.with(|b| b.len() as f64 * ROW + 2.0 * MARGIN);
    let drawn = move || {
        let rows = bars.get();
        let most = rows.iter().map(|b| b.count).max().unwrap_or(0).max(1);
        rows.into_iter()
            .enumerate()
            .map(|(i, b)| {
                let y = MARGIN + i as f64 * ROW;
                let track = WIDTH - 2.0 * MARGIN;
                let mut width = track * b.count as f64 / most as f64;
                if width < 2.0 && b.count > 0 {
                    width = 2.0;
                }
                view! {
                    <g class="chart-row" data-key=b.key>
                        <text x=MARGIN y=y + 12.0 class="chart-label">{format!("{}: {}", b.label, b.count)}</text>
                        <rect class="chart-track" x=MARGIN y=y + 18.0 width=track height=BAR rx="2"></rect>
                        <rect class="chart-bar" x=MARGIN y=y + 18.0 width=format!("{width:.2}") height=BAR rx="2"></rect>
                    </g>
                }
            })
            .collect_view()
    };
    let rows = move || {
        bars.get()
            .into_iter()
            .map(|b| {
                view! {
                    <tr data-key=b.key>
                        <th scope="row">{b.label}</th>
                        <td class="num count">{b.count}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <svg
            id=format!("{id}-chart")
            class="chart"
            role="img"
            aria-label=move || chart_label(t())
            viewBox=move || format!("0 0 {WIDTH} {}", height())
            width="100%"
            preserveAspectRatio="xMinYMin meet"
        >
            {drawn}
        </svg>
        <div class="table-wrap">
            <table id=id>
                <caption>{move || caption(t())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || column(t())}</th>
                        <th scope="col">{move || t().transition().col_count}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
