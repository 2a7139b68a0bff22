//! Collective groups (pt. 3): members moving their services together to one target host.
//! Everyone in the working group sees them; the board creates them.

use super::board_api::PAGE_SIZE;
use crate::api::mutate;
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::transition::{self as tq, board as b};
use leptos::prelude::*;

const FIELDS: &[&str] = &["name", "targetHost"];

#[component]
pub fn GroupsForm() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let board = Memo::new(move |_| session.is_board());
    let name = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let groups = api::paged(session, move |call, after| {
        let vars = tq::PageVars {
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            call.page(tq::GROUPS, vars, |d: tq::GroupsData| d.transition_groups)
                .await
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = b::GroupVars {
            name: name.get_untracked().trim().to_owned(),
            target_host: target.get_untracked().trim().to_owned(),
        };
        mutate(
            session,
            b::CREATE_GROUP,
            vars,
            error,
            busy,
            move |r: b::GroupResult| {
                if let Some(g) = r.into_inner() {
                    api::update_loaded(groups.data, |v| {
                        v.items.push(g);
                        v.items.sort_by(|a, b| a.name.cmp(&b.name));
                    });
                }
                name.try_set(String::new());
                target.try_set(String::new());
                note.try_set(Some(
                    strings(session.lang.get_untracked())
                        .transition_board()
                        .group_created,
                ));
            },
        );
    };

    view! {
        <section aria-labelledby="groups-h">
            <h2 id="groups-h">{move || t().groups_title}</h2>
            <p class="muted">{move || t().groups_intro}</p>
            <Awaited data=groups.data>
            <Show when=move || groups.is_empty()>
                <p id="groups-empty" class="muted">{move || t().groups_empty}</p>
            </Show>
            <ul id="groups">
                <For
                    each=move || groups.items()
                    key=|g| g.id.clone()
                    children=move |g| view! {
                        <li class="group" data-id=g.id.clone()>
                            <strong class="group-name">{g.name.clone()}</strong>
                            " → "
                            <span class="group-target">{g.target_host.clone()}</span>
                        </li>
                    }
                />
            </ul>
            <MoreButton list=groups id="groups-more" />
            </Awaited>
            <Show when=move || board.get()>
                <form id="group-form" on:submit=submit novalidate>
                    <Field name="name" id="group-name" label=|s| s.transition_board().group_name value=name error=error />
                    <Field name="targetHost" id="group-target" label=|s| s.transition_board().group_target value=target error=error />
                    <FormError error=error fields=FIELDS />
                    <FormNote text=note.into() />
                    <button type="submit" id="group-submit" disabled=move || busy.get()>
                        {move || t().group_submit}
                    </button>
                </form>
            </Show>
        </section>
    }
}
