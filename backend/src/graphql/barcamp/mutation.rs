//! Barcamp mutations: editions and phases, rooms and slots, registration, sessions and
//! interest, the scheduler and hand moves.

use super::*;

#[derive(Default)]
pub struct BarcampMutation;

#[Object]
impl BarcampMutation {
    /// The board opens an edition (phase `PROPOSALS`).
    async fn create_barcamp_edition(
        &self,
        ctx: &Context<'_>,
        input: EditionInput,
    ) -> Result<Edition> {
        editions::create(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(Edition)
    }
    async fn update_barcamp_edition(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        input: EditionInput,
    ) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::update(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Edition)
    }
    /// One step forwards or back; publishing needs every programme session placed.
    async fn set_barcamp_phase(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        phase: BarcampPhase,
    ) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::set_phase(ctx.env(), ctx.actor(), id, phase)
            .await
            .gql()
            .map(Edition)
    }
    /// The board names or removes an organiser, by email.
    async fn set_barcamp_organiser(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        email: String,
        organiser: bool,
    ) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::set_organiser(ctx.env(), ctx.actor(), id, &email, organiser)
            .await
            .gql()
            .map(Edition)
    }
    async fn add_barcamp_room(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        input: RoomInput,
    ) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::add_room(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Edition)
    }
    async fn update_barcamp_room(
        &self,
        ctx: &Context<'_>,
        room_id: ID,
        input: RoomInput,
    ) -> Result<Edition> {
        let id = parse_uuid("roomId", &room_id)?;
        editions::update_room(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Edition)
    }
    async fn remove_barcamp_room(&self, ctx: &Context<'_>, room_id: ID) -> Result<Edition> {
        let id = parse_uuid("roomId", &room_id)?;
        editions::remove_room(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Edition)
    }
    async fn add_barcamp_slot(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        input: SlotInput,
    ) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::add_slot(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Edition)
    }
    async fn remove_barcamp_slot(&self, ctx: &Context<'_>, slot_id: ID) -> Result<Edition> {
        let id = parse_uuid("slotId", &slot_id)?;
        editions::remove_slot(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Edition)
    }
    async fn register_for_barcamp(&self, ctx: &Context<'_>, edition_id: ID) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::register(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Edition)
    }
    async fn unregister_from_barcamp(&self, ctx: &Context<'_>, edition_id: ID) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::unregister(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Edition)
    }
    /// A new private feed address; the old one stops working.
    async fn reset_barcamp_feed(&self, ctx: &Context<'_>, edition_id: ID) -> Result<Edition> {
        let id = parse_uuid("editionId", &edition_id)?;
        editions::reset_feed(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Edition)
    }
    async fn propose_barcamp_session(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
        input: SessionInput,
    ) -> Result<Session> {
        let id = parse_uuid("editionId", &edition_id)?;
        sessions::propose(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Session)
    }
    async fn edit_barcamp_session(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        input: SessionInput,
    ) -> Result<Session> {
        let id = parse_uuid("sessionId", &session_id)?;
        sessions::edit(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Session)
    }
    async fn decline_barcamp_session(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        reason: String,
    ) -> Result<Session> {
        let id = parse_uuid("sessionId", &session_id)?;
        sessions::decline(ctx.env(), ctx.actor(), id, &reason)
            .await
            .gql()
            .map(Session)
    }
    async fn cancel_barcamp_session(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        reason: String,
    ) -> Result<Session> {
        let id = parse_uuid("sessionId", &session_id)?;
        sessions::cancel(ctx.env(), ctx.actor(), id, &reason)
            .await
            .gql()
            .map(Session)
    }
    async fn merge_barcamp_session(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        into_id: ID,
        reason: String,
    ) -> Result<Session> {
        let id = parse_uuid("sessionId", &session_id)?;
        let into = parse_uuid("intoId", &into_id)?;
        sessions::merge(ctx.env(), ctx.actor(), id, into, &reason)
            .await
            .gql()
            .map(Session)
    }
    async fn set_barcamp_interest(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        interested: bool,
    ) -> Result<Session> {
        let id = parse_uuid("sessionId", &session_id)?;
        sessions::set_interest(ctx.env(), ctx.actor(), id, interested)
            .await
            .gql()
            .map(Session)
    }
    /// Places the programme around pinned sessions (phase `SCHEDULING`).
    async fn run_barcamp_scheduler(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
    ) -> Result<SchedulerRun> {
        let id = parse_uuid("editionId", &edition_id)?;
        let run = schedule::run(ctx.env(), ctx.actor(), id).await.gql()?;
        let lang = viewer_language(ctx).await?;
        Ok(SchedulerRun {
            placed: run.placed as i32,
            pinned: run.pinned as i32,
            unplaced: run
                .unplaced
                .iter()
                .map(|(s, k)| UnplacedSession {
                    session: session_ref(s),
                    reason: k.code().to_owned(),
                    explanation: k.message(lang).to_owned(),
                })
                .collect(),
            objective: run.objective as i32,
            greedy_objective: run.greedy_objective as i32,
            milliseconds: run.milliseconds.min(i32::MAX as u128) as i32,
        })
    }
    /// Moves a session and pins it; `SCHEDULE_CONFLICT` when a hard constraint would break.
    async fn move_barcamp_session(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        room_id: ID,
        start_slot_id: ID,
    ) -> Result<Session> {
        let s = parse_uuid("sessionId", &session_id)?;
        let r = parse_uuid("roomId", &room_id)?;
        let t = parse_uuid("startSlotId", &start_slot_id)?;
        schedule::move_to(ctx.env(), ctx.actor(), s, r, t)
            .await
            .gql()
            .map(Session)
    }
    async fn set_barcamp_pinned(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        pinned: bool,
    ) -> Result<Session> {
        let id = parse_uuid("sessionId", &session_id)?;
        schedule::set_pinned(ctx.env(), ctx.actor(), id, pinned)
            .await
            .gql()
            .map(Session)
    }
}
