//! A poll as its viewer sees it: what the viewer answered and may do, its results once the
//! domain says they are visible, and who answered what for open polls.

use super::loaders::{AnswerCountLoader, AskedLoader, BallotsLoader, MineLoader, ResponsesLoader};
use crate::domain::polls::{self as domain, Mine};
use crate::entities::{polls::poll, polls::poll_answer};
use crate::graphql::accounts::User;
use crate::graphql::context::ContextExt;
use crate::graphql::labs::{load, person, Lab};
use crate::graphql::loaders::LabLoader;
use crate::graphql::pagination::{slice, Page};
use async_graphql::{Context, Object, Result, ID};
use chrono::{DateTime, Utc};
use constellation_shared::dto::polls::{PollAudience, PollKind, PollVisibility};
use constellation_shared::rules::polls::Outcome;

pub struct Poll(pub poll::Model);

fn ints(v: &[usize]) -> Vec<i32> {
    v.iter().map(|i| *i as i32).collect()
}

fn matrix(m: &[Vec<u32>]) -> Vec<Vec<i32>> {
    m.iter()
        .map(|r| r.iter().map(|x| *x as i32).collect())
        .collect()
}

impl Poll {
    async fn mine(&self, ctx: &Context<'_>) -> Result<Mine> {
        match ctx.actor().id() {
            Some(me) => Ok(load::<MineLoader, _>(ctx, (self.0.id, me))
                .await?
                .unwrap_or_default()),
            None => Ok(Mine::default()),
        }
    }
}

#[Object]
impl Poll {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn kind(&self) -> PollKind {
        self.0.kind
    }
    async fn visibility(&self) -> PollVisibility {
        self.0.visibility
    }
    async fn audience(&self) -> PollAudience {
        self.0.audience
    }
    /// The Lab asked (absent: the association's members).
    async fn lab(&self, ctx: &Context<'_>) -> Result<Option<Lab>> {
        match self.0.lab_id {
            Some(id) => Ok(load::<LabLoader, _>(ctx, id).await?.map(Lab)),
            None => Ok(None),
        }
    }
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.author_id).await
    }
    /// The options' texts; answers and results name them by their index here.
    async fn options(&self) -> Vec<String> {
        domain::options_of(&self.0)
    }
    async fn closes_at(&self) -> DateTime<Utc> {
        self.0.closes_at
    }
    /// Its date has come, or its author closed it.
    async fn closed(&self) -> bool {
        domain::is_closed(&self.0, Utc::now())
    }
    async fn closed_early(&self) -> bool {
        self.0.closed_early
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// How many answered (live, whatever the visibility).
    async fn answer_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(load::<AnswerCountLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default() as i32)
    }
    async fn answered(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.mine(ctx).await?.answered)
    }
    /// The viewer's answer, open polls only (an anonymous answer keeps no link to them).
    async fn my_choice(&self, ctx: &Context<'_>) -> Result<Option<Vec<i32>>> {
        Ok(self.mine(ctx).await?.choice.map(|c| ints(&c)))
    }
    async fn can_answer(&self, ctx: &Context<'_>) -> Result<bool> {
        let Ok(me) = ctx.actor().user() else {
            return Ok(false);
        };
        // Together, so each loader takes this poll in the same batch as the page's others.
        let lab = async {
            match self.0.lab_id {
                Some(id) => load::<LabLoader, _>(ctx, id).await,
                None => Ok(None),
            }
        };
        let (asked, lab, mine) = tokio::join!(
            load::<AskedLoader, _>(ctx, (self.0.id, domain::Viewer::from(me))),
            lab,
            self.mine(ctx),
        );
        let (asked, lab, answered) = (asked?.unwrap_or(false), lab?, mine?.answered);
        Ok(domain::can_answer(
            &self.0,
            asked,
            domain::lab_allows(&self.0, lab.as_ref()),
            answered,
            Utc::now(),
        ))
    }
    async fn can_close(&self, ctx: &Context<'_>) -> bool {
        ctx.actor().id() == Some(self.0.author_id) && !domain::is_closed(&self.0, Utc::now())
    }
    /// Absent until the viewer may see them: live for open polls, at the close for
    /// anonymous ones. Reading writes nothing: the answers are rewritten in a random order
    /// at the close, or by the periodic job, and the tally does not depend on their order.
    async fn results(&self, ctx: &Context<'_>) -> Result<Option<PollOutcome>> {
        if !domain::results_visible(&self.0, Utc::now()) {
            return Ok(None);
        }
        let ballots = load::<BallotsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        Ok(Some(PollOutcome(domain::outcome(&self.0, &ballots))))
    }
    /// Who answered what, oldest answer first: open polls only (absent for anonymous ones).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn responses(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Option<Page<PollResponse>>> {
        if domain::is_anonymous(&self.0) {
            return Ok(None);
        }
        let rows = load::<ResponsesLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        slice(rows, first, after, PollResponse).map(Some)
    }
}

/// A poll's result; ties are reported (several winners), never broken.
pub struct PollOutcome(pub Outcome);

#[Object]
impl PollOutcome {
    /// Answers counted.
    async fn ballots(&self) -> i32 {
        self.0.ballots as i32
    }
    /// Per option: chosen (single), approved (approval), ranked first (ranked).
    async fn counts(&self) -> Vec<i32> {
        self.0.counts.iter().map(|c| *c as i32).collect()
    }
    /// Option indices, first place first; those sharing a place are listed together.
    async fn ranking(&self) -> Vec<Vec<i32>> {
        self.0.ranking.iter().map(|g| ints(g)).collect()
    }
    /// The first place (none without answers; several on a tie).
    async fn winners(&self) -> Vec<i32> {
        ints(&self.0.winners)
    }
    async fn tied(&self) -> bool {
        self.0.tied()
    }
    /// Ranked polls: `pairwise[i][j]` answers preferring option `i` to option `j`.
    async fn pairwise(&self) -> Option<Vec<Vec<i32>>> {
        self.0.schulze.as_ref().map(|s| matrix(&s.pairwise))
    }
    /// Ranked polls: the strengths of the strongest paths (Schulze, winning votes).
    async fn strongest(&self) -> Option<Vec<Vec<i32>>> {
        self.0.schulze.as_ref().map(|s| matrix(&s.strongest))
    }
}

/// One person's answer to an open poll.
pub struct PollResponse(pub poll_answer::Model);

#[Object]
impl PollResponse {
    async fn member(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.user_id).await
    }
    /// Option indices: the one chosen, those approved, or the ranking, best first.
    async fn choice(&self) -> Vec<i32> {
        ints(&domain::choice_of(&self.0.choice))
    }
    async fn answered_at(&self) -> DateTime<Utc> {
        self.0.answered_at
    }
}
