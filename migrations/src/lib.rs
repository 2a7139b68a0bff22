//! Schema migrations. They never import the backend's entities: an old migration must keep
//! meaning what it meant when it was written.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261124_000001_accounts;
mod m20261124_000002_labs;
mod m20261124_000003_resources;
mod m20261124_000004_barcamp;
mod m20261124_000005_assemblies;
mod m20261201_000001_token_version;
mod m20261201_000002_reach;
mod m20261201_000003_transition;
mod m20261201_000004_live_events;
mod m20261201_000005_lab_invitations;
mod m20261201_000006_room_counts;
mod m20261202_000001_encrypted_ballots;
mod m20261202_000002_elections;
mod m20261203_000001_polls;
mod m20261204_000001_voting_guards;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_accounts::Migration),
            Box::new(m20261124_000002_labs::Migration),
            Box::new(m20261124_000003_resources::Migration),
            Box::new(m20261124_000004_barcamp::Migration),
            Box::new(m20261124_000005_assemblies::Migration),
            Box::new(m20261201_000001_token_version::Migration),
            Box::new(m20261201_000002_reach::Migration),
            Box::new(m20261201_000003_transition::Migration),
            Box::new(m20261201_000004_live_events::Migration),
            Box::new(m20261201_000005_lab_invitations::Migration),
            Box::new(m20261201_000006_room_counts::Migration),
            Box::new(m20261202_000001_encrypted_ballots::Migration),
            Box::new(m20261202_000002_elections::Migration),
            Box::new(m20261203_000001_polls::Migration),
            Box::new(m20261204_000001_voting_guards::Migration),
        ]
    }
}
