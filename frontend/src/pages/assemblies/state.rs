//! What every assembly page shares: the assembly named by the `:id` of the address, as the
//! viewer sees it, and the calls that change it.

use crate::api::{self, update_loaded, with_loaded, ApiError};
use crate::session::Session;
use constellation_shared::dto::assemblies::{
    AgendaItem, Assembly, AssemblyEvent, AssemblyStatus, Motion,
};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Serialize;

#[derive(Clone, Copy)]
pub struct AssemblyCtx {
    pub session: Session,
    /// The assembly as last read (`Ok(None)`: none at this address, or none visible).
    pub data: LocalResource<Result<Option<Assembly>, ApiError>>,
    /// The assembly shown, the pages' fine-grained view of `data`.
    pub assembly: Memo<Option<Assembly>>,
    /// Read at least once.
    pub loaded: Signal<bool>,
    /// Why the first read failed.
    pub load_error: Signal<Option<ApiError>>,
    /// The `:id` of the address.
    pub route_id: Memo<Option<String>>,
}

impl AssemblyCtx {
    /// Loads the assembly of the address's `:id` (again when the address or the signed-in
    /// account changes).
    pub fn for_route(session: Session) -> Self {
        let params = use_params_map();
        let route_id = Memo::new(move |_| params.read().get("id").filter(|id| !id.is_empty()));
        // The resource, for its own fetcher: a failed refresh keeps what is shown.
        let this = StoredValue::new(None::<LocalResource<Result<Option<Assembly>, ApiError>>>);
        let data = api::load(session, move |call| {
            let id = route_id.get();
            let shown = this
                .try_get_value()
                .flatten()
                .and_then(|d| untrack(|| with_loaded(d, Clone::clone)))
                .filter(|a: &Assembly| Some(&a.id) == id.as_ref());
            async move {
                let Some(id) = id else { return Ok(None) };
                match call
                    .request::<_, q::AssemblyData>(q::ASSEMBLY, q::IdVars { id })
                    .await
                {
                    Ok(d) => Ok(d.assembly),
                    Err(_) if shown.is_some() => Ok(shown),
                    Err(e) => Err(e),
                }
            }
        });
        this.set_value(Some(data));
        Self {
            session,
            data,
            assembly: Memo::new(move |_| with_loaded(data, Clone::clone)),
            loaded: api::load::answered(data),
            load_error: api::load::failure(data),
            route_id,
        }
    }

    /// Reads the assembly again (after a live change).
    pub fn reload(self) {
        self.data.refetch();
    }

    /// The assembly's id, for the calls.
    pub fn id(&self) -> String {
        self.route_id
            .try_get_untracked()
            .flatten()
            .unwrap_or_default()
    }

    pub fn status(&self) -> Option<AssemblyStatus> {
        self.assembly.with(|a| a.as_ref().map(|a| a.status))
    }

    pub fn signed_in(&self) -> bool {
        self.session.me.with(Option::is_some)
    }

    /// Board or admin: prepares the assembly and chairs the session.
    pub fn chair(&self) -> bool {
        self.assembly
            .with(|a| a.as_ref().is_some_and(|a| a.viewer.chair))
    }

    pub fn effective(&self) -> bool {
        self.assembly
            .with(|a| a.as_ref().is_some_and(|a| a.viewer.effective))
    }

    /// The agenda may still change (statutory items only in draft).
    pub fn agenda_editable(&self) -> bool {
        matches!(
            self.status(),
            Some(AssemblyStatus::Draft | AssemblyStatus::Convened)
        )
    }

    pub fn agenda(&self) -> Vec<AgendaItem> {
        self.assembly
            .with(|a| a.as_ref().map(|a| a.agenda.clone()).unwrap_or_default())
    }

    pub fn item(&self, id: &str) -> Option<AgendaItem> {
        self.assembly
            .with(|a| a.as_ref()?.agenda.iter().find(|i| i.id == id).cloned())
    }

    pub fn motion(&self, id: &str) -> Option<Motion> {
        self.assembly
            .with(|a| a.as_ref()?.motions.iter().find(|m| m.id == id).cloned())
    }

    /// Ids of the motions (under `item`, or all), in order.
    pub fn motion_ids(&self, item: Option<&str>) -> Vec<String> {
        self.assembly.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.motions
                        .iter()
                        .filter(|m| item.is_none_or(|i| m.item_id == i))
                        .map(|m| m.id.clone())
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    /// A motion's short name for announcements ("2.1 — Approve the accounts…").
    pub fn motion_name(&self, id: &str) -> Option<String> {
        self.assembly
            .try_with_untracked(|a| {
                let a = a.as_ref()?;
                let m = a.motions.iter().find(|m| m.id == id)?;
                Some(super::motion_name(m, &a.agenda))
            })
            .flatten()
    }

    /// The signed-in person's id, as the API writes it.
    pub fn viewer_id(&self) -> Option<String> {
        self.session
            .me
            .with(|m| m.as_ref().map(|m| m.id.to_string()))
    }

    /// A vote right is cast: its form goes at once, then the assembly is read again.
    pub fn mark_cast(&self, motion_id: &str, member_id: &str) {
        update_loaded(self.data, |a| {
            let right = a
                .as_mut()
                .and_then(|a| a.motions.iter_mut().find(|m| m.id == motion_id))
                .and_then(|m| {
                    m.my_rights
                        .iter_mut()
                        .find(|r| r.member.id.to_string() == member_id)
                });
            if let Some(r) = right {
                r.cast = true;
            }
        });
        self.reload();
    }

    /// Shows a live event's figures at once, before the assembly is read again.
    pub fn apply_event(&self, event: &AssemblyEvent) {
        let Some(motion_id) = event.motion_id.as_deref() else {
            return;
        };
        update_loaded(self.data, |a| {
            if let Some(m) = a
                .as_mut()
                .and_then(|a| a.motions.iter_mut().find(|m| m.id == motion_id))
            {
                m.turnout = event.turnout;
                if event.tally.is_some() {
                    m.tally.clone_from(&event.tally);
                }
            }
        });
    }

    /// Runs a call that answers with the assembly, and shows the answer.
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
            move |r: q::AssemblyResult| {
                if let Some(a) = r.into_inner() {
                    // Newer than any read still on its way (a write drops those).
                    self.data.try_set(Some(Ok(Some(a))));
                }
                done();
            },
        );
    }
}
