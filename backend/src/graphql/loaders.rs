//! DataLoaders: every relation is fetched in one batch per request.

use crate::domain::{accounts, Env};
use crate::entities::user;
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

pub struct UserLoader(pub Env);

impl Loader<Uuid> for UserLoader {
    type Value = user::Model;
    type Error = Arc<String>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let users = accounts::by_ids(&self.0, keys).await.map_err(|e| {
            tracing::error!(error = ?e, "user loader failed");
            Arc::new("internal".to_owned())
        })?;
        Ok(users.into_iter().map(|u| (u.id, u)).collect())
    }
}
