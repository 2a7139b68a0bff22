//! The transition of hosted services (founding note, points 2.1 to 4): the inventory, each
//! service's migration path and status, the data hand-over checklists, the working group,
//! volunteers' offers and the CHATONS interest poll.

use serde::{Deserialize, Serialize};

wire_enum!(
    /// What the association hosts (note, pt. 2.1).
    ServiceKind {
        Website => "WEBSITE",
        Mailbox => "MAILBOX",
        MailAlias => "MAIL_ALIAS",
        MailingList => "MAILING_LIST",
        Domain => "DOMAIN",
        Other => "OTHER",
    }
);

wire_enum!(
    /// Where a service stands; the order is the order of the work.
    ServiceStatus {
        ToPlan => "TO_PLAN",
        Planned => "PLANNED",
        InProgress => "IN_PROGRESS",
        Migrated => "MIGRATED",
        Closed => "CLOSED",
    }
);

wire_enum!(
    /// How a service leaves the association (note, pt. 3 and 3.a): the member moves it,
    /// with a group to one target, to the CHATONS-style structure (pt. 4), taken over by a
    /// member or a Lab (set by accepting an offer), or it stops.
    MigrationPath {
        Individual => "INDIVIDUAL",
        Collective => "COLLECTIVE",
        SocialEconomy => "SOCIAL_ECONOMY",
        TakenOver => "TAKEN_OVER",
        Closed => "CLOSED",
    }
);

wire_enum!(
    /// One thing a member must get back before their service closes.
    HandoverItemKind {
        SiteFiles => "SITE_FILES",
        DatabaseDump => "DATABASE_DUMP",
        MailboxExport => "MAILBOX_EXPORT",
        ListSubscribers => "LIST_SUBSCRIBERS",
        ListArchives => "LIST_ARCHIVES",
        DomainTransferCode => "DOMAIN_TRANSFER_CODE",
        ZoneFile => "ZONE_FILE",
        OtherData => "OTHER_DATA",
    }
);

wire_enum!(
    SupportStatus {
        Open => "OPEN",
        Assigned => "ASSIGNED",
        Answered => "ANSWERED",
        Closed => "CLOSED",
    }
);

wire_enum!(
    /// A volunteer's offer (pt. 3.a): take a service over, in full or in part, or help.
    OfferKind {
        TakeOverFull => "TAKE_OVER_FULL",
        TakeOverPart => "TAKE_OVER_PART",
        Help => "HELP",
    }
);

wire_enum!(
    OfferStatus {
        Pending => "PENDING",
        Accepted => "ACCEPTED",
        Declined => "DECLINED",
        Withdrawn => "WITHDRAWN",
    }
);

impl ServiceStatus {
    /// Position in the order `TO_PLAN → … → CLOSED`.
    pub fn rank(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

impl ServiceKind {
    /// What the member must receive for a service of this kind.
    pub fn checklist(self) -> &'static [HandoverItemKind] {
        use HandoverItemKind::*;
        match self {
            Self::Website => &[SiteFiles, DatabaseDump],
            Self::Mailbox => &[MailboxExport],
            Self::MailAlias => &[OtherData],
            Self::MailingList => &[ListSubscribers, ListArchives],
            Self::Domain => &[DomainTransferCode, ZoneFile],
            Self::Other => &[OtherData],
        }
    }

    /// A kind as people write it in a spreadsheet: the API's names or French words.
    pub fn from_human(raw: &str) -> Option<Self> {
        let t = raw.trim().to_lowercase().replace(['-', ' '], "_");
        match t.as_str() {
            "website" | "web_site" | "site" | "site_web" => Some(Self::Website),
            "mailbox" | "boite_mail" | "boîte_mail" | "mail" | "email" => Some(Self::Mailbox),
            "mail_alias" | "alias" | "alias_mail" => Some(Self::MailAlias),
            "mailing_list" | "list" | "liste" | "sympa" | "liste_sympa" => Some(Self::MailingList),
            "domain" | "domaine" | "nom_de_domaine" | "domain_name" => Some(Self::Domain),
            "other" | "autre" => Some(Self::Other),
            _ => None,
        }
    }
}

/// The plan, as the board writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    pub title: String,
    /// The assembly motion that adopted it, if recorded in the platform.
    pub decision_motion_id: Option<String>,
    pub decision_note: String,
    /// End of service, `YYYY-MM-DD`.
    pub ends_on: String,
    /// A service not migrated this many days before the end is at risk.
    pub at_risk_days: i32,
}

/// A service of the inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct ServiceInput {
    pub kind: ServiceKind,
    pub name: String,
    pub description: String,
    /// The kind's detail: the domain name, list address, mailbox address, site address.
    pub address: String,
    /// The association's own (note, footnote 5): stays, not migrated.
    pub internal: bool,
    /// Account ids; empty only for an internal service.
    pub holder_ids: Vec<String>,
}

/// A path chosen for a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct PathInput {
    pub path: MigrationPath,
    pub target_host: String,
    /// For `COLLECTIVE`: the group moving together.
    pub group_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct HostInput {
    pub name: String,
    pub url: String,
    pub kinds: Vec<ServiceKind>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct GuideInput {
    pub title: String,
    /// Markdown.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct SupportInput {
    pub service_id: Option<String>,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct OfferInput {
    pub kind: OfferKind,
    /// Required to take a service over.
    pub service_id: Option<String>,
    /// Offering on behalf of a Lab one coordinates.
    pub lab_id: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct PollInput {
    pub as_client: bool,
    pub as_stakeholder: bool,
    pub comment: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_checklist_and_people_words_parse() {
        for k in ServiceKind::ALL {
            assert!(!k.checklist().is_empty(), "{k:?}");
            assert_eq!(ServiceKind::from_human(k.as_str()), Some(*k));
        }
        assert_eq!(
            ServiceKind::from_human("Liste Sympa"),
            Some(ServiceKind::MailingList)
        );
        assert_eq!(ServiceKind::from_human("fax"), None);
        assert!(ServiceStatus::Closed.rank() > ServiceStatus::Migrated.rank());
    }
}

/// A service as its pages read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub id: String,
    pub kind: ServiceKind,
    pub name: String,
    pub description: String,
    pub address: String,
    pub internal: bool,
    pub status: ServiceStatus,
    pub path: Option<MigrationPath>,
    pub target_host: String,
    pub group: Option<GroupRef>,
    pub holders: Vec<crate::dto::labs::PersonRef>,
    pub handover: Vec<HandoverItem>,
    pub handover_confirmed_at: Option<String>,
    pub handover_waived_reason: Option<String>,
    /// `CHOOSE_PATH`, `START_MIGRATION`, `CONFIRM_HANDOVER`, `AWAIT_HANDOVER`,
    /// `AWAIT_CLOSING`, `NONE_CLOSED`, `NONE_INTERNAL`.
    pub next_step: String,
    /// Asked for on one service's page only.
    #[serde(default)]
    pub history: Option<crate::dto::Connection<StatusStep>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRef {
    pub id: String,
    pub name: String,
    pub target_host: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoverItem {
    pub id: String,
    pub item: HandoverItemKind,
    pub handed_at: Option<String>,
    pub confirmed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusStep {
    pub from_status: Option<ServiceStatus>,
    pub to_status: ServiceStatus,
    pub path: Option<MigrationPath>,
    pub reason: Option<String>,
    pub actor: Option<crate::dto::labs::PersonRef>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub decision_motion_id: Option<String>,
    pub decision_note: String,
    pub ends_on: String,
    pub days_left: i64,
    pub at_risk_days: i32,
    pub in_working_group: bool,
    pub working_group: Option<crate::dto::resources::LabRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: ServiceStatus,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathCount {
    pub path: Option<MigrationPath>,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressPoint {
    pub on: String,
    pub planned: i64,
    pub migrated: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceName {
    pub id: String,
    pub kind: ServiceKind,
    pub name: String,
    pub status: ServiceStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub ends_on: Option<String>,
    pub days_left: Option<i64>,
    pub at_risk_days: i32,
    pub total: i64,
    pub internal: i64,
    pub by_status: Vec<StatusCount>,
    pub by_path: Vec<PathCount>,
    pub at_risk: i64,
    pub at_risk_services: crate::dto::Connection<ServiceName>,
    pub progress: crate::dto::Connection<ProgressPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportRequest {
    pub id: String,
    pub subject: String,
    pub body: String,
    pub status: SupportStatus,
    pub requester: Option<crate::dto::labs::PersonRef>,
    pub requester_in_working_group: bool,
    pub assignee: Option<crate::dto::labs::PersonRef>,
    pub answer: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    pub line: i32,
    pub name: String,
    pub code: String,
    pub field: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: i32,
    pub problems: Vec<ImportProblem>,
}

/// A date of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub id: String,
    pub label: String,
    /// `YYYY-MM-DD`
    pub due_on: String,
}

/// A host the working group recommends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendedHost {
    pub id: String,
    pub name: String,
    pub url: String,
    pub kinds: Vec<ServiceKind>,
    pub note: String,
}

/// A working group's guide; `body` is Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Guide {
    pub id: String,
    pub title: String,
    pub body: String,
    pub author: Option<crate::dto::labs::PersonRef>,
    pub updated_at: String,
}

/// One member's answer to the CHATONS interest poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollAnswer {
    pub member: Option<crate::dto::labs::PersonRef>,
    pub as_client: bool,
    pub as_stakeholder: bool,
    pub comment: String,
    pub answered_at: String,
}

/// A volunteer's offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub id: String,
    pub kind: OfferKind,
    pub status: OfferStatus,
    pub note: String,
    /// Absent for a general offer of help, or when the viewer may not see the service.
    pub service: Option<ServiceName>,
    pub offered_by: Option<crate::dto::labs::PersonRef>,
    pub lab: Option<crate::dto::resources::LabRef>,
    pub decision_reason: Option<String>,
    pub created_at: String,
}

/// A support request with the service it is about (when the viewer may see it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportRequestOnService {
    #[serde(flatten)]
    pub request: SupportRequest,
    pub service: Option<ServiceName>,
}

/// The plan as the board edits it: with its milestones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanDetail {
    pub id: String,
    pub title: String,
    pub decision_motion_id: Option<String>,
    pub decision_note: String,
    pub ends_on: String,
    pub days_left: i64,
    pub at_risk_days: i32,
    pub in_working_group: bool,
    pub working_group: Option<crate::dto::resources::LabRef>,
    pub milestones: Vec<Milestone>,
}

/// The CHATONS poll's counts, and who answered what (not a secret vote).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollResults {
    pub answers: i64,
    pub as_client: i64,
    pub as_stakeholder: i64,
    pub both: i64,
    pub neither: i64,
    pub rows: crate::dto::Connection<PollAnswer>,
}

/// A hand-over item with who ticked and who confirmed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoverDetail {
    pub id: String,
    pub item: HandoverItemKind,
    pub handed_at: Option<String>,
    pub handed_by: Option<crate::dto::labs::PersonRef>,
    pub confirmed_at: Option<String>,
    pub confirmed_by: Option<crate::dto::labs::PersonRef>,
}
