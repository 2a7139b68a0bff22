//! Elections of people as GraphQL: the candidates and result of an `ELECTION` motion, and the
//! mutations that add an election, manage candidacies and cast election ballots.

use super::*;
use crate::domain::assemblies::elections;
use constellation_shared::dto::assemblies::{CandidateMarkInput, ElectionInput};

#[derive(SimpleObject)]
pub struct Candidate {
    person: Option<User>,
    /// On the ballot once accepted.
    accepted: bool,
}

/// One mark of an open-ballot election: who marked which candidate how.
#[derive(SimpleObject)]
pub struct OpenMark {
    member: Option<User>,
    candidate: Option<User>,
    choice: constellation_shared::dto::assemblies::Choice,
}

/// Open-ballot elections: every mark, with the members' and candidates' names batched.
pub(super) async fn open_marks(ctx: &Context<'_>, m: &motion::Model) -> Result<Vec<OpenMark>> {
    use constellation_shared::dto::assemblies::Choice;
    let rows = crate::domain::assemblies::live::open_marks(&ctx.env().db, m)
        .await
        .gql()?;
    let people = futures_util::future::try_join_all(rows.iter().map(|r| async move {
        Ok::<_, async_graphql::Error>((
            person(ctx, r.member_id).await?,
            person(ctx, r.candidate_id).await?,
        ))
    }))
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (r, (member, candidate)) in rows.iter().zip(people) {
        let choice = Choice::parse(&r.choice).ok_or_else(|| {
            crate::domain::DomainError::internal("an election mark's choice is unknown")
        });
        out.push(OpenMark {
            member,
            candidate,
            choice: choice.gql()?,
        });
    }
    Ok(out)
}

#[derive(SimpleObject)]
pub struct CandidateResult {
    person: Option<User>,
    tally: Tally,
    verdict: String,
    elected: bool,
    tied: bool,
}

#[derive(SimpleObject)]
pub struct ElectionResult {
    seats: i32,
    filled: i32,
    ballots: i32,
    candidates: Vec<CandidateResult>,
    explanation: String,
}

pub(super) async fn candidates(ctx: &Context<'_>, m: &motion::Model) -> Result<Vec<Candidate>> {
    if !elections::is_election(m) {
        return Ok(Vec::new());
    }
    let rows = crate::graphql::labs::load::<super::loaders::CandidatesLoader, _>(ctx, m.id)
        .await?
        .unwrap_or_default();
    // Every person requested at once: one batch through the person loader.
    let people =
        futures_util::future::try_join_all(rows.iter().map(|c| person(ctx, c.user_id))).await?;
    Ok(rows
        .iter()
        .zip(people)
        .map(|(c, person)| Candidate {
            person,
            accepted: c.accepted_at.is_some(),
        })
        .collect())
}

pub(super) async fn result(ctx: &Context<'_>, m: &motion::Model) -> Result<Option<ElectionResult>> {
    let Some(r) = elections::StoredElection::read(m) else {
        return Ok(None);
    };
    let mut names = std::collections::HashMap::new();
    let mut candidates = Vec::with_capacity(r.candidates.len());
    for c in &r.candidates {
        let p = person(ctx, c.user_id).await?;
        if let Some(p) = &p {
            names.insert(c.user_id, p.0.display_name.clone());
        }
        candidates.push(CandidateResult {
            person: p,
            tally: tally(constellation_shared::rules::majority::Tally {
                yes: c.yes,
                no: c.no,
                abstain: c.abstain,
            }),
            verdict: verdict_code(&c.verdict).to_owned(),
            elected: c.elected,
            tied: c.tied,
        });
    }
    let lang = viewer_language(ctx).await?;
    Ok(Some(ElectionResult {
        seats: r.seats as i32,
        filled: r.filled as i32,
        ballots: r.ballots as i32,
        explanation: elections::explain(&r, &names, lang),
        candidates,
    }))
}

#[derive(Default)]
pub struct ElectionsMutation;

#[Object]
impl ElectionsMutation {
    /// The board adds an election of people to an agenda item.
    async fn add_election(
        &self,
        ctx: &Context<'_>,
        item_id: ID,
        input: ElectionInput,
    ) -> Result<Assembly> {
        let id = parse_uuid("itemId", &item_id)?;
        elections::add_election(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Assembly)
    }
    /// The board proposes an effective member (they accept), or a member stands for
    /// themselves (accepted at once), while the election is a draft.
    async fn propose_candidate(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        user_id: ID,
    ) -> Result<Assembly> {
        let m = parse_uuid("motionId", &motion_id)?;
        let u = parse_uuid("userId", &user_id)?;
        let id = elections::propose_candidate(ctx.env(), ctx.actor(), m, u)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// The proposed candidate accepts to stand.
    async fn accept_candidacy(&self, ctx: &Context<'_>, motion_id: ID) -> Result<Assembly> {
        let m = parse_uuid("motionId", &motion_id)?;
        let id = elections::accept_candidacy(ctx.env(), ctx.actor(), m)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// A candidate withdraws, or the board removes a candidacy, while the election is a draft.
    async fn withdraw_candidacy(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        user_id: ID,
    ) -> Result<Assembly> {
        let m = parse_uuid("motionId", &motion_id)?;
        let u = parse_uuid("userId", &user_id)?;
        let id = elections::withdraw_candidacy(ctx.env(), ctx.actor(), m, u)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// Casts `memberId`'s election ballot (open or secret ballot).
    async fn cast_election_ballot(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        member_id: ID,
        marks: Vec<CandidateMarkInput>,
    ) -> Result<CastResult> {
        let m = parse_uuid("motionId", &motion_id)?;
        let who = parse_uuid("memberId", &member_id)?;
        if marks.len() > elections::MAX_CANDIDATES {
            return Err(DomainError::invalid("marks", ValidationReason::TooLong)).gql();
        }
        let mut parsed = Vec::with_capacity(marks.len());
        for mk in marks {
            parsed.push((parse_uuid("candidateId", &ID(mk.candidate_id))?, mk.choice));
        }
        let env = ctx.env();
        let c = env
            .votes
            .cast_election(&env.db, ctx.actor(), m, who, &parsed)
            .await
            .gql()?;
        Ok(CastResult::from(c))
    }
}
