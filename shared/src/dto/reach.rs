//! Reaching the members: notifications, their channels, the register of members, invitations.

use serde::{Deserialize, Serialize};

wire_enum!(
    /// What a notification is about.
    NotificationKind {
        LabDecision => "LAB_DECISION",
        JoinRequest => "JOIN_REQUEST",
        JoinAnswer => "JOIN_ANSWER",
        ResourceDecision => "RESOURCE_DECISION",
        AssemblyConvened => "ASSEMBLY_CONVENED",
        VotingOpen => "VOTING_OPEN",
        ProxyAsked => "PROXY_ASKED",
        ProxyAnswered => "PROXY_ANSWERED",
        ProxyReclaimed => "PROXY_RECLAIMED",
        SessionScheduled => "SESSION_SCHEDULED",
        SessionMoved => "SESSION_MOVED",
        SessionCancelled => "SESSION_CANCELLED",
        RulesChanged => "RULES_CHANGED",
        Invitation => "INVITATION",
        TransitionPathChosen => "TRANSITION_PATH_CHOSEN",
        HandoverToConfirm => "HANDOVER_TO_CONFIRM",
        SupportAnswered => "SUPPORT_ANSWERED",
        TransitionDeadline => "TRANSITION_DEADLINE",
        TransitionOfferDecided => "TRANSITION_OFFER_DECIDED",
    }
);

wire_enum!(
    /// How a member hears of one kind of notification: `PLATFORM` (the bell only), `EMAIL`
    /// (the bell and a mail at once), `DIGEST` (the bell and one mail a day), `OFF`.
    NotificationChannel {
        Platform => "PLATFORM",
        Email => "EMAIL",
        Digest => "DIGEST",
        Off => "OFF",
    }
);

wire_enum!(
    /// Which part of the association a kind belongs to (the preferences page groups them).
    NotificationSection {
        Labs => "LABS",
        Assemblies => "ASSEMBLIES",
        Barcamp => "BARCAMP",
        Transition => "TRANSITION",
    }
);

impl NotificationKind {
    pub fn section(self) -> NotificationSection {
        use NotificationKind::*;
        match self {
            LabDecision | JoinRequest | JoinAnswer | ResourceDecision | RulesChanged
            | Invitation => NotificationSection::Labs,
            AssemblyConvened | VotingOpen | ProxyAsked | ProxyAnswered | ProxyReclaimed => {
                NotificationSection::Assemblies
            }
            SessionScheduled | SessionMoved | SessionCancelled => NotificationSection::Barcamp,
            TransitionPathChosen
            | HandoverToConfirm
            | SupportAnswered
            | TransitionDeadline
            | TransitionOfferDecided => NotificationSection::Transition,
        }
    }

    /// The law requires it (the convocation): it cannot be turned off or delayed.
    pub fn mandatory(self) -> bool {
        matches!(self, Self::AssemblyConvened)
    }

    /// The channel when the member chose none. What asks something of the member (a
    /// hand-over to confirm, the deadline coming) or answers them (a support request, an
    /// offer) goes by e-mail at once; a co-holder's choice of path waits for the digest.
    pub fn default_channel(self) -> NotificationChannel {
        use NotificationKind::*;
        match self {
            AssemblyConvened
            | ProxyAsked
            | JoinRequest
            | JoinAnswer
            | LabDecision
            | ResourceDecision
            | Invitation
            | SessionCancelled
            | HandoverToConfirm
            | SupportAnswered
            | TransitionDeadline
            | TransitionOfferDecided => NotificationChannel::Email,
            SessionScheduled | SessionMoved | RulesChanged | TransitionPathChosen => {
                NotificationChannel::Digest
            }
            VotingOpen | ProxyAnswered | ProxyReclaimed => NotificationChannel::Platform,
        }
    }

    /// The channel that applies, given the member's choice.
    pub fn effective_channel(self, chosen: Option<NotificationChannel>) -> NotificationChannel {
        if self.mandatory() {
            return NotificationChannel::Email;
        }
        chosen.unwrap_or(self.default_channel())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_convocation_cannot_be_turned_off() {
        for c in NotificationChannel::ALL {
            assert_eq!(
                NotificationKind::AssemblyConvened.effective_channel(Some(*c)),
                NotificationChannel::Email
            );
        }
        assert_eq!(
            NotificationKind::VotingOpen.effective_channel(Some(NotificationChannel::Off)),
            NotificationChannel::Off
        );
    }
}

/// A row of the register of members, as the board edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct RegisterEntryInput {
    pub address: Option<String>,
    /// `YYYY-MM-DD`; empty clears it.
    pub admitted_on: Option<String>,
    /// `YYYY-MM-DD`; empty clears it.
    pub left_on: Option<String>,
    pub note: Option<String>,
}

/// What the board's members page lists (every field may be left out).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct MemberFilter {
    /// Part of the name or of the e-mail address, in any case.
    pub search: Option<String>,
    pub kind: Option<crate::MembershipKind>,
    pub board: Option<bool>,
    pub admin: Option<bool>,
    /// Former members too: a leaving date that has passed, or a deleted account.
    pub include_left: Option<bool>,
}

/// One person the board invites by e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct InviteInput {
    pub email: String,
    /// Shown in the mail and proposed on the invitation page; the invitee may change it.
    pub display_name: Option<String>,
    /// The membership kind the account is created with.
    pub kind: crate::MembershipKind,
}

wire_enum!(
    /// Where an invitation stands.
    InvitationStatus {
        Pending => "PENDING",
        Used => "USED",
        Expired => "EXPIRED",
    }
);

/// An account as the members page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberAccount {
    pub id: crate::ids::UserId,
    pub email: Option<String>,
    pub display_name: String,
    pub membership_kind: crate::MembershipKind,
    pub is_board: bool,
    pub is_admin: bool,
    pub is_deleted: bool,
}

/// A row of the register of members: the account and what the register adds to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub user: MemberAccount,
    pub address: String,
    /// `YYYY-MM-DD`
    pub admitted_on: Option<String>,
    /// `YYYY-MM-DD`
    pub left_on: Option<String>,
    pub note: String,
}

/// A line of a list of invitations (or of an imported file) that was refused, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationProblem {
    /// 1-based: the position in the list, or the line of the file (the header is line 1).
    pub line: i32,
    pub email: String,
    pub code: crate::ErrorCode,
    pub field: Option<String>,
    pub reason: Option<crate::ValidationReason>,
}

/// What became of a list of invitations: all sent, or (with any problem) none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationReport {
    pub invited: i32,
    pub problems: Vec<InvitationProblem>,
}

/// An invitation as the board follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: String,
    pub email: String,
    pub display_name: Option<String>,
    pub membership_kind: crate::MembershipKind,
    pub status: InvitationStatus,
    pub invited_by: Option<crate::dto::labs::PersonRef>,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

/// What the invitation page shows the invitee before they accept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationInfo {
    pub email: String,
    pub display_name: Option<String>,
    pub membership_kind: crate::MembershipKind,
    pub expires_at: String,
}

/// An entry of the audit log as the board's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i32,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub at: String,
    /// `{"before": …, "after": …}`
    pub diff: serde_json::Value,
    pub actor: Option<crate::dto::labs::PersonRef>,
}
