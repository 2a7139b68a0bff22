//! The working group's guides. Their Markdown is shown as written, in a preformatted block
//! (as the common rules are): no HTML is built from it, so nothing in a guide can run.

use super::member_api::{load_all, PAGE_SIZE};
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use crate::pages::resources::date_of;
use crate::session::use_session;
use constellation_shared::dto::transition::Guide;
use constellation_shared::queries::transition as tq;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

#[component]
pub fn GuidesList() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let guides = RwSignal::new(Vec::<Guide>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        session.token.track();
        leptos::task::spawn_local(async move {
            let result = load_all(
                session,
                q::GUIDES,
                |after| tq::PageVars {
                    first: Some(PAGE_SIZE),
                    after,
                },
                |d: q::GuidesData| d.transition_guides,
            )
            .await;
            loaded.set(true);
            match result {
                Ok(g) => guides.set(g),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let items = move || {
        guides
            .get()
            .into_iter()
            .map(|g| {
                let heading = format!("guide-{}-h", g.id);
                let author = g.author.as_ref().map(|a| a.display_name.clone());
                let updated = date_of(&g.updated_at);
                let byline = move || {
                    let who = author.clone().unwrap_or_else(|| t().someone.to_owned());
                    fill(t().guide_by, &[&who, &updated])
                };
                view! {
                    <li class="transition-guide" data-id=g.id.clone()>
                        <details>
                            <summary><span id=heading.clone()>{g.title.clone()}</span></summary>
                            <p class="muted">{byline}</p>
                            <pre class="rules-body guide-body" aria-labelledby=heading>{g.body.clone()}</pre>
                        </details>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="transition-guides-h">
            <h2 id="transition-guides-h">{move || t().guides_title}</h2>
            <FormError error=error />
            <Show when=move || loaded.get() && guides.with(Vec::is_empty)>
                <p id="transition-guides-empty">{move || t().guides_empty}</p>
            </Show>
            <ul id="transition-guides" class="cards">{items}</ul>
        </section>
    }
}
