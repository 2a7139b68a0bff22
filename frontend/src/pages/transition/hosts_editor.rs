//! The working group's recommended hosts (pt. 3.b): hosts matching the association's
//! values, with a link, the kinds of service they take, a note. Added, edited, removed by
//! the working group or the board.

use super::board_api::{next_cursor, PAGE_SIZE};
use crate::api::mutate;
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{HostInput, RecommendedHost, ServiceKind};
use constellation_shared::queries::transition::{board as b, member as m};
use leptos::prelude::*;

const FIELDS: &[&str] = &["name", "url", "kinds", "note"];

#[component]
pub fn HostsEditor() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let hosts = RwSignal::new(Vec::<RecommendedHost>::new());
    let after = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let kinds = RwSignal::new(Vec::<ServiceKind>::new());
    let host_note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let load = move |more: bool| {
        let vars = m::HostsVars {
            kind: None,
            first: Some(PAGE_SIZE),
            after: if more { after.get_untracked() } else { None },
        };
        leptos::task::spawn_local(async move {
            match api::request::<_, m::HostsData>(m::HOSTS, vars, session.token()).await {
                Ok(d) => {
                    let c = d.recommended_hosts;
                    after.try_set(next_cursor(&c));
                    let page: Vec<_> = c.edges.into_iter().map(|e| e.node).collect();
                    hosts.try_update(|v| {
                        if !more {
                            v.clear();
                        }
                        v.extend(page);
                    });
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    load(false);

    let clear = move || {
        editing.set(None);
        name.set(String::new());
        url.set(String::new());
        kinds.set(Vec::new());
        host_note.set(String::new());
    };
    let start_edit = move |h: RecommendedHost| {
        editing.set(Some(h.id));
        name.set(h.name);
        url.set(h.url);
        kinds.set(h.kinds);
        host_note.set(h.note);
        note.set(None);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = b::SaveHostVars {
            id: editing.get_untracked(),
            input: HostInput {
                name: name.get_untracked().trim().to_owned(),
                url: url.get_untracked().trim().to_owned(),
                kinds: kinds.get_untracked(),
                note: host_note.get_untracked().trim().to_owned(),
            },
        };
        mutate(
            session,
            b::SAVE_HOST,
            vars,
            error,
            busy,
            move |r: b::HostResult| {
                if let Some(h) = r.into_inner() {
                    hosts.try_update(|v| {
                        match v.iter_mut().find(|x| x.id == h.id) {
                            Some(x) => *x = h,
                            None => v.push(h),
                        }
                        v.sort_by(|a, b| a.name.cmp(&b.name));
                    });
                }
                clear();
                note.try_set(Some(
                    strings(session.lang.get_untracked())
                        .transition_board()
                        .host_saved,
                ));
            },
        );
    };
    let remove = move |id: String| {
        note.set(None);
        let gone = id.clone();
        mutate(
            session,
            b::REMOVE_HOST,
            b::IdVars { id },
            error,
            busy,
            move |_: b::Done| {
                hosts.try_update(|v| v.retain(|h| h.id != gone));
                if editing.get_untracked().as_deref() == Some(gone.as_str()) {
                    clear();
                }
                note.try_set(Some(
                    strings(session.lang.get_untracked())
                        .transition_board()
                        .host_removed,
                ));
            },
        );
    };
    let toggle = move |k: ServiceKind, on: bool| {
        kinds.update(|v| {
            v.retain(|x| *x != k);
            if on {
                v.push(k);
            }
        });
    };

    view! {
        <section aria-labelledby="hosts-h">
            <h2 id="hosts-h">{move || t().hosts_title}</h2>
            <Show when=move || hosts.with(Vec::is_empty)>
                <p id="hosts-empty" class="muted">{move || t().hosts_empty}</p>
            </Show>
            <ul id="hosts" class="cards">
                <For
                    each=move || hosts.get()
                    key=|h| serde_json::to_string(h).unwrap_or_else(|_| h.id.clone())
                    children=move |h| {
                        let id = h.id.clone();
                        let (what_edit, what_remove) = (h.name.clone(), h.name.clone());
                        let to_edit = h.clone();
                        let kinds = h.kinds.clone();
                        view! {
                            <li class="host" data-id=h.id.clone()>
                                <h3><a class="host-name" href=h.url.clone() rel="noopener noreferrer">{h.name.clone()}</a></h3>
                                <p class="host-kinds">{move || kinds.iter().map(|k| tr().kind(*k)).collect::<Vec<_>>().join(", ")}</p>
                                <p class="host-note text">{h.note.clone()}</p>
                                <button type="button" class="host-edit secondary" on:click=move |_| start_edit(to_edit.clone())>
                                    {move || t().edit}
                                    <span class="sr-only">" — " {what_edit.clone()}</span>
                                </button>
                                <button type="button" class="host-remove danger" disabled=move || busy.get() on:click=move |_| remove(id.clone())>
                                    {move || t().remove}
                                    <span class="sr-only">" — " {what_remove.clone()}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || after.with(Option::is_some)>
                <button type="button" id="hosts-more" class="secondary" on:click=move |_| load(true)>
                    {move || t().load_more}
                </button>
            </Show>
            <form id="host-form" on:submit=submit novalidate>
                <Field name="name" id="host-name" label=|s| s.transition_board().host_name value=name error=error />
                <Field name="url" id="host-url" kind="url" label=|s| s.transition_board().host_url value=url error=error />
                <fieldset id="host-kinds">
                    <legend>{move || t().host_kinds}</legend>
                    {ServiceKind::ALL.iter().map(|k| {
                        let k = *k;
                        let box_id = format!("host-kind-{}", k.as_str());
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    class="host-kind"
                                    value=k.as_str()
                                    prop:checked=move || kinds.with(|v| v.contains(&k))
                                    on:change=move |ev| toggle(k, event_target_checked(&ev))
                                />
                                <label for=box_id>{move || tr().kind(k)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-msg" aria-live="polite">
                        {move || error.get().and_then(|e| e.for_field("kinds", session.lang.get()))}
                    </p>
                </fieldset>
                <TextArea name="note" id="host-note" required=false rows=3 label=|s| s.transition_board().host_note value=host_note error=error />
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="host-submit" disabled=move || busy.get()>
                    {move || if editing.with(Option::is_some) { t().host_update } else { t().host_submit }}
                </button>
                <Show when=move || editing.with(Option::is_some)>
                    <button type="button" id="host-cancel" class="secondary" on:click=move |_| clear()>
                        {move || t().cancel}
                    </button>
                </Show>
            </form>
        </section>
    }
}
