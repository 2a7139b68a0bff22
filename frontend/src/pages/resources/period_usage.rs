//! One period of a pool: an accessible usage bar (`role="meter"`) and the same figures in
//! text, so nothing depends on colour or on the bar's length.

use super::percent;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::{Period, Pool};
use leptos::prelude::*;

#[component]
pub fn PeriodUsage(
    pool: Signal<Option<Pool>>,
    period_id: String,
    /// Shown under the figures (the board's capacity form).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let period = Memo::new(move |_| {
        pool.with(|p| {
            p.as_ref()
                .and_then(|p| p.periods.iter().find(|x| x.id == period_id))
                .cloned()
        })
    });
    let unit = move || pool.with(|p| p.as_ref().map(|p| p.unit.clone()).unwrap_or_default());
    let scale = move || pool.with(|p| p.as_ref().map_or(0, |p| p.scale));
    let field = move |f: fn(&Period) -> &String| {
        period.with(|p| p.as_ref().map(|p| f(p).clone()).unwrap_or_default())
    };
    let label = move || field(|p| &p.label);
    let granted = move || field(|p| &p.granted);
    let capacity = move || field(|p| &p.capacity);
    let remaining = move || field(|p| &p.remaining);
    let dates = move || {
        period.with(|p| {
            p.as_ref()
                .map(|p| format!("{} – {}", p.starts_on, p.ends_on))
                .unwrap_or_default()
        })
    };
    // Set through the CSSOM (`style:`), which the CSP allows; a `style` attribute it does not.
    let width = move || format!("{:.2}%", percent(&granted(), &capacity(), scale()));
    let aria_label = move || {
        let name = pool.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        format!("{} — {} {}", t().resources().usage_of, name, label())
    };
    let value_text = move || {
        format!(
            "{} / {} {u} {} — {} {} {u}",
            granted(),
            capacity(),
            t().resources().usage_granted,
            t().resources().usage_remaining,
            remaining(),
            u = unit(),
        )
    };
    view! {
        <div class="period" data-label=label>
            <p class="period-name">
                <strong class="period-label">{label}</strong>
                " "
                <span class="muted period-dates">{dates}</span>
            </p>
            <div
                class="usage"
                role="meter"
                aria-valuemin="0"
                aria-valuemax=capacity
                aria-valuenow=granted
                aria-valuetext=value_text
                aria-label=aria_label
            >
                <div class="usage-fill" style:width=width></div>
            </div>
            <p class="usage-text">
                <span class="granted">{granted}</span>
                " / "
                <span class="capacity">{capacity}</span>
                " " {unit} " " {move || t().resources().usage_granted}
                " — " {move || t().resources().usage_remaining} " "
                <span class="remaining">{remaining}</span>
                " " {unit}
            </p>
            {children.map(|c| c())}
        </div>
    }
}
