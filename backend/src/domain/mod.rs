//! Domain services: `fn(env, actor, input) -> Result<_, DomainError>`. All the rules live here;
//! resolvers and HTTP handlers only translate.

pub mod accounts;
pub mod assemblies;
pub mod audit;
pub mod barcamp;
pub mod barcamp_schedule;
pub mod barcamp_sessions;
pub mod common_rules;
pub mod error;
pub mod export;
pub mod lab_members;
pub mod labs;
pub mod minutes;
pub mod projects;
pub mod proxies;
pub mod rate_limit;
pub mod resource_requests;
pub mod resources;
pub mod seed;
pub mod votes;

pub use error::{DbResultExt, DomainError, DomainResult};

use constellation_shared::MembershipKind;
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use tokio::sync::broadcast;
use uuid::Uuid;

/// What every service needs: the database and the channel that carries audit events to
/// live subscribers.
#[derive(Clone)]
pub struct Env {
    pub db: DatabaseConnection,
    pub events: broadcast::Sender<crate::entities::audit_log::Model>,
    pub limits: LoginLimits,
    pub assembly: AssemblySettings,
    /// Votes go through one writer that commits concurrent votes together.
    pub votes: votes::VoteQueue,
    /// Signals to live assembly pages (what changed; they read the figures themselves).
    pub live: broadcast::Sender<votes::LiveSignal>,
}

/// Statute settings for general assemblies.
#[derive(Clone, Copy, Debug)]
pub struct AssemblySettings {
    pub convocation_days: i64,
    pub proxy_cap: u32,
}

impl Env {
    /// A transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads then writes fails at once with
    /// "database is locked" when another writer got there first, instead of waiting.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }
}

#[derive(Clone, Copy, Debug)]
pub struct LoginLimits {
    pub per_account: u32,
    pub per_address: u32,
    /// Accounts one address may create in the window.
    pub registrations_per_address: u32,
    pub window_seconds: i64,
}

/// The account behind a request, as loaded at the start of it.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: Uuid,
    pub kind: MembershipKind,
    pub is_board: bool,
    pub is_admin: bool,
}

/// Who is asking.
#[derive(Clone, Debug)]
pub enum Actor {
    Anonymous,
    /// A token was sent but is expired, tampered with, or its account is gone.
    InvalidToken,
    User(CurrentUser),
}

impl Actor {
    /// The signed-in account, or `Unauthenticated`.
    pub fn user(&self) -> DomainResult<&CurrentUser> {
        match self {
            Actor::User(u) => Ok(u),
            _ => Err(DomainError::Unauthenticated),
        }
    }

    pub fn admin(&self) -> DomainResult<&CurrentUser> {
        let u = self.user()?;
        if u.is_admin {
            Ok(u)
        } else {
            Err(DomainError::Forbidden)
        }
    }

    pub fn board_or_admin(&self) -> DomainResult<&CurrentUser> {
        let u = self.user()?;
        if u.is_admin || u.is_board {
            Ok(u)
        } else {
            Err(DomainError::Forbidden)
        }
    }

    pub fn id(&self) -> Option<Uuid> {
        match self {
            Actor::User(u) => Some(u.id),
            _ => None,
        }
    }
}
