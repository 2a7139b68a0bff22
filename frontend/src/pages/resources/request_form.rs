//! Coordinators of an active Lab ask the board for resources, for the Lab or one of its
//! accepted projects. Asking more than what remains is allowed: the form only shows it.

use super::lab_resources::LabResourcesCtx;
use super::{checked_amount, non_empty};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::labs::ProjectStatus;
use constellation_shared::dto::resources::{Pool, RequestInput};
use constellation_shared::queries::resources as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &["periodId", "projectId", "amount", "justification"];

#[component]
pub fn RequestForm(res: LabResourcesCtx) -> impl IntoView {
    let session = res.lab.session;
    let t = move || strings(session.lang.get());
    let pool_id = RwSignal::new(String::new());
    let period_id = RwSignal::new(String::new());
    let project_id = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let justification = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let pool = Memo::new(move |_| {
        let id = pool_id.get();
        res.pools.with(|ps| ps.iter().find(|p| p.id == id).cloned())
    });
    let pool_options = move || {
        res.pools.with(|ps| {
            ps.iter()
                .map(|p| (p.id.clone(), format!("{} ({})", p.name, p.unit)))
                .collect::<Vec<_>>()
        })
    };
    let period_options = move || {
        pool.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.periods
                        .iter()
                        .map(|x| (x.id.clone(), x.label.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let remaining = move || {
        pool.with(|p| {
            p.as_ref().and_then(|p| {
                let id = period_id.get();
                p.periods
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| (x.remaining.clone(), p.unit.clone()))
            })
        })
    };
    let projects = move || {
        res.lab.lab.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.projects
                        .nodes()
                        .filter(|p| {
                            matches!(
                                p.status,
                                ProjectStatus::Accepted | ProjectStatus::InProgress
                            )
                        })
                        .map(|p| (p.id.clone(), p.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // A chosen pool brings its first period; the pools' list may change under the form.
    let choose_pool = move |id: String| {
        let first = res.pools.with_untracked(|ps| {
            ps.iter()
                .find(|p| p.id == id)
                .and_then(|p: &Pool| p.periods.first().map(|x| x.id.clone()))
        });
        pool_id.set(id);
        period_id.set(first.unwrap_or_default());
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        res.note.set(None);
        let Some(pool) = pool.get_untracked() else {
            error.set(Some(ApiError::invalid(
                "periodId",
                ValidationReason::Required,
            )));
            return;
        };
        let period = period_id.get_untracked();
        if period.is_empty() {
            error.set(Some(ApiError::invalid(
                "periodId",
                ValidationReason::Required,
            )));
            return;
        }
        let amount_value =
            match checked_amount(&amount.get_untracked(), pool.scale, "amount", false) {
                Ok(a) => a,
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            };
        let vars = q::FileRequestVars {
            input: RequestInput {
                lab_id: res.lab.id(),
                project_id: non_empty(&project_id.get_untracked()),
                period_id: period,
                amount: amount_value,
                justification: justification.get_untracked(),
            },
        };
        mutate(
            session,
            q::FILE_REQUEST,
            vars,
            error,
            busy,
            move |_: q::RequestResult| {
                amount.set(String::new());
                justification.set(String::new());
                res.say(|s| s.resources().request_filed);
                res.reload();
            },
        );
    };

    let field_message = move |field: &'static str| {
        move || {
            error
                .get()
                .and_then(|e| e.for_field(field, session.lang.get()))
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| e.field.as_deref() == Some(field))
                .to_string()
        }
    };

    view! {
        <section aria-labelledby="request-form-h" class="request-form">
            <h3 id="request-form-h">{move || t().resources().request_form_title}</h3>
            <form id="request-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="request-pool">{move || t().resources().request_pool}</label>
                    <select
                        id="request-pool"
                        name="poolId"
                        required
                        prop:value=move || pool_id.get()
                        on:change=move |ev| choose_pool(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || pool_id.get().is_empty()>
                            {move || t().resources().choose_pool}
                        </option>
                        <For
                            each=pool_options
                            key=|o| o.clone()
                            children=move |(id, label)| {
                                let v = id.clone();
                                view! {
                                    <option value=id prop:selected=move || pool_id.get() == v>{label}</option>
                                }
                            }
                        />
                    </select>
                </div>
                <div class="field">
                    <label for="request-period">{move || t().resources().request_period}</label>
                    <select
                        id="request-period"
                        name="periodId"
                        required
                        disabled=move || pool.with(Option::is_none)
                        aria-invalid=invalid("periodId")
                        aria-describedby="request-period-msg request-remaining"
                        prop:value=move || period_id.get()
                        on:change=move |ev| period_id.set(event_target_value(&ev))
                    >
                        <Show when=move || pool.with(Option::is_none)>
                            <option value="">{move || t().resources().choose_period}</option>
                        </Show>
                        <For
                            each=period_options
                            key=|o| o.clone()
                            children=move |(id, label)| {
                                let v = id.clone();
                                view! {
                                    <option value=id prop:selected=move || period_id.get() == v>{label}</option>
                                }
                            }
                        />
                    </select>
                    <p id="request-remaining" class="remaining-note" aria-live="polite">
                        {move || remaining().map(|(r, unit)| view! {
                            {move || t().resources().remaining_label} " "
                            <span class="remaining">{r}</span> " " {unit}
                        })}
                    </p>
                    <p id="request-period-msg" class="field-msg" aria-live="polite">{field_message("periodId")}</p>
                </div>
                <div class="field">
                    <label for="request-project">{move || t().resources().request_project}</label>
                    <select
                        id="request-project"
                        name="projectId"
                        aria-invalid=invalid("projectId")
                        aria-describedby="request-project-msg"
                        prop:value=move || project_id.get()
                        on:change=move |ev| project_id.set(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || project_id.get().is_empty()>
                            {move || t().resources().request_for_lab}
                        </option>
                        <For
                            each=projects
                            key=|o| o.clone()
                            children=move |(id, title)| {
                                let v = id.clone();
                                view! {
                                    <option value=id prop:selected=move || project_id.get() == v>{title}</option>
                                }
                            }
                        />
                    </select>
                    <p id="request-project-msg" class="field-msg" aria-live="polite">{field_message("projectId")}</p>
                </div>
                <Field
                    name="amount"
                    id="request-amount"
                    label=|s| s.resources().request_amount
                    value=amount
                    error=error
                    inputmode="decimal"
                    describedby="request-remaining"
                />
                <TextArea
                    name="justification"
                    id="request-justification"
                    label=|s| s.resources().request_justification
                    value=justification
                    error=error
                />
                <FormError error=error fields=FIELDS />
                <button type="submit" id="request-submit" disabled=move || busy.get()>
                    {move || t().resources().request_submit}
                </button>
            </form>
        </section>
    }
}
