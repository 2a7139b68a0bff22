//! A service's page state, shared by its parts: the service with its history, its
//! checklist with who did what, the plan (days left, whether the viewer is in the working
//! group), and who the viewer is to it.

use crate::api::{self, ApiError};
use crate::session::Session;
use constellation_shared::dto::transition::{HandoverDetail, Plan, Service, ServiceStatus};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::transition as tq;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ServiceCtx {
    pub session: Session,
    pub id: RwSignal<String>,
    pub service: RwSignal<Option<Service>>,
    pub handover: RwSignal<Vec<HandoverDetail>>,
    pub plan: RwSignal<Option<Plan>>,
    pub loaded: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl ServiceCtx {
    pub fn new(session: Session) -> Self {
        Self {
            session,
            id: RwSignal::new(String::new()),
            service: RwSignal::new(None),
            handover: RwSignal::new(Vec::new()),
            plan: RwSignal::new(None),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Reads everything again (after a hand-over step, whose effects reach the status).
    pub fn reload(self) {
        let id = self.id.get_untracked();
        if id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = self.fetch(id).await;
            self.error.set(result.err());
            self.loaded.set(true);
        });
    }

    async fn fetch(self, id: String) -> Result<(), ApiError> {
        let token = self.session.token();
        let vars = tq::IdVars { id: id.clone() };
        let s = api::request::<_, tq::ServiceData>(tq::SERVICE, vars, token.clone()).await;
        let s = match s {
            Ok(d) => d.transition_service,
            Err(e) => {
                self.service.set(None);
                return Err(e);
            }
        };
        let h = api::request::<_, q::HandoverData>(q::HANDOVER, tq::IdVars { id }, token.clone())
            .await?;
        let p = api::request::<_, tq::TransitionData>(tq::TRANSITION, NoVars {}, token).await?;
        self.handover.set(h.transition_service.handover);
        self.plan.set(p.transition_plan);
        self.service.set(Some(s));
        Ok(())
    }

    /// Puts a service the server answered in place of the one shown, keeping its history.
    pub fn replace(self, mut s: Service) {
        self.service.update(|old| {
            if s.history.is_none() {
                s.history = old.as_ref().and_then(|o| o.history.clone());
            }
            *old = Some(s);
        });
    }

    pub fn status(self) -> Option<ServiceStatus> {
        self.service.with(|s| s.as_ref().map(|s| s.status))
    }

    pub fn internal(self) -> bool {
        self.service
            .with(|s| s.as_ref().is_some_and(|s| s.internal))
    }

    pub fn is_holder(self) -> bool {
        let me = self.session.me.with(|m| m.as_ref().map(|m| m.id));
        self.service.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.holders.iter().any(|h| Some(h.id) == me))
        })
    }

    pub fn is_board(self) -> bool {
        self.session.is_board()
    }

    /// The working group and the board tick hand-over items.
    pub fn can_mark(self) -> bool {
        self.is_board()
            || self
                .plan
                .with(|p| p.as_ref().is_some_and(|p| p.in_working_group))
    }

    /// Holders and the board choose a path until the service is migrated.
    pub fn can_choose_path(self) -> bool {
        (self.is_holder() || self.is_board())
            && !self.internal()
            && self
                .status()
                .is_some_and(|s| s.rank() < ServiceStatus::Migrated.rank())
    }
}
