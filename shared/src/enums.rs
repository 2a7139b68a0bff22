//! Enumerations of the domain, shared with GraphQL (behind the `graphql` feature).

use serde::{Deserialize, Serialize};

/// The asbl's membership kinds: only effective members vote at the general assembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[cfg_attr(feature = "orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "orm", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MembershipKind {
    /// *Membre effectif*: full member, votes at general assemblies.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "EFFECTIVE"))]
    Effective,
    /// *Membre adhérent*: member without a vote at the assembly.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "ADHERENT"))]
    Adherent,
    /// Outside sympathiser: joins Labs and the barcamp, never votes.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "SYMPATHIZER"))]
    Sympathizer,
}

impl MembershipKind {
    pub const ALL: [MembershipKind; 3] = [Self::Effective, Self::Adherent, Self::Sympathizer];

    /// The stable text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Effective => "EFFECTIVE",
            Self::Adherent => "ADHERENT",
            Self::Sympathizer => "SYMPATHIZER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Self::Effective, Language::Fr) => "Membre effectif",
            (Self::Effective, Language::En) => "Effective member",
            (Self::Adherent, Language::Fr) => "Membre adhérent",
            (Self::Adherent, Language::En) => "Adherent member",
            (Self::Sympathizer, Language::Fr) => "Sympathisant·e",
            (Self::Sympathizer, Language::En) => "Sympathiser",
        }
    }
}

/// The two languages of the platform; French is first-class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[cfg_attr(feature = "orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "orm", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Language {
    /// Stored as its ISO 639-1 code, as `code()` gives it.
    #[default]
    #[cfg_attr(feature = "orm", sea_orm(string_value = "fr"))]
    Fr,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "en"))]
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Self::Fr, Self::En];

    /// ISO 639-1 code, as stored and as used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        let lower = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|l| lower == l.code() || lower.starts_with(&format!("{}-", l.code())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_browser_codes() {
        assert_eq!(Language::from_code("fr-BE"), Some(Language::Fr));
        assert_eq!(Language::from_code("EN"), Some(Language::En));
        assert_eq!(Language::from_code("en-GB"), Some(Language::En));
        assert_eq!(Language::from_code("nl"), None);
        assert_eq!(Language::from_code("english"), None);
    }

    #[test]
    fn membership_kind_round_trips() {
        for k in MembershipKind::ALL {
            assert_eq!(MembershipKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(MembershipKind::parse("effective"), None);
    }
}
