//! The strings of the elections of people in a general assembly: the board's form, the
//! election's card (seats, mode, candidacies), the booth (approval checkboxes or yes / no /
//! abstain per candidate) and the result per candidate, with the labels of their enums.

use constellation_shared::dto::assemblies::{ElectionMode, MotionKind};

pub struct ElectionsStrings {
    // The board's form: a motion or an election.
    pub add_title: &'static str,
    pub add_kind: &'static str,
    pub kind_motion: &'static str,
    pub kind_election: &'static str,
    pub text: &'static str,
    pub seats: &'static str,
    pub seats_hint: &'static str,
    pub mode: &'static str,
    pub mode_approval: &'static str,
    pub mode_per_candidate: &'static str,
    pub mode_encrypted_note: &'static str,
    pub submit: &'static str,
    pub added: &'static str,
    // The card.
    pub election: &'static str,
    pub badge: &'static str,
    pub mode_approval_short: &'static str,
    pub mode_per_candidate_short: &'static str,
    pub candidates: &'static str,
    pub candidates_none: &'static str,
    pub candidate_accepted: &'static str,
    pub candidate_proposed: &'static str,
    pub candidate_you: &'static str,
    pub candidate_unknown: &'static str,
    pub stand: &'static str,
    pub accept: &'static str,
    pub withdraw_own: &'static str,
    pub decline: &'static str,
    pub remove: &'static str,
    pub propose_label: &'static str,
    pub propose_choose: &'static str,
    pub propose_submit: &'static str,
    pub propose_none: &'static str,
    pub stood: &'static str,
    pub accepted: &'static str,
    pub withdrawn: &'static str,
    pub proposed: &'static str,
    pub proposed_you: &'static str,
    pub opens_with_candidate: &'static str,
    pub candidacies_closed: &'static str,
    pub live_candidacy: &'static str,
    // The booth.
    /// `{}`: the most candidates one may approve; `{}`: the candidates.
    pub approval_hint: &'static str,
    /// `{}` chosen of `{}`.
    pub approval_count: &'static str,
    /// `{}`: the seats.
    pub approval_full: &'static str,
    pub per_candidate_hint: &'static str,
    pub per_candidate_missing: &'static str,
    pub blank_ballot: &'static str,
    pub no_candidate: &'static str,
    // The result.
    pub result_title: &'static str,
    pub col_candidate: &'static str,
    pub col_approvals: &'static str,
    pub col_not_approved: &'static str,
    pub col_majority: &'static str,
    pub col_outcome: &'static str,
    pub verdict_passed: &'static str,
    pub verdict_rejected: &'static str,
    pub verdict_no_votes: &'static str,
    pub verdict_quorum: &'static str,
    pub elected: &'static str,
    pub tied: &'static str,
    pub not_elected: &'static str,
    /// `{}` of `{}` seats.
    pub filled: &'static str,
    pub ballots: &'static str,
    /// `{}`: the approvals, "Name: n" joined.
    pub record_checked: &'static str,
}

impl ElectionsStrings {
    pub fn mode_label(&self, m: ElectionMode) -> &'static str {
        match m {
            ElectionMode::Approval => self.mode_approval_short,
            ElectionMode::PerCandidate => self.mode_per_candidate_short,
        }
    }

    pub fn kind_label(&self, k: MotionKind) -> &'static str {
        match k {
            MotionKind::Motion => self.kind_motion,
            MotionKind::Election => self.kind_election,
        }
    }

    /// A candidate's verdict (`PASSED`, `REJECTED`, `NO_VOTES_CAST`, `QUORUM_NOT_MET`).
    pub fn verdict_label(&self, code: &str) -> &'static str {
        match code {
            "PASSED" => self.verdict_passed,
            "NO_VOTES_CAST" => self.verdict_no_votes,
            "QUORUM_NOT_MET" => self.verdict_quorum,
            _ => self.verdict_rejected,
        }
    }
}
