//! Browser tests: the served app in real (headless) Chromium.

mod accounts;
mod labs;
mod resources;
mod support;
