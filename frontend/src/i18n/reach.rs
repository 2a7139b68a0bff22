//! The strings of the notifications page and the member's home, with the labels of the
//! notification kinds and channels (the bell's own strings are in the core `Strings`).

use constellation_shared::dto::reach::{
    NotificationChannel, NotificationKind, NotificationSection,
};

pub struct ReachStrings {
    pub notifications_title: &'static str,
    pub notifications_intro: &'static str,
    pub notifications_empty: &'static str,
    pub notifications_unread_empty: &'static str,
    pub unread_only: &'static str,
    pub unread: &'static str,
    pub mark_read: &'static str,
    pub mark_all_read: &'static str,
    pub all_marked_read: &'static str,
    pub preferences_title: &'static str,
    pub preferences_intro: &'static str,
    pub preference_saved: &'static str,
    pub mandatory_note: &'static str,
    pub channel_platform: &'static str,
    pub channel_email: &'static str,
    pub channel_digest: &'static str,
    pub channel_off: &'static str,
    pub kind_lab_decision: &'static str,
    pub kind_join_request: &'static str,
    pub kind_join_answer: &'static str,
    pub kind_resource_decision: &'static str,
    pub kind_assembly_convened: &'static str,
    pub kind_voting_open: &'static str,
    pub kind_proxy_asked: &'static str,
    pub kind_proxy_answered: &'static str,
    pub kind_proxy_reclaimed: &'static str,
    pub kind_session_scheduled: &'static str,
    pub kind_session_moved: &'static str,
    pub kind_session_cancelled: &'static str,
    pub kind_rules_changed: &'static str,
    pub kind_invitation: &'static str,
    pub kind_transition_path_chosen: &'static str,
    pub kind_handover_to_confirm: &'static str,
    pub kind_support_answered: &'static str,
    pub kind_transition_deadline: &'static str,
    pub kind_transition_offer_decided: &'static str,
    pub section_labs: &'static str,
    pub section_assemblies: &'static str,
    pub section_barcamp: &'static str,
    pub section_transition: &'static str,
    pub calendar_title: &'static str,
    pub calendar_intro: &'static str,
    pub calendar_address: &'static str,
    pub calendar_link: &'static str,
    pub calendar_copy: &'static str,
    pub home_waiting: &'static str,
    pub home_waiting_empty: &'static str,
    /// `{}`: who gives the proxy.
    pub home_proxy_asked: &'static str,
    pub home_someone: &'static str,
    /// `{}`: the motion.
    pub home_vote_open: &'static str,
    /// `{}`, `{}`: who, which Lab.
    pub home_join_request: &'static str,
    /// `{}`: the Lab.
    pub home_rules_ack: &'static str,
    /// `{}`: the Lab.
    pub home_lab_invitation: &'static str,
    /// `{}`: how many.
    pub home_labs_to_review: &'static str,
    /// `{}`: how many.
    pub home_requests_to_decide: &'static str,
    /// `{}`: how many.
    pub home_unread: &'static str,
    pub home_coming: &'static str,
    pub home_coming_empty: &'static str,
    pub home_next_assembly: &'static str,
    pub home_barcamp: &'static str,
    pub home_my_labs: &'static str,
    pub home_my_labs_empty: &'static str,
    pub home_browse_labs: &'static str,
}

impl ReachStrings {
    pub fn kind(&self, k: NotificationKind) -> &'static str {
        use NotificationKind::*;
        match k {
            LabDecision => self.kind_lab_decision,
            JoinRequest => self.kind_join_request,
            JoinAnswer => self.kind_join_answer,
            ResourceDecision => self.kind_resource_decision,
            AssemblyConvened => self.kind_assembly_convened,
            VotingOpen => self.kind_voting_open,
            ProxyAsked => self.kind_proxy_asked,
            ProxyAnswered => self.kind_proxy_answered,
            ProxyReclaimed => self.kind_proxy_reclaimed,
            SessionScheduled => self.kind_session_scheduled,
            SessionMoved => self.kind_session_moved,
            SessionCancelled => self.kind_session_cancelled,
            RulesChanged => self.kind_rules_changed,
            Invitation => self.kind_invitation,
            TransitionPathChosen => self.kind_transition_path_chosen,
            HandoverToConfirm => self.kind_handover_to_confirm,
            SupportAnswered => self.kind_support_answered,
            TransitionDeadline => self.kind_transition_deadline,
            TransitionOfferDecided => self.kind_transition_offer_decided,
        }
    }

    /// The heading of a group of kinds on the preferences page.
    pub fn section(&self, s: NotificationSection) -> &'static str {
        match s {
            NotificationSection::Labs => self.section_labs,
            NotificationSection::Assemblies => self.section_assemblies,
            NotificationSection::Barcamp => self.section_barcamp,
            NotificationSection::Transition => self.section_transition,
        }
    }

    pub fn channel(&self, c: NotificationChannel) -> &'static str {
        match c {
            NotificationChannel::Platform => self.channel_platform,
            NotificationChannel::Email => self.channel_email,
            NotificationChannel::Digest => self.channel_digest,
            NotificationChannel::Off => self.channel_off,
        }
    }
}
