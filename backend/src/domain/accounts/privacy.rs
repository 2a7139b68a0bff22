//! The account's part of account deletion: anonymising the person.

use super::*;

/// Anonymises the account inside `txn` (the person's part of account deletion, which
/// `flows::delete_account` orchestrates): no name, no address, no password, no role; the
/// diffs that named them are redacted, the facts kept. Returns the audit entry to publish.
pub async fn erase(
    txn: &DatabaseTransaction,
    current: user::Model,
) -> DomainResult<audit_log::Model> {
    let id = current.id;
    let version = current.token_version.saturating_add(1);
    let mut am = current.into_active_model();
    let anon = format!("deleted-{}", id.simple());
    am.email = Set(format!("{anon}@deleted.invalid"));
    am.email_normalized = Set(format!("{anon}@deleted.invalid"));
    am.display_name = Set(String::new());
    am.password_hash = Set("!".into());
    am.is_admin = Set(false);
    am.is_board = Set(false);
    am.token_version = Set(version);
    am.deleted_at = Set(Some(chrono::Utc::now()));
    am.updated_at = Set(chrono::Utc::now());
    am.update(txn).await?;
    // Earlier diffs about this account carried their name: erase them, keep the facts.
    audit_log::Entity::update_many()
        .col_expr(
            audit_log::Column::Diff,
            sea_orm::sea_query::Expr::value(json!({"redacted": true}).to_string()),
        )
        .filter(audit_log::Column::TargetType.eq("user"))
        .filter(audit_log::Column::TargetId.eq(id.to_string()))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        Some(id),
        "account.delete",
        "user",
        &id.to_string(),
        Value::Null,
        Value::Null,
    )
    .await
}
