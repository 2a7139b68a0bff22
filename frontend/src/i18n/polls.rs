//! The strings of the polls' pages (the list, a new poll, a poll with its answer form and
//! results), with the labels of kinds and visibilities. The accessor is here rather than in
//! `mod.rs`, so the shell's module never names these statics.

use super::{en, fr, Strings};
use constellation_shared::dto::polls::{PollKind, PollVisibility};
use constellation_shared::Language;

pub struct PollsStrings {
    // The list.
    pub polls_title: &'static str,
    pub polls_intro: &'static str,
    pub polls_empty: &'static str,
    pub lab_only: &'static str,
    pub all_polls: &'static str,
    pub new_poll: &'static str,
    pub open_badge: &'static str,
    pub closed_badge: &'static str,
    pub answered_badge: &'static str,
    /// `{}`: when.
    pub closes_on: &'static str,
    /// `{}`: when.
    pub closed_on: &'static str,
    /// `{}`: how many.
    pub answer_count: &'static str,
    pub audience_members: &'static str,
    /// `{}`: the Lab's name.
    pub audience_lab: &'static str,
    // A new poll.
    pub new_title: &'static str,
    pub new_intro: &'static str,
    pub not_allowed: &'static str,
    pub title_label: &'static str,
    pub description_label: &'static str,
    pub options_legend: &'static str,
    pub options_hint: &'static str,
    /// `{}`: its number.
    pub option_label: &'static str,
    pub add_option: &'static str,
    /// `{}`: its number.
    pub remove_option: &'static str,
    pub kind_label: &'static str,
    pub visibility_label: &'static str,
    pub audience_label: &'static str,
    pub closes_label: &'static str,
    pub closes_hint: &'static str,
    pub create_submit: &'static str,
    // A poll.
    pub back_to_list: &'static str,
    pub not_found: &'static str,
    pub kind_fact: &'static str,
    pub visibility_fact: &'static str,
    pub audience_fact: &'static str,
    pub author_fact: &'static str,
    pub closes_fact: &'static str,
    pub answers_fact: &'static str,
    pub closed_early_note: &'static str,
    pub open_note: &'static str,
    pub anonymous_note: &'static str,
    pub answer_title: &'static str,
    pub single_legend: &'static str,
    pub approval_legend: &'static str,
    pub ranked_legend: &'static str,
    pub ranked_help: &'static str,
    pub ranked_empty: &'static str,
    pub unranked_title: &'static str,
    /// `{}`: the option.
    pub rank_add: &'static str,
    /// `{}`: the option.
    pub rank_up: &'static str,
    /// `{}`: the option.
    pub rank_down: &'static str,
    /// `{}`: the option.
    pub rank_remove: &'static str,
    /// `{}`: the option, its place, how many are ranked.
    pub rank_place: &'static str,
    /// `{}`: the option.
    pub rank_out: &'static str,
    pub add: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub remove: &'static str,
    pub submit_answer: &'static str,
    pub change_answer: &'static str,
    pub answer_saved: &'static str,
    pub answered_anonymous: &'static str,
    /// `{}`: the answer in words.
    pub your_answer: &'static str,
    pub not_asked: &'static str,
    pub closed_note: &'static str,
    pub voting_closed: &'static str,
    pub close_title: &'static str,
    pub close_intro: &'static str,
    pub close_button: &'static str,
    pub closed_saved: &'static str,
    // Results.
    pub results_title: &'static str,
    pub results_hidden: &'static str,
    pub results_live: &'static str,
    pub no_answers: &'static str,
    /// `{}`: the option.
    pub winner: &'static str,
    /// `{}`: the options.
    pub tie: &'static str,
    /// `{}`: how many.
    pub counted: &'static str,
    pub option_column: &'static str,
    pub chosen_column: &'static str,
    pub approved_column: &'static str,
    pub first_column: &'static str,
    pub counts_caption: &'static str,
    pub ranking_caption: &'static str,
    pub place_column: &'static str,
    pub tied_mark: &'static str,
    pub pairwise_caption: &'static str,
    pub strongest_caption: &'static str,
    pub schulze_note: &'static str,
    // Who answered what.
    pub responses_title: &'static str,
    pub responses_empty: &'static str,
    pub member_column: &'static str,
    pub choice_column: &'static str,
    pub when_column: &'static str,
    pub deleted_member: &'static str,
    // Kinds and visibilities.
    pub kind_single: &'static str,
    pub kind_approval: &'static str,
    pub kind_ranked: &'static str,
    pub visibility_open: &'static str,
    pub visibility_anonymous: &'static str,
    pub lab_link: &'static str,
}

impl PollsStrings {
    pub fn kind(&self, k: PollKind) -> &'static str {
        match k {
            PollKind::Single => self.kind_single,
            PollKind::Approval => self.kind_approval,
            PollKind::Ranked => self.kind_ranked,
        }
    }

    pub fn visibility(&self, v: PollVisibility) -> &'static str {
        match v {
            PollVisibility::Open => self.visibility_open,
            PollVisibility::Anonymous => self.visibility_anonymous,
        }
    }

    /// The results table's count column.
    pub fn count_column(&self, k: PollKind) -> &'static str {
        match k {
            PollKind::Single => self.chosen_column,
            PollKind::Approval => self.approved_column,
            PollKind::Ranked => self.first_column,
        }
    }

    /// The answer form's legend.
    pub fn legend(&self, k: PollKind) -> &'static str {
        match k {
            PollKind::Single => self.single_legend,
            PollKind::Approval => self.approval_legend,
            PollKind::Ranked => self.ranked_legend,
        }
    }
}

impl Strings {
    /// The polls' pages.
    pub fn polls(&self) -> &'static PollsStrings {
        match self.lang {
            Language::Fr => &fr::polls::POLLS,
            Language::En => &en::polls::POLLS,
        }
    }
}
