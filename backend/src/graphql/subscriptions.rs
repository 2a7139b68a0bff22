//! Caps on live subscriptions: per WebSocket connection, and per account (or, for anonymous
//! pages, per client address) across all of one server's connections. Each subscription
//! takes a slot when it starts and gives it back when its stream ends or is dropped (the
//! client stops it, replaces it under the same id, or the connection closes).

use crate::domain::DomainError;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Subscriptions one connection may hold at once (the app opens three at most).
pub const PER_CONNECTION: usize = 16;
/// Subscriptions one account, or one anonymous address, may hold at once on one server.
pub const PER_OWNER: usize = 48;

/// How many subscriptions each owner holds on this server.
#[derive(Default)]
pub struct Registry(Mutex<HashMap<String, usize>>);

/// What a WebSocket connection carries for the caps (in the connection's data).
#[derive(Clone)]
pub struct ConnectionSlots {
    held: Arc<AtomicUsize>,
    owner: String,
    registry: Arc<Registry>,
}

impl ConnectionSlots {
    /// `owner`: `user:<id>` for a signed-in connection, `addr:<ip>` otherwise.
    pub fn new(registry: Arc<Registry>, owner: String) -> Self {
        Self {
            held: Arc::new(AtomicUsize::new(0)),
            owner,
            registry,
        }
    }

    /// Takes a slot, or refuses with `RATE_LIMITED` when the connection or the owner holds
    /// as many as allowed.
    pub fn take(&self) -> Result<Slot, DomainError> {
        let mut owners = self
            .registry
            .0
            .lock()
            .map_err(|_| DomainError::internal("subscription registry poisoned"))?;
        let owned = owners.get(&self.owner).copied().unwrap_or(0);
        if self.held.load(Ordering::SeqCst) >= PER_CONNECTION || owned >= PER_OWNER {
            return Err(DomainError::RateLimited);
        }
        owners.insert(self.owner.clone(), owned + 1);
        self.held.fetch_add(1, Ordering::SeqCst);
        Ok(Slot(self.clone()))
    }
}

/// A subscription's slot; given back on drop.
pub struct Slot(ConnectionSlots);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.held.fetch_sub(1, Ordering::SeqCst);
        if let Ok(mut owners) = self.0.registry.0.lock() {
            if let Some(n) = owners.get_mut(&self.0.owner) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    owners.remove(&self.0.owner);
                }
            }
        }
    }
}

/// A slot for the subscription being started, when it runs over a WebSocket connection
/// (which always carries `ConnectionSlots`).
pub fn slot(ctx: &async_graphql::Context<'_>) -> async_graphql::Result<Option<Slot>> {
    use crate::graphql::error::GqlResultExt as _;
    match ctx.data_opt::<ConnectionSlots>() {
        Some(slots) => slots.take().map(Some).gql(),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_capped_per_connection_and_per_owner_and_given_back() {
        let registry = Arc::new(Registry::default());
        let a = ConnectionSlots::new(registry.clone(), "user:1".into());
        let held: Vec<Slot> = (0..PER_CONNECTION)
            .map(|_| a.take().expect("slot"))
            .collect();
        assert!(matches!(a.take(), Err(DomainError::RateLimited)));
        drop(held);
        assert!(a.take().is_ok());
        // The owner's cap spans connections.
        let conns: Vec<ConnectionSlots> = (0..PER_OWNER)
            .map(|_| ConnectionSlots::new(registry.clone(), "user:2".into()))
            .collect();
        let slots: Vec<Slot> = conns.iter().map(|c| c.take().expect("slot")).collect();
        let another = ConnectionSlots::new(registry.clone(), "user:2".into());
        assert!(matches!(another.take(), Err(DomainError::RateLimited)));
        let other_owner = ConnectionSlots::new(registry.clone(), "user:3".into());
        assert!(other_owner.take().is_ok());
        drop(slots);
        assert!(another.take().is_ok());
    }
}
