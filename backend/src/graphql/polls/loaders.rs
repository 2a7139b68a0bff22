//! The polls' DataLoaders, each one statement per table for every poll of a request: whether
//! the viewer is asked, what the viewer answered, how many answered, the answers to count,
//! who answered what.

use crate::domain::{polls, DomainError, Env};
use crate::entities::polls::poll_answer;
use crate::graphql::loaders::LoadError;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use constellation_shared::ids::PollId;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

fn failed(what: &'static str) -> impl Fn(DomainError) -> LoadError {
    move |e| {
        tracing::error!(error = ?e, loader = what, "loader failed");
        Arc::new("internal".to_owned())
    }
}

/// Whether the viewer is asked (the audience rule, `polls::asks`), keyed (poll, viewer).
pub struct AskedLoader(pub Env);

impl Loader<(PollId, polls::Viewer)> for AskedLoader {
    type Value = bool;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[(PollId, polls::Viewer)],
    ) -> Result<HashMap<(PollId, polls::Viewer), Self::Value>, Self::Error> {
        polls::asked_for(&self.0.db, keys)
            .await
            .map_err(failed("poll audiences"))
    }
}

/// What a person answered, keyed (poll, person).
pub struct MineLoader(pub Env);

impl Loader<(PollId, Uuid)> for MineLoader {
    type Value = polls::Mine;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[(PollId, Uuid)],
    ) -> Result<HashMap<(PollId, Uuid), Self::Value>, Self::Error> {
        polls::mine_for(&self.0.db, keys)
            .await
            .map_err(failed("poll answers of a person"))
    }
}

/// How many answered each poll.
pub struct AnswerCountLoader(pub Env);

impl Loader<PollId> for AnswerCountLoader {
    type Value = i64;
    type Error = LoadError;

    async fn load(&self, keys: &[PollId]) -> Result<HashMap<PollId, Self::Value>, Self::Error> {
        polls::counts_for(&self.0.db, keys)
            .await
            .map_err(failed("poll answer counts"))
    }
}

/// The answers to count, per poll.
pub struct BallotsLoader(pub Env);

impl Loader<PollId> for BallotsLoader {
    type Value = Vec<Vec<usize>>;
    type Error = LoadError;

    async fn load(&self, keys: &[PollId]) -> Result<HashMap<PollId, Self::Value>, Self::Error> {
        polls::ballots_for(&self.0.db, keys)
            .await
            .map_err(failed("poll ballots"))
    }
}

/// Who answered what, per open poll.
pub struct ResponsesLoader(pub Env);

impl Loader<PollId> for ResponsesLoader {
    type Value = Vec<poll_answer::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[PollId]) -> Result<HashMap<PollId, Self::Value>, Self::Error> {
        polls::responses_for(&self.0.db, keys)
            .await
            .map_err(failed("poll responses"))
    }
}

fn cached<L: Loader<K>, K>(loader: L) -> DataLoader<L, HashMapCache>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// Called from `graphql::loaders::attach`: fresh loaders for each request.
pub fn attach(env: &Env, data: &mut async_graphql::Data) {
    data.insert(cached::<_, (PollId, polls::Viewer)>(AskedLoader(
        env.clone(),
    )));
    data.insert(cached::<_, (PollId, Uuid)>(MineLoader(env.clone())));
    data.insert(cached::<_, PollId>(AnswerCountLoader(env.clone())));
    data.insert(cached::<_, PollId>(BallotsLoader(env.clone())));
    data.insert(cached::<_, PollId>(ResponsesLoader(env.clone())));
}
