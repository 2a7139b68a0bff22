//! What became of the mails: the failures the admins see and send again, and the sending
//! record of one subject (an assembly's convocation: to whom, when, delivered or not — the
//! association's proof that it went out in time).

use crate::domain::core::audit;
use crate::domain::reach::mail::{FAILED, PENDING, SENT};
use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::outbox_mail;
use chrono::{DateTime, Utc};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

/// Where a page starts: the id of the last row of the previous one. The cursor row's own
/// `created_at` is read back, so no timestamp goes through a lossy text form.
pub type After = Option<Uuid>;

const SUBJECT_TYPE_MAX_CHARS: usize = 64;
const SUBJECT_ID_MAX_CHARS: usize = 128;

async fn position(env: &Env, after: Uuid) -> DomainResult<(DateTime<Utc>, Uuid)> {
    let row = outbox_mail::Entity::find_by_id(after)
        .one(&env.db)
        .await?
        .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
    Ok((row.created_at, row.id))
}

fn keyset_before(after: (DateTime<Utc>, Uuid)) -> Condition {
    use outbox_mail::Column as C;
    let (at, id) = after;
    Condition::any()
        .add(C::CreatedAt.lt(at))
        .add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.lt(id)))
}

fn keyset_after(after: (DateTime<Utc>, Uuid)) -> Condition {
    use outbox_mail::Column as C;
    let (at, id) = after;
    Condition::any()
        .add(C::CreatedAt.gt(at))
        .add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.gt(id)))
}

/// Mails given up (`FAILED`) or failing and waiting for their next try, newest first.
/// Admins only.
pub async fn failures(
    env: &Env,
    actor: &Actor,
    after: After,
    limit: u64,
) -> DomainResult<Vec<outbox_mail::Model>> {
    use outbox_mail::Column as C;
    actor.admin()?;
    let mut q = outbox_mail::Entity::find()
        .filter(
            Condition::any().add(C::Status.eq(FAILED)).add(
                Condition::all()
                    .add(C::Status.eq(PENDING))
                    .add(C::LastError.is_not_null()),
            ),
        )
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id);
    if let Some(a) = after {
        q = q.filter(keyset_before(position(env, a).await?));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// Every mail about one subject (`("assembly", id)`), oldest first: recipient, status,
/// when sent, tries, last error. The board and admins.
pub async fn deliveries(
    env: &Env,
    actor: &Actor,
    subject_type: &str,
    subject_id: &str,
    after: After,
    limit: u64,
) -> DomainResult<Vec<outbox_mail::Model>> {
    use outbox_mail::Column as C;
    actor.board_or_admin()?;
    let subject_type = bounded("subjectType", subject_type, SUBJECT_TYPE_MAX_CHARS)?;
    let subject_id = bounded("subjectId", subject_id, SUBJECT_ID_MAX_CHARS)?;
    let mut q = outbox_mail::Entity::find()
        .filter(C::SubjectType.eq(subject_type))
        .filter(C::SubjectId.eq(subject_id))
        .order_by_asc(C::CreatedAt)
        .order_by_asc(C::Id);
    if let Some(a) = after {
        q = q.filter(keyset_after(position(env, a).await?));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

fn bounded<'a>(field: &'static str, raw: &'a str, max: usize) -> DomainResult<&'a str> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(DomainError::invalid(field, ValidationReason::Required));
    }
    if s.chars().count() > max {
        return Err(DomainError::invalid(field, ValidationReason::TooLong));
    }
    Ok(s)
}

/// Sends a mail again (admins): a given-up mail starts over with a full set of tries, one
/// waiting for its next try is tried now. A sent mail is `INVALID_TRANSITION`. Audited.
pub async fn retry(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<outbox_mail::Model> {
    use outbox_mail::Column as C;
    let admin = actor.admin()?;
    let txn = env.begin_write().await?;
    let current = outbox_mail::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if current.status == SENT {
        return Err(DomainError::InvalidTransition("retry a mail already sent"));
    }
    let now = Utc::now();
    let mut update = outbox_mail::Entity::update_many()
        .col_expr(C::Status, Expr::value(PENDING))
        .col_expr(C::NextAttemptAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(current.status.clone()));
    if current.status == FAILED {
        update = update
            .col_expr(C::Attempts, Expr::value(0))
            .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None));
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        // The sender recorded an outcome in between: look again.
        return Err(DomainError::Conflict("mail changed while retrying"));
    }
    let entry = audit::record(
        &txn,
        Some(admin.id),
        "mail.retry",
        "outbox_mail",
        &id.to_string(),
        json!({
            "status": current.status,
            "attempts": current.attempts,
            "lastError": current.last_error,
        }),
        json!({ "status": PENDING }),
    )
    .await?;
    let updated = outbox_mail::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    env.mail_wake.notify_one();
    Ok(updated)
}
