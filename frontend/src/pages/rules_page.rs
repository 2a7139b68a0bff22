//! `/rules`: the common rules in force, their history with what each version changed, and
//! for the board, publishing a new version.

use crate::api::{self, with_loaded, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::loaded::Awaited;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use crate::session::{use_session, Session};
use constellation_shared::dto::labs::CommonRules;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::labs as q;
use constellation_shared::rules::diff::{diff_lines, Change};
use leptos::prelude::*;

#[component]
pub fn RulesPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let rules = api::load(session, |call| async move {
        let d: q::CommonRulesData = call.request(q::COMMON_RULES, NoVars {}).await?;
        let history: Vec<CommonRules> = d.common_rules_history.nodes().cloned().collect();
        Ok((d.common_rules, history))
    });
    let current = move || with_loaded(rules, |(c, _)| c.clone());
    let history = Signal::derive(move || with_loaded(rules, |(_, h)| h.clone()));

    let is_board = move || session.me.with(|m| m.as_ref().is_some_and(|m| m.is_board));

    let current_view = move || {
        match current() {
            None => view! { <p id="rules-none">{move || t().labs().rules_none}</p> }.into_any(),
            Some(r) => view! {
                <dl class="facts" id="rules-current" data-version=r.version>
                    <dt>{move || t().labs().rules_version}</dt>
                    <dd id="rules-version">{r.version}</dd>
                    <dt>{move || t().labs().rules_decision_ref}</dt>
                    <dd id="rules-decision">{r.decision_ref.clone()}</dd>
                    <dt>{move || t().labs().rules_adopted_at}</dt>
                    <dd id="rules-adopted"><time datetime=r.adopted_at.clone()>{r.adopted_at.clone()}</time></dd>
                </dl>
                <pre id="rules-body" class="rules-body">{r.body.clone()}</pre>
            }
            .into_any(),
        }
    };

    view! {
        <section aria-labelledby="rules-h">
            <h1 id="rules-h">{move || t().labs().rules_title}</h1>
            <Awaited data=rules>
            {current_view}
            <Show when=move || !history.with(Vec::is_empty)>
                <section aria-labelledby="rules-history-h">
                    <h2 id="rules-history-h">{move || t().labs().rules_history_title}</h2>
                    <RulesHistory history=history />
                </section>
            </Show>
            <Show when=is_board>
                <PublishForm session=session current=untrack(current) on_published=move || rules.refetch() />
            </Show>
            </Awaited>
        </section>
    }
}

/// Each version (newest first) with what it changed from the one before.
#[component]
fn RulesHistory(history: Signal<Vec<CommonRules>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    move || {
        let versions = history.get();
        versions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                // Newest first: the previous version is the next one in the list.
                let previous = versions.get(i + 1);
                let lines = diff_lines(previous.map(|p| p.body.as_str()).unwrap_or(""), &r.body)
                    .into_iter()
                    .map(|l| {
                        let (class, sign, hidden): (
                            _,
                            _,
                            fn(&crate::i18n::Strings) -> &'static str,
                        ) = match l.change {
                            Change::Added => ("added", "+ ", |s| s.labs().diff_added),
                            Change::Removed => ("removed", "- ", |s| s.labs().diff_removed),
                            Change::Same => ("same", "  ", |_| ""),
                        };
                        view! {
                            <span class=format!("diff-line {class}")>
                                <span class="sign" aria-hidden="true">{sign}</span>
                                <span class="sr-only">{move || hidden(t())}</span>
                                {l.text}
                                "\n"
                            </span>
                        }
                    })
                    .collect_view();
                let first = previous.is_none();
                view! {
                    <details class="rules-version" data-version=r.version>
                        <summary>
                            {move || t().labs().rules_version} " " {r.version} " — "
                            {r.decision_ref.clone()} " — "
                            <time datetime=r.adopted_at.clone()>{r.adopted_at.clone()}</time>
                            {first.then(|| view! { " (" {move || t().labs().rules_first_version} ")" })}
                        </summary>
                        <p class="muted">{move || t().labs().rules_changes}</p>
                        <pre class="diff">{lines}</pre>
                    </details>
                }
            })
            .collect_view()
    }
}

#[component]
fn PublishForm(
    session: Session,
    /// The version in force when the form opens: its text is the starting point.
    current: Option<CommonRules>,
    on_published: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = move || strings(session.lang.get());
    let body = RwSignal::new(current.map(|r| r.body).unwrap_or_default());
    let decision_ref = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        note.set(None);
        let vars = q::PublishRulesVars {
            body: body.get_untracked(),
            decision_ref: decision_ref.get_untracked().trim().to_owned(),
        };
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::PublishRulesData>(
                q::PUBLISH_COMMON_RULES,
                vars,
                session.token(),
            )
            .await;
            pending.set(false);
            match result {
                Ok(d) => {
                    body.set(d.publish_common_rules.body);
                    decision_ref.set(String::new());
                    note.set(Some(
                        strings(session.lang.get_untracked()).labs().rules_published,
                    ));
                    on_published();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section aria-labelledby="publish-h" class="board">
            <h2 id="publish-h">{move || t().labs().rules_publish_title}</h2>
            <form on:submit=submit novalidate id="publish-rules">
                <TextArea name="body" label=|s| s.labs().rules_body value=body error=error rows=16 />
                <Field name="decisionRef" label=|s| s.labs().rules_decision_ref value=decision_ref error=error />
                <FormError error=error fields=&["body", "decisionRef"] />
                <FormNote text=note.into() />
                <button type="submit" id="publish" disabled=move || pending.get()>
                    {move || if pending.get() { t().working } else { t().labs().rules_publish_submit }}
                </button>
            </form>
        </section>
    }
}
