//! Barcamp queries: editions, sessions, the schedule, the agenda and the room screens.

use super::*;

#[derive(Default)]
pub struct BarcampQuery;

#[Object]
impl BarcampQuery {
    /// Newest first (public).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn barcamp_editions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Edition>> {
        let limit = page_size(first)?;
        let before = after
            .as_deref()
            .map(|a| {
                a.parse::<i32>()
                    .map_err(|_| DomainError::invalid("after", ValidationReason::Invalid))
            })
            .transpose()
            .gql()?;
        let rows = editions::list(ctx.env(), before, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            before.is_some(),
            |e| e.year.to_string(),
            Edition,
        ))
    }

    /// One edition by id or by year.
    async fn barcamp_edition(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        year: Option<i32>,
    ) -> Result<Option<Edition>> {
        match (opt_id("id", id)?, year) {
            (Some(id), _) => Ok(load::<EditionLoader, _>(ctx, id).await?.map(Edition)),
            (None, Some(y)) => Ok(editions::find_by_year(ctx.env(), y)
                .await
                .gql()?
                .map(Edition)),
            (None, None) => Err(DomainError::invalid("id", ValidationReason::Required)).gql(),
        }
    }

    /// The programme in proposal order (public).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn barcamp_sessions(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        status: Option<SessionStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Session>> {
        let limit = page_size(first)?;
        let edition = parse_uuid("editionId", &edition_id)?;
        let after = after.map(|a| parse_uuid("after", &ID(a))).transpose()?;
        let rows = sessions::list(ctx.env(), edition, status, after, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            after.is_some(),
            |s| s.id.to_string(),
            Session,
        ))
    }

    async fn barcamp_session(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Session>> {
        let id = parse_uuid("id", &id)?;
        Ok(load::<SessionLoader, _>(ctx, id).await?.map(Session))
    }

    /// The signed-in person's sessions (interest or hosting) with their clashes.
    async fn my_barcamp_agenda(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
    ) -> Result<Vec<AgendaItem>> {
        let id = parse_uuid("editionId", &edition_id)?;
        Ok(schedule::agenda(ctx.env(), ctx.actor(), id)
            .await
            .gql()?
            .into_iter()
            .map(|(s, clashes)| AgendaItem {
                clashes_with: clashes.iter().map(session_ref).collect(),
                session: Session(s),
            })
            .collect())
    }

    /// Per room: what runs at `at` (default now) and what comes next.
    async fn barcamp_now_next(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<RoomNowNext>> {
        let id = parse_uuid("editionId", &edition_id)?;
        let at = at.unwrap_or_else(chrono::Utc::now);
        Ok(schedule::now_next(ctx.env(), ctx.actor(), id, at)
            .await
            .gql()?
            .into_iter()
            .map(|(room, now, next)| RoomNowNext {
                room: Room(room),
                now: now.map(Session),
                next: next.map(Session),
            })
            .collect())
    }

    /// What moving a session there would break (hard) or cost (warnings), nothing saved.
    async fn check_barcamp_move(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        room_id: ID,
        start_slot_id: ID,
    ) -> Result<Vec<MoveIssue>> {
        let s = parse_uuid("sessionId", &session_id)?;
        let r = parse_uuid("roomId", &room_id)?;
        let t = parse_uuid("startSlotId", &start_slot_id)?;
        let lang = viewer_language(ctx).await?;
        Ok(schedule::check_move(ctx.env(), ctx.actor(), s, r, t)
            .await
            .gql()?
            .iter()
            .map(|i| move_issue(i, lang))
            .collect())
    }
}
