//! `/transition/inventory` (board): the plan and its milestones, a service by hand, the CSV
//! import, and the inventory with each service's status and hand-over.

use super::board_api::load_plan;
use super::import_form::ImportForm;
use super::inventory_list::InventoryList;
use super::milestones_editor::MilestonesEditor;
use super::plan_form::PlanForm;
use super::service_form::ServiceForm;
use crate::api;
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::Service;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn InventoryPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let board = Memo::new(move |_| session.is_board());
    let version = RwSignal::new(0_u64);
    let editing = RwSignal::new(None::<Service>);
    let plan = api::load(session, move |call| {
        let board = board.get();
        async move {
            if !board {
                return Ok(None);
            }
            load_plan(&call).await
        }
    });
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    let saved = Callback::new(move |_: Service| version.update(|v| *v += 1));
    let edit = Callback::new(move |s: Service| {
        editing.set(Some(s));
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("service-name"))
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });

    view! {
        <Show
            when=move || board.get()
            fallback=move || view! {
                <p id="board-only">{move || if session.ready.get() { t().board_only } else { strings(session.lang.get()).loading }}</p>
            }
        >
            <section aria-labelledby="inventory-page-h" id="transition-inventory">
                <h1 id="inventory-page-h">{move || t().inventory_title}</h1>
                <p class="lead">{move || t().inventory_intro}</p>
                <nav class="links" aria-label=move || t().inventory_title>
                    <A href="/transition">{move || t().see_overview}</A>
                    " · "
                    <A href="/transition/support">{move || t().see_support}</A>
                    " · "
                    <A href="/transition/group">{move || t().see_group}</A>
                </nav>
                <Loaded data=plan let:current>
                    // The board's working copy: the forms below change it.
                    {let plan = RwSignal::new(current);
                    view! {
                    <PlanForm plan=plan />
                    <Show when=move || plan.with(Option::is_some)>
                        <MilestonesEditor plan=plan />
                    </Show>
                    }}
                </Loaded>
                <ServiceForm editing=editing saved=saved />
                <ImportForm imported=reload />
                <InventoryList version=version edit=edit />
            </section>
        </Show>
    }
}
