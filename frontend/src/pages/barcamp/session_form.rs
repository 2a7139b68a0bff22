//! Proposing a session, or editing one's own: title, description, format, length in slots,
//! equipment, an optional Lab, co-hosts by email.

use super::split_list;
use super::state::BarcampCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::pick_into;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{
    Session as Talk, SessionFormat, SessionInput, SessionLabRef,
};
use constellation_shared::queries::barcamp as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &[
    "title",
    "description",
    "format",
    "length",
    "equipment",
    "coHostEmails",
    "labId",
];

/// The longest session, in consecutive slots.
const MAX_LENGTH: i32 = 4;

fn length(raw: &str) -> Result<i32, ApiError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ApiError::invalid("length", ValidationReason::Required));
    }
    raw.parse::<i32>()
        .ok()
        .filter(|l| (1..=MAX_LENGTH).contains(l))
        .ok_or_else(|| ApiError::invalid("length", ValidationReason::Invalid))
}

/// `existing` edits that session; without it the form proposes a new one. `prefix` names
/// the controls (`{prefix}-title`…); `labs` are the Labs one may attach the session to.
#[component]
pub fn SessionForm(
    ctx: BarcampCtx,
    prefix: String,
    labs: RwSignal<Vec<SessionLabRef>>,
    #[prop(optional)] existing: Option<Talk>,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let editing = existing.as_ref().map(|x| x.id.clone());
    let current_lab = existing.as_ref().and_then(|x| x.lab.clone());
    let current_hosts = existing.as_ref().map(|x| super::names(&x.hosts));
    let init = |f: fn(&Talk) -> String| existing.as_ref().map(f).unwrap_or_default();
    let title = RwSignal::new(init(|x| x.title.clone()));
    let description = RwSignal::new(init(|x| x.description.clone()));
    let format = RwSignal::new(existing.as_ref().map_or(SessionFormat::Talk, |x| x.format));
    let length_raw = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| "1".to_owned(), |x| x.length.to_string()),
    );
    let equipment = RwSignal::new(init(|x| x.equipment.join(", ")));
    let lab = RwSignal::new(init(|x| {
        x.lab.as_ref().map(|l| l.id.clone()).unwrap_or_default()
    }));
    let cohosts = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let is_edit = editing.is_some();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let length = match length(&length_raw.get_untracked()) {
            Ok(l) => l,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let lab_id = lab.get_untracked();
        let input = SessionInput {
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked(),
            format: format.get_untracked(),
            length,
            equipment: split_list(&equipment.get_untracked()),
            lab_id: (!lab_id.is_empty()).then_some(lab_id),
            // On an edit, a blank field keeps the current co-hosts.
            co_host_emails: {
                let list = split_list(&cohosts.get_untracked());
                (!(is_edit && list.is_empty())).then_some(list)
            },
        };
        let lang = ctx.session.lang;
        match editing.clone() {
            Some(session_id) => {
                let vars = q::EditSessionVars { session_id, input };
                ctx.mutate_talk(q::EDIT_SESSION, vars, error, busy, move |_| {
                    cohosts.set(String::new());
                    note.set(Some(strings(lang.get_untracked()).saved));
                });
            }
            None => {
                let vars = q::ProposeSessionVars {
                    edition_id: ctx.id(),
                    input,
                };
                ctx.mutate_talk(q::PROPOSE_SESSION, vars, error, busy, move |_| {
                    for s in [title, description, equipment, lab, cohosts] {
                        s.set(String::new());
                    }
                    format.set(SessionFormat::Talk);
                    length_raw.set("1".to_owned());
                    note.set(Some(
                        strings(lang.get_untracked()).barcamp().session_proposed,
                    ));
                });
            }
        }
    };

    let id = move |suffix: &str| format!("{prefix}-{suffix}");
    let format_id = id("format");
    let lab_id = id("lab");
    let lab_options = move || {
        let mut options = labs.get();
        if let Some(l) = current_lab.clone() {
            if !options.iter().any(|o| o.id == l.id) {
                options.push(l);
            }
        }
        options
            .into_iter()
            .map(|l| {
                let value = l.id.clone();
                let selected = move || lab.get() == value;
                view! { <option value=l.id.clone() prop:selected=selected>{l.name}</option> }
            })
            .collect_view()
    };
    // A blank field keeps the current co-hosts; a list replaces them.
    let hosts_note = current_hosts.map(|h| {
        view! { <p class="muted">{move || t().barcamp().current_hosts} " " {h}</p> }
    });
    let cohosts_hint: fn(&crate::i18n::Strings) -> &'static str = if is_edit {
        |s| s.barcamp().session_cohosts_edit_hint
    } else {
        |s| s.barcamp().session_cohosts_hint
    };

    view! {
        <form class="session-form" id=id("form") on:submit=submit novalidate>
            <Field name="title" id=id("title") label=|s| s.barcamp().session_title value=title error=error />
            <TextArea name="description" id=id("description") label=|s| s.barcamp().session_description value=description error=error />
            <div class="field">
                <label for=format_id.clone()>{move || t().barcamp().session_format}</label>
                <select
                    id=format_id
                    name="format"
                    on:change=pick_into(format)
                    prop:value=move || format.get().as_str()
                >
                    {SessionFormat::ALL
                        .iter()
                        .map(|f| {
                            let f = *f;
                            view! {
                                <option value=f.as_str() prop:selected=move || format.get() == f>
                                    {move || t().barcamp().session_format_label(f)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <Field name="length" id=id("length") label=|s| s.barcamp().session_length value=length_raw error=error kind="number" inputmode="numeric" hint=|s| s.barcamp().session_length_hint />
            <Field name="equipment" id=id("equipment") label=|s| s.barcamp().session_equipment value=equipment error=error required=false hint=|s| s.barcamp().comma_separated_hint />
            <div class="field">
                <label for=lab_id.clone()>{move || t().barcamp().session_lab}</label>
                <select
                    id=lab_id
                    name="labId"
                    on:change=move |ev| lab.set(event_target_value(&ev))
                    prop:value=move || lab.get()
                >
                    <option value="" prop:selected=move || lab.with(String::is_empty)>{move || t().barcamp().session_no_lab}</option>
                    {lab_options}
                </select>
            </div>
            <Field name="coHostEmails" id=id("cohosts") label=|s| s.barcamp().session_cohosts value=cohosts error=error required=false kind="text" autocomplete="off" hint=cohosts_hint />
            {hosts_note}
            <FormError error=error fields=FIELDS />
            <FormNote text=note.into() />
            <button type="submit" id=id("submit") disabled=move || busy.get()>
                {move || if is_edit { t().save } else { t().barcamp().propose_session_submit }}
            </button>
        </form>
    }
}
