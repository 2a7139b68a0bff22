//! The working group's guides. Their Markdown is shown as written, in a preformatted block
//! (as the common rules are): no HTML is built from it, so nothing in a guide can run.

use crate::api;
use crate::components::loaded::Loaded;
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
    let guides = api::load(session, |call| async move {
        let vars = |first, after| tq::PageVars { first, after };
        call.all(q::GUIDES, vars, |d: q::GuidesData| d.transition_guides)
            .await
    });
    let items = move |guides: Vec<Guide>| {
        guides
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
            <Loaded data=guides let:list>
                <Show when={let empty = list.is_empty(); move || empty}>
                    <p id="transition-guides-empty">{move || t().guides_empty}</p>
                </Show>
                <ul id="transition-guides" class="cards">{items(list)}</ul>
            </Loaded>
        </section>
    }
}
