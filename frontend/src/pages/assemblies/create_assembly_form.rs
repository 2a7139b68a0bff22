//! The board prepares an assembly: kind, title, date and time (typed in local time, sent
//! in UTC), place, the minutes' language, and the first convocation when this is a second.

use super::{instant_label, local_to_utc, sort_assemblies};
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::{Choice, EnumSelect, Select, SelectOption};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::assemblies::{AssemblyInput, AssemblyKind, AssemblySummary};
use constellation_shared::queries::assemblies as q;
use constellation_shared::{Language, ValidationReason};
use leptos::prelude::*;

const FIELDS: &[&str] = &[
    "kind",
    "title",
    "startsAt",
    "place",
    "language",
    "firstConvocationId",
];

fn language_wire(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "FR",
        Language::En => "EN",
    }
}

fn language_from_wire(value: &str) -> Language {
    match value {
        "EN" => Language::En,
        _ => Language::Fr,
    }
}

#[component]
pub fn CreateAssemblyForm(
    assemblies: LocalResource<Result<Vec<AssemblySummary>, crate::api::ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let t = move || strings(lang.get());
    let kind = RwSignal::new(AssemblyKind::Ordinary);
    let title = RwSignal::new(String::new());
    let starts_at = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let language = RwSignal::new(language_wire(lang.get_untracked()).to_owned());
    let first = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        if busy.get_untracked() {
            return;
        }
        let Some(instant) = local_to_utc(&starts_at.get_untracked()) else {
            error.set(Some(ApiError::invalid(
                "startsAt",
                ValidationReason::Invalid,
            )));
            return;
        };
        let first_id = first.get_untracked();
        let vars = q::CreateAssemblyVars {
            input: AssemblyInput {
                kind: kind.get_untracked(),
                title: title.get_untracked().trim().to_owned(),
                starts_at: instant,
                place: place.get_untracked().trim().to_owned(),
                language: language_from_wire(&language.get_untracked()),
                first_convocation_id: (!first_id.is_empty()).then_some(first_id),
            },
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = crate::api::request::<_, q::AssemblyResult>(
                q::CREATE_ASSEMBLY,
                vars,
                session.token(),
            )
            .await;
            busy.try_set(false);
            match result {
                Ok(r) => {
                    if let Some(a) = r.into_inner() {
                        crate::api::update_loaded(assemblies, |list| {
                            list.push(AssemblySummary {
                                id: a.id,
                                kind: a.kind,
                                title: a.title,
                                starts_at: a.starts_at,
                                place: a.place,
                                status: a.status,
                            });
                            sort_assemblies(list);
                        });
                    }
                    for s in [title, starts_at, place, first] {
                        s.try_set(String::new());
                    }
                    note.try_set(Some(
                        strings(lang.get_untracked()).assemblies().assembly_created,
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    let kinds: [Choice<AssemblyKind>; 2] = [
        (AssemblyKind::Ordinary, |s| s.assemblies().kind_ordinary),
        (AssemblyKind::Extraordinary, |s| {
            s.assemblies().kind_extraordinary
        }),
    ];
    let languages: [SelectOption; 2] = [("FR", |_| "Français"), ("EN", |_| "English")];
    let first_options = move || {
        assemblies
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                let id = a.id.clone();
                let selected = {
                    let id = id.clone();
                    move || first.get() == id
                };
                let label = format!("{} ({})", a.title, instant_label(&a.starts_at, lang.get()));
                view! { <option value=id prop:selected=selected>{label}</option> }
            })
            .collect_view()
    };

    view! {
        <section aria-labelledby="create-assembly-h" class="board">
            <h2 id="create-assembly-h">{move || t().assemblies().create_assembly_title}</h2>
            <form id="create-assembly" on:submit=submit novalidate>
                <EnumSelect name="kind" id="assembly-kind" label=|s| s.assemblies().assembly_kind value=kind error=error options=kinds.to_vec() />
                <Field name="title" id="assembly-title" label=|s| s.assemblies().assembly_title value=title error=error />
                <Field
                    name="startsAt"
                    id="assembly-starts-at"
                    kind="datetime-local"
                    label=|s| s.assemblies().assembly_starts_at
                    value=starts_at
                    error=error
                    hint=|s| s.assemblies().assembly_starts_at_hint
                />
                <Field name="place" id="assembly-place" label=|s| s.assemblies().assembly_place value=place error=error />
                <Select name="language" id="assembly-language" label=|s| s.assemblies().assembly_language value=language error=error options=languages.to_vec() />
                <div class="field">
                    <label for="assembly-first-convocation">{move || t().assemblies().first_convocation}</label>
                    <select
                        id="assembly-first-convocation"
                        name="firstConvocationId"
                        aria-describedby="assembly-first-convocation-msg"
                        prop:value=move || first.get()
                        on:change=move |ev| first.set(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || first.with(String::is_empty)>
                            {move || t().assemblies().first_convocation_none}
                        </option>
                        {first_options}
                    </select>
                    <p id="assembly-first-convocation-msg" class="field-msg" aria-live="polite">
                        {move || {
                            let l = lang.get();
                            error
                                .get()
                                .and_then(|e| e.for_field("firstConvocationId", l))
                                .unwrap_or(strings(l).assemblies().first_convocation_hint)
                        }}
                    </p>
                </div>
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="assembly-submit" disabled=move || busy.get()>
                    {move || t().assemblies().create_assembly_submit}
                </button>
            </form>
        </section>
    }
}
