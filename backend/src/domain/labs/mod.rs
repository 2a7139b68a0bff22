//! Labs: proposal with a framing, board review, framing changes, archive, acknowledging
//! the common rules; who may see which Lab; the directory and the review queue.

pub mod common_rules;
pub mod invitations;
pub mod members;
pub mod projects;

mod access;
mod directory;
mod framing;
mod history;
mod lifecycle;
pub use access::*;
pub use directory::*;
pub use framing::*;
pub use history::*;
pub use lifecycle::*;

use crate::domain::core::parse::{date, text};
use crate::domain::{core::audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{audit_log, lab, lab_event, lab_framing, lab_member};
use constellation_shared::dto::labs::{
    FramingInput, FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy,
    ProposeLabInput, ReviewDecision,
};
use constellation_shared::rules::slug::is_valid_slug;
use constellation_shared::ValidationReason;
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

const TEXT_MAX: usize = 10_000;
const NAME_MAX: usize = 120;
const THEME_MAX: usize = 40;
const THEMES_MAX: usize = 10;
const SLUG_UNIQUE: &[&str] = &["uq_labs_slug", "labs.slug"];
