//! The strings of the general assembly: the list, an assembly's page (agenda, motions,
//! attendance, minutes), proxies, the chair's page (session, check-in, voting, the room's
//! count), the voting booth and encrypted votes (trustees, ballot trackers), with the labels of
//! the assembly enums.

use constellation_shared::dto::assemblies::{
    AssemblyKind, AssemblyStatus, BallotKind, Choice, MotionStatus, ProxyStatus,
};

pub struct AssembliesStrings {
    pub assemblies_title: &'static str,
    pub assemblies_intro: &'static str,
    pub assemblies_empty: &'static str,
    pub assembly_kind: &'static str,
    pub kind_ordinary: &'static str,
    pub kind_extraordinary: &'static str,
    pub assembly_title: &'static str,
    pub assembly_starts_at: &'static str,
    pub assembly_starts_at_hint: &'static str,
    pub assembly_place: &'static str,
    pub assembly_language: &'static str,
    pub first_convocation: &'static str,
    pub first_convocation_none: &'static str,
    pub first_convocation_hint: &'static str,
    pub create_assembly_title: &'static str,
    pub create_assembly_submit: &'static str,
    pub assembly_created: &'static str,
    pub assembly_not_found: &'static str,
    pub assembly_date: &'static str,
    pub assembly_status: &'static str,
    pub assembly_draft: &'static str,
    pub assembly_convened: &'static str,
    pub assembly_in_session: &'static str,
    pub assembly_closed: &'static str,
    pub convened_at: &'static str,
    pub second_convocation_of: &'static str,
    pub assembly_pages: &'static str,
    pub assembly_home: &'static str,
    pub proxy_title: &'static str,
    pub chair_title: &'static str,
    pub vote_title: &'static str,
    pub agenda_heading: &'static str,
    pub agenda_none: &'static str,
    pub statutory: &'static str,
    pub frozen: &'static str,
    pub documents: &'static str,
    pub motion: &'static str,
    pub motion_rule: &'static str,
    pub motion_ballot: &'static str,
    pub ballot_open: &'static str,
    pub ballot_secret: &'static str,
    pub motion_state: &'static str,
    pub motion_draft: &'static str,
    pub motion_open: &'static str,
    pub motion_closed: &'static str,
    pub turnout: &'static str,
    pub tally: &'static str,
    pub choice_yes: &'static str,
    pub choice_no: &'static str,
    pub choice_abstain: &'static str,
    pub result: &'static str,
    pub result_passed: &'static str,
    pub result_rejected: &'static str,
    pub open_votes: &'static str,
    pub receipts: &'static str,
    pub receipts_hint: &'static str,
    pub attendance: &'static str,
    pub members_count: &'static str,
    pub present_count: &'static str,
    pub represented_count: &'static str,
    pub minutes: &'static str,
    pub minutes_md: &'static str,
    pub minutes_html: &'static str,
    pub convene: &'static str,
    pub convene_hint: &'static str,
    pub add_item_title: &'static str,
    pub item_number: &'static str,
    pub item_number_hint: &'static str,
    pub item_title: &'static str,
    pub item_body: &'static str,
    pub item_statutory: &'static str,
    pub item_statutory_hint: &'static str,
    pub item_documents: &'static str,
    pub document_title: &'static str,
    pub document_url: &'static str,
    pub add_document: &'static str,
    pub item_submit: &'static str,
    pub item_added: &'static str,
    pub motion_item: &'static str,
    pub motion_text: &'static str,
    pub motion_submit: &'static str,
    pub motion_added: &'static str,
    pub motion_needs_item: &'static str,
    pub rule_requires: &'static str,
    pub rule_no_quorum: &'static str,
    pub rule_quorum_waived: &'static str,
    pub rule_quorum: &'static str,
    pub rule_more_than: &'static str,
    pub rule_at_least: &'static str,
    pub proxy_intro: &'static str,
    pub proxy_not_effective: &'static str,
    pub proxy_settled: &'static str,
    pub my_proxy: &'static str,
    pub holder_email: &'static str,
    pub give_proxy: &'static str,
    pub proxy_given_to: &'static str,
    pub proxy_sent: &'static str,
    pub revoke_proxy: &'static str,
    pub proxy_revoked_note: &'static str,
    pub proxies_held: &'static str,
    pub proxies_held_none: &'static str,
    pub proxy_from: &'static str,
    pub accept_proxy: &'static str,
    pub decline_proxy: &'static str,
    pub proxy_pending: &'static str,
    pub proxy_accepted: &'static str,
    pub proxy_declined: &'static str,
    pub proxy_revoked: &'static str,
    pub proxy_reclaimed: &'static str,
    pub open_session: &'static str,
    pub close_session: &'static str,
    pub close_session_hint: &'static str,
    pub session_controls: &'static str,
    pub check_in_list: &'static str,
    pub check_in_list_none: &'static str,
    pub check_in: &'static str,
    pub check_in_closed: &'static str,
    pub present: &'static str,
    pub represented_by: &'static str,
    pub motions: &'static str,
    pub motions_none: &'static str,
    pub open_voting: &'static str,
    pub close_voting: &'static str,
    pub booth_intro: &'static str,
    pub check_in_self: &'static str,
    pub checked_in: &'static str,
    pub not_in_session: &'static str,
    pub no_open_motion: &'static str,
    pub pick_motion: &'static str,
    pub your_vote: &'static str,
    pub vote_for_proxy: &'static str,
    pub cast_vote: &'static str,
    pub vote_recorded: &'static str,
    pub vote_receipt: &'static str,
    pub all_votes_cast: &'static str,
    pub no_vote_right: &'static str,
    pub choice: &'static str,
    pub live_turnout: &'static str,
    pub live_voting_opened: &'static str,
    pub live_voting_closed: &'static str,
    pub live_session: &'static str,
    pub live_check_in: &'static str,
    /// `{}`: the motion.
    pub live_trustee: &'static str,
    // The chair's count of the votes cast in the room.
    pub room_count_title: &'static str,
    pub room_count_hint: &'static str,
    pub room_count_note: &'static str,
    pub room_count_submit: &'static str,
    pub room_count_saved: &'static str,
    pub room_count_invalid: &'static str,
    // Encrypted ballots: the motion form, the election panel, the trustees, the booth.
    pub ballot_encrypted: &'static str,
    pub ballot_encrypted_hint: &'static str,
    pub motion_awaiting_decryption: &'static str,
    pub election_title: &'static str,
    pub election_state: &'static str,
    /// `{}` of `{}` trustees.
    pub election_waiting_keys: &'static str,
    pub election_ready: &'static str,
    pub election_voting: &'static str,
    /// `{}` of `{}` trustees.
    pub election_awaiting: &'static str,
    pub election_decrypted: &'static str,
    pub election_ballots: &'static str,
    pub election_fingerprint: &'static str,
    pub election_fingerprint_hint: &'static str,
    pub election_params_invalid: &'static str,
    pub election_fingerprint_mismatch: &'static str,
    pub election_data_missing: &'static str,
    pub trustees: &'static str,
    /// `{}`: the trustee's number.
    pub trustee_n: &'static str,
    pub trustee_you: &'static str,
    pub trustee_key_posted: &'static str,
    pub trustee_key_awaited: &'static str,
    pub trustee_decrypted: &'static str,
    pub trustee_decryption_awaited: &'static str,
    /// `{}`: the trustee's number.
    pub trustee_key_intro: &'static str,
    pub trustee_key_keep: &'static str,
    pub trustee_generate: &'static str,
    /// `{}`: the file name.
    pub trustee_key_file: &'static str,
    pub trustee_key_stored: &'static str,
    pub trustee_key_sent: &'static str,
    pub trustee_key_failed: &'static str,
    pub trustee_key_in_params: &'static str,
    pub trustee_key_not_in_params: &'static str,
    pub trustee_decrypt_intro: &'static str,
    pub trustee_key_found: &'static str,
    pub trustee_key_missing: &'static str,
    pub trustee_key_paste: &'static str,
    pub trustee_decrypt: &'static str,
    pub trustee_decrypt_done: &'static str,
    pub trustee_key_unreadable: &'static str,
    pub trustee_key_other: &'static str,
    /// The encrypted tally is not the sum of the published ballots: nothing is decrypted.
    pub trustee_tally_mismatch: &'static str,
    // The board replaces a trustee while the motion is a draft.
    pub trustee_replace: &'static str,
    /// `{}`: the trustee replaced.
    pub trustee_replace_label: &'static str,
    pub trustee_replace_choose: &'static str,
    pub trustee_replace_hint: &'static str,
    pub trustee_replace_confirm: &'static str,
    pub trustee_replace_none: &'static str,
    pub trustee_replaced: &'static str,
    pub election_record_link: &'static str,
    pub election_record_verify: &'static str,
    pub election_record_missing: &'static str,
    /// `{}` three times: the totals for yes, no, abstain.
    pub election_record_checked: &'static str,
    pub election_record_failed: &'static str,
    /// `{}`: the tracker.
    pub election_record_lacks_mine: &'static str,
    pub tracker_board: &'static str,
    pub tracker_board_hint: &'static str,
    pub tracker_board_show: &'static str,
    pub tracker_board_empty: &'static str,
    pub tracker_search: &'static str,
    /// `{}`: how many.
    pub tracker_found: &'static str,
    /// `{}`: how many.
    pub tracker_not_loaded: &'static str,
    pub tracker_not_found: &'static str,
    pub tracker_yours: &'static str,
    pub encrypted_booth_intro: &'static str,
    /// `{}`: the tracker.
    pub ballot_tracker: &'static str,
    pub ballot_encrypt_failed: &'static str,
    /// `{}`: the tracker computed in the browser.
    pub tracker_mismatch: &'static str,
}

/// Human labels for the general-assembly enums (their wire values stay in the `data-*`
/// attributes).
impl AssembliesStrings {
    pub fn assembly_kind_label(&self, k: AssemblyKind) -> &'static str {
        match k {
            AssemblyKind::Ordinary => self.kind_ordinary,
            AssemblyKind::Extraordinary => self.kind_extraordinary,
        }
    }

    pub fn assembly_status_label(&self, s: AssemblyStatus) -> &'static str {
        match s {
            AssemblyStatus::Draft => self.assembly_draft,
            AssemblyStatus::Convened => self.assembly_convened,
            AssemblyStatus::InSession => self.assembly_in_session,
            AssemblyStatus::Closed => self.assembly_closed,
        }
    }

    pub fn motion_status_label(&self, s: MotionStatus) -> &'static str {
        match s {
            MotionStatus::Draft => self.motion_draft,
            MotionStatus::Open => self.motion_open,
            MotionStatus::Closed => self.motion_closed,
        }
    }

    pub fn ballot_label(&self, b: BallotKind) -> &'static str {
        match b {
            BallotKind::Open => self.ballot_open,
            BallotKind::Secret => self.ballot_secret,
            BallotKind::Encrypted => self.ballot_encrypted,
        }
    }

    pub fn choice_label(&self, c: Choice) -> &'static str {
        match c {
            Choice::Yes => self.choice_yes,
            Choice::No => self.choice_no,
            Choice::Abstain => self.choice_abstain,
        }
    }

    pub fn proxy_status_label(&self, s: ProxyStatus) -> &'static str {
        match s {
            ProxyStatus::Pending => self.proxy_pending,
            ProxyStatus::Accepted => self.proxy_accepted,
            ProxyStatus::Declined => self.proxy_declined,
            ProxyStatus::Revoked => self.proxy_revoked,
            ProxyStatus::Reclaimed => self.proxy_reclaimed,
        }
    }
}
