//! What every barcamp page shares: the edition named by the `:year` of the address, its
//! sessions when the page needs them, who is looking, and the calls that change them.

use crate::api::{self, ApiError, Call};
use crate::session::Session;
use constellation_shared::dto::barcamp::{BarcampPhase, Edition, Session as Talk};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Clone, Copy)]
pub struct BarcampCtx {
    pub session: Session,
    pub edition: RwSignal<Option<Edition>>,
    /// Every session of the edition, in proposal order (when the page asked for them).
    pub talks: RwSignal<Vec<Talk>>,
    pub loaded: RwSignal<bool>,
    pub load_error: RwSignal<Option<ApiError>>,
    with_talks: bool,
}

/// Every session of an edition, following the pages to the end.
pub async fn load_talks(session: Session, edition_id: String) -> Result<Vec<Talk>, ApiError> {
    let vars = |first, after| q::SessionsVars {
        edition_id: edition_id.clone(),
        status: None,
        first,
        after,
    };
    Call::unscoped(session)
        .all(q::SESSIONS, vars, |d: q::SessionsData| d.barcamp_sessions)
        .await
}

impl BarcampCtx {
    /// Loads the edition of the address's `:year` (again when the address or the signed-in
    /// account changes), with all its sessions when `with_talks`.
    pub fn for_route(session: Session, with_talks: bool) -> Self {
        let ctx = Self {
            session,
            edition: RwSignal::new(None),
            talks: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            load_error: RwSignal::new(None),
            with_talks,
        };
        let params = use_params_map();
        Effect::new(move |_| {
            let year = params
                .read()
                .get("year")
                .and_then(|y| y.parse::<i32>().ok());
            session.token.track();
            leptos::task::spawn_local(async move {
                let result = ctx.load(year).await;
                ctx.load_error.set(result.err());
                ctx.loaded.set(true);
            });
        });
        ctx
    }

    async fn load(self, year: Option<i32>) -> Result<(), ApiError> {
        let Some(year) = year else {
            self.edition.set(None);
            return Ok(());
        };
        let vars = q::EditionVars {
            id: None,
            year: Some(year),
        };
        let d = api::request::<_, q::EditionData>(q::EDITION, vars, self.session.token()).await?;
        let id = d.barcamp_edition.as_ref().map(|e| e.id.clone());
        self.edition.set(d.barcamp_edition);
        if let (true, Some(id)) = (self.with_talks, id) {
            self.talks.set(load_talks(self.session, id).await?);
        }
        Ok(())
    }

    /// Reads the edition (and its sessions) again, e.g. after a live change.
    pub fn reload(self) {
        let Some(year) = self
            .edition
            .try_with_untracked(|e| e.as_ref().map(|e| e.year))
            .flatten()
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(e) = self.load(Some(year)).await {
                self.load_error.set(Some(e));
            }
        });
    }

    /// The edition's id, for the calls (empty once the page is gone).
    pub fn id(&self) -> String {
        self.edition
            .try_with_untracked(|e| e.as_ref().map(|e| e.id.clone()))
            .flatten()
            .unwrap_or_default()
    }

    /// The edition's id, tracked (for effects that follow the edition).
    pub fn tracked_id(&self) -> Option<String> {
        self.edition.with(|e| e.as_ref().map(|e| e.id.clone()))
    }

    pub fn year(&self) -> i32 {
        self.edition
            .with(|e| e.as_ref().map(|e| e.year))
            .unwrap_or_default()
    }

    pub fn phase(&self) -> Option<BarcampPhase> {
        self.edition.with(|e| e.as_ref().map(|e| e.phase))
    }

    pub fn signed_in(&self) -> bool {
        self.session.me.with(Option::is_some)
    }

    pub fn registered(&self) -> bool {
        self.edition
            .with(|e| e.as_ref().is_some_and(|e| e.viewer.registered))
    }

    pub fn organiser(&self) -> bool {
        self.edition
            .with(|e| e.as_ref().is_some_and(|e| e.viewer.organiser))
    }

    /// Board members and administrators create editions and name organisers.
    pub fn is_board(&self) -> bool {
        self.session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    }

    /// Proposals are open (and hosts may still edit theirs).
    pub fn proposals_open(&self) -> bool {
        matches!(
            self.phase(),
            Some(BarcampPhase::Proposals | BarcampPhase::Interest)
        )
    }

    /// The placed schedule is shown: to everyone once published, to organisers before.
    pub fn schedule_visible(&self) -> bool {
        self.phase() == Some(BarcampPhase::Published) || self.organiser()
    }

    /// Puts a session the server answered in place of the one shown (or adds it).
    pub fn put_talk(&self, talk: Talk) {
        self.talks
            .update(|ts| match ts.iter_mut().find(|t| t.id == talk.id) {
                Some(t) => *t = talk,
                None => ts.push(talk),
            });
    }

    /// Reads the sessions again (after a change that touches more than one).
    pub fn refresh_talks(self) {
        let id = self.id();
        if id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match load_talks(self.session, id).await {
                Ok(ts) => self.talks.set(ts),
                Err(e) => self.load_error.set(Some(e)),
            }
        });
    }

    /// Runs a call and hands its answer to `done`; the error lands in `error`.
    pub fn run<V, D>(
        self,
        document: &'static str,
        vars: V,
        error: RwSignal<Option<ApiError>>,
        busy: RwSignal<bool>,
        done: impl FnOnce(D) + 'static,
    ) where
        V: Serialize + 'static,
        D: DeserializeOwned + 'static,
    {
        api::mutate(self.session, document, vars, error, busy, done);
    }

    /// Runs a call that answers with the edition, and shows the answer.
    pub fn mutate_edition<V: Serialize + 'static>(
        self,
        document: &'static str,
        vars: V,
        error: RwSignal<Option<ApiError>>,
        busy: RwSignal<bool>,
        done: impl FnOnce() + 'static,
    ) {
        self.run(document, vars, error, busy, move |r: q::EditionResult| {
            if let Some(e) = r.into_inner() {
                self.edition.set(Some(e));
            }
            done();
        });
    }

    /// Runs a call that answers with a session, shows it, and hands it to `done`.
    pub fn mutate_talk<V: Serialize + 'static>(
        self,
        document: &'static str,
        vars: V,
        error: RwSignal<Option<ApiError>>,
        busy: RwSignal<bool>,
        done: impl FnOnce(Talk) + 'static,
    ) {
        self.run(document, vars, error, busy, move |r: q::SessionResult| {
            if let Some(t) = r.into_inner() {
                self.put_talk(t.clone());
                done(t);
            }
        });
    }
}
