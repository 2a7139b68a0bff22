//! Browser tests: the served app in real (headless) Chromium.

mod accounts;
mod assemblies;
mod barcamp;
mod labs;
mod resources;
mod support;
