//! Accounts: registration, login, profile, password, roles, deletion.

pub mod invitations;
pub mod recovery;
pub mod register;
pub mod roster;

mod auth;
mod credentials;
mod privacy;
mod profile;
mod roles;
pub use auth::*;
pub use credentials::*;
pub use privacy::*;
pub use profile::*;
pub use roles::*;

use crate::auth::password;
use crate::domain::{
    core::audit, core::rate_limit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env,
};
use crate::entities::{audit_log, platform_flag, user};
use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::rules::{
    looks_like_email, DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use constellation_shared::{MembershipKind, ValidationReason};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

pub(crate) const EMAIL_UNIQUE: &[&str] = &["uq_users_email_normalized", "users.email_normalized"];
/// RFC 5321's limit on a forward path: no deliverable address is longer.
pub const EMAIL_MAX_CHARS: usize = 254;
const FIRST_ADMIN_FLAG: &str = "first_admin_granted";

/// The fields worth recording in an audit diff (never the email or the hash).
pub(crate) fn public_view(u: &user::Model) -> Value {
    json!({
        "displayName": u.display_name,
        "membershipKind": u.membership_kind,
        "isBoard": u.is_board,
        "isAdmin": u.is_admin,
        "language": u.language,
    })
}

pub fn current_user(u: &user::Model) -> CurrentUser {
    CurrentUser {
        id: u.id,
        kind: u.membership_kind,
        is_board: u.is_board,
        is_admin: u.is_admin,
    }
}

/// Loads the account a token names; deleted accounts count as gone.
pub async fn find_active(env: &Env, id: Uuid) -> DomainResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id)
        .filter(user::Column::DeletedAt.is_null())
        .one(&env.db)
        .await?)
}

/// Board and admins list members, oldest first, keyset-paginated on (created_at, id).
pub async fn list_users(
    env: &Env,
    actor: &Actor,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<user::Model>> {
    actor.board_or_admin()?;
    let mut q = user::Entity::find()
        .filter(user::Column::DeletedAt.is_null())
        .order_by_asc(user::Column::CreatedAt)
        .order_by_asc(user::Column::Id);
    if let Some(cursor) = after {
        let c = user::Entity::find_by_id(cursor)
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(user::Column::CreatedAt.gt(c.created_at))
                .add(
                    Condition::all()
                        .add(user::Column::CreatedAt.eq(c.created_at))
                        .add(user::Column::Id.gt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// Display names for a set of accounts (the DataLoader's batch).
pub async fn by_ids(env: &Env, ids: &[Uuid]) -> DomainResult<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(&env.db)
        .await?)
}
