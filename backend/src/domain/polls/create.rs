//! Creating a poll: who asks whom (see `mod.rs`), then the input parsed, then one row and its
//! audit entry. A refused or invalid poll writes nothing.

use super::access::poll_lab;
use super::parse_id;
use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::polls::poll;
use chrono::{DateTime, Months, Utc};
use constellation_shared::dto::polls::{CreatePollInput, PollAudience};
use constellation_shared::ids::PollId;
use constellation_shared::rules::polls::{MAX_OPTIONS, MIN_OPTIONS};
use constellation_shared::ValidationReason;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

const TITLE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 10_000;
const OPTION_MAX: usize = 200;

/// 2 to 20 options, each a non-empty short text, no two the same (ignoring case and the
/// spaces around them).
pub(super) fn options(raw: &[String]) -> DomainResult<Vec<String>> {
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&raw.len()) {
        return Err(DomainError::invalid("options", ValidationReason::Invalid));
    }
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for o in raw {
        let t = text("options", o, true, OPTION_MAX)?;
        if out.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            return Err(DomainError::invalid("options", ValidationReason::Invalid));
        }
        out.push(t);
    }
    Ok(out)
}

/// RFC 3339, after `now` and at most a year after it.
pub(super) fn closing(raw: &str, now: DateTime<Utc>) -> DomainResult<DateTime<Utc>> {
    if raw.trim().is_empty() {
        return Err(DomainError::invalid("closesAt", ValidationReason::Required));
    }
    let at = DateTime::parse_from_rfc3339(raw.trim())
        .map_err(|_| DomainError::invalid("closesAt", ValidationReason::Invalid))?
        .with_timezone(&Utc);
    let latest = now.checked_add_months(Months::new(12)).unwrap_or(now);
    if at <= now || at > latest {
        return Err(DomainError::invalid("closesAt", ValidationReason::Invalid));
    }
    Ok(at)
}

pub async fn create(env: &Env, actor: &Actor, input: CreatePollInput) -> DomainResult<poll::Model> {
    let lab_id = match input.lab_id.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => Some(parse_id("labId", raw)?),
        _ => None,
    };
    // Who asks first: a refusal says nothing about the input.
    let me = match lab_id {
        None => actor.board_or_admin()?,
        Some(_) => actor.user()?,
    };
    let txn = env.begin_write().await?;
    let audience = match lab_id {
        None => PollAudience::Members,
        Some(id) => {
            poll_lab(&txn, actor, id).await?;
            PollAudience::Lab
        }
    };
    let now = Utc::now();
    let title = text("title", &input.title, true, TITLE_MAX)?;
    let description = text("description", &input.description, false, DESCRIPTION_MAX)?;
    let options = options(&input.options)?;
    let closes_at = closing(&input.closes_at, now)?;
    let p = poll::ActiveModel {
        id: Set(PollId::new_v4()),
        title: Set(title),
        description: Set(description),
        kind: Set(input.kind),
        visibility: Set(input.visibility),
        audience: Set(audience),
        lab_id: Set(lab_id),
        options: Set(serde_json::to_string(&options).map_err(DomainError::internal)?),
        author_id: Set(me.id),
        closes_at: Set(closes_at),
        closed_early: Set(false),
        sealed: Set(false),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "poll.create",
        "poll",
        &p.id.to_string(),
        serde_json::Value::Null,
        json!({
            "title": p.title, "kind": p.kind, "visibility": p.visibility,
            "audience": p.audience, "labId": p.lab_id, "options": options,
            "closesAt": p.closes_at,
        }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_closing_dates_are_parsed() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            options(&s(&[" Oui ", "Non"])).ok(),
            Some(s(&["Oui", "Non"]))
        );
        assert!(options(&s(&["Seul"])).is_err());
        assert!(options(&s(&["A", "a "])).is_err());
        assert!(options(&s(&["A", "  "])).is_err());
        assert!(options(&vec!["x".to_owned(); 21]).is_err());
        let now = Utc::now();
        let fmt = |d: DateTime<Utc>| d.to_rfc3339();
        assert!(closing(&fmt(now + chrono::Duration::days(3)), now).is_ok());
        assert!(closing(&fmt(now - chrono::Duration::seconds(1)), now).is_err());
        assert!(closing(&fmt(now + chrono::Duration::days(400)), now).is_err());
        assert!(closing("2027-03-14", now).is_err());
        assert!(closing("", now).is_err());
    }
}
