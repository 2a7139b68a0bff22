//! Single-use links sent by mail: 128 random bits, shown once (in the mail), stored as their
//! SHA-256 only, with an expiry; redeeming one marks it used in the same transaction as what
//! it allows (so it works once, even with two tries at the same moment).

use crate::domain::{DomainError, DomainResult};
use crate::entities::mail_token;
use chrono::{Duration, Utc};
use constellation_shared::ids::LabId;
use constellation_shared::ValidationReason;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// What a token allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Reset,
    Verify,
    Invite,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "RESET",
            Self::Verify => "VERIFY",
            Self::Invite => "INVITE",
        }
    }
}

/// What a new token is for and about.
pub struct NewToken {
    pub purpose: Purpose,
    pub user_id: Option<Uuid>,
    pub email: String,
    pub membership_kind: Option<String>,
    pub display_name: Option<String>,
    pub created_by: Option<Uuid>,
    pub valid_for: Duration,
    /// An invitation sent by a Lab.
    pub lab_id: Option<LabId>,
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn digest(token: &str) -> String {
    let mut h = Sha256::new();
    h.update(token.as_bytes());
    hex(&h.finalize())
}

/// Stores a new token (its hash) and returns the token itself, to put in the link.
pub async fn issue<C: ConnectionTrait>(conn: &C, t: NewToken) -> DomainResult<String> {
    issue_with_id(conn, t).await.map(|(token, _)| token)
}

/// [`issue`], also giving the row's id (to name the invitation in the audit log).
pub async fn issue_with_id<C: ConnectionTrait>(
    conn: &C,
    t: NewToken,
) -> DomainResult<(String, Uuid)> {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    let token = hex(&bytes);
    let now = Utc::now();
    let id = Uuid::new_v4();
    mail_token::ActiveModel {
        id: Set(id),
        purpose: Set(t.purpose.as_str().to_owned()),
        token_hash: Set(digest(&token)),
        user_id: Set(t.user_id),
        email: Set(t.email),
        membership_kind: Set(t.membership_kind),
        display_name: Set(t.display_name),
        created_by: Set(t.created_by),
        created_at: Set(now),
        expires_at: Set(now + t.valid_for),
        used_at: Set(None),
        lab_id: Set(t.lab_id),
    }
    .insert(conn)
    .await?;
    Ok((token, id))
}

/// Takes a token for `purpose`: marks it used (atomically: only one caller wins) and returns
/// its row. An unknown, expired, used or other-purpose token is `VALIDATION` on `token`.
pub async fn redeem<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    token: &str,
) -> DomainResult<mail_token::Model> {
    let bad = || DomainError::invalid("token", ValidationReason::Invalid);
    if token.len() > 128 {
        return Err(bad());
    }
    let now = Utc::now();
    let hash = digest(token.trim());
    let taken = mail_token::Entity::update_many()
        .col_expr(mail_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(mail_token::Column::TokenHash.eq(hash.clone()))
        .filter(mail_token::Column::Purpose.eq(purpose.as_str()))
        .filter(mail_token::Column::UsedAt.is_null())
        .filter(mail_token::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(bad());
    }
    mail_token::Entity::find()
        .filter(mail_token::Column::TokenHash.eq(hash))
        .one(conn)
        .await?
        .ok_or_else(bad)
}

/// Ends the unused tokens of `purpose` for an account (a new reset link voids the old ones).
pub async fn void<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    user_id: Uuid,
) -> DomainResult<()> {
    mail_token::Entity::update_many()
        .col_expr(mail_token::Column::UsedAt, Expr::value(Some(Utc::now())))
        .filter(mail_token::Column::UserId.eq(user_id))
        .filter(mail_token::Column::Purpose.eq(purpose.as_str()))
        .filter(mail_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The unused, unexpired tokens of `purpose` sent to an address (compared without case).
fn pending_for(purpose: Purpose, email_normalized: &str) -> sea_orm::Select<mail_token::Entity> {
    use sea_orm::sea_query::{ExprTrait, Func};
    mail_token::Entity::find()
        .filter(mail_token::Column::Purpose.eq(purpose.as_str()))
        .filter(mail_token::Column::UsedAt.is_null())
        .filter(mail_token::Column::ExpiresAt.gt(Utc::now()))
        .filter(
            Expr::expr(Func::lower(Expr::col(mail_token::Column::Email)))
                .eq(email_normalized.to_owned()),
        )
}

/// Marks used every other pending token of `purpose` sent to the address, and returns them
/// (accepting one invitation takes all the others: the account gets what each gave).
pub async fn take_pending_for<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    email_normalized: &str,
) -> DomainResult<Vec<mail_token::Model>> {
    let found = pending_for(purpose, email_normalized).all(conn).await?;
    if found.is_empty() {
        return Ok(found);
    }
    mail_token::Entity::update_many()
        .col_expr(mail_token::Column::UsedAt, Expr::value(Some(Utc::now())))
        .filter(mail_token::Column::Id.is_in(found.iter().map(|t| t.id)))
        .filter(mail_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(found)
}

/// Ends now the pending invitations sent to the address by the same sender: the board's
/// (`lab` `None`) or one Lab's. A new invitation replaces the earlier one, which then shows
/// as expired. One statement.
pub async fn expire_invitations<C: ConnectionTrait>(
    conn: &C,
    email_normalized: &str,
    lab: Option<LabId>,
) -> DomainResult<()> {
    use sea_orm::sea_query::{ExprTrait, Func};
    let now = Utc::now();
    let from = match lab {
        None => mail_token::Column::LabId.is_null(),
        Some(id) => mail_token::Column::LabId.eq(id),
    };
    mail_token::Entity::update_many()
        .col_expr(mail_token::Column::ExpiresAt, Expr::value(now))
        .filter(mail_token::Column::Purpose.eq(Purpose::Invite.as_str()))
        .filter(mail_token::Column::UsedAt.is_null())
        .filter(mail_token::Column::ExpiresAt.gt(now))
        .filter(
            Expr::expr(Func::lower(Expr::col(mail_token::Column::Email)))
                .eq(email_normalized.to_owned()),
        )
        .filter(from)
        .exec(conn)
        .await?;
    Ok(())
}
