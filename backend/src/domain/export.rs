//! "Members own their data": everything the platform holds about the caller, as one JSON
//! document and as tables. Later domains add their sections here.

use super::{accounts, Actor, DomainError, DomainResult, Env};
use crate::entities::{audit_log, login_attempt, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

/// One tabular section of the export (becomes a CSV file in the zip).
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

pub struct Export {
    pub json: Value,
    pub tables: Vec<Table>,
}

fn account_json(u: &user::Model) -> Value {
    json!({
        "id": u.id,
        "email": u.email,
        "displayName": u.display_name,
        "membershipKind": u.membership_kind,
        "isBoard": u.is_board,
        "isAdmin": u.is_admin,
        "language": u.language,
        "createdAt": u.created_at,
        "updatedAt": u.updated_at,
    })
}

/// The caller's data. Other people appear in none of it: audit entries are the caller's own
/// actions, and login attempts only those against the caller's own address.
pub async fn my_data(env: &Env, actor: &Actor) -> DomainResult<Export> {
    let me = actor.user()?;
    let account = accounts::find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let actions = audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(me.id))
        .order_by_asc(audit_log::Column::Id)
        .all(&env.db)
        .await?;
    let failures = login_attempt::Entity::find()
        .filter(
            login_attempt::Column::Key
                .eq(super::rate_limit::account_key(&account.email_normalized)),
        )
        .order_by_asc(login_attempt::Column::At)
        .all(&env.db)
        .await?;

    let actions_json: Vec<Value> = actions
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "action": a.action,
                "targetType": a.target_type,
                "targetId": a.target_id,
                "at": a.at,
                "diff": serde_json::from_str::<Value>(&a.diff).unwrap_or(Value::Null),
            })
        })
        .collect();
    let json = json!({
        "format": "constellation-export/1",
        "exportedAt": chrono::Utc::now(),
        "account": account_json(&account),
        "auditLog": actions_json,
        "failedLoginAttempts": failures.iter().map(|f| f.at).collect::<Vec<_>>(),
    });
    let tables = vec![
        Table {
            name: "audit_log",
            columns: vec!["id", "action", "target_type", "target_id", "at", "diff"],
            rows: actions
                .iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        a.action.clone(),
                        a.target_type.clone(),
                        a.target_id.clone(),
                        a.at.to_rfc3339(),
                        a.diff.clone(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "failed_login_attempts",
            columns: vec!["at"],
            rows: failures.iter().map(|f| vec![f.at.to_rfc3339()]).collect(),
        },
    ];
    Ok(Export { json, tables })
}

/// RFC 4180 quoting.
pub fn to_csv(table: &Table) -> String {
    fn cell(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }
    let mut out = table.columns.join(",");
    out.push_str("\r\n");
    for row in &table.rows {
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let t = Table {
            name: "t",
            columns: vec!["a", "b"],
            rows: vec![vec!["plain".into(), "with, comma and \"quote\"".into()]],
        };
        assert_eq!(
            to_csv(&t),
            "a,b\r\nplain,\"with, comma and \"\"quote\"\"\"\r\n"
        );
    }
}
