//! The framing's inputs, shared by the proposal and by later edits of the framing.

use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::select::{Choice, EnumSelect};
use crate::components::text_area::TextArea;
use constellation_shared::dto::labs::{Framing, FramingInput, LabVisibility, MembershipPolicy};
use leptos::prelude::*;

/// The GraphQL names of the framing's fields, as the server reports them in errors.
pub const FRAMING_FIELDS: &[&str] = &[
    "themes",
    "description",
    "objectives",
    "scopeIn",
    "scopeOut",
    "expectedOutputs",
    "startDate",
    "endDate",
    "membershipPolicy",
    "participation",
    "visibility",
];

/// The framing being edited, one signal per input.
#[derive(Clone, Copy)]
pub struct FramingFields {
    pub themes: RwSignal<String>,
    pub description: RwSignal<String>,
    pub objectives: RwSignal<String>,
    pub scope_in: RwSignal<String>,
    pub scope_out: RwSignal<String>,
    pub expected_outputs: RwSignal<String>,
    pub start_date: RwSignal<String>,
    pub end_date: RwSignal<String>,
    pub membership_policy: RwSignal<MembershipPolicy>,
    pub participation: RwSignal<String>,
    pub visibility: RwSignal<LabVisibility>,
}

impl FramingFields {
    /// Blank, open and public.
    pub fn new() -> Self {
        let empty = || RwSignal::new(String::new());
        Self {
            themes: empty(),
            description: empty(),
            objectives: empty(),
            scope_in: empty(),
            scope_out: empty(),
            expected_outputs: empty(),
            start_date: empty(),
            end_date: empty(),
            membership_policy: RwSignal::new(MembershipPolicy::Open),
            participation: empty(),
            visibility: RwSignal::new(LabVisibility::Public),
        }
    }

    /// Replaces every input with `f`.
    pub fn fill(&self, f: &Framing) {
        self.themes.set(f.themes.join(", "));
        self.description.set(f.description.clone());
        self.objectives.set(f.objectives.clone());
        self.scope_in.set(f.scope_in.clone());
        self.scope_out.set(f.scope_out.clone());
        self.expected_outputs.set(f.expected_outputs.clone());
        self.start_date.set(f.start_date.clone());
        self.end_date.set(f.end_date.clone());
        self.membership_policy.set(f.membership_policy);
        self.participation.set(f.participation.clone());
        self.visibility.set(f.visibility);
    }

    /// What to send: themes split on commas, trimmed, empties dropped.
    pub fn to_input(&self) -> FramingInput {
        FramingInput {
            themes: split_themes(&self.themes.get_untracked()),
            description: self.description.get_untracked(),
            objectives: self.objectives.get_untracked(),
            scope_in: self.scope_in.get_untracked(),
            scope_out: self.scope_out.get_untracked(),
            expected_outputs: self.expected_outputs.get_untracked(),
            start_date: self.start_date.get_untracked(),
            end_date: self.end_date.get_untracked(),
            membership_policy: self.membership_policy.get_untracked(),
            participation: self.participation.get_untracked(),
            visibility: self.visibility.get_untracked(),
        }
    }
}

impl Default for FramingFields {
    fn default() -> Self {
        Self::new()
    }
}

pub fn split_themes(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn policy_options() -> Vec<Choice<MembershipPolicy>> {
    vec![
        (MembershipPolicy::Open, |s| s.labs().policy_open),
        (MembershipPolicy::OnApproval, |s| {
            s.labs().policy_on_approval
        }),
        (MembershipPolicy::Invitation, |s| s.labs().policy_invitation),
    ]
}

fn visibility_options() -> Vec<Choice<LabVisibility>> {
    vec![
        (LabVisibility::Public, |s| s.labs().visibility_public),
        (LabVisibility::MembersOnly, |s| {
            s.labs().visibility_members_only
        }),
    ]
}

/// The framing's inputs (no `<form>`: the page wraps them with its own fields and button).
#[component]
pub fn FramingForm(fields: FramingFields, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let f = fields;
    view! {
        <Field name="themes" label=|s| s.labs().themes_label value=f.themes error=error hint=|s| s.labs().themes_hint />
        <TextArea name="description" label=|s| s.description value=f.description error=error />
        <TextArea name="objectives" label=|s| s.labs().objectives value=f.objectives error=error />
        <TextArea name="scopeIn" label=|s| s.labs().scope_in value=f.scope_in error=error />
        <TextArea name="scopeOut" label=|s| s.labs().scope_out value=f.scope_out error=error />
        <TextArea name="expectedOutputs" label=|s| s.labs().expected_outputs value=f.expected_outputs error=error />
        <Field name="startDate" label=|s| s.labs().start_date value=f.start_date error=error kind="date" />
        <Field name="endDate" label=|s| s.labs().end_date value=f.end_date error=error kind="date" />
        <EnumSelect name="membershipPolicy" label=|s| s.labs().membership_policy value=f.membership_policy error=error options=policy_options() />
        <TextArea name="participation" label=|s| s.labs().participation value=f.participation error=error />
        <EnumSelect name="visibility" label=|s| s.labs().visibility value=f.visibility error=error options=visibility_options() />
    }
}
