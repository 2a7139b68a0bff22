//! `/audit`: the audit log for the board — every change, who made it, before and after —
//! narrowed by action, target type and dates, a page at a time.

use super::{keeps_register, non_empty};
use crate::api;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::reach::AuditEntry;
use constellation_shared::queries::members as q;
use leptos::prelude::*;

const PAGE_SIZE: i32 = 50;

/// The instant a local day (`YYYY-MM-DD`) starts, `plus` days later, in RFC 3339.
fn day_start(day: &str, plus: i32) -> Option<String> {
    let mut parts = day.trim().split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: i32 = parts.next()?.parse().ok()?;
    let date: i32 = parts.next()?.parse().ok()?;
    let at = js_sys::Date::new_with_year_month_day(year, month - 1, date + plus);
    (!at.get_time().is_nan()).then(|| String::from(at.to_iso_string()))
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    view! {
        <section aria-labelledby="audit-h">
            <h1 id="audit-h">{move || t().members().audit_title}</h1>
            <p class="lead">{move || t().members().audit_intro}</p>
            <Show
                when=move || keeps_register(session)
                fallback=move || view! {
                    <p class="notice">
                        {move || if !session.ready.get() { t().loading } else if session.me.with(Option::is_none) { t().sign_in_required } else { t().board_only }}
                    </p>
                }
            >
                <AuditLog />
            </Show>
        </section>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let action = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let entries = api::paged(session, move |call, after| {
        let vars = q::AuditLogVars {
            first: Some(PAGE_SIZE),
            after,
            action: non_empty(&action.get()),
            target_type: non_empty(&target.get()),
            from: day_start(&from.get(), 0),
            // The day chosen is included: up to the start of the next.
            to: day_start(&to.get(), 1),
            ..Default::default()
        };
        async move {
            call.page(q::AUDIT_LOG_FILTERED, vars, |d: q::AuditLogData| {
                d.audit_log
            })
            .await
        }
    });

    let input = move |id: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>,
                      label: fn(&crate::i18n::Strings) -> &'static str,
                      hint: Option<fn(&crate::i18n::Strings) -> &'static str>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id>{move || label(t())}</label>
                <input
                    id=id
                    type=kind
                    aria-describedby=hint.map(|_| hint_id.clone())
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {hint.map(|h| view! { <p id=hint_id.clone() class="field-msg">{move || h(t())}</p> })}
            </div>
        }
    };

    view! {
        <form class="filters" role="search" aria-label=move || t().members().audit_filters on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            {input("audit-action", "search", action, |s| s.members().audit_action, Some(|s| s.members().audit_action_hint))}
            {input("audit-target", "search", target, |s| s.members().audit_target, Some(|s| s.members().audit_target_hint))}
            {input("audit-from", "date", from, |s| s.members().audit_from, None)}
            {input("audit-to", "date", to, |s| s.members().audit_to, None)}
        </form>
        <Awaited data=entries.data>
        <Show when=move || entries.is_empty()>
            <p id="audit-empty">{move || t().members().audit_empty}</p>
        </Show>
        <div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0">
            <table id="audit">
                <caption id="audit-caption">{move || t().members().audit_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().members().col_when}</th>
                        <th scope="col">{move || t().members().col_who}</th>
                        <th scope="col">{move || t().members().col_action}</th>
                        <th scope="col">{move || t().members().col_target}</th>
                        <th scope="col">{move || t().members().col_change}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || entries.items()
                        key=|e| e.id
                        children=move |e| view! { <AuditRow entry=e /> }
                    />
                </tbody>
            </table>
        </div>
        <MoreButton list=entries id="audit-more" />
        </Awaited>
    }
}

#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let e = entry;
    let at = e.at.clone();
    let who = e.actor.as_ref().map(|a| a.display_name.clone());
    let diff = serde_json::to_string_pretty(&e.diff).unwrap_or_default();
    view! {
        <tr class="audit-entry" data-action=e.action.clone() data-target-type=e.target_type.clone()>
            <td><time datetime=e.at.clone()>{move || instant_label(&at, session.lang.get())}</time></td>
            <td>{move || who.clone().unwrap_or_else(|| t().members().audit_system.to_owned())}</td>
            <td><code>{e.action.clone()}</code></td>
            <td><code>{e.target_type.clone()}</code> " " <span class="muted">{e.target_id.clone()}</span></td>
            <td>
                <details>
                    <summary>{move || t().members().audit_show_change}</summary>
                    <pre class="diff">{diff}</pre>
                </details>
            </td>
        </tr>
    }
}
