//! Lab queries: the directory, one Lab, the review queue; the page prefetch that feeds the
//! loaders.

use super::*;
use constellation_shared::ids::LabId;

/// Loads, in one statement per relation, what the page's Labs will ask for (as far as the
/// query selects it) and feeds the request's loader caches. The loaders run directly and
/// concurrently, so the page pays neither the DataLoader's batching delay level after level
/// nor a statement count that depends on how fast fields resolve.
pub(super) async fn prefetch(ctx: &Context<'_>, rows: &[lab::Model]) -> Result<()> {
    let node = ctx.look_ahead().field("edges").field("node");
    let env = ctx.env();
    let internal = |_| DomainError::internal("prefetch");
    let ids: Vec<LabId> = rows.iter().map(|l| l.id).collect();
    let wants = |fields: &[&str]| fields.iter().any(|f| node.field(f).exists());
    let framing_keys: Vec<(LabId, i32)> = rows
        .iter()
        .flat_map(|l| {
            [l.approved_framing_version, l.pending_framing_version]
                .into_iter()
                .flatten()
                .map(|v| (l.id, v))
        })
        .collect();
    let framings = async {
        if wants(&["framing", "pendingFraming"]) {
            FramingLoader(env.clone())
                .load(&framing_keys)
                .await
                .map(Some)
        } else {
            Ok(None)
        }
    };
    let projects = async {
        if wants(&["projects", "projectCount"]) {
            ProjectsLoader(env.clone()).load(&ids).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let members = async {
        if wants(&["coordinators", "memberCount", "members", "myMembership"]) {
            MembersLoader(env.clone()).load(&ids).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let (framings, projects, members) = futures_util::try_join!(framings, projects, members)
        .map_err(internal)
        .gql()?;
    if let Some(f) = framings {
        ctx.data_unchecked::<Cached<FramingLoader>>()
            .feed_many(f)
            .await;
    }
    if let Some(p) = projects {
        ctx.data_unchecked::<Cached<ProjectsLoader>>()
            .feed_many(p)
            .await;
    }
    if let Some(m) = members {
        if wants(&["coordinators", "members"]) {
            let mut users: Vec<Uuid> = m.values().flatten().map(|r| r.user_id).collect();
            users.sort();
            users.dedup();
            let found = UserLoader(env.clone())
                .load(&users)
                .await
                .map_err(internal)
                .gql()?;
            ctx.data_unchecked::<Cached<UserLoader>>()
                .feed_many(found)
                .await;
        }
        ctx.data_unchecked::<Cached<MembersLoader>>()
            .feed_many(m)
            .await;
    }
    Ok(())
}

#[derive(Default)]
pub struct LabsQuery;

#[Object]
impl LabsQuery {
    /// The Labs the caller may see, by slug, filtered.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn labs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<LabStatus>,
        theme: Option<String>,
        mine: Option<bool>,
        search: Option<String>,
    ) -> Result<Page<Lab>> {
        let limit = page_size(first)?;
        let filter = labs::LabFilter {
            status,
            theme,
            mine: mine.unwrap_or(false),
            search,
        };
        let has_prev = after.is_some();
        let rows = labs::list(ctx.env(), ctx.actor(), filter, after, limit as u64 + 1)
            .await
            .gql()?;
        prefetch(ctx, &rows).await?;
        Ok(from_rows(rows, limit, has_prev, |l| l.slug.clone(), Lab))
    }

    /// One Lab by slug or id; null when it does not exist or is hidden from the caller.
    async fn lab(
        &self,
        ctx: &Context<'_>,
        slug: Option<String>,
        id: Option<ID>,
    ) -> Result<Option<Lab>> {
        match (slug, id) {
            (Some(s), _) => Ok(labs::find_visible_by_slug(ctx.env(), ctx.actor(), &s)
                .await
                .gql()?
                .map(Lab)),
            (None, Some(id)) => {
                let id = parse_uuid("id", &id)?;
                match labs::find_visible(&ctx.env().db, ctx.actor(), id).await {
                    Ok(l) => Ok(Some(Lab(l))),
                    Err(DomainError::NotFound) => Ok(None),
                    Err(e) => Err(e).gql(),
                }
            }
            (None, None) => Err(DomainError::invalid(
                "slug",
                constellation_shared::ValidationReason::Required,
            ))
            .gql(),
        }
    }

    /// Proposals and framing changes awaiting the board.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn lab_review_queue(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Lab>> {
        let limit = page_size(first)?;
        let has_prev = after.is_some();
        let rows = labs::review_queue(ctx.env(), ctx.actor(), after, limit as u64 + 1)
            .await
            .gql()?;
        prefetch(ctx, &rows).await?;
        Ok(from_rows(rows, limit, has_prev, |l| l.slug.clone(), Lab))
    }
}
