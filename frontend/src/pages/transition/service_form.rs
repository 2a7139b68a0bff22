//! A service entered by hand (board), or one of the inventory edited: its kind, name,
//! description, the kind's address, whether it is the association's own, its holders.

use super::holder_picker::HolderPicker;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::pick_into;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::PersonRef;
use constellation_shared::dto::transition::{Service, ServiceInput, ServiceKind};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;

const FIELDS: &[&str] = &["kind", "name", "description", "address", "holderIds"];

/// `editing` holds the service being edited (the inventory's "edit" sets it); `saved` gets
/// the service as the server answered.
#[component]
pub fn ServiceForm(editing: RwSignal<Option<Service>>, saved: Callback<Service>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let kind = RwSignal::new(ServiceKind::Website);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let holders = RwSignal::new(Vec::<PersonRef>::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let clear = move || {
        name.set(String::new());
        description.set(String::new());
        address.set(String::new());
        internal.set(false);
        holders.set(Vec::new());
    };
    Effect::new(move |_| match editing.get() {
        Some(s) => {
            kind.set(s.kind);
            name.set(s.name);
            description.set(s.description);
            address.set(s.address);
            internal.set(s.internal);
            holders.set(s.holders);
            note.set(None);
        }
        None => clear(),
    });
    let current_kind = move || kind.get();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let input = ServiceInput {
            kind: kind.get_untracked(),
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            address: address.get_untracked().trim().to_owned(),
            internal: internal.get_untracked(),
            holder_ids: holders.with_untracked(|h| h.iter().map(|p| p.id.to_string()).collect()),
        };
        let updating = editing.get_untracked().map(|s| s.id);
        let done = move |r: b::ServiceResult| {
            if let Some(s) = r.into_inner() {
                saved.run(s);
            }
            let s = strings(session.lang.get_untracked()).transition_board();
            note.try_set(Some(if editing.get_untracked().is_some() {
                s.service_updated
            } else {
                s.service_created
            }));
            editing.try_set(None);
            clear();
        };
        match updating {
            Some(id) => {
                let vars = b::UpdateServiceVars { id, input };
                mutate(session, b::UPDATE_SERVICE, vars, error, busy, done);
            }
            None => {
                let vars = b::CreateServiceVars { input };
                mutate(session, b::CREATE_SERVICE, vars, error, busy, done);
            }
        }
    };

    let kinds = ServiceKind::ALL
        .iter()
        .map(|k| {
            let k = *k;
            view! {
                <option value=k.as_str() prop:selected=move || kind.get() == k>
                    {move || tr().kind(k)}
                </option>
            }
        })
        .collect_view();

    view! {
        <section aria-labelledby="service-form-h">
            <h2 id="service-form-h">
                {move || match editing.get() {
                    Some(s) => format!("{} — {}", t().edit, s.name),
                    None => t().service_title.to_owned(),
                }}
            </h2>
            <form id="service-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="service-kind">{move || t().service_kind}</label>
                    <select id="service-kind" name="kind" prop:value=move || kind.get().as_str() on:change=pick_into(kind)>
                        {kinds}
                    </select>
                </div>
                <Field name="name" id="service-name" label=|s| s.transition_board().service_name value=name error=error />
                <TextArea name="description" id="service-description" required=false rows=3 label=|s| s.transition_board().service_description value=description error=error />
                // The address's label says what it is for the chosen kind.
                {move || {
                    let k = current_kind();
                    view! {
                        <div class="field">
                            <label for="service-address">{t().address(k)}</label>
                            <input
                                id="service-address"
                                name="address"
                                autocomplete="off"
                                aria-describedby="service-address-msg"
                                prop:value=move || address.get()
                                on:input=move |ev| address.set(event_target_value(&ev))
                            />
                            <p id="service-address-msg" class="field-msg" aria-live="polite">
                                {move || error.get().and_then(|e| e.for_field("address", session.lang.get()))}
                            </p>
                        </div>
                    }
                }}
                <div class="field checkbox">
                    <input
                        type="checkbox"
                        id="service-internal"
                        aria-describedby="service-internal-hint"
                        prop:checked=move || internal.get()
                        on:change=move |ev| internal.set(event_target_checked(&ev))
                    />
                    <label for="service-internal">{move || t().service_internal}</label>
                    <p id="service-internal-hint" class="field-msg">{move || t().service_internal_hint}</p>
                </div>
                <HolderPicker chosen=holders />
                <p class="field-msg" aria-live="polite">
                    {move || error.get().and_then(|e| e.for_field("holderIds", session.lang.get()))}
                </p>
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="service-submit" disabled=move || busy.get()>
                    {move || if editing.with(Option::is_some) { t().service_update } else { t().service_submit }}
                </button>
                <Show when=move || editing.with(Option::is_some)>
                    <button type="button" id="service-cancel" class="secondary" on:click=move |_| editing.set(None)>
                        {move || t().cancel}
                    </button>
                </Show>
            </form>
        </section>
    }
}
