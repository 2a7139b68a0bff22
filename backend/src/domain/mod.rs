//! Domain services: `fn(env, actor, input) -> Result<_, DomainError>`. All the rules live here;
//! resolvers and HTTP handlers only translate.
//!
//! One folder per bounded context, layered: `core` (actor, errors, audit, rate limits,
//! parsing, privacy sections) → `reach` (notifications, the mail outbox, mailed tokens) →
//! `accounts` → `labs` → `resources` → `assemblies` | `barcamp`
//! → `flows` (what crosses contexts: account deletion, the member's export, archiving a Lab,
//! the demo seed). A context imports only the layers below it; `layers.rs` checks it on the
//! source. `Env` stays here: it carries the assemblies' vote writer, so it sits above every
//! context rather than in `core`.

pub mod accounts;
pub mod assemblies;
pub mod barcamp;
pub mod core;
pub mod flows;
pub mod labs;
pub mod layers;
pub mod polls;
pub mod reach;
pub mod resources;
pub mod transition;

pub use self::core::actor::{Actor, CurrentUser};
pub use self::core::error::{DbResultExt, DomainError, DomainResult};

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// What every service needs: the database and the channels that carry audit events and
/// signals to live subscribers (of every replica: `crate::live_bus`).
#[derive(Clone)]
pub struct Env {
    pub db: DatabaseConnection,
    pub events: crate::live_bus::Channel<crate::entities::audit_log::Model>,
    pub limits: LoginLimits,
    pub assembly: AssemblySettings,
    /// Votes go through one writer that commits concurrent votes together.
    pub votes: assemblies::votes::VoteQueue,
    /// Signals to live assembly pages (what changed; they read the figures themselves).
    pub live: crate::live_bus::Channel<assemblies::votes::LiveSignal>,
    /// The members who just got a notification (their bell refreshes).
    pub notices: crate::live_bus::Channel<uuid::Uuid>,
    /// Links in mails, the sender's address.
    pub reach: reach::ReachSettings,
    /// Wakes the mail sender (`crate::mailer`): code that wrote outbox mail calls
    /// `notify_one()` after its commit, so the mail leaves now rather than at the next poll.
    pub mail_wake: std::sync::Arc<tokio::sync::Notify>,
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
