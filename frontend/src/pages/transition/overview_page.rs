//! `/transition`: the plan (end date, days left, the decision, milestones), the dashboard,
//! the working group, recommended hosts and guides, the CHATONS poll, offers to help, and
//! the way to "my services" (and, for the board and the working group, to their pages).

use super::dashboard_view::DashboardView;
use super::guides_list::GuidesList;
use super::hosts_list::HostsList;
use super::offer_form::OfferForm;
use super::plan_summary::PlanSummary;
use super::poll_form::PollForm;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{Dashboard, Milestone, Plan};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::transition as tq;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let plan = RwSignal::new(None::<Plan>);
    let dashboard = RwSignal::new(None::<Dashboard>);
    let milestones = RwSignal::new(Vec::<Milestone>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));

    Effect::new(move |_| {
        if !signed_in.get() {
            return;
        }
        leptos::task::spawn_local(async move {
            let token = session.token();
            match api::request::<_, tq::TransitionData>(tq::TRANSITION, NoVars {}, token.clone())
                .await
            {
                Ok(d) => {
                    let has_plan = d.transition_plan.is_some();
                    plan.set(d.transition_plan);
                    dashboard.set(Some(d.transition_dashboard));
                    if has_plan {
                        match api::request::<_, q::MilestonesData>(q::MILESTONES, NoVars {}, token)
                            .await
                        {
                            Ok(m) => milestones
                                .set(m.transition_plan.map(|p| p.milestones).unwrap_or_default()),
                            Err(e) => error.set(Some(e)),
                        }
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            loaded.set(true);
        });
    });

    let in_group = move || plan.with(|p| p.as_ref().is_some_and(|p| p.in_working_group));
    let staff = move || session.is_board() || in_group();
    let body = move || {
        if !loaded.get() {
            return view! { <p>{move || t().loading}</p> }.into_any();
        }
        if plan.with(Option::is_none) {
            return view! {
                <p id="transition-no-plan" class="notice">{move || t().transition().no_plan}</p>
                <Show when=move || session.is_board()>
                    <p><A href="/transition/inventory" attr:id="transition-inventory-link">{move || t().transition().inventory_link}</A></p>
                </Show>
            }
            .into_any();
        }
        let dash = Signal::derive(move || dashboard.get().unwrap_or_else(empty_dashboard));
        view! {
            <PlanSummary plan=plan.into() milestones=milestones.into() />
            <nav aria-labelledby="transition-links-h">
                <h2 id="transition-links-h">{move || t().transition().links_title}</h2>
                <ul id="transition-links">
                    <li><A href="/transition/mine" attr:id="transition-mine-link">{move || t().transition().my_services_link}</A></li>
                    <Show when=move || session.is_board()>
                        <li><A href="/transition/inventory" attr:id="transition-inventory-link">{move || t().transition().inventory_link}</A></li>
                    </Show>
                    <Show when=staff>
                        <li><A href="/transition/support" attr:id="transition-support-link">{move || t().transition().support_queue_link}</A></li>
                        <li><A href="/transition/group" attr:id="transition-group-tools-link">{move || t().transition().group_tools_link}</A></li>
                    </Show>
                </ul>
            </nav>
            <DashboardView dashboard=dash />
            <HostsList />
            <GuidesList />
            <PollForm />
            <OfferForm />
        }
        .into_any()
    };

    view! {
        <Show
            when=move || signed_in.get()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <section aria-labelledby="transition-h" id="transition">
                <h1 id="transition-h">
                    {move || plan.with(|p| p.as_ref().map(|p| p.title.clone()))
                        .unwrap_or_else(|| t().transition().title.to_owned())}
                </h1>
                <p class="lead">{move || t().transition().intro}</p>
                <FormError error=error />
                {body}
            </section>
        </Show>
    }
}

/// What the dashboard shows before its figures arrive.
fn empty_dashboard() -> Dashboard {
    use constellation_shared::dto::{Connection, PageInfo};
    let none = || PageInfo {
        has_next_page: false,
        end_cursor: None,
    };
    Dashboard {
        ends_on: None,
        days_left: None,
        at_risk_days: 0,
        total: 0,
        internal: 0,
        by_status: Vec::new(),
        by_path: Vec::new(),
        at_risk: 0,
        at_risk_services: Connection {
            edges: Vec::new(),
            page_info: none(),
        },
        progress: Connection {
            edges: Vec::new(),
            page_info: none(),
        },
    }
}
