//! Browser tests: the served app in real (headless) Chromium.

mod accounts;
mod assemblies;
mod barcamp;
mod elections;
mod encrypted_vote;
mod labs;
mod polls;
mod reach;
mod reach_admin;
mod resources;
mod support;
mod support_assembly;
mod transition;
