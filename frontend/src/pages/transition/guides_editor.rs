//! The working group's guides (pt. 3.b), in Markdown, newest first: written and edited by
//! the working group or the board. The body is shown as written (no Markdown renderer in
//! the frontend yet).

use super::board_api::{date_of, next_cursor, PAGE_SIZE};
use crate::api::mutate;
use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::transition::{Guide, GuideInput};
use constellation_shared::queries::transition::{board as b, member as m};
use leptos::prelude::*;

const FIELDS: &[&str] = &["title", "body"];

#[component]
pub fn GuidesEditor() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let guides = RwSignal::new(Vec::<Guide>::new());
    let after = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<String>);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let load = move |more: bool| {
        let vars = b::PageVars {
            first: Some(PAGE_SIZE),
            after: if more { after.get_untracked() } else { None },
        };
        leptos::task::spawn_local(async move {
            match api::request::<_, m::GuidesData>(m::GUIDES, vars, session.token()).await {
                Ok(d) => {
                    let c = d.transition_guides;
                    after.try_set(next_cursor(&c));
                    let page: Vec<_> = c.edges.into_iter().map(|e| e.node).collect();
                    guides.try_update(|v| {
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
        title.set(String::new());
        body.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = b::SaveGuideVars {
            id: editing.get_untracked(),
            input: GuideInput {
                title: title.get_untracked().trim().to_owned(),
                body: body.get_untracked(),
            },
        };
        mutate(
            session,
            b::SAVE_GUIDE,
            vars,
            error,
            busy,
            move |r: b::GuideResult| {
                if let Some(g) = r.into_inner() {
                    guides.try_update(|v| {
                        v.retain(|x| x.id != g.id);
                        v.insert(0, g);
                    });
                }
                clear();
                note.try_set(Some(
                    strings(session.lang.get_untracked())
                        .transition_board()
                        .guide_saved,
                ));
            },
        );
    };

    view! {
        <section aria-labelledby="guides-h">
            <h2 id="guides-h">{move || t().guides_title}</h2>
            <Show when=move || guides.with(Vec::is_empty)>
                <p id="guides-empty" class="muted">{move || t().guides_empty}</p>
            </Show>
            <div id="guides">
                <For
                    each=move || guides.get()
                    key=|g| serde_json::to_string(g).unwrap_or_else(|_| g.id.clone())
                    children=move |g| {
                        let author = g.author.as_ref().map(|a| a.display_name.clone()).unwrap_or_default();
                        let day = date_of(&g.updated_at);
                        let what = g.title.clone();
                        let to_edit = g.clone();
                        view! {
                            <article class="guide card" data-id=g.id.clone()>
                                <h3 class="guide-title">{g.title.clone()}</h3>
                                <p class="muted">{move || fill(t().guide_by, &[&author, &day])}</p>
                                <details>
                                    <summary>{move || t().guide_body}</summary>
                                    <pre class="guide-body text">{g.body.clone()}</pre>
                                </details>
                                <button type="button" class="guide-edit secondary" on:click=move |_| {
                                    editing.set(Some(to_edit.id.clone()));
                                    title.set(to_edit.title.clone());
                                    body.set(to_edit.body.clone());
                                    note.set(None);
                                }>
                                    {move || t().edit}
                                    <span class="sr-only">" — " {what.clone()}</span>
                                </button>
                            </article>
                        }
                    }
                />
            </div>
            <Show when=move || after.with(Option::is_some)>
                <button type="button" id="guides-more" class="secondary" on:click=move |_| load(true)>
                    {move || t().load_more}
                </button>
            </Show>
            <form id="guide-form" on:submit=submit novalidate>
                <Field name="title" id="guide-title" label=|s| s.transition_board().guide_title value=title error=error />
                <TextArea name="body" id="guide-body" rows=10 label=|s| s.transition_board().guide_body hint=|s| s.transition_board().guide_body_hint value=body error=error />
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="guide-submit" disabled=move || busy.get()>
                    {move || if editing.with(Option::is_some) { t().guide_update } else { t().guide_submit }}
                </button>
                <Show when=move || editing.with(Option::is_some)>
                    <button type="button" id="guide-cancel" class="secondary" on:click=move |_| clear()>
                        {move || t().cancel}
                    </button>
                </Show>
            </form>
        </section>
    }
}
