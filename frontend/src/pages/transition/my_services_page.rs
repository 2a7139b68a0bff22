//! `/transition/mine`: each of the member's services with its kind, name, address, status,
//! path, next step and the days left, each linking to its page.

use crate::api;
use crate::components::loaded::Loaded;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::transition::Service;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::transition as tq;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyServicesPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let tr = move || t().transition();
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    // The member's services, and the days left in the plan (none before it is set up).
    let loaded = api::load(session, move |call| {
        let signed_in = signed_in.get();
        async move {
            if !signed_in {
                return Ok((Vec::new(), None));
            }
            let vars = |first, after| tq::PageVars { first, after };
            let services = call
                .all(tq::MY_SERVICES, vars, |d: tq::MyServicesData| {
                    d.my_transition_services
                })
                .await?;
            let plan: Result<tq::TransitionData, _> = call.request(tq::TRANSITION, NoVars {}).await;
            let days_left = plan
                .ok()
                .and_then(|d| d.transition_plan)
                .map(|p| p.days_left);
            Ok((services, days_left))
        }
    });

    let items = move |services: Vec<Service>, days_left: Option<i64>| {
        services
            .into_iter()
            .map(|s| {
                let (kind, status, path) = (s.kind, s.status, s.path);
                let step = s.next_step.clone();
                let step_key = step.clone();
                let heading = format!("my-service-{}-h", s.id);
                let href = format!("/transition/services/{}", s.id);
                let done = s.internal || status.rank() >= constellation_shared::dto::transition::ServiceStatus::Migrated.rank();
                view! {
                    <li class="my-service" data-id=s.id.clone() data-status=status.as_str() aria-labelledby=heading.clone()>
                        <h2 id=heading.clone()>
                            <A href=href attr:class="my-service-link">{s.name.clone()}</A>
                        </h2>
                        <dl class="facts">
                            <dt>{move || tr().kind_label}</dt>
                            <dd class="my-service-kind" data-kind=kind.as_str()>{move || tr().kind(kind)}</dd>
                            <dt>{move || tr().address_label}</dt>
                            <dd class="my-service-address">{s.address.clone()}</dd>
                            <dt>{move || tr().status_label}</dt>
                            <dd><span class="badge my-service-status" data-status=status.as_str()>{move || tr().status(status)}</span></dd>
                            <dt>{move || tr().path_label}</dt>
                            <dd class="my-service-path" data-path=path.map_or("NONE", |p| p.as_str())>{move || tr().path(path)}</dd>
                            <dt>{move || tr().next_step_label}</dt>
                            <dd class="my-service-next" data-step=step_key>{move || tr().next_step(&step)}</dd>
                            <Show when=move || !done && days_left.is_some()>
                                <dt>{move || tr().days_left_label}</dt>
                                <dd class="my-service-days">
                                    {move || fill(tr().days_left_short, &[&days_left.unwrap_or(0).to_string()])}
                                </dd>
                            </Show>
                        </dl>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <Show
            when=move || signed_in.get()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <section aria-labelledby="my-services-h">
                <h1 id="my-services-h">{move || tr().my_services_title}</h1>
                <p class="lead">{move || tr().my_services_intro}</p>
                <p><A href="/transition">{move || tr().back_to_overview}</A></p>
                <Loaded data=loaded let:((services, days_left))>
                    <Show when={let empty = services.is_empty(); move || empty}>
                        <p id="my-services-empty">{move || tr().my_services_empty}</p>
                    </Show>
                    <ul id="my-services" class="cards">{items(services.clone(), days_left)}</ul>
                </Loaded>
            </section>
        </Show>
    }
}
