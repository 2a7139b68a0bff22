//! The interface's strings, in French and English. `Strings` holds what the shell and the
//! shared components show (header, navigation, bell, generic messages); each context's strings
//! are their own struct (`labs::LabsStrings`, …), reached through an accessor such as
//! `strings(lang).labs()`, so that only the pages of that context refer to its statics and the
//! split build puts them in those pages' modules, not in the shell. A missing translation is a
//! compile error: each language is one value of each struct.

pub mod accounts;
pub mod assemblies;
pub mod barcamp;
pub mod elections;
mod en;
mod fr;
pub mod labs;
pub mod members;
pub mod polls;
pub mod reach;
pub mod resources;
pub mod transition;
pub mod transition_board;

use accounts::AccountsStrings;
use assemblies::AssembliesStrings;
use barcamp::BarcampStrings;
use constellation_shared::Language;
use elections::ElectionsStrings;
use labs::LabsStrings;
use members::MembersStrings;
use reach::ReachStrings;
use resources::ResourcesStrings;
use transition::TransitionStrings;
use transition_board::TransitionBoardStrings;

/// The strings of the shell and the shared components.
pub struct Strings {
    /// The language of these strings: which value of each context's struct the accessors give.
    pub lang: Language,
    // The header and its navigation.
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_labs: &'static str,
    pub nav_rules: &'static str,
    pub nav_resources: &'static str,
    pub nav_transparency: &'static str,
    pub nav_barcamp: &'static str,
    pub nav_assemblies: &'static str,
    pub nav_transition: &'static str,
    pub nav_polls: &'static str,
    pub nav_review: &'static str,
    pub nav_requests: &'static str,
    pub nav_members: &'static str,
    pub nav_audit: &'static str,
    pub nav_mail: &'static str,
    pub nav_login: &'static str,
    pub nav_register: &'static str,
    pub nav_profile: &'static str,
    pub nav_logout: &'static str,
    pub language: &'static str,
    // The bell.
    pub nav_notifications: &'static str,
    pub bell_none: &'static str,
    pub bell_one: &'static str,
    /// `{}`: how many.
    pub bell_many: &'static str,
    /// `{}`: the notification's title.
    pub bell_new: &'static str,
    // Generic messages and labels, shared by several contexts.
    pub loading: &'static str,
    pub loading_failed: &'static str,
    pub retry: &'static str,
    pub working: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub not_found: &'static str,
    pub sign_in_required: &'static str,
    pub board_only: &'static str,
    pub load_more: &'static str,
    pub download_done: &'static str,
    pub status_label: &'static str,
    pub description: &'static str,
    pub decision_reason: &'static str,
    pub remove: &'static str,
    pub feed_copied: &'static str,
    pub feed_copy_failed: &'static str,
}

impl Strings {
    /// The bell's accessible name: "Notifications, 3 unread".
    pub fn bell(&self, unread: i32) -> String {
        match unread {
            n if n <= 0 => self.bell_none.to_owned(),
            1 => self.bell_one.to_owned(),
            n => fill(self.bell_many, &[&n.to_string()]),
        }
    }
}

/// Each context's strings in the same language, one accessor per struct: a page reaches its
/// context's statics only through these, so they stay out of the shell's module.
impl Strings {
    /// The account pages: home, registration, login, the profile.
    pub fn accounts(&self) -> &'static AccountsStrings {
        match self.lang {
            Language::Fr => &fr::accounts::ACCOUNTS,
            Language::En => &en::accounts::ACCOUNTS,
        }
    }

    /// The Labs, projects, the review queue, the common rules.
    pub fn labs(&self) -> &'static LabsStrings {
        match self.lang {
            Language::Fr => &fr::labs::LABS,
            Language::En => &en::labs::LABS,
        }
    }

    /// The common resources: pools, requests, the queue, transparency.
    pub fn resources(&self) -> &'static ResourcesStrings {
        match self.lang {
            Language::Fr => &fr::resources::RESOURCES,
            Language::En => &en::resources::RESOURCES,
        }
    }

    /// The barcamp: editions, sessions, schedule, agenda, organisers, screen.
    pub fn barcamp(&self) -> &'static BarcampStrings {
        match self.lang {
            Language::Fr => &fr::barcamp::BARCAMP,
            Language::En => &en::barcamp::BARCAMP,
        }
    }

    /// The general assembly: agenda, motions, proxies, the chair, the booth.
    pub fn assemblies(&self) -> &'static AssembliesStrings {
        match self.lang {
            Language::Fr => &fr::assemblies::ASSEMBLIES,
            Language::En => &en::assemblies::ASSEMBLIES,
        }
    }

    /// The elections of people in a general assembly: candidacies, the booth, the result.
    pub fn elections(&self) -> &'static ElectionsStrings {
        match self.lang {
            Language::Fr => &fr::elections::ELECTIONS,
            Language::En => &en::elections::ELECTIONS,
        }
    }

    /// The register of members, invitations, password reset, e-mail verification, the audit log.
    pub fn members(&self) -> &'static MembersStrings {
        match self.lang {
            Language::Fr => &fr::members::MEMBERS,
            Language::En => &en::members::MEMBERS,
        }
    }

    /// The notifications page and the member's home.
    pub fn reach(&self) -> &'static ReachStrings {
        match self.lang {
            Language::Fr => &fr::reach::REACH,
            Language::En => &en::reach::REACH,
        }
    }

    /// The transition, member side: plan, dashboard, my services, a service's page.
    pub fn transition(&self) -> &'static TransitionStrings {
        match self.lang {
            Language::Fr => &fr::transition::TRANSITION,
            Language::En => &en::transition::TRANSITION,
        }
    }

    /// The transition, board and working group side.
    pub fn transition_board(&self) -> &'static TransitionBoardStrings {
        match self.lang {
            Language::Fr => &fr::transition_board::TRANSITION_BOARD,
            Language::En => &en::transition_board::TRANSITION_BOARD,
        }
    }
}

/// Puts `args` in place of the `{}` of a translated pattern, in order.
pub fn fill(pattern: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    let mut args = args.iter();
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::Fr => &fr::FR,
        Language::En => &en::EN,
    }
}
