//! Accounts as the API shows them.

use crate::ids::UserId;
use crate::{Language, MembershipKind};
use serde::{Deserialize, Serialize};

/// The caller's own account (`me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub membership_kind: MembershipKind,
    pub is_board: bool,
    pub is_admin: bool,
    pub language: Language,
    /// Whether the address was confirmed (a verification link, an invitation, a reset).
    #[serde(default)]
    pub email_verified: Option<bool>,
}

/// A session token returned by `login`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub token: String,
    pub user: Me,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct RegisterInput {
    pub email: String,
    pub password: String,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}
