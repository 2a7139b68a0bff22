//! `/transition`: the plan (end date, days left, the decision, milestones), the dashboard,
//! the working group, recommended hosts and guides, the CHATONS poll, offers to help, and
//! the way to "my services" (and, for the board and the working group, to their pages).

use super::dashboard_view::DashboardView;
use super::guides_list::GuidesList;
use super::hosts_list::HostsList;
use super::offer_form::OfferForm;
use super::plan_summary::PlanSummary;
use super::poll_form::PollForm;
use crate::api::{self, with_loaded};
use crate::components::loaded::Loaded;
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
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    // The plan (none before the board sets it up), the dashboard, and the plan's milestones.
    let data = api::load(session, move |call| {
        let signed_in = signed_in.get();
        async move {
            if !signed_in {
                return Ok(None);
            }
            let d: tq::TransitionData = call.request(tq::TRANSITION, NoVars {}).await?;
            let milestones = match d.transition_plan {
                Some(_) => {
                    let m: q::MilestonesData = call.request(q::MILESTONES, NoVars {}).await?;
                    m.transition_plan.map(|p| p.milestones).unwrap_or_default()
                }
                None => Vec::new(),
            };
            Ok(Some(Overview {
                plan: d.transition_plan,
                dashboard: d.transition_dashboard,
                milestones,
            }))
        }
    });
    let plan = Memo::new(move |_| {
        with_loaded(data, |o: &Option<Overview>| {
            o.as_ref().and_then(|o| o.plan.clone())
        })
    });

    let in_group = move || plan.with(|p| p.as_ref().is_some_and(|p| p.in_working_group));
    let staff = move || session.is_board() || in_group();
    let body = move |overview: Option<Overview>| {
        let Some(Overview {
            plan: Some(_),
            dashboard,
            milestones,
        }) = overview
        else {
            return view! {
                <p id="transition-no-plan" class="notice">{move || t().transition().no_plan}</p>
                <Show when=move || session.is_board()>
                    <p><A href="/transition/inventory" attr:id="transition-inventory-link">{move || t().transition().inventory_link}</A></p>
                </Show>
            }
            .into_any();
        };
        let dash = Signal::stored(dashboard);
        view! {
            <PlanSummary plan=plan.into() milestones=Signal::stored(milestones) />
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
                <Loaded data=data let:overview>{body(overview)}</Loaded>
            </section>
        </Show>
    }
}

/// What the page reads once.
#[derive(Clone)]
struct Overview {
    plan: Option<Plan>,
    dashboard: Dashboard,
    milestones: Vec<Milestone>,
}
