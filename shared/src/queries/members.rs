//! The board's members page (the register of members), invitations, the invitee's page, and
//! the audit log with its filters.

use crate::dto::accounts::Session;
use crate::dto::reach::{
    AuditEntry, Invitation, InvitationInfo, InvitationReport, InviteInput, Member, MemberFilter,
    RegisterEntryInput,
};
use crate::dto::Connection;
use crate::Language;
use serde::{Deserialize, Serialize};

macro_rules! member {
    () => {
        "user { id email displayName membershipKind isBoard isAdmin isDeleted } address admittedOn leftOn note"
    };
}

macro_rules! report {
    () => {
        "invited problems { line email code field reason }"
    };
}

pub const MEMBERS: &str = concat!(
    "query Members($filter: MemberFilter, $first: Int, $after: String) { members(filter: $filter, first: $first, after: $after) { edges { node { ",
    member!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MembersVars {
    pub filter: Option<MemberFilter>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MembersData {
    pub members: Connection<Member>,
}

pub const UPDATE_REGISTER_ENTRY: &str = concat!(
    "mutation UpdateRegisterEntry($userId: ID!, $input: RegisterEntryInput!) { updateRegisterEntry(userId: $userId, input: $input) { ",
    member!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRegisterEntryVars {
    pub user_id: String,
    pub input: RegisterEntryInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRegisterEntryData {
    pub update_register_entry: Member,
}

pub const INVITE_MEMBERS: &str = concat!(
    "mutation InviteMembers($invitations: [InviteInput!]!) { inviteMembers(invitations: $invitations) { ",
    report!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct InviteMembersVars {
    pub invitations: Vec<InviteInput>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteMembersData {
    pub invite_members: InvitationReport,
}

pub const IMPORT_MEMBERS: &str = concat!(
    "mutation ImportMembers($csv: String!) { importMembers(csv: $csv) { ",
    report!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct ImportMembersVars {
    pub csv: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportMembersData {
    pub import_members: InvitationReport,
}

pub const INVITATIONS: &str = "query Invitations($first: Int, $after: String, $pendingOnly: Boolean) { invitations(first: $first, after: $after, pendingOnly: $pendingOnly) { edges { node { id email displayName membershipKind status invitedBy { id displayName } createdAt expiresAt usedAt } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationsVars {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub pending_only: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvitationsData {
    pub invitations: Connection<Invitation>,
}

pub const INVITATION: &str = "query Invitation($token: String!) { invitation(token: $token) { email displayName membershipKind expiresAt } }";

#[derive(Debug, Clone, Serialize)]
pub struct InvitationVars {
    pub token: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvitationData {
    pub invitation: InvitationInfo,
}

pub const ACCEPT_INVITATION: &str = "mutation AcceptInvitation($token: String!, $password: String!, $displayName: String, $language: Language) { acceptInvitation(token: $token, password: $password, displayName: $displayName, language: $language) { token user { id email displayName membershipKind isBoard isAdmin language emailVerified } } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptInvitationVars {
    pub token: String,
    pub password: String,
    pub display_name: Option<String>,
    pub language: Option<Language>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptInvitationData {
    pub accept_invitation: Session,
}

pub const AUDIT_LOG_FILTERED: &str = "query AuditLogFiltered($first: Int, $after: String, $actorId: ID, $action: String, $targetType: String, $targetId: String, $from: String, $to: String) { auditLog(first: $first, after: $after, actorId: $actorId, action: $action, targetType: $targetType, targetId: $targetId, from: $from, to: $to) { edges { node { id action targetType targetId at diff actor { id displayName } } } pageInfo { hasNextPage endCursor } } }";

/// Every filter may be left out; `from` is included, `to` excluded (RFC 3339).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogVars {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub actor_id: Option<String>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogData {
    pub audit_log: Connection<AuditEntry>,
}
