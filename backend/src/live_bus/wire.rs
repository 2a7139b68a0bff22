//! What a `live_events` row says: its kind, and a reference small enough for a row and a
//! notification. An audit entry is referred to by its `audit_log` id (the listener reads the
//! entry); an assembly signal and a bell carry their few ids.

use crate::domain::assemblies::votes::LiveSignal;
use crate::entities::audit_log;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An event a [`super::Channel`] can carry to other replicas.
pub trait Wire {
    /// `live_events.kind`.
    const KIND: &'static str;
    /// `live_events.reference`.
    fn reference(&self) -> String;
}

pub const AUDIT: &str = "audit";
pub const LIVE: &str = "live";
pub const NOTICE: &str = "notice";

impl Wire for audit_log::Model {
    const KIND: &'static str = AUDIT;
    fn reference(&self) -> String {
        self.id.to_string()
    }
}

impl Wire for Uuid {
    const KIND: &'static str = NOTICE;
    fn reference(&self) -> String {
        self.to_string()
    }
}

#[derive(Serialize, Deserialize)]
struct Signal {
    a: constellation_shared::ids::AssemblyId,
    m: Option<constellation_shared::ids::MotionId>,
    k: String,
}

impl Wire for LiveSignal {
    const KIND: &'static str = LIVE;
    fn reference(&self) -> String {
        serde_json::to_string(&Signal {
            a: self.assembly_id,
            m: self.motion_id,
            k: self.kind.to_owned(),
        })
        .unwrap_or_default()
    }
}

/// The signal a `live` row carries.
pub fn live_signal(reference: &str) -> Option<LiveSignal> {
    let s: Signal = serde_json::from_str(reference).ok()?;
    Some(LiveSignal {
        assembly_id: s.a,
        motion_id: s.m,
        kind: signal_kind(&s.k),
    })
}

/// The kinds the assemblies send (`LiveSignal::kind` is a `&'static str`). A kind this
/// build does not know (a newer replica during a rolling upgrade) still reaches pages, as
/// the generic `VOTE`: they refetch the figures either way.
fn signal_kind(k: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "VOTE",
        "SESSION",
        "CHECK_IN",
        "VOTING_OPENED",
        "VOTING_CLOSED",
    ];
    KNOWN
        .iter()
        .copied()
        .find(|known| *known == k)
        .unwrap_or("VOTE")
}

#[cfg(test)]
mod tests {
    use super::*;
    use constellation_shared::ids::{AssemblyId, MotionId};

    #[test]
    fn signals_survive_the_trip_and_unknown_kinds_stay_signals() {
        let s = LiveSignal {
            assembly_id: AssemblyId::new_v4(),
            motion_id: Some(MotionId::new_v4()),
            kind: "VOTING_CLOSED",
        };
        let back = live_signal(&s.reference()).unwrap_or_else(|| panic!("decodes"));
        assert_eq!(back.assembly_id, s.assembly_id);
        assert_eq!(back.motion_id, s.motion_id);
        assert_eq!(back.kind, "VOTING_CLOSED");
        let newer = format!(r#"{{"a":"{}","m":null,"k":"RECOUNT"}}"#, s.assembly_id);
        assert_eq!(live_signal(&newer).map(|s| s.kind), Some("VOTE"));
        assert!(live_signal("not json").is_none());
    }
}
