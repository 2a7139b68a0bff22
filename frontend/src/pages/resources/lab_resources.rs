//! The Lab page's `section#lab-resources`: the Lab's resource requests with what the board
//! decided and why, and for the coordinators of an active Lab the request form.

use super::request_form::RequestForm;
use super::request_item::RequestItem;
use super::{load_pools, load_requests};
use crate::api::{ApiError, Call};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::pages::labs::lab_state::LabCtx;
use constellation_shared::dto::resources::{Pool, ResourceRequest};
use constellation_shared::ErrorCode;
use leptos::prelude::*;
use leptos_router::components::A;

/// The section's state, shared by the list, its items and the form.
#[derive(Clone, Copy)]
pub struct LabResourcesCtx {
    pub lab: LabCtx,
    pub requests: RwSignal<Vec<ResourceRequest>>,
    pub pools: RwSignal<Vec<Pool>>,
    pub loaded: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// Success notes of the section's actions, announced politely.
    pub note: RwSignal<Option<&'static str>>,
}

impl LabResourcesCtx {
    fn new(lab: LabCtx) -> Self {
        Self {
            lab,
            requests: RwSignal::new(Vec::new()),
            pools: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            note: RwSignal::new(None),
        }
    }

    /// Active coordinators of an active Lab file requests.
    pub fn can_request(&self) -> bool {
        self.lab.is_active() && self.lab.is_coordinator()
    }

    /// Shows `text` as the section's success note.
    pub fn say(&self, text: fn(&crate::i18n::Strings) -> &'static str) {
        self.note
            .set(Some(text(strings(self.lab.session.lang.get_untracked()))));
    }

    /// Reads the Lab's requests again, and the pools (their remaining amounts) for the form.
    pub fn reload(self) {
        let session = self.lab.session;
        let lab_id = self.lab.id();
        let with_pools = self.can_request_untracked();
        leptos::task::spawn_local(async move {
            let call = Call::unscoped(session);
            let requests = load_requests(&call, None, Some(lab_id)).await;
            self.loaded.set(true);
            match requests {
                Ok(r) => self.requests.set(r),
                // Someone who may not see them simply does not get the list.
                Err(e) if matches!(e.code, ErrorCode::Forbidden | ErrorCode::Unauthenticated) => {
                    self.requests.set(Vec::new());
                }
                Err(e) => self.error.set(Some(e)),
            }
            if with_pools {
                match load_pools(&call).await {
                    Ok(p) => self.pools.set(p),
                    Err(e) => self.error.set(Some(e)),
                }
            }
        });
    }

    fn can_request_untracked(&self) -> bool {
        untrack(|| self.can_request())
    }
}

#[component]
pub fn LabResources(ctx: LabCtx) -> impl IntoView {
    let session = ctx.session;
    let t = move || strings(session.lang.get());
    let res = LabResourcesCtx::new(ctx);
    let lab_id = Memo::new(move |_| ctx.lab.with(|l| l.as_ref().map(|l| l.id.clone())));
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    let can_request = Memo::new(move |_| res.can_request());

    Effect::new(move |_| {
        let id = lab_id.get();
        can_request.track();
        if signed_in.get() && id.is_some() {
            res.reload();
        }
    });

    view! {
        <Show when=move || signed_in.get()>
            <section id="lab-resources" aria-labelledby="lab-resources-h">
                <h2 id="lab-resources-h">{move || t().resources().lab_resources_title}</h2>
                <p>
                    <A href="/resources">{move || t().resources().see_pools}</A>
                    " · "
                    <A href="/transparency">{move || t().resources().transparency_title}</A>
                </p>
                <FormError error=res.error />
                <FormNote text=res.note.into() />
                <h3 id="lab-requests-h">{move || t().resources().requests_title}</h3>
                <Show when=move || !res.loaded.get()>
                    <p>{move || t().loading}</p>
                </Show>
                <Show when=move || res.loaded.get() && res.requests.with(Vec::is_empty)>
                    <p id="lab-requests-empty">{move || t().resources().lab_requests_empty}</p>
                </Show>
                <ul id="lab-requests" class="cards" aria-labelledby="lab-requests-h">
                    <For
                        each=move || res.requests.get()
                        key=|r| {
                            (
                                r.id.clone(),
                                r.status,
                                r.amount.clone(),
                                r.justification.clone(),
                                r.granted_amount.clone(),
                                r.released_amount.clone(),
                            )
                        }
                        children=move |r| view! { <RequestItem res=res request=r /> }
                    />
                </ul>
                <Show when=move || can_request.get()>
                    <RequestForm res=res />
                </Show>
            </section>
        </Show>
    }
}
