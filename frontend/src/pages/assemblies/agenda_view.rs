//! The agenda as a tree (indented by depth), with each item's text, documents, badges and
//! motions; the board removes items while the agenda may change.

use super::motion_card::MotionCard;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

#[component]
pub fn AgendaView(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let ids = move || {
        ctx.assembly.with(|a| {
            a.as_ref()
                .map(|a| a.agenda.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="agenda-h">
            <h2 id="agenda-h">{move || t().assemblies().agenda_heading}</h2>
            <Show when=move || ids().is_empty()>
                <p id="agenda-empty">{move || t().assemblies().agenda_none}</p>
            </Show>
            <ul id="agenda" class="agenda">
                <For
                    each=ids
                    key=|id| id.clone()
                    children=move |id: String| view! { <AgendaItemView ctx=ctx id=id /> }
                />
            </ul>
        </section>
    }
}

#[component]
fn AgendaItemView(ctx: AssemblyCtx, id: String) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let item = {
        let id = id.clone();
        Memo::new(move |_| ctx.item(&id))
    };
    let depth = move || item.with(|i| i.as_ref().map(|i| i.depth.max(0)).unwrap_or(0));
    let heading_id = format!("item-{id}-h");
    let heading = move || {
        item.with(|i| {
            i.as_ref()
                .map(|i| format!("{}. {}", i.number, i.title))
                .unwrap_or_default()
        })
    };
    // Top items are level 3 headings, sub-items level 4; their motions one below.
    let level: u8 = if item.with_untracked(|i| i.as_ref().map_or(0, |i| i.depth)) > 0 {
        4
    } else {
        3
    };
    let heading_el = if level == 3 {
        view! { <h3 id=heading_id.clone()>{heading}</h3> }.into_any()
    } else {
        view! { <h4 id=heading_id.clone()>{heading}</h4> }.into_any()
    };
    let statutory = move || item.with(|i| i.as_ref().is_some_and(|i| i.statutory));
    let frozen = move || item.with(|i| i.as_ref().is_some_and(|i| i.frozen));
    let body = move || item.with(|i| i.as_ref().map(|i| i.body.clone()).unwrap_or_default());
    let documents =
        move || item.with(|i| i.as_ref().map(|i| i.documents.clone()).unwrap_or_default());
    let motion_ids = {
        let id = id.clone();
        move || ctx.motion_ids(Some(&id))
    };
    let can_remove = move || ctx.chair() && ctx.agenda_editable() && !frozen();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let remove = {
        let id = id.clone();
        move |_| {
            let vars = q::ItemIdVars {
                item_id: id.clone(),
            };
            ctx.mutate(q::REMOVE_AGENDA_ITEM, vars, error, busy, || ());
        }
    };
    view! {
        <li
            class="agenda-item"
            data-item-id=id.clone()
            data-depth=move || depth().to_string()
            style:margin-inline-start=move || format!("{}rem", f64::from(depth()) * 1.5)
        >
            {heading_el}
            <p class="item-badges">
                <Show when=statutory>
                    <span class="badge statutory">{move || t().assemblies().statutory}</span> " "
                </Show>
                <Show when=frozen>
                    <span class="badge frozen">{move || t().assemblies().frozen}</span>
                </Show>
            </p>
            <Show when=move || !body().trim().is_empty()>
                <div class="item-body">{body}</div>
            </Show>
            <Show when=move || !documents().is_empty()>
                <p class="documents-label">{move || t().assemblies().documents}</p>
                <ul class="documents">
                    {move || documents()
                        .into_iter()
                        .map(|d| view! {
                            <li><a href=d.url.clone() rel="noopener noreferrer">{d.title.clone()}</a></li>
                        })
                        .collect_view()}
                </ul>
            </Show>
            <Show when=can_remove>
                <button type="button" class="danger remove-item" on:click=remove.clone() disabled=move || busy.get()>
                    {move || t().remove} <span class="sr-only">" — " {heading}</span>
                </button>
            </Show>
            <FormError error=error />
            <For
                each=motion_ids.clone()
                key=|id| id.clone()
                children=move |id: String| view! { <MotionCard ctx=ctx id=id level=level + 1 /> }
            />
        </li>
    }
}
