//! Typed identifiers: a `MotionId` cannot be passed where an `AssemblyId` is expected.
//!
//! Each is a UUID underneath, written and read as its plain text (`serde(transparent)`), so the
//! wire and the stored rows are the same as a bare `Uuid`. With the server-only `orm` feature
//! each is also a sea-orm value type, so an entity's column holds the typed id itself and a
//! query filters with it directly.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "orm", derive(sea_orm::DeriveValueType))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh time-ordered id (v7), for a row about to be inserted.
            #[cfg(feature = "orm")]
            pub fn now_v7() -> Self {
                Self(Uuid::now_v7())
            }

            /// A fresh random id (v4), for a row about to be inserted.
            #[cfg(feature = "orm")]
            pub fn new_v4() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> $name {
                $name(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        /// Primary keys are drawn by the application, never by the database; sea-orm asks
        /// for this conversion of every primary key type, and it is never used.
        #[cfg(feature = "orm")]
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
            }
        }
    )+};
}

id_type! {
    /// An account.
    UserId;
    /// A Lab.
    LabId;
    /// A general assembly.
    AssemblyId;
    /// An item on an assembly's agenda.
    ItemId;
    /// A motion or an election on an assembly's agenda.
    MotionId;
    /// A proxy one member gives another for an assembly.
    ProxyId;
    /// A barcamp edition.
    EditionId;
    /// A session proposed at a barcamp.
    SessionId;
    /// A room of a barcamp edition.
    RoomId;
    /// A time slot of a barcamp edition.
    SlotId;
    /// A pool of common resources.
    PoolId;
    /// A period of a resource pool.
    PeriodId;
    /// A request for common resources.
    RequestId;
    /// A Lab's project.
    ProjectId;
    /// A poll.
    PollId;
    /// A hosted service in the transition.
    ServiceId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_uuid_on_the_wire() {
        let raw = "7f3c1c2e-5b1a-4c1e-9a47-0f2d3b4c5d6e";
        let id: LabId = raw.parse().expect("a uuid");
        assert_eq!(id.to_string(), raw);
        assert_eq!(
            serde_json::to_string(&id).expect("json"),
            format!("\"{raw}\"")
        );
        let back: LabId = serde_json::from_str(&format!("\"{raw}\"")).expect("json");
        assert_eq!(back, id);
        assert!("not-a-uuid".parse::<MotionId>().is_err());
    }
}
