//! A Lab's framing, members and history events as GraphQL objects.

use super::*;

pub struct Framing(pub lab_framing::Model);

#[Object]
impl Framing {
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn status(&self) -> FramingStatus {
        self.0.status
    }
    async fn themes(&self) -> Vec<String> {
        labs::themes_of(&self.0)
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn objectives(&self) -> &str {
        &self.0.objectives
    }
    async fn scope_in(&self) -> &str {
        &self.0.scope_in
    }
    async fn scope_out(&self) -> &str {
        &self.0.scope_out
    }
    async fn expected_outputs(&self) -> &str {
        &self.0.expected_outputs
    }
    /// `YYYY-MM-DD`
    async fn start_date(&self) -> String {
        self.0.start_date.to_string()
    }
    /// `YYYY-MM-DD`: the end, or the next review.
    async fn end_date(&self) -> String {
        self.0.end_date.to_string()
    }
    async fn membership_policy(&self) -> MembershipPolicy {
        self.0.membership_policy
    }
    async fn participation(&self) -> &str {
        &self.0.participation
    }
    async fn visibility(&self) -> LabVisibility {
        self.0.visibility
    }
    /// The board's comment when it asked for changes or rejected this version.
    async fn review_comment(&self) -> Option<&str> {
        self.0.review_comment.as_deref()
    }
    async fn proposed_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.proposed_by).await
    }
}

pub struct LabMember(pub lab_member::Model);

#[Object]
impl LabMember {
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.user_id).await
    }
    async fn role(&self) -> LabRole {
        self.0.role
    }
    async fn state(&self) -> MemberState {
        self.0.state
    }
    async fn since(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.since
    }
}

pub struct LabEvent(pub lab_event::Model);

#[Object]
impl LabEvent {
    /// `PROPOSED`, `APPROVED`, `CHANGES_REQUESTED`, `REJECTED`, `ARCHIVED`, `RESUBMITTED`,
    /// `FRAMING_CHANGE_…`, `RULES_ACKNOWLEDGED`, `MEMBER_…`, `PROJECT_…`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.actor_id {
            Some(id) => person(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    async fn framing_version(&self) -> Option<i32> {
        self.0.framing_version
    }
    async fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.at
    }
}
