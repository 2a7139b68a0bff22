//! What every barcamp page shares: the edition named by the `:year` of the address, its
//! sessions when the page needs them, who is looking, and the calls that change them.

use crate::api::{self, update_loaded, with_loaded, ApiError, Call};
use crate::session::Session;
use constellation_shared::dto::barcamp::{BarcampPhase, Edition, Session as Talk};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Serialize;

#[derive(Clone, Copy)]
pub struct BarcampCtx {
    pub session: Session,
    /// The edition as last read, with its sessions when the page asked for them.
    pub data: LocalResource<Result<Shown, ApiError>>,
    pub edition: Memo<Option<Edition>>,
    /// Every session of the edition, in proposal order (when the page asked for them).
    pub talks: Memo<Vec<Talk>>,
    /// Read at least once.
    pub loaded: Signal<bool>,
    /// Why the first read failed.
    pub load_error: Signal<Option<ApiError>>,
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

/// What a barcamp page shows: the edition (none at this address), with its sessions.
pub type Shown = (Option<Edition>, Vec<Talk>);

/// The edition of `year`, with all its sessions when `with_talks`.
async fn read(call: &Call, year: Option<i32>, with_talks: bool) -> Result<Shown, ApiError> {
    let Some(year) = year else {
        return Ok((None, Vec::new()));
    };
    let vars = q::EditionVars {
        id: None,
        year: Some(year),
    };
    let d: q::EditionData = call.request(q::EDITION, vars).await?;
    let talks = match (&d.barcamp_edition, with_talks) {
        (Some(e), true) => {
            let vars = |first, after| q::SessionsVars {
                edition_id: e.id.clone(),
                status: None,
                first,
                after,
            };
            call.all(q::SESSIONS, vars, |d: q::SessionsData| d.barcamp_sessions)
                .await?
        }
        _ => Vec::new(),
    };
    Ok((d.barcamp_edition, talks))
}

impl BarcampCtx {
    /// Loads the edition of the address's `:year` (again when the address or the signed-in
    /// account changes), with all its sessions when `with_talks`.
    pub fn for_route(session: Session, with_talks: bool) -> Self {
        let params = use_params_map();
        // The resource, for its own fetcher: a failed refresh keeps what is shown.
        let this = StoredValue::new(None::<LocalResource<Result<Shown, ApiError>>>);
        let data = api::load(session, move |call| {
            let year = params
                .read()
                .get("year")
                .and_then(|y| y.parse::<i32>().ok());
            let shown = this
                .try_get_value()
                .flatten()
                .and_then(|d| {
                    untrack(|| with_loaded(d, |s: &Shown| s.0.is_some().then(|| s.clone())))
                })
                .filter(|s| s.0.as_ref().map(|e| e.year) == year);
            async move {
                match (read(&call, year, with_talks).await, shown) {
                    (Err(_), Some(shown)) => Ok(shown),
                    (read, _) => read,
                }
            }
        });
        this.set_value(Some(data));
        Self {
            session,
            data,
            edition: Memo::new(move |_| with_loaded(data, |(e, _)| e.clone())),
            talks: Memo::new(move |_| with_loaded(data, |(_, ts)| ts.clone())),
            loaded: api::load::answered(data),
            load_error: api::load::failure(data),
        }
    }

    /// Reads the edition (and its sessions) again, e.g. after a live change.
    pub fn reload(self) {
        self.data.refetch();
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
        update_loaded(self.data, |(_, ts)| {
            match ts.iter_mut().find(|t| t.id == talk.id) {
                Some(t) => *t = talk,
                None => ts.push(talk),
            }
        });
    }

    /// Reads the sessions again (after a change that touches more than one). A failed read
    /// keeps the sessions shown.
    pub fn refresh_talks(self) {
        let id = self.id();
        if id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = load_talks(self.session, id).await {
                update_loaded(self.data, |(_, ts)| *ts = fresh);
            }
        });
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
        api::mutate(
            self.session,
            document,
            vars,
            error,
            busy,
            move |r: q::EditionResult| {
                if let Some(e) = r.into_inner() {
                    update_loaded(self.data, |(edition, _)| *edition = Some(e));
                }
                done();
            },
        );
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
        api::mutate(
            self.session,
            document,
            vars,
            error,
            busy,
            move |r: q::SessionResult| {
                if let Some(t) = r.into_inner() {
                    self.put_talk(t.clone());
                    done(t);
                }
            },
        );
    }
}
