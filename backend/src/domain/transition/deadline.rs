//! The deadline approaching: once the end of service is `at_risk_days` away or closer, the
//! holders of every service at risk (the dashboard's rule, [`is_at_risk`]) hear of it, and
//! again as the end comes nearer: at entry into the window, then at 7 days, 1 day and on
//! the day itself (each threshold only if it lies inside the window). Told once per service
//! and threshold: a member who has not moved hears a few times, each with fewer days left,
//! rather than every day (noise) or only once (forgotten).
//!
//! Run by a periodic task of every server (`app::start_deadlines`): the event key
//! `transition.deadline:<service>:<end date>:<threshold>` is unique per recipient in the
//! database (a postponed end starts the reminders again), so a
//! second run, or a second replica running at the same time, writes nothing more.

use crate::domain::reach::notify::{notify, Notice};
use crate::domain::transition::dashboard::is_at_risk;
use crate::domain::transition::notices::{announce, service_link};
use crate::domain::transition::{current_plan, days_left};
use crate::domain::{DomainResult, Env};
use crate::entities::{notification, transition_holder as holder, transition_service as service};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::dto::transition::ServiceStatus;
use constellation_shared::ids::ServiceId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Days before the end at which holders are told again, inside the window.
const REMINDERS: [i64; 3] = [7, 1, 0];

/// The threshold `days_left` falls under: the nearest one at or above it. `None` outside the
/// window.
pub fn threshold(days_left: i64, at_risk_days: i32) -> Option<i64> {
    let window = i64::from(at_risk_days.max(0));
    if days_left > window {
        return None;
    }
    let mut thresholds: Vec<i64> = std::iter::once(window)
        .chain(REMINDERS.into_iter().filter(|r| *r < window))
        .collect();
    thresholds.sort_unstable();
    // Past the end, the smallest threshold (the day itself) still applies: told once.
    Some(
        thresholds
            .into_iter()
            .find(|t| days_left <= *t)
            .unwrap_or(window),
    )
}

/// Tells the holders of the services at risk on `today`; returns how many services were
/// told (not those already told at this threshold; a replica racing another may count a
/// service the other told, but the database keeps one notice and one mail).
pub async fn tell_at_risk(env: &Env, today: chrono::NaiveDate) -> DomainResult<usize> {
    let Some(plan) = current_plan(&env.db).await? else {
        return Ok(0);
    };
    let days = days_left(&plan, today);
    let Some(bucket) = threshold(days, plan.at_risk_days) else {
        return Ok(0);
    };
    let done = [
        ServiceStatus::Migrated.as_str(),
        ServiceStatus::Closed.as_str(),
    ];
    let risky: Vec<service::Model> = service::Entity::find()
        .filter(service::Column::Internal.eq(false))
        .filter(service::Column::Status.is_not_in(done))
        .order_by_asc(service::Column::Id)
        .all(&env.db)
        .await?
        .into_iter()
        .filter(|s| is_at_risk(s, Some(days), plan.at_risk_days))
        .collect();
    let ends_on = plan.ends_on.to_string();
    // The end date is in the key: a postponed end starts the reminders again.
    let key = |id: ServiceId| format!("transition.deadline:{id}:{ends_on}:{bucket}");
    // Who was already told at this threshold, per person (a holder added since is told).
    let mut told_before: HashSet<(Uuid, String)> = HashSet::new();
    let mut holders: HashMap<ServiceId, Vec<Uuid>> = HashMap::new();
    for chunk in risky.chunks(500) {
        let mut people: HashSet<Uuid> = HashSet::new();
        for h in holder::Entity::find()
            .filter(holder::Column::ServiceId.is_in(chunk.iter().map(|s| s.id)))
            .all(&env.db)
            .await?
        {
            people.insert(h.user_id);
            holders.entry(h.service_id).or_default().push(h.user_id);
        }
        let keys: Vec<String> = chunk.iter().map(|s| key(s.id)).collect();
        // (user_id, event_key) is the unique index's order: this reads the index.
        for n in notification::Entity::find()
            .filter(notification::Column::UserId.is_in(people))
            .filter(notification::Column::EventKey.is_in(keys))
            .all(&env.db)
            .await?
        {
            told_before.insert((n.user_id, n.event_key));
        }
    }
    let mut count = 0;
    for s in risky {
        let event_key = key(s.id);
        let recipients: Vec<Uuid> = holders
            .remove(&s.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|u| !told_before.contains(&(*u, event_key.clone())))
            .collect();
        if recipients.is_empty() {
            continue;
        }
        let notice = Notice {
            kind: NotificationKind::TransitionDeadline,
            event_key,
            recipients,
            payload: json!({ "subject": s.name, "days": days.max(0), "when": ends_on }),
            link: service_link(s.id),
            ics: None,
            about: Some(("transition_service".to_owned(), s.id.to_string())),
        };
        // One transaction per service: one that fails is logged and the others are told.
        match tell(env, notice).await {
            Ok(told) => {
                if !told.is_empty() {
                    count += 1;
                }
                announce(env, told);
            }
            Err(e) => tracing::warn!(service = %s.id, error = ?e, "deadline notice not written"),
        }
    }
    Ok(count)
}

async fn tell(env: &Env, notice: Notice) -> DomainResult<crate::domain::reach::notify::Announced> {
    let txn = env.begin_write().await?;
    let told = notify(&txn, &env.reach, notice).await?;
    txn.commit().await?;
    Ok(told)
}

#[cfg(test)]
mod tests {
    use super::threshold;

    #[test]
    fn each_service_is_told_at_entry_then_at_seven_days_one_day_and_the_day() {
        assert_eq!(threshold(31, 30), None);
        assert_eq!(threshold(30, 30), Some(30));
        assert_eq!(threshold(8, 30), Some(30));
        assert_eq!(threshold(7, 30), Some(7));
        assert_eq!(threshold(2, 30), Some(7));
        assert_eq!(threshold(1, 30), Some(1));
        assert_eq!(threshold(0, 30), Some(0));
        assert_eq!(threshold(-5, 30), Some(0));
        // A window shorter than a week: entry, then the last day and the day itself.
        assert_eq!(threshold(5, 5), Some(5));
        assert_eq!(threshold(3, 5), Some(5));
        assert_eq!(threshold(1, 5), Some(1));
        assert_eq!(threshold(0, 0), Some(0));
        assert_eq!(threshold(-1, 0), Some(0));
    }
}
