//! The dashboard, for every signed-in account: days to the end of service, services by
//! status and by path, services at risk, progress over time. Internal services are left
//! out of every figure but their own count. Which services are at risk (names, holders) is
//! for the board and the working group; everyone else sees the count.
//!
//! At risk: not yet migrated, and either no path chosen, or `at_risk_days` or fewer days
//! left before the end of service.

use crate::domain::transition::progress::steps_of;
use crate::domain::transition::{current_plan, days_left, in_working_group, path_of, today};
use crate::domain::{Actor, DomainResult, Env};
use crate::entities::transition_service as service;
use constellation_shared::dto::transition::{MigrationPath, ServiceStatus};
use constellation_shared::ids::ServiceId;
use sea_orm::{EntityTrait, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// One day on which something moved, and where things stood at its end.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressPoint {
    pub on: chrono::NaiveDate,
    /// Services with a path chosen (planned or further).
    pub planned: i64,
    /// Services migrated or closed.
    pub migrated: i64,
}

pub struct Dashboard {
    pub ends_on: Option<chrono::NaiveDate>,
    pub days_left: Option<i64>,
    pub at_risk_days: i32,
    pub total: i64,
    pub internal: i64,
    pub by_status: Vec<(ServiceStatus, i64)>,
    /// `None`: no path chosen yet.
    pub by_path: Vec<(Option<MigrationPath>, i64)>,
    pub at_risk: i64,
    /// Shown to the board and the working group only (empty for others).
    pub at_risk_services: Vec<service::Model>,
    pub progress: Vec<ProgressPoint>,
}

pub fn is_at_risk(s: &service::Model, days_left: Option<i64>, at_risk_days: i32) -> bool {
    if s.internal || s.status.rank() >= ServiceStatus::Migrated.rank() {
        return false;
    }
    path_of(s).is_none() || days_left.is_some_and(|d| d <= i64::from(at_risk_days))
}

pub async fn dashboard(env: &Env, actor: &Actor) -> DomainResult<Dashboard> {
    let me = actor.user()?;
    let sees_names = me.is_board || me.is_admin || in_working_group(&env.db, me.id).await?;
    let plan = current_plan(&env.db).await?;
    let days = plan.as_ref().map(|p| days_left(p, today()));
    let at_risk_days = plan.as_ref().map_or(30, |p| p.at_risk_days);
    let all = service::Entity::find()
        .order_by_asc(service::Column::Kind)
        .order_by_asc(service::Column::NameKey)
        .all(&env.db)
        .await?;
    let (internal, migrating): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.internal);
    let by_status = ServiceStatus::ALL
        .iter()
        .map(|st| {
            let n = migrating.iter().filter(|s| s.status == *st).count() as i64;
            (*st, n)
        })
        .collect();
    let mut by_path: Vec<(Option<MigrationPath>, i64)> = vec![(
        None,
        migrating.iter().filter(|s| path_of(s).is_none()).count() as i64,
    )];
    by_path.extend(MigrationPath::ALL.iter().map(|p| {
        let n = migrating.iter().filter(|s| path_of(s) == Some(*p)).count() as i64;
        (Some(*p), n)
    }));
    let risky: Vec<service::Model> = migrating
        .iter()
        .filter(|s| is_at_risk(s, days, at_risk_days))
        .cloned()
        .collect();
    let ids: Vec<ServiceId> = migrating.iter().map(|s| s.id).collect();
    let mut progress = Vec::new();
    if !ids.is_empty() {
        let mut steps = Vec::new();
        for chunk in ids.chunks(500) {
            steps.extend(steps_of(&env.db, chunk).await?);
        }
        steps.sort_by_key(|s| (s.at, s.id));
        // Each service's status at the end of each day something moved.
        let mut by_day: BTreeMap<chrono::NaiveDate, Vec<(ServiceId, ServiceStatus)>> =
            BTreeMap::new();
        for s in &steps {
            let st = s.to_status;
            by_day
                .entry(s.at.date_naive())
                .or_default()
                .push((s.service_id, st));
        }
        let mut now: HashMap<ServiceId, ServiceStatus> = HashMap::new();
        for (day, moves) in by_day {
            for (id, st) in moves {
                now.insert(id, st);
            }
            let count = |min: ServiceStatus| {
                now.values().filter(|st| st.rank() >= min.rank()).count() as i64
            };
            progress.push(ProgressPoint {
                on: day,
                planned: count(ServiceStatus::Planned),
                migrated: count(ServiceStatus::Migrated),
            });
        }
    }
    Ok(Dashboard {
        ends_on: plan.as_ref().map(|p| p.ends_on),
        days_left: days,
        at_risk_days,
        total: migrating.len() as i64,
        internal: internal.len() as i64,
        by_status,
        by_path,
        at_risk: risky.len() as i64,
        at_risk_services: if sees_names { risky } else { Vec::new() },
        progress,
    })
}
