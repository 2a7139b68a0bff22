//! Encrypted votes as GraphQL objects: the election of a motion (trustees, parameters,
//! encrypted tally), and the mutations and queries of trustees and voters. The values are the
//! JSON of `constellation_shared::voting`, made and checked by the same code in the pages.

use super::*;
use crate::domain::assemblies::encrypted;

pub struct Election(pub(super) encrypted::ElectionView);

#[derive(SimpleObject)]
pub struct ElectionTrustee {
    index: i32,
    person: Option<User>,
    key_posted: bool,
    decrypted: bool,
}

#[Object]
impl Election {
    /// Every trustee posted its key: voting may open.
    async fn ready(&self) -> bool {
        self.0.ready()
    }
    /// `ElectionParams` as JSON, once ready: what the voters' pages encrypt to.
    async fn params(&self) -> Option<&str> {
        self.0.params.as_deref()
    }
    /// Hex SHA-256 of the parameters, to compare through another channel.
    async fn fingerprint(&self) -> Option<&str> {
        self.0.fingerprint.as_deref()
    }
    async fn trustees(&self, ctx: &Context<'_>) -> Result<Vec<ElectionTrustee>> {
        // Every trustee's person requested at once: one batch through the person loader.
        let people =
            futures_util::future::try_join_all(self.0.trustees.iter().map(|t| async move {
                match t.user_id {
                    Some(u) => person(ctx, u).await,
                    None => Ok(None),
                }
            }))
            .await?;
        Ok(self
            .0
            .trustees
            .iter()
            .zip(people)
            .map(|(t, person)| ElectionTrustee {
                index: t.trustee_index,
                person,
                key_posted: t.public_key.is_some(),
                decrypted: t.partial_decryption.is_some(),
            })
            .collect())
    }
    /// The viewer's trustee index, if the viewer is a trustee.
    async fn my_trustee_index(&self, ctx: &Context<'_>) -> Option<i32> {
        ctx.actor().id().and_then(|me| self.0.trustee_index(me))
    }
    /// Ballots in the box.
    async fn ballots(&self) -> i32 {
        self.0.ballots as i32
    }
    /// `EncryptedTally` as JSON, once voting is closed: what the trustees decrypt.
    async fn encrypted_tally(&self) -> Option<&str> {
        self.0.encrypted_tally.as_deref()
    }
    /// The totals are decrypted and the election record is published.
    async fn decrypted(&self) -> bool {
        self.0.decrypted
    }
}

/// A motion the viewer may read (association members read assemblies).
pub(super) async fn readable_motion(ctx: &Context<'_>, motion_id: &ID) -> Result<motion::Model> {
    let id = parse_uuid("motionId", motion_id)?;
    assemblies::reader(ctx.actor()).gql()?;
    assemblies::find_motion(&ctx.env().db, id).await.gql()
}

#[derive(Default)]
pub struct ElectionQuery;

#[Object]
impl ElectionQuery {
    /// The public board of an encrypted vote: every ballot's tracker, in order, no voter.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn ballot_trackers(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<String>> {
        let m = readable_motion(ctx, &motion_id).await?;
        let limit = page_size(first)?;
        let rows = encrypted::trackers(&ctx.env().db, m.id, after.as_deref(), limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            after.is_some(),
            |t| t.clone(),
            |t| t,
        ))
    }
    /// The ballot box of an encrypted vote: every ballot (`Ballot` as JSON), in tracker
    /// order. A trustee's page sums them itself before decrypting.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn ballot_box(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<String>> {
        let m = readable_motion(ctx, &motion_id).await?;
        let limit = page_size(first)?;
        let rows = encrypted::ballot_page(&ctx.env().db, m.id, after.as_deref(), limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            after.is_some(),
            |(t, _)| t.clone(),
            |(_, b)| b,
        ))
    }
    /// The election record (`ElectionRecord` as JSON) once the totals are decrypted;
    /// `constellation verify-election FILE` re-checks it.
    async fn election_record(&self, ctx: &Context<'_>, motion_id: ID) -> Result<Option<String>> {
        let m = readable_motion(ctx, &motion_id).await?;
        encrypted::record(&ctx.env().db, &m).await.gql()
    }
}

#[derive(Default)]
pub struct ElectionMutation;

#[Object]
impl ElectionMutation {
    /// A trustee posts the public part of its key (`BasicTrustee` as JSON) while the motion
    /// is a draft.
    async fn submit_trustee_key(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        key: String,
    ) -> Result<Assembly> {
        let id = parse_uuid("motionId", &motion_id)?;
        let id = encrypted::submit_trustee_key(ctx.env(), ctx.actor(), id, &key)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// The board names `userId` in place of trustee `trusteeIndex` while the motion is a
    /// draft; that trustee's key is dropped and the new one posts its own.
    async fn replace_trustee(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        trustee_index: i32,
        user_id: ID,
    ) -> Result<Assembly> {
        let id = parse_uuid("motionId", &motion_id)?;
        let user = parse_uuid("userId", &user_id)?;
        let id = encrypted::replace_trustee(ctx.env(), ctx.actor(), id, trustee_index, user)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// Casts `memberId`'s encrypted ballot (`Ballot` as JSON, made in the page); the receipt
    /// is the ballot's tracker.
    async fn cast_encrypted_ballot(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        member_id: ID,
        ballot: String,
    ) -> Result<CastResult> {
        let m = parse_uuid("motionId", &motion_id)?;
        let who = parse_uuid("memberId", &member_id)?;
        let env = ctx.env();
        let c = env
            .votes
            .cast_encrypted(&env.db, ctx.actor(), m, who, &ballot)
            .await
            .gql()?;
        Ok(CastResult::from(c))
    }
    /// A trustee posts its partial decryption of the closed vote's tally
    /// (`PartialDecryption` as JSON); the last one decrypts the totals.
    async fn submit_partial_decryption(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        decryption: String,
    ) -> Result<Assembly> {
        let id = parse_uuid("motionId", &motion_id)?;
        let id = encrypted::submit_partial_decryption(ctx.env(), ctx.actor(), id, &decryption)
            .await
            .gql()?;
        reload(ctx, id).await
    }
}
