//! Choosing a service's holders among the register's members (board): search by name or
//! e-mail, add, remove. The ids chosen are what the service form sends.

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::PersonRef;
use constellation_shared::dto::reach::MemberFilter;
use constellation_shared::queries::members as q;
use leptos::prelude::*;

/// How many matches a search shows.
const MATCHES: i32 = 20;

#[component]
pub fn HolderPicker(chosen: RwSignal<Vec<PersonRef>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let search = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<PersonRef>>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let find = move || {
        let text = search.get_untracked().trim().to_owned();
        if busy.get_untracked() || text.is_empty() {
            return;
        }
        busy.set(true);
        error.set(None);
        let vars = q::MembersVars {
            filter: Some(MemberFilter {
                search: Some(text),
                ..Default::default()
            }),
            first: Some(MATCHES),
            after: None,
        };
        leptos::task::spawn_local(async move {
            let r = api::request::<_, q::MembersData>(q::MEMBERS, vars, session.token()).await;
            busy.try_set(false);
            match r {
                Ok(d) => {
                    let people = d
                        .members
                        .nodes()
                        .filter(|m| !m.user.is_deleted)
                        .map(|m| PersonRef {
                            id: m.user.id,
                            display_name: match &m.user.email {
                                Some(e) => format!("{} <{e}>", m.user.display_name),
                                None => m.user.display_name.clone(),
                            },
                        })
                        .collect();
                    found.try_set(Some(people));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let add = move |p: PersonRef| {
        chosen.update(|c| {
            if !c.iter().any(|x| x.id == p.id) {
                c.push(p);
            }
        });
    };
    let drop = move |p: PersonRef| chosen.update(|c| c.retain(|x| x.id != p.id));

    view! {
        <fieldset id="service-holders" class="holder-picker" aria-describedby="service-holders-hint">
            <legend>{move || t().holders}</legend>
            <p id="service-holders-hint" class="field-msg">{move || t().holders_hint}</p>
            <ul id="holders-chosen">
                <Show when=move || chosen.with(Vec::is_empty)>
                    <li class="muted">{move || t().holders_none}</li>
                </Show>
                <For
                    each=move || chosen.get()
                    key=|p| p.id
                    children=move |p| {
                        let name = p.display_name.clone();
                        let who = name.clone();
                        let pid = p.id.to_string();
                        view! {
                            <li class="holder-chosen" data-id=pid>
                                {name}
                                " "
                                <button type="button" class="holder-remove secondary" on:click=move |_| drop(p.clone())>
                                    {move || t().remove}
                                    <span class="sr-only">" — " {who.clone()}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <div class="field">
                <label for="holder-search">{move || t().holder_search}</label>
                <input
                    id="holder-search"
                    type="search"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // Enter searches instead of sending the service form.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            find();
                        }
                    }
                />
            </div>
            <button type="button" id="holder-search-submit" class="secondary" disabled=move || busy.get() on:click=move |_| find()>
                {move || t().holder_search_submit}
            </button>
            <FormError error=error />
            <div role="status" aria-live="polite">
                {move || found.get().map(|people| {
                    if people.is_empty() {
                        view! { <p id="holder-no-match" class="muted">{t().holder_no_match}</p> }.into_any()
                    } else {
                        view! {
                            <ul id="holder-results" aria-label=t().holder_results>
                                {people.into_iter().map(|p| {
                                    let name = p.display_name.clone();
                                    let who = name.clone();
                                    let pid = p.id.to_string();
                                    view! {
                                        <li class="holder-result" data-id=pid>
                                            {name}
                                            " "
                                            <button type="button" class="holder-add" on:click=move |_| add(p.clone())>
                                                {move || t().holder_add}
                                                <span class="sr-only">" — " {who.clone()}</span>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </div>
        </fieldset>
    }
}
