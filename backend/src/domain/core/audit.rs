//! The audit log: every state change, with actor, action, target, time and a JSON diff.

use crate::domain::core::parse;
use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::audit_log;
use chrono::{DateTime, Utc};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::LikeExpr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Records one change inside the caller's transaction. Publish the returned entry with
/// [`publish`] once the transaction has committed.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: Option<Uuid>,
    action: &str,
    target_type: &str,
    target_id: &str,
    before: Value,
    after: Value,
) -> DomainResult<audit_log::Model> {
    let entry = audit_log::ActiveModel {
        actor_id: Set(actor),
        action: Set(action.to_owned()),
        target_type: Set(target_type.to_owned()),
        target_id: Set(target_id.to_owned()),
        at: Set(chrono::Utc::now()),
        diff: Set(json!({ "before": before, "after": after }).to_string()),
        ..Default::default()
    };
    Ok(entry.insert(conn).await?)
}

/// Sends committed entries to live subscribers (no subscriber is not an error).
pub fn publish(env: &Env, entries: impl IntoIterator<Item = audit_log::Model>) {
    publish_to(&env.events, entries);
}

pub fn publish_to(
    events: &crate::live_bus::Channel<audit_log::Model>,
    entries: impl IntoIterator<Item = audit_log::Model>,
) {
    for e in entries {
        let _ = events.send(e);
    }
}

/// What the board's audit page narrows the log to; every part may be left out.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub actor_id: Option<Uuid>,
    /// Actions starting with this (`account.` for every account action).
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    /// From this instant (included).
    pub from: Option<DateTime<Utc>>,
    /// Up to this instant (excluded).
    pub to: Option<DateTime<Utc>>,
}

/// Text filters are matched as given; longer than any action, type or id is a mistake.
const FILTER_MAX_CHARS: usize = 200;

impl Filter {
    /// Parses the page's filters as typed: an id, RFC 3339 instants (`to` not before `from`).
    pub fn parse(
        actor_id: Option<&str>,
        action: Option<&str>,
        target_type: Option<&str>,
        target_id: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> DomainResult<Self> {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let text = |field: &'static str, s: Option<&str>| {
            given(s)
                .map(|s| parse::text(field, s, false, FILTER_MAX_CHARS))
                .transpose()
        };
        let instant = |field: &'static str, s: Option<&str>| {
            given(s)
                .map(|s| {
                    DateTime::parse_from_rfc3339(s)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(|_| DomainError::invalid(field, ValidationReason::Invalid))
                })
                .transpose()
        };
        let filter = Self {
            actor_id: given(actor_id)
                .map(|s| {
                    Uuid::parse_str(s)
                        .map_err(|_| DomainError::invalid("actorId", ValidationReason::InvalidId))
                })
                .transpose()?,
            action: text("action", action)?,
            target_type: text("targetType", target_type)?,
            target_id: text("targetId", target_id)?,
            from: instant("from", from)?,
            to: instant("to", to)?,
        };
        if let (Some(f), Some(t)) = (filter.from, filter.to) {
            if t < f {
                return Err(DomainError::invalid("to", ValidationReason::Invalid));
            }
        }
        Ok(filter)
    }
}

/// `s` taken literally in a `LIKE … ESCAPE '\'` pattern (`%`, `_` and `\` escaped; actions
/// hold `_`). Members' search uses it too. (Its place is `core::parse`, with the other
/// helpers for what people type.)
pub fn like_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Newest first, keyset-paginated on the id, narrowed by `filter`. Board and admins only.
pub async fn list(
    env: &Env,
    actor: &Actor,
    filter: Filter,
    before_id: Option<i32>,
    limit: u64,
) -> DomainResult<Vec<audit_log::Model>> {
    actor.board_or_admin()?;
    let mut q = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(id) = before_id {
        q = q.filter(audit_log::Column::Id.lt(id));
    }
    if let Some(a) = filter.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(a));
    }
    if let Some(a) = filter.action {
        q = q.filter(
            audit_log::Column::Action
                .like(LikeExpr::new(format!("{}%", like_literal(&a))).escape('\\')),
        );
    }
    if let Some(t) = filter.target_type {
        q = q.filter(audit_log::Column::TargetType.eq(t));
    }
    if let Some(t) = filter.target_id {
        q = q.filter(audit_log::Column::TargetId.eq(t));
    }
    if let Some(f) = filter.from {
        q = q.filter(audit_log::Column::At.gte(f));
    }
    if let Some(t) = filter.to {
        q = q.filter(audit_log::Column::At.lt(t));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_or_say_which_field_is_wrong() {
        let f = Filter::parse(
            None,
            Some(" account.set_"),
            None,
            Some(""),
            Some("2027-01-01T00:00:00+01:00"),
            None,
        );
        let f = f.unwrap_or_default();
        assert_eq!(f.action.as_deref(), Some("account.set_"));
        assert_eq!(f.target_id, None);
        assert_eq!(
            f.from.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-31T23:00:00+00:00")
        );
        assert_eq!(like_literal("50%_a\\b"), "50\\%\\_a\\\\b");
        let field = |r: DomainResult<Filter>| match r {
            Err(DomainError::Validation { field, .. }) => field,
            _ => "",
        };
        assert_eq!(
            field(Filter::parse(Some("x"), None, None, None, None, None)),
            "actorId"
        );
        assert_eq!(
            field(Filter::parse(
                None,
                None,
                None,
                None,
                Some("2027-01-01"),
                None
            )),
            "from"
        );
        assert_eq!(
            field(Filter::parse(
                None,
                None,
                None,
                None,
                Some("2027-01-02T00:00:00Z"),
                Some("2027-01-01T00:00:00Z")
            )),
            "to"
        );
    }
}
