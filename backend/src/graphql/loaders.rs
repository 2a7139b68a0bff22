//! DataLoaders: every relation is fetched in one batch per request, whatever the list size.

use crate::domain::{accounts, labs::common_rules, Env};
use crate::entities::{
    barcamp_edition, barcamp_host, barcamp_interest, barcamp_organiser, barcamp_registration,
    barcamp_room, barcamp_session, barcamp_slot, lab, lab_event, lab_framing, lab_member,
    majority_rule, pool_period, project, project_support, resource_pool, user,
};
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use constellation_shared::dto::assemblies::MajorityRuleCode;
use constellation_shared::ids::{EditionId, LabId, PeriodId, PoolId, ProjectId, RoomId, SessionId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

pub type LoadError = Arc<String>;

/// A database error, logged, as the loaders' opaque error.
pub(crate) fn failed(what: &'static str) -> impl Fn(sea_orm::DbErr) -> LoadError {
    move |e| {
        tracing::error!(error = %e, loader = what, "loader failed");
        Arc::new("internal".to_owned())
    }
}

/// Groups rows by a key, keeping every requested key (empty lists included).
pub(crate) fn group<K: Copy + Eq + std::hash::Hash, T>(
    keys: &[K],
    rows: Vec<T>,
    key: impl Fn(&T) -> K,
) -> HashMap<K, Vec<T>> {
    let mut map: HashMap<K, Vec<T>> = keys.iter().map(|k| (*k, Vec::new())).collect();
    for r in rows {
        map.entry(key(&r)).or_default().push(r);
    }
    map
}

pub struct UserLoader(pub Env);

impl Loader<Uuid> for UserLoader {
    type Value = user::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let users = accounts::by_ids(&self.0, keys).await.map_err(|e| {
            tracing::error!(error = ?e, "user loader failed");
            Arc::new("internal".to_owned())
        })?;
        Ok(users.into_iter().map(|u| (u.id, u)).collect())
    }
}

pub struct LabLoader(pub Env);

impl Loader<LabId> for LabLoader {
    type Value = lab::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[LabId]) -> Result<HashMap<LabId, Self::Value>, Self::Error> {
        let rows = lab::Entity::find()
            .filter(lab::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(failed("labs"))?;
        Ok(rows.into_iter().map(|l| (l.id, l)).collect())
    }
}

/// Framings by (lab, version).
pub struct FramingLoader(pub Env);

impl Loader<(LabId, i32)> for FramingLoader {
    type Value = lab_framing::Model;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[(LabId, i32)],
    ) -> Result<HashMap<(LabId, i32), Self::Value>, Self::Error> {
        let rows = lab_framing::Entity::find()
            .filter(lab_framing::Column::LabId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.0.db)
            .await
            .map_err(failed("framings"))?;
        Ok(rows
            .into_iter()
            .map(|f| ((f.lab_id, f.version), f))
            .filter(|(k, _)| keys.contains(k))
            .collect())
    }
}

/// Every membership row of each Lab, oldest first.
pub struct MembersLoader(pub Env);

impl Loader<LabId> for MembersLoader {
    type Value = Vec<lab_member::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[LabId]) -> Result<HashMap<LabId, Self::Value>, Self::Error> {
        let rows = lab_member::Entity::find()
            .filter(lab_member::Column::LabId.is_in(keys.iter().copied()))
            .order_by_asc(lab_member::Column::Since)
            .all(&self.0.db)
            .await
            .map_err(failed("members"))?;
        Ok(group(keys, rows, |m| m.lab_id))
    }
}

/// Projects of each Lab, newest first.
pub struct ProjectsLoader(pub Env);

impl Loader<LabId> for ProjectsLoader {
    type Value = Vec<project::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[LabId]) -> Result<HashMap<LabId, Self::Value>, Self::Error> {
        let rows = project::Entity::find()
            .filter(project::Column::LabId.is_in(keys.iter().copied()))
            .order_by_desc(project::Column::CreatedAt)
            .all(&self.0.db)
            .await
            .map_err(failed("projects"))?;
        Ok(group(keys, rows, |p| p.lab_id))
    }
}

/// History of each Lab, newest first.
pub struct EventsLoader(pub Env);

impl Loader<LabId> for EventsLoader {
    type Value = Vec<lab_event::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[LabId]) -> Result<HashMap<LabId, Self::Value>, Self::Error> {
        let rows = lab_event::Entity::find()
            .filter(lab_event::Column::LabId.is_in(keys.iter().copied()))
            .order_by_desc(lab_event::Column::Id)
            .all(&self.0.db)
            .await
            .map_err(failed("events"))?;
        Ok(group(keys, rows, |e| e.lab_id))
    }
}

/// Supporters of each project.
pub struct SupportsLoader(pub Env);

impl Loader<ProjectId> for SupportsLoader {
    type Value = Vec<Uuid>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ProjectId],
    ) -> Result<HashMap<ProjectId, Self::Value>, Self::Error> {
        let rows = project_support::Entity::find()
            .filter(project_support::Column::ProjectId.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(failed("supports"))?;
        Ok(group(keys, rows, |s| s.project_id)
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|s| s.user_id).collect()))
            .collect())
    }
}

macro_rules! by_id_loader {
    ($(#[$doc:meta])* $name:ident, $entity:ident, $key:ty, $what:literal) => {
        $(#[$doc])*
        pub struct $name(pub Env);

        impl Loader<$key> for $name {
            type Value = $entity::Model;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::Id.is_in(keys.iter().copied()))
                    .all(&self.0.db)
                    .await
                    .map_err(failed($what))?;
                Ok(rows.into_iter().map(|r| (r.id, r)).collect())
            }
        }
    };
}

by_id_loader!(
    /// Projects by id.
    ProjectLoader, project, ProjectId, "project"
);
by_id_loader!(
    /// Resource pools by id.
    PoolLoader, resource_pool, PoolId, "pools"
);
by_id_loader!(
    /// Pool periods by id.
    PeriodLoader, pool_period, PeriodId, "periods"
);

by_id_loader!(
    /// Barcamp editions by id.
    EditionLoader, barcamp_edition, EditionId, "editions"
);
by_id_loader!(
    /// Barcamp rooms by id.
    RoomLoader, barcamp_room, RoomId, "rooms"
);
by_id_loader!(
    /// Barcamp sessions by id.
    SessionLoader, barcamp_session, SessionId, "sessions"
);

/// Majority rules by code (a handful of rows, read once per request).
pub struct MajorityRuleLoader(pub Env);

impl Loader<MajorityRuleCode> for MajorityRuleLoader {
    type Value = majority_rule::Model;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[MajorityRuleCode],
    ) -> Result<HashMap<MajorityRuleCode, Self::Value>, Self::Error> {
        let rows = majority_rule::Entity::find()
            .filter(majority_rule::Column::Code.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(failed("majority rules"))?;
        Ok(rows.into_iter().map(|r| (r.code, r)).collect())
    }
}

/// Rows of a table grouped by one foreign key, in one statement for every parent.
macro_rules! group_loader {
    ($(#[$doc:meta])* $name:ident, $entity:ident, $key:ty, $col:ident, $field:ident, $order:ident, $what:literal) => {
        $(#[$doc])*
        pub struct $name(pub Env);

        impl Loader<$key> for $name {
            type Value = Vec<$entity::Model>;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::$col.is_in(keys.iter().copied()))
                    .order_by_asc($entity::Column::$order)
                    .all(&self.0.db)
                    .await
                    .map_err(failed($what))?;
                Ok(group(keys, rows, |r| r.$field))
            }
        }
    };
}

group_loader!(
    /// Rooms of each edition, by name.
    RoomsByEditionLoader, barcamp_room, EditionId, EditionId, edition_id, Name, "rooms by edition"
);
group_loader!(
    /// Slots of each edition, in time order.
    SlotsByEditionLoader, barcamp_slot, EditionId, EditionId, edition_id, StartsAt, "slots by edition"
);
group_loader!(
    /// Organisers the board named for each edition.
    OrganisersLoader, barcamp_organiser, EditionId, EditionId, edition_id, UserId, "organisers"
);
group_loader!(
    /// Hosts of each session.
    HostsLoader, barcamp_host, SessionId, SessionId, session_id, UserId, "hosts"
);

/// How many people want each session.
pub struct InterestCountLoader(pub Env);

impl Loader<SessionId> for InterestCountLoader {
    type Value = i64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[SessionId],
    ) -> Result<HashMap<SessionId, Self::Value>, Self::Error> {
        let rows: Vec<(SessionId, i64)> = barcamp_interest::Entity::find()
            .select_only()
            .column(barcamp_interest::Column::SessionId)
            .column_as(barcamp_interest::Column::UserId.count(), "n")
            .filter(barcamp_interest::Column::SessionId.is_in(keys.iter().copied()))
            .group_by(barcamp_interest::Column::SessionId)
            .into_tuple()
            .all(&self.0.db)
            .await
            .map_err(failed("interest counts"))?;
        let mut map: HashMap<SessionId, i64> = keys.iter().map(|k| (*k, 0)).collect();
        map.extend(rows);
        Ok(map)
    }
}

/// Whether a person marked interest in a session, keyed (session, person).
pub struct InterestedLoader(pub Env);

impl Loader<(SessionId, Uuid)> for InterestedLoader {
    type Value = bool;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[(SessionId, Uuid)],
    ) -> Result<HashMap<(SessionId, Uuid), Self::Value>, Self::Error> {
        let rows = barcamp_interest::Entity::find()
            .filter(barcamp_interest::Column::SessionId.is_in(keys.iter().map(|k| k.0)))
            .filter(barcamp_interest::Column::UserId.is_in(keys.iter().map(|k| k.1)))
            .all(&self.0.db)
            .await
            .map_err(failed("interested"))?;
        let mut map: HashMap<(SessionId, Uuid), bool> = keys.iter().map(|k| (*k, false)).collect();
        for r in rows {
            if let Some(v) = map.get_mut(&(r.session_id, r.user_id)) {
                *v = true;
            }
        }
        Ok(map)
    }
}

/// A person's registration for an edition, keyed (edition, person).
pub struct RegistrationLoader(pub Env);

impl Loader<(EditionId, Uuid)> for RegistrationLoader {
    type Value = barcamp_registration::Model;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[(EditionId, Uuid)],
    ) -> Result<HashMap<(EditionId, Uuid), Self::Value>, Self::Error> {
        let rows = barcamp_registration::Entity::find()
            .filter(barcamp_registration::Column::EditionId.is_in(keys.iter().map(|k| k.0)))
            .filter(barcamp_registration::Column::UserId.is_in(keys.iter().map(|k| k.1)))
            .all(&self.0.db)
            .await
            .map_err(failed("registrations"))?;
        Ok(rows
            .into_iter()
            .map(|r| ((r.edition_id, r.user_id), r))
            .filter(|(k, _)| keys.contains(k))
            .collect())
    }
}

/// Periods of each pool, by start date.
pub struct PeriodsByPoolLoader(pub Env);

impl Loader<PoolId> for PeriodsByPoolLoader {
    type Value = Vec<pool_period::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[PoolId]) -> Result<HashMap<PoolId, Self::Value>, Self::Error> {
        let rows = pool_period::Entity::find()
            .filter(pool_period::Column::PoolId.is_in(keys.iter().copied()))
            .order_by_asc(pool_period::Column::StartsOn)
            .all(&self.0.db)
            .await
            .map_err(failed("periods by pool"))?;
        Ok(group(keys, rows, |p| p.pool_id))
    }
}

/// The common-rules version in force (one key: the platform).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CurrentRules;

pub struct RulesLoader(pub Env);

impl Loader<CurrentRules> for RulesLoader {
    type Value = Option<i32>;
    type Error = LoadError;

    async fn load(
        &self,
        _: &[CurrentRules],
    ) -> Result<HashMap<CurrentRules, Self::Value>, Self::Error> {
        let current = common_rules::current(&self.0.db).await.map_err(|e| {
            tracing::error!(error = ?e, "rules loader failed");
            Arc::new("internal".to_owned())
        })?;
        Ok(HashMap::from([(CurrentRules, current.map(|r| r.version))]))
    }
}

fn cached<L: Loader<K>, K>(loader: L) -> DataLoader<L, HashMapCache>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// Fresh loaders for one request (or one WebSocket connection): their cache lives as long
/// as the request, so nothing stale is ever served, and a list resolver can prefetch its
/// page's relations in one batch each.
pub fn attach(env: &Env, data: &mut async_graphql::Data) {
    data.insert(cached::<_, Uuid>(UserLoader(env.clone())));
    data.insert(cached::<_, LabId>(LabLoader(env.clone())));
    data.insert(cached::<_, (LabId, i32)>(FramingLoader(env.clone())));
    data.insert(cached::<_, LabId>(MembersLoader(env.clone())));
    data.insert(cached::<_, LabId>(ProjectsLoader(env.clone())));
    data.insert(cached::<_, LabId>(EventsLoader(env.clone())));
    data.insert(cached::<_, ProjectId>(SupportsLoader(env.clone())));
    data.insert(cached::<_, CurrentRules>(RulesLoader(env.clone())));
    data.insert(cached::<_, ProjectId>(ProjectLoader(env.clone())));
    data.insert(cached::<_, PoolId>(PoolLoader(env.clone())));
    data.insert(cached::<_, PeriodId>(PeriodLoader(env.clone())));
    data.insert(cached::<_, PoolId>(PeriodsByPoolLoader(env.clone())));
    data.insert(cached::<_, MajorityRuleCode>(MajorityRuleLoader(
        env.clone(),
    )));
    data.insert(cached::<_, EditionId>(EditionLoader(env.clone())));
    data.insert(cached::<_, RoomId>(RoomLoader(env.clone())));
    data.insert(cached::<_, SessionId>(SessionLoader(env.clone())));
    data.insert(cached::<_, EditionId>(RoomsByEditionLoader(env.clone())));
    data.insert(cached::<_, EditionId>(SlotsByEditionLoader(env.clone())));
    data.insert(cached::<_, EditionId>(OrganisersLoader(env.clone())));
    data.insert(cached::<_, SessionId>(HostsLoader(env.clone())));
    data.insert(cached::<_, SessionId>(InterestCountLoader(env.clone())));
    data.insert(cached::<_, (SessionId, Uuid)>(InterestedLoader(
        env.clone(),
    )));
    data.insert(cached::<_, (EditionId, Uuid)>(RegistrationLoader(
        env.clone(),
    )));
    super::assemblies::loaders::attach(env, data);
    super::transition::loaders::attach(env, data);
    super::polls::loaders::attach(env, data);
}

pub type Cached<L> = DataLoader<L, HashMapCache>;
