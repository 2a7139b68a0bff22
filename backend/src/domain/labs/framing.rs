//! A Lab's framing: checking and trimming it, its themes and membership policy, and the
//! search text kept with it.

use super::*;
use constellation_shared::ids::LabId;

/// A framing as the domain holds it: checked, trimmed, dates parsed.
pub struct Framing {
    pub themes: Vec<String>,
    pub description: String,
    pub objectives: String,
    pub scope_in: String,
    pub scope_out: String,
    pub expected_outputs: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
    pub membership_policy: MembershipPolicy,
    pub participation: String,
    pub visibility: LabVisibility,
}

impl Framing {
    pub fn parse(input: &FramingInput) -> DomainResult<Self> {
        let mut themes: Vec<String> = Vec::new();
        for t in &input.themes {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if t.is_empty() || themes.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
                continue;
            }
            if t.chars().count() > THEME_MAX || t.contains('|') {
                return Err(DomainError::invalid("themes", ValidationReason::Invalid));
            }
            themes.push(t);
        }
        if themes.is_empty() {
            return Err(DomainError::invalid("themes", ValidationReason::Required));
        }
        if themes.len() > THEMES_MAX {
            return Err(DomainError::invalid("themes", ValidationReason::TooLong));
        }
        let start_date = date("startDate", &input.start_date)?;
        let end_date = date("endDate", &input.end_date)?;
        if end_date < start_date {
            return Err(DomainError::invalid("endDate", ValidationReason::Invalid));
        }
        Ok(Self {
            themes,
            description: text("description", &input.description, true, TEXT_MAX)?,
            objectives: text("objectives", &input.objectives, true, TEXT_MAX)?,
            scope_in: text("scopeIn", &input.scope_in, false, TEXT_MAX)?,
            scope_out: text("scopeOut", &input.scope_out, false, TEXT_MAX)?,
            expected_outputs: text("expectedOutputs", &input.expected_outputs, false, TEXT_MAX)?,
            start_date,
            end_date,
            membership_policy: input.membership_policy,
            participation: text("participation", &input.participation, false, TEXT_MAX)?,
            visibility: input.visibility,
        })
    }

    pub(super) fn row(&self, lab_id: LabId, version: i32, by: Uuid) -> lab_framing::ActiveModel {
        lab_framing::ActiveModel {
            lab_id: Set(lab_id),
            version: Set(version),
            status: Set(FramingStatus::Pending),
            themes: Set(json!(self.themes).to_string()),
            description: Set(self.description.clone()),
            objectives: Set(self.objectives.clone()),
            scope_in: Set(self.scope_in.clone()),
            scope_out: Set(self.scope_out.clone()),
            expected_outputs: Set(self.expected_outputs.clone()),
            start_date: Set(self.start_date),
            end_date: Set(self.end_date),
            membership_policy: Set(self.membership_policy),
            participation: Set(self.participation.clone()),
            visibility: Set(self.visibility),
            review_comment: Set(None),
            proposed_by: Set(by),
            proposed_at: Set(chrono::Utc::now()),
        }
    }
}

pub fn themes_of(f: &lab_framing::Model) -> Vec<String> {
    serde_json::from_str(&f.themes).unwrap_or_default()
}

/// The directory's filter columns (visibility, themes key, search text), copied from the
/// framing in force.
pub(super) fn searchable(
    name: &str,
    themes: &[String],
    description: &str,
    visibility: LabVisibility,
) -> (LabVisibility, String, String) {
    let key = format!(
        "|{}|",
        themes
            .iter()
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join("|")
    );
    let search = format!("{} {} {}", name, description, themes.join(" ")).to_lowercase();
    (visibility, key, search)
}

pub(super) fn searchable_from(
    name: &str,
    f: &lab_framing::Model,
) -> (LabVisibility, String, String) {
    searchable(name, &themes_of(f), &f.description, f.visibility)
}
