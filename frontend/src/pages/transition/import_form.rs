//! The association's existing inventory as CSV (board), from a file or pasted: all or
//! nothing. The report lists each refused line (the header is line 1) with its column and
//! why; the expected columns are shown as help.

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::ImportReport;
use constellation_shared::queries::transition as t;
use constellation_shared::{ErrorCode, ValidationReason};
use leptos::prelude::*;

const EXAMPLE: &str = "kind,name,holders,description,address,internal\n\
website,voisins.be,marie@example.org,Site du comité,https://voisins.be,no\n\
mailing_list,voisins@listes,marie@example.org|paul@example.org,,voisins@listes.example.org,no";

/// The text of the file chosen in `input`, if any.
async fn file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

/// Why a line was refused, as a person reads it.
fn why(code: &str, reason: Option<&str>, lang: constellation_shared::Language) -> &'static str {
    let reason =
        reason.and_then(|r| serde_json::from_value::<ValidationReason>(serde_json::json!(r)).ok());
    ApiError {
        code: ErrorCode::parse(code),
        field: None,
        reason,
    }
    .message(lang)
}

#[component]
pub fn ImportForm(imported: Callback<()>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let csv = RwSignal::new(String::new());
    let report = RwSignal::new(None::<ImportReport>);
    let empty = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let file = NodeRef::<leptos::html::Input>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        report.set(None);
        empty.set(false);
        busy.set(true);
        let input = file.get_untracked();
        leptos::task::spawn_local(async move {
            let from_file = match &input {
                Some(i) => file_text(i).await,
                None => None,
            };
            let text = from_file
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| csv.get_untracked());
            if text.trim().is_empty() {
                busy.try_set(false);
                empty.try_set(true);
                return;
            }
            let vars = t::ImportVars { csv: text };
            let r =
                api::request::<_, t::ImportData>(t::IMPORT_SERVICES, vars, session.token()).await;
            busy.try_set(false);
            match r {
                Ok(d) => {
                    let rep = d.import_transition_services;
                    if rep.problems.is_empty() {
                        csv.try_set(String::new());
                        if let Some(i) = &input {
                            i.set_value("");
                        }
                        imported.run(());
                    }
                    report.try_set(Some(rep));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    let shown = move || {
        let lang = session.lang.get();
        let s = strings(lang).transition_board();
        if empty.get() {
            return Some(view! { <p class="form-error">{s.import_empty}</p> }.into_any());
        }
        let rep = report.get()?;
        if rep.problems.is_empty() {
            return Some(view! { <p class="form-note" id="transition-import-done">{s.imported(rep.imported)}</p> }.into_any());
        }
        Some(view! {
            <p class="form-error" id="transition-import-refused">{s.import_refused}</p>
            <table id="transition-import-problems" class="problems">
                <caption>{s.import_report_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.import_line}</th>
                        <th scope="col">{s.import_service}</th>
                        <th scope="col">{s.import_field}</th>
                        <th scope="col">{s.import_reason}</th>
                    </tr>
                </thead>
                <tbody>
                    {rep.problems.into_iter().map(|p| view! {
                        <tr class="import-problem" data-line=p.line>
                            <th scope="row">{p.line}</th>
                            <td>{p.name.clone()}</td>
                            <td class="import-field">{p.field.clone().unwrap_or_default()}</td>
                            <td class="import-reason">{why(&p.code, p.reason.as_deref(), lang)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any())
    };

    let column = move |name: &'static str,
                       required: bool,
                       what: fn(
        &crate::i18n::transition_board::TransitionBoardStrings,
    ) -> &'static str| {
        view! {
            <dt><code>{name}</code> " (" {move || if required { t().import_required } else { t().import_optional }} ")"</dt>
            <dd>{move || what(t())}</dd>
        }
    };

    view! {
        <section aria-labelledby="import-h">
            <h2 id="import-h">{move || t().import_title}</h2>
            <p class="muted">{move || t().import_intro}</p>
            <details id="transition-import-help">
                <summary>{move || t().import_columns}</summary>
                <dl class="facts">
                    {column("kind", true, |s| s.col_kind)}
                    {column("name", true, |s| s.col_name)}
                    {column("holders", true, |s| s.col_holders)}
                    {column("description", false, |s| s.col_description)}
                    {column("address", false, |s| s.col_address)}
                    {column("internal", false, |s| s.col_internal)}
                </dl>
                <p>{move || t().import_example}</p>
                <pre><code>{EXAMPLE}</code></pre>
            </details>
            <form id="import-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="transition-import-file">{move || t().import_file}</label>
                    <input type="file" id="transition-import-file" name="inventory" accept=".csv,text/csv" node_ref=file />
                </div>
                <div class="field">
                    <label for="transition-import-csv">{move || t().import_csv}</label>
                    <textarea
                        id="transition-import-csv"
                        name="csv"
                        rows="6"
                        aria-describedby="transition-import-csv-hint"
                        prop:value=move || csv.get()
                        on:input=move |ev| csv.set(event_target_value(&ev))
                    ></textarea>
                    <p id="transition-import-csv-hint" class="field-msg">{move || t().import_csv_hint}</p>
                </div>
                <FormError error=error />
                <button type="submit" id="transition-import-submit" disabled=move || busy.get()>
                    {move || if busy.get() { strings(session.lang.get()).working } else { t().import_submit }}
                </button>
            </form>
            <div id="transition-import-report" role="status" aria-live="polite">{shown}</div>
        </section>
    }
}
