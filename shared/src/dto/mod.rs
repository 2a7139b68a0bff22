//! Data shapes exchanged over the API, one file per domain.

pub mod accounts;
pub mod labs;
pub mod resources;

use serde::{Deserialize, Serialize};

/// A Relay connection as the client reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection<T> {
    pub edges: Vec<Edge<T>>,
    pub page_info: PageInfo,
}

impl<T> Connection<T> {
    pub fn nodes(&self) -> impl Iterator<Item = &T> {
        self.edges.iter().map(|e| &e.node)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge<T> {
    pub node: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    pub has_next_page: bool,
    pub end_cursor: Option<String>,
}
