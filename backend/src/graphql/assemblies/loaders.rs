//! The assemblies' DataLoaders: an encrypted motion's election (trustees, parameters, ballot
//! count) and an election's candidates, each fetched once per request for every motion the
//! answer shows.

use crate::domain::assemblies::{elections, encrypted};
use crate::domain::Env;
use crate::entities::motion_candidate;
use crate::graphql::loaders::{Cached, LoadError};
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use constellation_shared::ids::MotionId;
use std::collections::HashMap;
use std::sync::Arc;

fn failed(what: &'static str) -> impl Fn(crate::domain::DomainError) -> LoadError {
    move |e| {
        tracing::error!(error = ?e, loader = what, "loader failed");
        Arc::new("internal".to_owned())
    }
}

/// The election of each encrypted motion.
pub struct ElectionLoader(pub Env);

impl Loader<MotionId> for ElectionLoader {
    type Value = encrypted::ElectionView;
    type Error = LoadError;

    async fn load(&self, keys: &[MotionId]) -> Result<HashMap<MotionId, Self::Value>, Self::Error> {
        encrypted::views_for(&self.0.db, keys)
            .await
            .map_err(failed("elections"))
    }
}

/// The candidates of each election, in ballot order.
pub struct CandidatesLoader(pub Env);

impl Loader<MotionId> for CandidatesLoader {
    type Value = Vec<motion_candidate::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[MotionId]) -> Result<HashMap<MotionId, Self::Value>, Self::Error> {
        elections::candidates_for(&self.0.db, keys)
            .await
            .map_err(failed("candidates"))
    }
}

fn cached<L: Loader<MotionId>>(loader: L) -> Cached<L> {
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// Called from `graphql::loaders::attach`: fresh loaders for each request.
pub fn attach(env: &Env, data: &mut async_graphql::Data) {
    data.insert(cached(ElectionLoader(env.clone())));
    data.insert(cached(CandidatesLoader(env.clone())));
}
