//! The strings of the transition's member side: the plan and dashboard, "my services", a
//! service's page (path, hand-over, help), offers and the CHATONS poll, with the labels of
//! the transition's enums.

use constellation_shared::dto::transition::{
    HandoverItemKind, MigrationPath, OfferKind, OfferStatus, ServiceKind, ServiceStatus,
    SupportStatus,
};

pub struct TransitionStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub no_plan: &'static str,
    pub ends_on_label: &'static str,
    pub days_left_label: &'static str,
    pub decision_label: &'static str,
    /// `{}`: the motion's reference.
    pub decision_motion: &'static str,
    pub decision_motion_link: &'static str,
    pub milestones_title: &'static str,
    pub milestones_caption: &'static str,
    pub milestones_empty: &'static str,
    pub col_milestone: &'static str,
    pub col_due: &'static str,
    pub dashboard_title: &'static str,
    pub total_label: &'static str,
    pub internal_label: &'static str,
    pub at_risk_label: &'static str,
    pub by_status_title: &'static str,
    pub by_status_caption: &'static str,
    pub chart_status_label: &'static str,
    pub by_path_title: &'static str,
    pub by_path_caption: &'static str,
    pub chart_path_label: &'static str,
    pub col_status: &'static str,
    pub col_path: &'static str,
    pub col_count: &'static str,
    pub path_none: &'static str,
    pub at_risk_title: &'static str,
    /// `{}`: the number of days.
    pub at_risk_intro: &'static str,
    pub at_risk_none: &'static str,
    pub at_risk_hidden: &'static str,
    pub progress_title: &'static str,
    pub progress_caption: &'static str,
    pub progress_empty: &'static str,
    pub col_day: &'static str,
    pub col_planned: &'static str,
    pub col_migrated: &'static str,
    pub working_group_title: &'static str,
    pub working_group_intro: &'static str,
    pub working_group_link: &'static str,
    pub in_working_group: &'static str,
    pub join_working_group: &'static str,
    pub links_title: &'static str,
    pub my_services_link: &'static str,
    pub inventory_link: &'static str,
    pub support_queue_link: &'static str,
    pub group_tools_link: &'static str,
    pub hosts_title: &'static str,
    pub hosts_intro: &'static str,
    pub hosts_caption: &'static str,
    pub hosts_empty: &'static str,
    pub col_host: &'static str,
    pub col_kinds: &'static str,
    pub col_note: &'static str,
    pub guides_title: &'static str,
    pub guides_empty: &'static str,
    /// `{}`, `{}`: the author, the date.
    pub guide_by: &'static str,
    pub poll_title: &'static str,
    pub poll_intro: &'static str,
    pub poll_client: &'static str,
    pub poll_stakeholder: &'static str,
    pub poll_comment: &'static str,
    pub poll_submit: &'static str,
    pub poll_saved: &'static str,
    /// `{}`: the date.
    pub poll_your_answer: &'static str,
    pub poll_members_only: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub offer_help_title: &'static str,
    pub offer_help_intro: &'static str,
    pub offer_service_title: &'static str,
    pub offer_service_intro: &'static str,
    pub offer_kind_label: &'static str,
    pub offer_note_label: &'static str,
    pub offer_submit: &'static str,
    pub offer_sent: &'static str,
    pub my_offers_title: &'static str,
    pub offer_withdraw: &'static str,
    pub offer_withdrawn: &'static str,
    /// `{}`: the board's reason.
    pub offer_reason: &'static str,
    pub offer_take_over_full: &'static str,
    pub offer_take_over_part: &'static str,
    pub offer_help: &'static str,
    pub offer_pending: &'static str,
    pub offer_accepted: &'static str,
    pub offer_declined: &'static str,
    pub offer_withdrawn_status: &'static str,
    pub my_services_title: &'static str,
    pub my_services_intro: &'static str,
    pub my_services_empty: &'static str,
    pub kind_label: &'static str,
    pub name_label: &'static str,
    pub address_label: &'static str,
    pub status_label: &'static str,
    pub path_label: &'static str,
    pub next_step_label: &'static str,
    pub target_label: &'static str,
    /// `{}`: how many days.
    pub days_left_short: &'static str,
    pub open_service: &'static str,
    pub kind_website: &'static str,
    pub kind_mailbox: &'static str,
    pub kind_mail_alias: &'static str,
    pub kind_mailing_list: &'static str,
    pub kind_domain: &'static str,
    pub kind_other: &'static str,
    pub status_to_plan: &'static str,
    pub status_planned: &'static str,
    pub status_in_progress: &'static str,
    pub status_migrated: &'static str,
    pub status_closed: &'static str,
    pub path_individual: &'static str,
    pub path_collective: &'static str,
    pub path_social_economy: &'static str,
    pub path_taken_over: &'static str,
    pub path_closed: &'static str,
    pub item_site_files: &'static str,
    pub item_database_dump: &'static str,
    pub item_mailbox_export: &'static str,
    pub item_list_subscribers: &'static str,
    pub item_list_archives: &'static str,
    pub item_domain_transfer_code: &'static str,
    pub item_zone_file: &'static str,
    pub item_other_data: &'static str,
    pub next_choose_path: &'static str,
    pub next_start_migration: &'static str,
    pub next_confirm_handover: &'static str,
    pub next_await_handover: &'static str,
    pub next_await_closing: &'static str,
    pub next_none_closed: &'static str,
    pub next_none_internal: &'static str,
    pub next_unknown: &'static str,
    pub service_not_found: &'static str,
    pub back_to_mine: &'static str,
    pub back_to_overview: &'static str,
    pub details_title: &'static str,
    pub description_label: &'static str,
    pub holders_label: &'static str,
    pub group_label: &'static str,
    pub internal_note: &'static str,
    pub history_title: &'static str,
    pub history_caption: &'static str,
    pub history_empty: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_change: &'static str,
    pub col_reason: &'static str,
    pub history_created: &'static str,
    pub someone: &'static str,
    pub handover_title: &'static str,
    pub handover_intro: &'static str,
    /// `{}`: the board's reason.
    pub handover_waived: &'static str,
    /// `{}`: the date.
    pub handover_all_confirmed: &'static str,
    pub handover_waiting: &'static str,
    /// `{}`, `{}`: who, when.
    pub handover_handed: &'static str,
    /// `{}`, `{}`, `{}`, `{}`: who handed over, when, who confirmed, when.
    pub handover_confirmed: &'static str,
    pub handover_mark: &'static str,
    pub handover_confirm: &'static str,
    pub handover_marked_note: &'static str,
    pub handover_confirmed_note: &'static str,
    pub path_title: &'static str,
    pub path_intro: &'static str,
    pub path_select_label: &'static str,
    pub path_group_label: &'static str,
    pub path_group_none: &'static str,
    pub path_target_label: &'static str,
    pub path_target_hint: &'static str,
    pub path_submit: &'static str,
    pub path_saved: &'static str,
    pub path_taken_over_hint: &'static str,
    pub path_locked: &'static str,
    pub no_groups: &'static str,
    pub start_migration: &'static str,
    pub migration_started: &'static str,
    pub support_title: &'static str,
    pub support_intro: &'static str,
    pub support_subject: &'static str,
    pub support_body: &'static str,
    pub support_submit: &'static str,
    pub support_sent: &'static str,
    pub my_requests_title: &'static str,
    pub my_requests_empty: &'static str,
    pub support_no_answer: &'static str,
    pub support_answer_label: &'static str,
    /// `{}`: the working group's member.
    pub support_handled_by: &'static str,
    pub support_open: &'static str,
    pub support_assigned: &'static str,
    pub support_answered: &'static str,
    pub support_closed: &'static str,
}

impl TransitionStrings {
    pub fn kind(&self, k: ServiceKind) -> &'static str {
        match k {
            ServiceKind::Website => self.kind_website,
            ServiceKind::Mailbox => self.kind_mailbox,
            ServiceKind::MailAlias => self.kind_mail_alias,
            ServiceKind::MailingList => self.kind_mailing_list,
            ServiceKind::Domain => self.kind_domain,
            ServiceKind::Other => self.kind_other,
        }
    }

    pub fn status(&self, s: ServiceStatus) -> &'static str {
        match s {
            ServiceStatus::ToPlan => self.status_to_plan,
            ServiceStatus::Planned => self.status_planned,
            ServiceStatus::InProgress => self.status_in_progress,
            ServiceStatus::Migrated => self.status_migrated,
            ServiceStatus::Closed => self.status_closed,
        }
    }

    /// A path, or "no path yet".
    pub fn path(&self, p: Option<MigrationPath>) -> &'static str {
        match p {
            None => self.path_none,
            Some(MigrationPath::Individual) => self.path_individual,
            Some(MigrationPath::Collective) => self.path_collective,
            Some(MigrationPath::SocialEconomy) => self.path_social_economy,
            Some(MigrationPath::TakenOver) => self.path_taken_over,
            Some(MigrationPath::Closed) => self.path_closed,
        }
    }

    pub fn item(&self, k: HandoverItemKind) -> &'static str {
        use HandoverItemKind::*;
        match k {
            SiteFiles => self.item_site_files,
            DatabaseDump => self.item_database_dump,
            MailboxExport => self.item_mailbox_export,
            ListSubscribers => self.item_list_subscribers,
            ListArchives => self.item_list_archives,
            DomainTransferCode => self.item_domain_transfer_code,
            ZoneFile => self.item_zone_file,
            OtherData => self.item_other_data,
        }
    }

    /// The API's `nextStep` code as the holder should read it.
    pub fn next_step(&self, code: &str) -> &'static str {
        match code {
            "CHOOSE_PATH" => self.next_choose_path,
            "START_MIGRATION" => self.next_start_migration,
            "CONFIRM_HANDOVER" => self.next_confirm_handover,
            "AWAIT_HANDOVER" => self.next_await_handover,
            "AWAIT_CLOSING" => self.next_await_closing,
            "NONE_CLOSED" => self.next_none_closed,
            "NONE_INTERNAL" => self.next_none_internal,
            _ => self.next_unknown,
        }
    }

    pub fn offer_kind(&self, k: OfferKind) -> &'static str {
        match k {
            OfferKind::TakeOverFull => self.offer_take_over_full,
            OfferKind::TakeOverPart => self.offer_take_over_part,
            OfferKind::Help => self.offer_help,
        }
    }

    pub fn offer_status(&self, s: OfferStatus) -> &'static str {
        match s {
            OfferStatus::Pending => self.offer_pending,
            OfferStatus::Accepted => self.offer_accepted,
            OfferStatus::Declined => self.offer_declined,
            OfferStatus::Withdrawn => self.offer_withdrawn_status,
        }
    }

    pub fn support_status(&self, s: SupportStatus) -> &'static str {
        match s {
            SupportStatus::Open => self.support_open,
            SupportStatus::Assigned => self.support_assigned,
            SupportStatus::Answered => self.support_answered,
            SupportStatus::Closed => self.support_closed,
        }
    }

    pub fn yes_no(&self, b: bool) -> &'static str {
        if b {
            self.yes
        } else {
            self.no
        }
    }
}
