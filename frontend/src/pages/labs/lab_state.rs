//! The Lab page's shared state: the Lab as last loaded, who is looking, and the calls that
//! change it. Every Lab mutation answers with the Lab's page, which replaces what is shown.

use crate::api::{self, with_loaded, ApiError};
use crate::session::Session;
use constellation_shared::dto::labs::{
    LabDetail, LabRole, LabStatus, MemberState, MembershipPolicy, MyMembership,
};
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Serialize;

#[derive(Clone, Copy)]
pub struct LabCtx {
    /// The Lab as last read (`Ok(None)`: none at this address, or not visible).
    pub data: LocalResource<Result<Option<LabDetail>, ApiError>>,
    /// The Lab shown, the pages' fine-grained view of `data`.
    pub lab: Memo<Option<LabDetail>>,
    /// Read at least once.
    pub loaded: Signal<bool>,
    /// Why the last read failed.
    pub load_error: Signal<Option<ApiError>>,
    pub session: Session,
}

impl LabCtx {
    /// The Lab of the address's `:slug`, read again when the address or the signed-in
    /// account changes.
    pub fn for_route(session: Session) -> Self {
        let params = use_params_map();
        let data = api::load(session, move |call| {
            let slug = params.read().get("slug").unwrap_or_default();
            async move {
                let d: q::LabData = call.request(q::LAB, q::LabVars { slug }).await?;
                Ok(d.lab)
            }
        });
        Self {
            data,
            lab: Memo::new(move |_| with_loaded(data, Clone::clone)),
            loaded: api::load::answered(data),
            load_error: api::load::failure(data),
            session,
        }
    }

    /// The Lab's id, for the mutations.
    pub fn id(&self) -> String {
        self.lab
            .with_untracked(|l| l.as_ref().map(|l| l.id.clone()))
            .unwrap_or_default()
    }

    pub fn slug(&self) -> String {
        self.lab
            .with(|l| l.as_ref().map(|l| l.slug.clone()))
            .unwrap_or_default()
    }

    pub fn status(&self) -> Option<LabStatus> {
        self.lab.with(|l| l.as_ref().map(|l| l.status))
    }

    pub fn policy(&self) -> Option<MembershipPolicy> {
        self.lab
            .with(|l| l.as_ref().map(|l| l.framing.membership_policy))
    }

    pub fn has_pending_framing(&self) -> bool {
        self.lab
            .with(|l| l.as_ref().is_some_and(|l| l.pending_framing.is_some()))
    }

    pub fn my_membership(&self) -> Option<MyMembership> {
        self.lab
            .with(|l| l.as_ref().and_then(|l| l.my_membership.clone()))
    }

    pub fn signed_in(&self) -> bool {
        self.session.me.with(Option::is_some)
    }

    /// Board members and administrators review Labs and archive them.
    pub fn is_board(&self) -> bool {
        self.session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    }

    /// Something awaits the board: a proposal, or a change to an active Lab's framing.
    /// (A Lab whose proposal was sent back keeps a pending version, but nothing awaits.)
    pub fn awaits_review(&self) -> bool {
        match self.status() {
            Some(LabStatus::Proposed) => true,
            Some(LabStatus::Active) => self.has_pending_framing(),
            _ => false,
        }
    }

    /// An active Lab with a framing change awaiting the board.
    pub fn has_pending_change(&self) -> bool {
        self.is_active() && self.has_pending_framing()
    }

    /// An active member, whatever the role.
    pub fn is_active_member(&self) -> bool {
        self.my_membership()
            .is_some_and(|m| m.state == MemberState::Active)
    }

    pub fn is_coordinator(&self) -> bool {
        self.my_membership()
            .is_some_and(|m| m.state == MemberState::Active && m.role == LabRole::Coordinator)
    }

    /// Archived and rejected Labs only show their record.
    pub fn read_only(&self) -> bool {
        matches!(
            self.status(),
            Some(LabStatus::Archived | LabStatus::Rejected) | None
        )
    }

    pub fn is_active(&self) -> bool {
        self.status() == Some(LabStatus::Active)
    }

    /// Reads the Lab again and shows it (newer than any read still on its way).
    pub async fn load(self, slug: String) -> Result<(), ApiError> {
        let d = api::request::<_, q::LabData>(q::LAB, q::LabVars { slug }, self.session.token())
            .await?;
        self.data.try_set(Some(Ok(d.lab)));
        Ok(())
    }

    /// Runs a mutation that answers with the Lab, and shows the answer.
    pub fn mutate<V: Serialize + 'static>(
        self,
        document: &'static str,
        vars: V,
        error: RwSignal<Option<ApiError>>,
        busy: RwSignal<bool>,
        done: impl FnOnce() + 'static,
    ) {
        api::mutate(
            self.session,
            document,
            vars,
            error,
            busy,
            move |r: q::LabResult| {
                if let Some(lab) = r.into_inner() {
                    self.data.try_set(Some(Ok(Some(lab))));
                }
                done();
            },
        );
    }

    /// Runs a project mutation, then reloads the Lab.
    pub fn mutate_project<V: Serialize + 'static>(
        self,
        document: &'static str,
        vars: V,
        error: RwSignal<Option<ApiError>>,
        busy: RwSignal<bool>,
        done: impl FnOnce() + 'static,
    ) {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let slug = self
            .lab
            .with_untracked(|l| l.as_ref().map(|l| l.slug.clone()))
            .unwrap_or_default();
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::ProjectResult>(document, vars, self.session.token()).await;
            match result {
                Ok(_) => {
                    let reloaded = self.load(slug).await;
                    busy.set(false);
                    if let Err(e) = reloaded {
                        error.set(Some(e));
                    }
                    done();
                }
                Err(e) => {
                    busy.set(false);
                    error.set(Some(e));
                }
            }
        });
    }
}
