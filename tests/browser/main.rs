//! Browser tests: the served app in real (headless) Chromium.

mod accounts;
mod assemblies;
mod barcamp;
mod labs;
mod reach;
mod reach_admin;
mod resources;
mod support;
mod transition;
