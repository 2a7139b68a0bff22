//! The board adds an agenda item: its number (the parent is the item whose number is the
//! prefix), title, text, attached documents, and whether it touches the statutes.

use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::{AgendaItemInput, AssemblyStatus, DocumentInput};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["number", "title", "body", "statutory", "documents"];

/// One attached document being typed.
#[derive(Clone, Copy)]
struct DocRow {
    key: usize,
    title: RwSignal<String>,
    url: RwSignal<String>,
}

#[component]
pub fn AgendaItemForm(ctx: AssemblyCtx) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let number = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let statutory = RwSignal::new(false);
    let docs = RwSignal::new(Vec::<DocRow>::new());
    let next_key = StoredValue::new(0usize);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let draft = move || ctx.status() == Some(AssemblyStatus::Draft);

    let add_doc = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        docs.update(|d| {
            d.push(DocRow {
                key,
                title: RwSignal::new(String::new()),
                url: RwSignal::new(String::new()),
            })
        });
        // Take the person to the new row's first field.
        request_animation_frame(move || focus_by_id(&format!("doc-title-{key}")));
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let documents = docs
            .get_untracked()
            .iter()
            .map(|d| DocumentInput {
                title: d.title.get_untracked().trim().to_owned(),
                url: d.url.get_untracked().trim().to_owned(),
            })
            .filter(|d| !(d.title.is_empty() && d.url.is_empty()))
            .collect();
        let vars = q::AddAgendaItemVars {
            assembly_id: ctx.id(),
            input: AgendaItemInput {
                number: number.get_untracked().trim().to_owned(),
                title: title.get_untracked().trim().to_owned(),
                body: body.get_untracked(),
                documents,
                statutory: statutory.get_untracked() && draft(),
            },
        };
        ctx.mutate(q::ADD_AGENDA_ITEM, vars, error, busy, move || {
            for s in [number, title, body] {
                s.try_set(String::new());
            }
            statutory.try_set(false);
            docs.try_set(Vec::new());
            note.try_set(Some(strings(lang.get_untracked()).assemblies().item_added));
        });
    };

    let documents_msg = move || {
        error
            .get()
            .and_then(|e| e.for_field("documents", lang.get()))
    };

    view! {
        <section aria-labelledby="add-item-h" class="board">
            <h2 id="add-item-h">{move || t().assemblies().add_item_title}</h2>
            <form id="add-item" on:submit=submit novalidate>
                <Field name="number" id="item-number" label=|s| s.assemblies().item_number value=number error=error hint=|s| s.assemblies().item_number_hint />
                <Field name="title" id="item-title" label=|s| s.assemblies().item_title value=title error=error />
                <TextArea name="body" id="item-body" label=|s| s.assemblies().item_body value=body error=error required=false rows=6 />
                <div class="field checkbox">
                    <input
                        type="checkbox"
                        id="item-statutory"
                        name="statutory"
                        aria-describedby="item-statutory-msg"
                        disabled=move || !draft()
                        prop:checked=move || statutory.get()
                        on:change=move |ev| statutory.set(event_target_checked(&ev))
                    />
                    <label for="item-statutory">{move || t().assemblies().item_statutory}</label>
                </div>
                <p id="item-statutory-msg" class="field-msg">{move || t().assemblies().item_statutory_hint}</p>
                <fieldset class="documents-editor" aria-describedby="item-documents-msg">
                    <legend>{move || t().assemblies().item_documents}</legend>
                    <For
                        each=move || docs.get()
                        key=|d| d.key
                        children=move |d: DocRow| {
                            let remove = move |_| docs.update(|list| list.retain(|x| x.key != d.key));
                            view! {
                                <div class="field-row document-row">
                                    <div class="field">
                                        <label for=format!("doc-title-{}", d.key)>{move || t().assemblies().document_title}</label>
                                        <input
                                            id=format!("doc-title-{}", d.key)
                                            type="text"
                                            prop:value=move || d.title.get()
                                            on:input=move |ev| d.title.set(event_target_value(&ev))
                                        />
                                    </div>
                                    <div class="field">
                                        <label for=format!("doc-url-{}", d.key)>{move || t().assemblies().document_url}</label>
                                        <input
                                            id=format!("doc-url-{}", d.key)
                                            type="url"
                                            inputmode="url"
                                            prop:value=move || d.url.get()
                                            on:input=move |ev| d.url.set(event_target_value(&ev))
                                        />
                                    </div>
                                    <button type="button" class="secondary" on:click=remove>
                                        {move || t().remove}
                                        <span class="sr-only">" — " {move || d.title.get()}</span>
                                    </button>
                                </div>
                            }
                        }
                    />
                    <p id="item-documents-msg" class="field-msg" aria-live="polite">{documents_msg}</p>
                    <button type="button" id="add-document" class="secondary" on:click=add_doc>
                        {move || t().assemblies().add_document}
                    </button>
                </fieldset>
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="item-submit" disabled=move || busy.get()>
                    {move || t().assemblies().item_submit}
                </button>
            </form>
        </section>
    }
}
