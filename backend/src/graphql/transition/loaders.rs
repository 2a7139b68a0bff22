//! The transition's DataLoaders: services, groups, holders, checklists and steps, the
//! members of collective groups, and whether an account is in the working group, each
//! fetched once per request.

use crate::domain::transition::{current_plan, group as groups, handover, progress};
use crate::domain::Env;
use crate::entities::{
    lab_member, transition_group, transition_handover_item, transition_holder, transition_service,
    transition_status_event,
};
use crate::graphql::loaders::{failed as db_failed, group, Cached, LoadError};
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use constellation_shared::dto::labs::MemberState;
use constellation_shared::ids::ServiceId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

fn failed(what: &'static str) -> impl Fn(crate::domain::DomainError) -> LoadError {
    move |e| {
        tracing::error!(error = ?e, loader = what, "loader failed");
        Arc::new("internal".to_owned())
    }
}

pub struct ServiceLoader(pub Env);

impl Loader<ServiceId> for ServiceLoader {
    type Value = transition_service::Model;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ServiceId],
    ) -> Result<HashMap<ServiceId, Self::Value>, Self::Error> {
        let rows = transition_service::Entity::find()
            .filter(transition_service::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(db_failed("transition services"))?;
        Ok(rows.into_iter().map(|r| (r.id, r)).collect())
    }
}

pub struct GroupLoader(pub Env);

impl Loader<Uuid> for GroupLoader {
    type Value = transition_group::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let rows = transition_group::Entity::find()
            .filter(transition_group::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(db_failed("transition groups"))?;
        Ok(rows.into_iter().map(|r| (r.id, r)).collect())
    }
}

/// The holders of each service.
pub struct HoldersLoader(pub Env);

impl Loader<ServiceId> for HoldersLoader {
    type Value = Vec<Uuid>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ServiceId],
    ) -> Result<HashMap<ServiceId, Self::Value>, Self::Error> {
        let rows = transition_holder::Entity::find()
            .filter(transition_holder::Column::ServiceId.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(db_failed("transition holders"))?;
        Ok(group(keys, rows, |h| h.service_id)
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|h| h.user_id).collect()))
            .collect())
    }
}

/// The hand-over checklist of each service.
pub struct ItemsLoader(pub Env);

impl Loader<ServiceId> for ItemsLoader {
    type Value = Vec<transition_handover_item::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ServiceId],
    ) -> Result<HashMap<ServiceId, Self::Value>, Self::Error> {
        let rows = handover::items_of(&self.0.db, keys)
            .await
            .map_err(failed("transition items"))?;
        Ok(group(keys, rows, |i| i.service_id))
    }
}

/// Every status step of each service.
pub struct StepsLoader(pub Env);

impl Loader<ServiceId> for StepsLoader {
    type Value = Vec<transition_status_event::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ServiceId],
    ) -> Result<HashMap<ServiceId, Self::Value>, Self::Error> {
        let rows = progress::steps_of(&self.0.db, keys)
            .await
            .map_err(failed("transition steps"))?;
        Ok(group(keys, rows, |s| s.service_id))
    }
}

/// The members of each collective group, in the order they joined.
pub struct GroupMembersLoader(pub Env);

impl Loader<Uuid> for GroupMembersLoader {
    type Value = Vec<Uuid>;
    type Error = LoadError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let rows = groups::members_of(&self.0.db, keys)
            .await
            .map_err(failed("transition group members"))?;
        Ok(group(keys, rows, |m| m.group_id)
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|m| m.user_id).collect()))
            .collect())
    }
}

/// Whether each account is an active member of the working group: two statements for any
/// number of accounts.
pub struct InGroupLoader(pub Env);

impl Loader<Uuid> for InGroupLoader {
    type Value = bool;
    type Error = LoadError;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let mut out: HashMap<Uuid, bool> = keys.iter().map(|k| (*k, false)).collect();
        let Some(plan) = current_plan(&self.0.db)
            .await
            .map_err(failed("working group"))?
        else {
            return Ok(out);
        };
        let rows = lab_member::Entity::find()
            .filter(lab_member::Column::LabId.eq(plan.working_group_lab_id))
            .filter(lab_member::Column::UserId.is_in(keys.iter().copied()))
            .filter(lab_member::Column::State.eq(MemberState::Active.as_str()))
            .all(&self.0.db)
            .await
            .map_err(db_failed("working group"))?;
        for m in rows {
            out.insert(m.user_id, true);
        }
        Ok(out)
    }
}

fn cached<K: Send + Sync + std::hash::Hash + Eq + Clone + 'static, L: Loader<K>>(
    loader: L,
) -> Cached<L> {
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

pub fn attach(env: &Env, data: &mut async_graphql::Data) {
    data.insert(cached(ServiceLoader(env.clone())));
    data.insert(cached(GroupLoader(env.clone())));
    data.insert(cached(HoldersLoader(env.clone())));
    data.insert(cached(ItemsLoader(env.clone())));
    data.insert(cached(StepsLoader(env.clone())));
    data.insert(cached(InGroupLoader(env.clone())));
    data.insert(cached(GroupMembersLoader(env.clone())));
}
