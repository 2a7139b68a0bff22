//! `/transition/mine`: each of the member's services with its kind, name, address, status,
//! path, next step and the days left, each linking to its page.

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
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
    let services = RwSignal::new(Vec::<Service>::new());
    let days_left = RwSignal::new(None::<i64>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));

    Effect::new(move |_| {
        if !signed_in.get() {
            return;
        }
        leptos::task::spawn_local(async move {
            let list = crate::api::Call::unscoped(session)
                .all(
                    tq::MY_SERVICES,
                    |first, after| tq::PageVars { first, after },
                    |d: tq::MyServicesData| d.my_transition_services,
                )
                .await;
            match list {
                Ok(s) => services.set(s),
                Err(e) => error.set(Some(e)),
            }
            if let Ok(d) =
                api::request::<_, tq::TransitionData>(tq::TRANSITION, NoVars {}, session.token())
                    .await
            {
                days_left.set(d.transition_plan.map(|p| p.days_left));
            }
            loaded.set(true);
        });
    });

    let items = move || {
        services
            .get()
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
                            <Show when=move || !done && days_left.get().is_some()>
                                <dt>{move || tr().days_left_label}</dt>
                                <dd class="my-service-days">
                                    {move || fill(tr().days_left_short, &[&days_left.get().unwrap_or(0).to_string()])}
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
                <FormError error=error />
                <Show when=move || !loaded.get()>
                    <p>{move || t().loading}</p>
                </Show>
                <Show when=move || loaded.get() && services.with(Vec::is_empty)>
                    <p id="my-services-empty">{move || tr().my_services_empty}</p>
                </Show>
                <ul id="my-services" class="cards">{items}</ul>
            </section>
        </Show>
    }
}
