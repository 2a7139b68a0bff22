//! The strings of the common resources: pools and periods, a Lab's requests, the board's queue,
//! the transparency page and the ledger, with the labels of the resources enums.

use constellation_shared::dto::resources::{LedgerKind, PoolKind, RequestStatus};

pub struct ResourcesStrings {
    pub pools_title: &'static str,
    pub pools_intro: &'static str,
    pub pools_empty: &'static str,
    pub pool_name: &'static str,
    pub pool_kind: &'static str,
    pub pool_unit: &'static str,
    pub pool_unit_hint: &'static str,
    pub pool_scale: &'static str,
    pub pool_scale_hint: &'static str,
    pub kind_money: &'static str,
    pub kind_server: &'static str,
    pub kind_room: &'static str,
    pub kind_equipment: &'static str,
    pub kind_service_hours: &'static str,
    pub kind_other: &'static str,
    pub create_pool_title: &'static str,
    pub create_pool_submit: &'static str,
    pub pool_created: &'static str,
    pub first_period: &'static str,
    pub period_label: &'static str,
    pub period_label_hint: &'static str,
    pub period_starts: &'static str,
    pub period_ends: &'static str,
    pub capacity: &'static str,
    pub add_period_title: &'static str,
    pub add_period_submit: &'static str,
    pub period_added: &'static str,
    pub new_capacity: &'static str,
    pub set_capacity: &'static str,
    pub capacity_saved: &'static str,
    pub no_periods: &'static str,
    pub usage_of: &'static str,
    pub usage_granted: &'static str,
    pub usage_remaining: &'static str,
    pub lab_resources_title: &'static str,
    pub lab_requests_empty: &'static str,
    pub request_form_title: &'static str,
    pub request_pool: &'static str,
    pub choose_pool: &'static str,
    pub request_period: &'static str,
    pub choose_period: &'static str,
    pub request_project: &'static str,
    pub request_for_lab: &'static str,
    pub request_amount: &'static str,
    pub request_justification: &'static str,
    pub request_submit: &'static str,
    pub request_filed: &'static str,
    pub remaining_label: &'static str,
    pub granted_label: &'static str,
    pub released_label: &'static str,
    pub board_reason: &'static str,
    pub requested_by: &'static str,
    pub decided_by: &'static str,
    pub filed_on: &'static str,
    pub withdraw: &'static str,
    pub edit_request: &'static str,
    pub save_request: &'static str,
    pub cancel: &'static str,
    pub request_saved: &'static str,
    pub release_amount: &'static str,
    pub release_note: &'static str,
    pub release: &'static str,
    pub released: &'static str,
    pub req_status_pending: &'static str,
    pub req_status_approved: &'static str,
    pub req_status_partially_approved: &'static str,
    pub req_status_rejected: &'static str,
    pub req_status_withdrawn: &'static str,
    pub queue_title: &'static str,
    pub queue_intro: &'static str,
    pub queue_empty: &'static str,
    pub waiting: &'static str,
    pub age_today: &'static str,
    pub age_one_day: &'static str,
    pub age_days_after: &'static str,
    pub decision_amount: &'static str,
    pub approve_full: &'static str,
    pub approve_partial: &'static str,
    pub reject_request: &'static str,
    pub decision_recorded: &'static str,
    pub transparency_title: &'static str,
    pub transparency_intro: &'static str,
    pub pools_usage_title: &'static str,
    pub allocations_title: &'static str,
    pub allocations_empty: &'static str,
    pub allocation_chart_label: &'static str,
    pub allocation_table_caption: &'static str,
    pub col_lab: &'static str,
    pub col_pool: &'static str,
    pub col_period: &'static str,
    pub col_held: &'static str,
    pub col_capacity: &'static str,
    pub col_date: &'static str,
    pub col_kind: &'static str,
    pub col_amount: &'static str,
    pub col_reason: &'static str,
    pub col_actor: &'static str,
    pub ledger_title: &'static str,
    pub ledger_empty: &'static str,
    pub ledger_grant: &'static str,
    pub ledger_release: &'static str,
    pub ledger_csv: &'static str,
    pub request_withdrawn_note: &'static str,
    pub requests_title: &'static str,
    pub see_pools: &'static str,
}

/// Human labels for the resources enums (their wire values stay in the `data-*` attributes).
impl ResourcesStrings {
    pub fn pool_kind(&self, k: PoolKind) -> &'static str {
        match k {
            PoolKind::Money => self.kind_money,
            PoolKind::Server => self.kind_server,
            PoolKind::Room => self.kind_room,
            PoolKind::Equipment => self.kind_equipment,
            PoolKind::ServiceHours => self.kind_service_hours,
            PoolKind::Other => self.kind_other,
        }
    }

    pub fn request_status(&self, s: RequestStatus) -> &'static str {
        match s {
            RequestStatus::Pending => self.req_status_pending,
            RequestStatus::Approved => self.req_status_approved,
            RequestStatus::PartiallyApproved => self.req_status_partially_approved,
            RequestStatus::Rejected => self.req_status_rejected,
            RequestStatus::Withdrawn => self.req_status_withdrawn,
        }
    }

    pub fn ledger_kind(&self, k: LedgerKind) -> &'static str {
        match k {
            LedgerKind::Grant => self.ledger_grant,
            LedgerKind::Release => self.ledger_release,
        }
    }

    /// How long something has waited, in whole days.
    pub fn age(&self, days: i64) -> String {
        match days {
            d if d <= 0 => self.age_today.to_owned(),
            1 => self.age_one_day.to_owned(),
            d => format!("{d}{}", self.age_days_after),
        }
    }
}
