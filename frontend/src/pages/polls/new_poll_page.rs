//! `/polls/new`: the board asks every member, a Lab's coordinators ask their Lab (`?lab=<id>`
//! picks it): the question, details, 2 to 20 options, how one answers, who sees the answers,
//! who is asked, and the closing date in the browser's local time.

use super::options_editor::{OptionRow, OptionsEditor};
use super::PollError;
use crate::api::mutate;
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::select::{Choice, EnumSelect};
use crate::components::text_area::TextArea;
use crate::i18n::{fill, strings};
use crate::pages::assemblies::local_to_utc;
use crate::session::use_session;
use constellation_shared::dto::polls::{CreatePollInput, PollKind, PollVisibility};
use constellation_shared::dto::resources::LabRef;
use constellation_shared::queries::polls as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

const FIELDS: &[&str] = &[
    "title",
    "description",
    "options",
    "closesAt",
    "kind",
    "visibility",
    "labId",
];

const KINDS: [Choice<PollKind>; 3] = [
    (PollKind::Single, |s| s.polls().kind_single),
    (PollKind::Approval, |s| s.polls().kind_approval),
    (PollKind::Ranked, |s| s.polls().kind_ranked),
];

const VISIBILITIES: [Choice<PollVisibility>; 2] = [
    (PollVisibility::Open, |s| s.polls().visibility_open),
    (PollVisibility::Anonymous, |s| {
        s.polls().visibility_anonymous
    }),
];

/// `days` from now, as a `datetime-local` value in the browser's time zone.
fn local_in_days(days: f64) -> String {
    let d = js_sys::Date::new(&(js_sys::Date::now() + days * 86_400_000.0).into());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component]
pub fn NewPollPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let p = move || t().polls();
    let query = use_query_map();
    let navigate = use_navigate();
    let labs = RwSignal::new(Vec::<LabRef>::new());
    let loaded = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let rows = RwSignal::new(vec![OptionRow::new(0), OptionRow::new(1)]);
    let kind = RwSignal::new(PollKind::Single);
    let visibility = RwSignal::new(PollVisibility::Open);
    let audience = RwSignal::new(String::new());
    let closes = RwSignal::new(local_in_days(7.0));
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let is_board = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    };

    Effect::new(move |_| {
        if session.token.with(Option::is_none) {
            loaded.set(session.ready.get());
            return;
        }
        let wanted = query.read_untracked().get("lab").unwrap_or_default();
        leptos::task::spawn_local(async move {
            let vars = q::PageVars {
                first: Some(100),
                after: None,
            };
            let r = api::request::<_, q::PollLabsData>(q::POLL_LABS, vars, session.token()).await;
            match r {
                Ok(d) => {
                    let list: Vec<LabRef> = d.poll_labs.nodes().cloned().collect();
                    let board = session
                        .me
                        .with_untracked(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin));
                    let pick = if list.iter().any(|l| l.id == wanted) {
                        wanted
                    } else if board {
                        String::new()
                    } else {
                        list.first().map(|l| l.id.clone()).unwrap_or_default()
                    };
                    audience.try_set(pick);
                    labs.try_set(list);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loaded.try_set(true);
        });
    });

    let allowed = move || is_board() || labs.with(|l| !l.is_empty());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(closes_at) = local_to_utc(&closes.get_untracked()) else {
            error.set(Some(ApiError::invalid(
                "closesAt",
                ValidationReason::Invalid,
            )));
            return;
        };
        let lab_id = audience.get_untracked();
        let input = CreatePollInput {
            title: title.get_untracked(),
            description: description.get_untracked(),
            options: rows
                .get_untracked()
                .iter()
                .map(|r| r.text.get_untracked())
                .collect(),
            kind: kind.get_untracked(),
            visibility: visibility.get_untracked(),
            lab_id: (!lab_id.is_empty()).then_some(lab_id),
            closes_at,
        };
        let navigate = navigate.clone();
        mutate(
            session,
            q::CREATE_POLL,
            q::CreateVars { input },
            error,
            busy,
            move |d: q::CreateData| {
                navigate(&format!("/polls/{}", d.create_poll.id), Default::default());
            },
        );
    };
    let audience_options = move || {
        let lang = session.lang.get();
        let members = is_board().then(|| {
            view! {
                <option value="" prop:selected=move || audience.with(String::is_empty)>
                    {strings(lang).polls().audience_members}
                </option>
            }
        });
        let each = labs
            .get()
            .into_iter()
            .map(|l| {
                let id = l.id.clone();
                let selected = move || audience.with(|a| *a == id);
                let label = fill(strings(lang).polls().audience_lab, &[&l.name]);
                view! { <option value=l.id.clone() prop:selected=selected>{label}</option> }
            })
            .collect_view();
        view! { {members} {each} }
    };

    view! {
        <section aria-labelledby="new-poll-h">
            <p><A href="/polls">{move || p().back_to_list}</A></p>
            <h1 id="new-poll-h">{move || p().new_title}</h1>
            <p class="lead">{move || p().new_intro}</p>
            <Show when=move || session.ready.get() && session.token.with(Option::is_none)>
                <p class="notice">
                    {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
                </p>
            </Show>
            <Show when=move || !loaded.get()>
                <p>{move || t().loading}</p>
            </Show>
            <Show when=move || loaded.get() && session.token.with(Option::is_some) && !allowed()>
                <p class="notice" id="new-poll-not-allowed">{move || p().not_allowed}</p>
            </Show>
            <Show when=move || loaded.get() && allowed()>
                <form id="new-poll" on:submit=submit.clone() novalidate>
                    <Field name="title" id="poll-title" label=|s| s.polls().title_label value=title error=error />
                    <TextArea name="description" id="poll-description" label=|s| s.polls().description_label value=description error=error required=false rows=3 />
                    <OptionsEditor rows=rows error=error />
                    <EnumSelect name="kind" id="poll-kind" label=|s| s.polls().kind_label value=kind error=error options=KINDS.to_vec() />
                    <EnumSelect name="visibility" id="poll-visibility" label=|s| s.polls().visibility_label value=visibility error=error options=VISIBILITIES.to_vec() />
                    <div class="field">
                        <label for="poll-audience">{move || p().audience_label}</label>
                        <select
                            id="poll-audience"
                            name="labId"
                            aria-describedby="poll-audience-msg"
                            prop:value=move || audience.get()
                            on:change=move |ev| audience.set(event_target_value(&ev))
                        >
                            {audience_options}
                        </select>
                        <p id="poll-audience-msg" class="field-msg" aria-live="polite">
                            {move || error.get().and_then(|e| e.for_field("labId", session.lang.get()))}
                        </p>
                    </div>
                    <Field
                        name="closesAt"
                        id="poll-closes-at"
                        kind="datetime-local"
                        label=|s| s.polls().closes_label
                        value=closes
                        error=error
                        hint=|s| s.polls().closes_hint
                    />
                    <PollError error=error fields=FIELDS />
                    <button type="submit" id="poll-submit" disabled=move || busy.get()>
                        {move || p().create_submit}
                    </button>
                </form>
            </Show>
        </section>
    }
}
