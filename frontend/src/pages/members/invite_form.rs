//! Inviting people by e-mail: one address, or a pasted roster ("name, e-mail, kind" per
//! line), or a roster file (CSV with a header `name,email,kind`). A list or a file is all or
//! nothing: the report says which lines to correct.

use super::parse_kind;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::components::select::pick_into;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::reach::{InvitationReport, InviteInput};
use constellation_shared::queries::members as q;
use constellation_shared::MembershipKind;
use leptos::prelude::*;

/// A refused line, as the report shows it.
#[derive(Clone, PartialEq)]
struct Problem {
    /// In the text as typed (1-based).
    line: usize,
    email: String,
    message: String,
}

/// What the last sending gave.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// Not one address.
    Empty,
    /// No file chosen (or an empty one).
    NoFile,
    Sent(i32),
    Refused(Vec<Problem>),
}

/// The lines that hold someone, each with its line number; a header line (`name,email,kind`)
/// is skipped. A line is `email`, `name, email`, `email, kind` or `name, email, kind`
/// (commas, semicolons or tabs).
fn parse(text: &str, default: MembershipKind) -> Result<Vec<(usize, InviteInput)>, usize> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let fields: Vec<String> = raw
            .split([',', ';', '\t'])
            .map(|f| f.trim().trim_matches('"').trim().to_owned())
            .collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        let at = fields.iter().position(|f| f.contains('@'));
        let Some(at) = at else {
            let header = fields
                .iter()
                .any(|f| matches!(f.to_lowercase().as_str(), "email" | "e-mail" | "courriel"));
            if header {
                continue;
            }
            // No address: the server explains it for this line.
            out.push((
                i + 1,
                InviteInput {
                    email: fields.join(" "),
                    display_name: None,
                    kind: default,
                },
            ));
            continue;
        };
        let name = fields[..at]
            .iter()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let kind = match fields.get(at + 1).filter(|k| !k.is_empty()) {
            None => default,
            Some(k) => parse_kind(k).ok_or(i + 1)?,
        };
        out.push((
            i + 1,
            InviteInput {
                email: fields[at].clone(),
                display_name: (!name.is_empty()).then_some(name),
                kind,
            },
        ));
    }
    Ok(out)
}

/// The report as the page shows it; `line_of` maps the server's line to the one the board
/// sees (a pasted list skips blank lines; a file's lines are its own).
fn outcome_of(
    report: InvitationReport,
    lang: constellation_shared::Language,
    line_of: impl Fn(i32) -> usize,
) -> Outcome {
    if report.problems.is_empty() {
        return Outcome::Sent(report.invited);
    }
    Outcome::Refused(
        report
            .problems
            .into_iter()
            .map(|p| Problem {
                line: line_of(p.line),
                email: p.email,
                message: ApiError {
                    code: p.code,
                    field: p.field,
                    reason: p.reason,
                }
                .message(lang)
                .to_owned(),
            })
            .collect(),
    )
}

/// The text of the file chosen in `input`, if any.
async fn file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

#[component]
pub fn InviteForm(sent: RwSignal<u64>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let text = RwSignal::new(String::new());
    let default_kind = RwSignal::new(MembershipKind::Adherent);
    let error = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        outcome.set(None);
        let lang = session.lang.get_untracked();
        let s = strings(lang);
        let default = default_kind.get_untracked();
        let source = text.get_untracked();
        let lines = match parse(&source, default) {
            Ok(lines) => lines,
            Err(line) => {
                let email = source
                    .lines()
                    .nth(line - 1)
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                outcome.set(Some(Outcome::Refused(vec![Problem {
                    line,
                    email,
                    message: s.members().invite_bad_kind.to_owned(),
                }])));
                return;
            }
        };
        if lines.is_empty() {
            outcome.set(Some(Outcome::Empty));
            return;
        }
        busy.set(true);
        let numbers: Vec<usize> = lines.iter().map(|(n, _)| *n).collect();
        let vars = q::InviteMembersVars {
            invitations: lines.into_iter().map(|(_, i)| i).collect(),
        };
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::InviteMembersData>(q::INVITE_MEMBERS, vars, session.token())
                    .await;
            busy.try_set(false);
            match result {
                Ok(d) => {
                    let lang = session.lang.get_untracked();
                    let o = outcome_of(d.invite_members, lang, |l| {
                        usize::try_from(l)
                            .ok()
                            .and_then(|l| numbers.get(l.wrapping_sub(1)).copied())
                            .unwrap_or_default()
                    });
                    if matches!(o, Outcome::Sent(_)) {
                        text.try_set(String::new());
                        sent.try_update(|n| *n += 1);
                    }
                    outcome.try_set(Some(o));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    let file = NodeRef::<leptos::html::Input>::new();
    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        outcome.set(None);
        let Some(input) = file.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let Some(csv) = file_text(&input).await.filter(|c| !c.trim().is_empty()) else {
                busy.try_set(false);
                outcome.try_set(Some(Outcome::NoFile));
                return;
            };
            let vars = q::ImportMembersVars { csv };
            let result =
                api::request::<_, q::ImportMembersData>(q::IMPORT_MEMBERS, vars, session.token())
                    .await;
            busy.try_set(false);
            match result {
                Ok(d) => {
                    let lang = session.lang.get_untracked();
                    let o = outcome_of(d.import_members, lang, |l| {
                        usize::try_from(l).unwrap_or_default()
                    });
                    if matches!(o, Outcome::Sent(_)) {
                        input.set_value("");
                        sent.try_update(|n| *n += 1);
                    }
                    outcome.try_set(Some(o));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    let report = move || {
        let s = strings(session.lang.get());
        outcome.get().map(|o| match o {
            Outcome::Empty => view! {
                <p class="form-error">{s.members().invite_nothing}</p>
            }
            .into_any(),
            Outcome::NoFile => view! {
                <p class="form-error">{s.members().import_no_file}</p>
            }
            .into_any(),
            Outcome::Sent(n) => view! {
                <p class="form-note" id="invite-sent">{s.members().invited(n)}</p>
            }
            .into_any(),
            Outcome::Refused(problems) => view! {
                <p class="form-error">{s.members().invite_refused}</p>
                <ul id="invite-problems" class="problems">
                    {problems
                        .into_iter()
                        .map(|p| view! {
                            <li data-line=p.line>
                                {fill(s.members().invite_problem, &[&p.line.to_string(), &p.email, &p.message])}
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        })
    };

    view! {
        <section aria-labelledby="invite-h" class="board">
            <h2 id="invite-h">{move || t().members().invite_title}</h2>
            <p class="muted">{move || t().members().invite_intro}</p>
            <form id="invite-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="invite-list">{move || t().members().invite_list}</label>
                    <textarea
                        id="invite-list"
                        name="invitations"
                        rows="5"
                        aria-describedby="invite-list-hint"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                    <p id="invite-list-hint" class="field-msg">{move || t().members().invite_list_hint}</p>
                </div>
                <div class="field">
                    <label for="invite-kind">{move || t().members().invite_default_kind}</label>
                    <select id="invite-kind" prop:value=move || default_kind.get().as_str() on:change=pick_into(default_kind)>
                        {super::kind_options(session, move |k| default_kind.get() == k)}
                    </select>
                </div>
                <FormError error=error fields=&[] />
                <button type="submit" id="invite-submit" disabled=move || busy.get()>
                    {move || if busy.get() { t().working } else { t().members().invite_submit }}
                </button>
            </form>
            <form id="import-form" on:submit=import novalidate>
                <h3>{move || t().members().import_title}</h3>
                <div class="field">
                    <label for="import-file">{move || t().members().import_file}</label>
                    <input
                        type="file"
                        id="import-file"
                        name="roster"
                        accept=".csv,text/csv"
                        aria-describedby="import-file-hint"
                        node_ref=file
                    />
                    <p id="import-file-hint" class="field-msg">{move || t().members().import_hint}</p>
                </div>
                <button type="submit" id="import-submit" disabled=move || busy.get()>
                    {move || if busy.get() { t().working } else { t().members().import_submit }}
                </button>
            </form>
            <div id="invite-report" role="status" aria-live="polite">{report}</div>
        </section>
    }
}
