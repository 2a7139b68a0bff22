//! General assemblies: the assembly with its agenda and motions, proxies, check-in, voting,
//! live turnout and results. Association members read; effective members vote; the board
//! prepares and chairs.

use super::accounts::{parse_uuid, viewer_language, User};
use super::context::ContextExt;
use super::context::WsSession;
use super::error::GqlResultExt;
use super::labs::person;
use super::pagination::{from_rows, page_size, Page};
use crate::domain::assemblies::live;
use crate::domain::assemblies::votes::{self, stored_result};
use crate::domain::assemblies::{self, depth_of, frozen};
use crate::domain::{accounts, assemblies::proxies, Actor, DomainError};
use crate::entities::{agenda_item, assembly, majority_rule, motion, proxy};
use async_graphql::{Context, Object, Result, SimpleObject, Subscription, ID};
use constellation_shared::dto::assemblies::{
    AgendaItemInput, AssemblyInput, AssemblyKind, AssemblyStatus, BallotKind, Choice,
    MajorityRuleCode, MotionInput, MotionStatus, ProxyStatus,
};
use constellation_shared::ids::AssemblyId;
use constellation_shared::{Language, ValidationReason};
use futures_util::{Stream, StreamExt};
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use uuid::Uuid;

mod assembly_object;
mod elections_object;
mod encrypted_object;
pub mod loaders;
mod motion_objects;
mod mutation;
mod proxy_object;
mod query;
pub mod room_counts;
mod subscription;
pub use assembly_object::*;
pub use elections_object::*;
pub use encrypted_object::*;
pub use motion_objects::*;
pub use mutation::*;
pub use proxy_object::*;
pub use query::*;
pub use subscription::*;
