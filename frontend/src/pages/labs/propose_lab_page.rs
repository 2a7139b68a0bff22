//! `/labs/new`: propose a Lab with its framing; the board reviews it.

use super::framing_form::{FramingFields, FramingForm};
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::ProposeLabInput;
use constellation_shared::queries::labs as q;
use constellation_shared::rules::slug::{is_valid_slug, suggest_slug};
use constellation_shared::{ErrorCode, ValidationReason};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

const FIELDS: &[&str] = &[
    "name",
    "slug",
    "themes",
    "description",
    "objectives",
    "scopeIn",
    "scopeOut",
    "expectedOutputs",
    "startDate",
    "endDate",
    "membershipPolicy",
    "participation",
    "visibility",
];

#[component]
pub fn ProposeLabPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let name = RwSignal::new(String::new());
    let slug = RwSignal::new(String::new());
    // The slug follows the name until the person types one of their own.
    let slug_edited = RwSignal::new(false);
    let framing = FramingFields::new();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();

    Effect::new(move |_| {
        let n = name.get();
        if !slug_edited.get_untracked() {
            slug.set(suggest_slug(&n));
        }
    });
    Effect::new(move |_| {
        let s = slug.get();
        let suggested = name.with_untracked(|n| suggest_slug(n));
        slug_edited.set(!s.is_empty() && s != suggested);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let slug_value = slug.get_untracked().trim().to_owned();
        if !slug_value.is_empty() && !is_valid_slug(&slug_value) {
            error.set(Some(ApiError {
                code: ErrorCode::Validation,
                field: Some("slug".to_owned()),
                reason: Some(ValidationReason::Invalid),
            }));
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        let vars = q::ProposeLabVars {
            input: ProposeLabInput {
                name: name.get_untracked().trim().to_owned(),
                slug: slug_value,
                framing: framing.to_input(),
            },
        };
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::LabResult>(q::PROPOSE_LAB, vars, session.token()).await;
            pending.set(false);
            match result {
                Ok(r) => match r.into_inner() {
                    Some(lab) => navigate(&format!("/labs/{}", lab.slug), Default::default()),
                    None => navigate("/labs", Default::default()),
                },
                Err(e) => error.set(Some(e)),
            }
        });
    };

    view! {
        <Show
            when=move || session.me.get().is_some()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <section class="wide-form">
                <h1>{move || t().labs().propose_lab_title}</h1>
                <p class="lead">{move || t().labs().propose_lab_intro}</p>
                <form on:submit=submit.clone() novalidate>
                    <Field name="name" label=|s| s.labs().lab_name value=name error=error />
                    <Field name="slug" label=|s| s.labs().lab_slug value=slug error=error hint=|s| s.labs().slug_hint />
                    <fieldset>
                        <legend>{move || t().labs().framing_title}</legend>
                        <FramingForm fields=framing error=error />
                    </fieldset>
                    <FormError error=error fields=FIELDS />
                    <button type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { t().working } else { t().labs().propose_lab_submit }}
                    </button>
                </form>
            </section>
        </Show>
    }
}
