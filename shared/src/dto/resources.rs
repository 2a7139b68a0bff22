//! Common resources: pools with a capacity per period, requests from Labs, decisions, the
//! ledger. Amounts travel as decimal strings ("1234.50"), exact to the pool's scale.

use crate::dto::labs::LabStatus;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// What a pool holds.
    PoolKind {
        Money => "MONEY",
        Server => "SERVER",
        Room => "ROOM",
        Equipment => "EQUIPMENT",
        ServiceHours => "SERVICE_HOURS",
        Other => "OTHER",
    }
);

wire_enum!(
    RequestStatus {
        Pending => "PENDING",
        Approved => "APPROVED",
        PartiallyApproved => "PARTIALLY_APPROVED",
        Rejected => "REJECTED",
        Withdrawn => "WITHDRAWN",
    }
);

wire_enum!(
    /// The board's answer to a request: in full, a smaller amount, or no.
    ResourceDecision {
        Approve => "APPROVE",
        ApprovePartial => "APPROVE_PARTIAL",
        Reject => "REJECT",
    }
);

wire_enum!(
    /// A movement of the ledger: a grant takes from the pool, a release gives back.
    LedgerKind {
        Grant => "GRANT",
        Release => "RELEASE",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct PeriodInput {
    /// e.g. "2027"
    pub label: String,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    /// `YYYY-MM-DD`, inclusive.
    pub ends_on: String,
    /// Decimal string in the pool's unit.
    pub capacity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct PoolInput {
    pub name: String,
    pub kind: PoolKind,
    /// "EUR", "vCPU", "GB", "h"…
    pub unit: String,
    /// Decimals allowed in amounts (0 to 3): 2 for euros.
    pub scale: i32,
    pub description: String,
    pub period: PeriodInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct RequestInput {
    pub lab_id: String,
    /// One of the Lab's accepted (or running) projects, or none for the Lab itself.
    pub project_id: Option<String>,
    pub period_id: String,
    pub amount: String,
    pub justification: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub id: String,
    pub label: String,
    pub starts_on: String,
    pub ends_on: String,
    pub capacity: String,
    pub granted: String,
    pub remaining: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pool {
    pub id: String,
    pub name: String,
    pub kind: PoolKind,
    pub unit: String,
    pub scale: i32,
    pub description: String,
    pub periods: Vec<Period>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabRef {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub status: LabStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolRef {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub scale: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodRef {
    pub id: String,
    pub label: String,
    pub capacity: String,
    pub remaining: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequest {
    pub id: String,
    pub lab: LabRef,
    pub project: Option<ProjectRef>,
    pub pool: PoolRef,
    pub period: PeriodRef,
    pub amount: String,
    pub justification: String,
    pub status: RequestStatus,
    pub granted_amount: String,
    pub released_amount: String,
    pub decision_reason: Option<String>,
    pub requested_by: Option<crate::dto::labs::PersonRef>,
    pub decided_by: Option<crate::dto::labs::PersonRef>,
    pub created_at: String,
    pub decided_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    pub id: String,
    pub kind: LedgerKind,
    pub amount: String,
    pub reason: String,
    pub lab: LabRef,
    pub pool: PoolRef,
    pub period: PeriodRef,
    pub actor: Option<crate::dto::labs::PersonRef>,
    pub at: String,
}

/// What one Lab holds from one pool in one period (grants minus releases).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationTotal {
    pub lab: LabRef,
    pub pool: PoolRef,
    pub period: PeriodRef,
    pub granted: String,
}
