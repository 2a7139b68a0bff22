//! Agenda items, majority rules and motions as GraphQL objects, with tallies, results, open
//! votes and the viewer's right to vote.

use super::*;

pub struct AgendaItem(pub(super) agenda_item::Model, pub(super) bool);

#[Object]
impl AgendaItem {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn number(&self) -> &str {
        &self.0.number
    }
    async fn depth(&self) -> i32 {
        depth_of(&self.0)
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn documents(&self) -> Vec<Document> {
        serde_json::from_str::<Vec<serde_json::Value>>(&self.0.documents)
            .unwrap_or_default()
            .into_iter()
            .map(|d| Document {
                title: d["title"].as_str().unwrap_or_default().to_owned(),
                url: d["url"].as_str().unwrap_or_default().to_owned(),
            })
            .collect()
    }
    async fn statutory(&self) -> bool {
        self.0.statutory
    }
    async fn frozen(&self) -> bool {
        self.1
    }
}

pub struct MajorityRule(pub majority_rule::Model);

#[Object]
impl MajorityRule {
    async fn code(&self) -> MajorityRuleCode {
        self.0.code
    }
    async fn name(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(match viewer_language(ctx).await? {
            Language::Fr => self.0.name_fr.clone(),
            Language::En => self.0.name_en.clone(),
        })
    }
    async fn quorum_num(&self) -> i32 {
        self.0.quorum_num
    }
    async fn quorum_den(&self) -> i32 {
        self.0.quorum_den
    }
    async fn majority_num(&self) -> i32 {
        self.0.majority_num
    }
    async fn majority_den(&self) -> i32 {
        self.0.majority_den
    }
    async fn strict(&self) -> bool {
        self.0.strict
    }
}

#[derive(SimpleObject, Clone)]
pub struct Tally {
    yes: i32,
    no: i32,
    abstain: i32,
}

pub(super) fn tally(t: constellation_shared::rules::majority::Tally) -> Tally {
    Tally {
        yes: t.yes as i32,
        no: t.no as i32,
        abstain: t.abstain as i32,
    }
}

#[derive(SimpleObject)]
pub struct MotionResult {
    passed: bool,
    verdict: String,
    tally: Tally,
    present_or_represented: i32,
    members: i32,
    explanation: String,
}

#[derive(SimpleObject)]
pub struct OpenVote {
    member: Option<User>,
    choice: Choice,
}

#[derive(SimpleObject)]
pub struct VoteRight {
    member: Option<User>,
    own: bool,
    cast: bool,
    choice: Option<Choice>,
}

pub struct Motion(pub motion::Model);

pub(super) async fn rule_of(
    ctx: &Context<'_>,
    code: MajorityRuleCode,
) -> Result<majority_rule::Model> {
    crate::graphql::labs::load::<crate::graphql::loaders::MajorityRuleLoader, _>(ctx, code)
        .await?
        .ok_or(DomainError::internal("missing rule"))
        .gql()
}

#[Object]
impl Motion {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The assembly whose agenda holds the motion.
    async fn assembly_id(&self) -> ID {
        ID(self.0.assembly_id.to_string())
    }
    async fn item_id(&self) -> ID {
        ID(self.0.item_id.to_string())
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    async fn rule(&self, ctx: &Context<'_>) -> Result<MajorityRule> {
        rule_of(ctx, self.0.rule_code).await.map(MajorityRule)
    }
    async fn ballot(&self) -> BallotKind {
        assemblies::ballot_kind(&self.0)
    }
    /// `MOTION` or `ELECTION`.
    async fn kind(&self) -> constellation_shared::dto::assemblies::MotionKind {
        if crate::domain::assemblies::elections::is_election(&self.0) {
            constellation_shared::dto::assemblies::MotionKind::Election
        } else {
            constellation_shared::dto::assemblies::MotionKind::Motion
        }
    }
    /// Elections: the seats to fill.
    async fn seats(&self) -> Option<i32> {
        crate::domain::assemblies::elections::is_election(&self.0)
            .then_some(self.0.seats)
            .flatten()
    }
    /// Elections: approval, or yes / no / abstain per candidate.
    async fn mode(&self) -> Option<constellation_shared::dto::assemblies::ElectionMode> {
        crate::domain::assemblies::elections::is_election(&self.0)
            .then(|| crate::domain::assemblies::elections::mode_of(&self.0))
    }
    /// Elections: the candidacies, in ballot order.
    async fn candidates(&self, ctx: &Context<'_>) -> Result<Vec<Candidate>> {
        candidates(ctx, &self.0).await
    }
    /// Elections, once counted: per candidate, who is elected, ties.
    async fn election_result(&self, ctx: &Context<'_>) -> Result<Option<ElectionResult>> {
        result(ctx, &self.0).await
    }
    /// Encrypted ballots only: the trustees, the parameters, the encrypted tally.
    async fn election(&self, ctx: &Context<'_>) -> Result<Option<Election>> {
        if !self.0.encrypted {
            return Ok(None);
        }
        Ok(
            crate::graphql::labs::load::<super::loaders::ElectionLoader, _>(ctx, self.0.id)
                .await?
                .map(Election),
        )
    }
    async fn status(&self) -> MotionStatus {
        self.0.status
    }
    async fn turnout(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(votes::turnout(&ctx.env().db, &self.0).await.gql()? as i32)
    }
    /// Open ballots: live. Secret ballots: once voting is closed.
    async fn tally(&self, ctx: &Context<'_>) -> Result<Option<Tally>> {
        Ok(live::tally_if_visible(&ctx.env().db, &self.0)
            .await
            .gql()?
            .map(tally))
    }
    async fn result(&self, ctx: &Context<'_>) -> Result<Option<MotionResult>> {
        let Some(r) = stored_result(&self.0) else {
            return Ok(None);
        };
        let rule = rule_of(ctx, self.0.rule_code).await?;
        let lang = viewer_language(ctx).await?;
        Ok(Some(MotionResult {
            passed: r.passed,
            verdict: verdict_code(&r.verdict).to_owned(),
            tally: tally(r.tally()),
            present_or_represented: r.present_or_represented as i32,
            members: r.members as i32,
            explanation: r.explain(&rule, lang),
        }))
    }
    /// Open ballots: who voted what.
    async fn open_votes(&self, ctx: &Context<'_>) -> Result<Vec<OpenVote>> {
        let rows = live::open_votes(&ctx.env().db, &self.0).await.gql()?;
        let mut out = Vec::new();
        for v in rows {
            out.push(OpenVote {
                member: person(ctx, v.member_id).await?,
                choice: v.choice,
            });
        }
        Ok(out)
    }
    /// Open-ballot elections: who marked which candidate how.
    async fn open_marks(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<super::elections_object::OpenMark>> {
        super::elections_object::open_marks(ctx, &self.0).await
    }
    /// Secret ballots, once closed: every receipt, without choices.
    async fn receipts(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        if !live::receipts_listed(self.0.ballot, self.0.status) {
            return Ok(Vec::new());
        }
        votes::receipts(&ctx.env().db, self.0.id).await.gql()
    }
    /// The votes the viewer may cast on this motion (own and by proxy).
    async fn my_rights(&self, ctx: &Context<'_>) -> Result<Vec<VoteRight>> {
        let Some(me) = ctx.actor().id() else {
            return Ok(Vec::new());
        };
        let rights = votes::rights(&ctx.env().db, &self.0, me).await.gql()?;
        let mut out = Vec::new();
        for (member, own, cast, choice) in rights {
            out.push(VoteRight {
                member: person(ctx, member).await?,
                own,
                cast,
                choice,
            });
        }
        Ok(out)
    }
}

pub(super) fn verdict_code(debug: &str) -> &'static str {
    match debug {
        "Passed" => "PASSED",
        "Rejected" => "REJECTED",
        "NoVotesCast" => "NO_VOTES_CAST",
        _ => "QUORUM_NOT_MET",
    }
}
