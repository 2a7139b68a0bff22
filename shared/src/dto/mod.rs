//! Data shapes exchanged over the API, one file per domain.

/// A closed set of values sent as SCREAMING_SNAKE_CASE strings, with `ALL`, `as_str`, `parse`.
/// The text is also what the database stores: with the `orm` feature (the server's), the enum is
/// a sea-orm `ActiveEnum`, so an entity's column holds the enum itself, read once at the entity
/// edge (a value outside the set fails the query instead of falling back to a default).
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
        #[cfg_attr(feature = "orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "orm", sea_orm(rs_type = "String", db_type = "Text"))]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $($(#[$vdoc])* #[cfg_attr(feature = "orm", sea_orm(string_value = $text))] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable text stored in the database and sent over the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

pub mod accounts;
pub mod assemblies;
pub mod barcamp;
pub mod labs;
pub mod polls;
pub mod reach;
pub mod resources;
pub mod transition;

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
