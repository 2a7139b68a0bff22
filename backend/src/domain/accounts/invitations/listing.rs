//! The board's list of invitations with their status, and forgetting an account's address
//! in them when the account is deleted.

use super::*;

/// Board and admins: invitations, newest first, keyset-paginated on (created_at, id);
/// `pending_only` keeps those still waiting (unused, unexpired).
pub async fn list(
    env: &Env,
    actor: &Actor,
    pending_only: bool,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<mail_token::Model>> {
    actor.board_or_admin()?;
    // The board's invitations to the association (a Lab's are the Lab's business).
    let invites = || {
        mail_token::Entity::find()
            .filter(mail_token::Column::Purpose.eq(Purpose::Invite.as_str()))
            .filter(mail_token::Column::LabId.is_null())
    };
    let mut q = invites()
        .order_by_desc(mail_token::Column::CreatedAt)
        .order_by_desc(mail_token::Column::Id);
    if pending_only {
        q = q
            .filter(mail_token::Column::UsedAt.is_null())
            .filter(mail_token::Column::ExpiresAt.gt(chrono::Utc::now()));
    }
    if let Some(cursor) = after {
        let c = invites()
            .filter(mail_token::Column::Id.eq(cursor))
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(mail_token::Column::CreatedAt.lt(c.created_at))
                .add(
                    Condition::all()
                        .add(mail_token::Column::CreatedAt.eq(c.created_at))
                        .add(mail_token::Column::Id.lt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// The account's part of account deletion: the invitations sent to its address keep their
/// facts (who invited, when, used) but lose the address and the name, and the audit entries
/// that recorded them are redacted. In the deletion's transaction, before the anonymisation.
pub async fn forget(txn: &DatabaseTransaction, account: &user::Model) -> DomainResult<()> {
    let ids: Vec<Uuid> = mail_token::Entity::find()
        .select_only()
        .column(mail_token::Column::Id)
        .filter(mail_token::Column::Purpose.eq(Purpose::Invite.as_str()))
        .filter(ExprTrait::eq(
            Expr::expr(Func::lower(Expr::col(mail_token::Column::Email))),
            account.email_normalized.as_str(),
        ))
        .into_tuple()
        .all(txn)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    mail_token::Entity::update_many()
        .col_expr(
            mail_token::Column::Email,
            Expr::value(format!("deleted-{}@deleted.invalid", account.id.simple())),
        )
        .col_expr(mail_token::Column::DisplayName, Expr::value(None::<String>))
        .filter(mail_token::Column::Id.is_in(ids.clone()))
        .exec(txn)
        .await?;
    audit_log::Entity::update_many()
        .col_expr(
            audit_log::Column::Diff,
            Expr::value(json!({"redacted": true}).to_string()),
        )
        .filter(audit_log::Column::TargetType.eq("invitation"))
        .filter(audit_log::Column::TargetId.is_in(ids.iter().map(Uuid::to_string)))
        .exec(txn)
        .await?;
    Ok(())
}
