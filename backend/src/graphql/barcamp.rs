//! The annual barcamp: editions, rooms and slots, attendees, sessions and interest, the
//! scheduler and hand moves, the published schedule, the personal agenda, live changes.
//! Everything about an edition is public except who is interested (only counts), the
//! registration count (organisers) and placements before publication (organisers).

use super::accounts::{parse_uuid, viewer_language, User};
use super::context::ContextExt;
use super::error::GqlResultExt;
use super::labs::{load, person};
use super::loaders::{
    EditionLoader, HostsLoader, InterestCountLoader, InterestedLoader, LabLoader, MembersLoader,
    OrganisersLoader, RegistrationLoader, RoomLoader, RoomsByEditionLoader, SessionLoader,
    SlotsByEditionLoader,
};
use super::pagination::{from_rows, page_size, Page};
use crate::domain::barcamp::access;
use crate::domain::barcamp::schedule::{self as schedule, Issue, Timeline, UnplacedKind};
use crate::domain::barcamp::sessions::{self as sessions, status_of};
use crate::domain::barcamp::{self as editions, equipment_of, phase_of, tz_of};
use crate::domain::{labs, Actor, DomainError};
use crate::entities::{barcamp_edition, barcamp_room, barcamp_session, barcamp_slot};
use async_graphql::{Context, Object, Result, SimpleObject, Subscription, ID};
use constellation_shared::dto::barcamp::{
    BarcampPhase, EditionInput, RoomInput, SessionFormat, SessionInput, SessionStatus, SlotInput,
};
use constellation_shared::{Language, ValidationReason};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;
use uuid::Uuid;

async fn edition_of(ctx: &Context<'_>, id: Uuid) -> Result<barcamp_edition::Model> {
    load::<EditionLoader, _>(ctx, id)
        .await?
        .ok_or(DomainError::internal("missing edition"))
        .gql()
}

async fn organises(ctx: &Context<'_>, edition_id: Uuid) -> Result<bool> {
    // Decided without loading when the actor alone settles it (anonymous, board, admin).
    match ctx.actor() {
        Actor::User(u) if u.is_board || u.is_admin => return Ok(true),
        Actor::User(_) => {}
        _ => return Ok(false),
    }
    let named: Vec<Uuid> = load::<OrganisersLoader, _>(ctx, edition_id)
        .await?
        .unwrap_or_default()
        .iter()
        .map(|o| o.user_id)
        .collect();
    Ok(access::organises(ctx.actor(), &named))
}

async fn sees_placements(ctx: &Context<'_>, edition_id: Uuid) -> Result<bool> {
    let e = edition_of(ctx, edition_id).await?;
    Ok(access::sees_placements(
        phase_of(&e),
        organises(ctx, edition_id).await?,
    ))
}

async fn timeline_of(ctx: &Context<'_>, edition_id: Uuid) -> Result<Timeline> {
    Ok(Timeline::new(
        load::<SlotsByEditionLoader, _>(ctx, edition_id)
            .await?
            .unwrap_or_default(),
    ))
}

pub struct Edition(pub barcamp_edition::Model);

#[derive(SimpleObject)]
pub struct Viewer {
    registered: bool,
    organiser: bool,
    /// Path of the private iCalendar feed of one's agenda.
    feed_path: Option<String>,
}

#[Object(name = "BarcampEdition")]
impl Edition {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn starts_on(&self) -> String {
        self.0.starts_on.to_string()
    }
    async fn ends_on(&self) -> String {
        self.0.ends_on.to_string()
    }
    async fn venue(&self) -> &str {
        &self.0.venue
    }
    async fn timezone(&self) -> &str {
        &self.0.timezone
    }
    async fn phase(&self) -> BarcampPhase {
        phase_of(&self.0)
    }
    async fn rooms(&self, ctx: &Context<'_>) -> Result<Vec<Room>> {
        Ok(load::<RoomsByEditionLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Room)
            .collect())
    }
    /// In time order.
    async fn slots(&self, ctx: &Context<'_>) -> Result<Vec<Slot>> {
        let tz = tz_of(&self.0);
        Ok(timeline_of(ctx, self.0.id)
            .await?
            .slots
            .into_iter()
            .map(|s| Slot(s, tz))
            .collect())
    }
    async fn organisers(&self, ctx: &Context<'_>) -> Result<Vec<User>> {
        let named = load::<OrganisersLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        let mut out = Vec::new();
        for o in named {
            if let Some(u) = person(ctx, o.user_id).await? {
                out.push(u);
            }
        }
        Ok(out)
    }
    /// Organisers only; null for everyone else.
    async fn registration_count(&self, ctx: &Context<'_>) -> Result<Option<i32>> {
        Ok(
            editions::registration_count(ctx.env(), ctx.actor(), self.0.id)
                .await
                .gql()?
                .map(|n| n as i32),
        )
    }
    async fn viewer(&self, ctx: &Context<'_>) -> Result<Viewer> {
        let organiser = organises(ctx, self.0.id).await?;
        let reg = match ctx.actor().id() {
            Some(u) => load::<RegistrationLoader, _>(ctx, (self.0.id, u)).await?,
            None => None,
        };
        Ok(Viewer {
            registered: reg.is_some(),
            organiser,
            feed_path: reg.map(|r| format!("/ical/barcamp/feed/{}.ics", r.feed_token)),
        })
    }
}

pub struct Room(pub barcamp_room::Model);

#[Object(name = "BarcampRoom")]
impl Room {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn capacity(&self) -> i32 {
        self.0.capacity
    }
    async fn equipment(&self) -> Vec<String> {
        equipment_of(&self.0.equipment)
    }
}

/// A slot, shown in the venue's time zone.
pub struct Slot(pub barcamp_slot::Model, pub chrono_tz::Tz);

#[Object(name = "BarcampSlot")]
impl Slot {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Local day, `YYYY-MM-DD`.
    async fn day(&self) -> String {
        self.0.day.to_string()
    }
    /// Local `HH:MM`.
    async fn start(&self) -> String {
        self.0
            .starts_at
            .with_timezone(&self.1)
            .format("%H:%M")
            .to_string()
    }
    async fn end(&self) -> String {
        self.0
            .ends_at
            .with_timezone(&self.1)
            .format("%H:%M")
            .to_string()
    }
    async fn starts_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.starts_at
    }
    async fn ends_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.ends_at
    }
}

pub struct Session(pub barcamp_session::Model);

#[derive(SimpleObject)]
#[graphql(name = "BarcampLabRef")]
pub struct LabRef {
    id: ID,
    slug: String,
    name: String,
}

#[Object(name = "BarcampSession")]
impl Session {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn format(&self) -> SessionFormat {
        SessionFormat::parse(&self.0.format).unwrap_or(SessionFormat::Discussion)
    }
    async fn length(&self) -> i32 {
        self.0.length
    }
    async fn equipment(&self) -> Vec<String> {
        equipment_of(&self.0.equipment)
    }
    async fn status(&self) -> SessionStatus {
        status_of(&self.0)
    }
    /// The Lab it belongs to, when the viewer may see that Lab.
    async fn lab(&self, ctx: &Context<'_>) -> Result<Option<LabRef>> {
        let Some(id) = self.0.lab_id else {
            return Ok(None);
        };
        let Some(l) = load::<LabLoader, _>(ctx, id).await? else {
            return Ok(None);
        };
        let members = load::<MembersLoader, _>(ctx, id).await?.unwrap_or_default();
        let mine = ctx
            .actor()
            .id()
            .and_then(|u| members.into_iter().find(|m| m.user_id == u));
        Ok(
            labs::can_see(ctx.actor(), &l, mine.as_ref()).then(|| LabRef {
                id: ID(l.id.to_string()),
                slug: l.slug.clone(),
                name: l.name.clone(),
            }),
        )
    }
    async fn hosts(&self, ctx: &Context<'_>) -> Result<Vec<User>> {
        let hosts = load::<HostsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        let mut out = Vec::new();
        for h in hosts {
            if let Some(u) = person(ctx, h.user_id).await? {
                out.push(u);
            }
        }
        Ok(out)
    }
    async fn interest_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(load::<InterestCountLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or(0) as i32)
    }
    /// The viewer marked interest.
    async fn interested(&self, ctx: &Context<'_>) -> Result<bool> {
        match ctx.actor().id() {
            Some(u) => Ok(load::<InterestedLoader, _>(ctx, (self.0.id, u))
                .await?
                .unwrap_or(false)),
            None => Ok(false),
        }
    }
    /// A host before scheduling, or an organiser, while it is in the programme.
    async fn can_edit(&self, ctx: &Context<'_>) -> Result<bool> {
        if ctx.actor().id().is_none() || status_of(&self.0) != SessionStatus::Proposed {
            return Ok(false);
        }
        let e = edition_of(ctx, self.0.edition_id).await?;
        let hosts: Vec<Uuid> = load::<HostsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default()
            .iter()
            .map(|h| h.user_id)
            .collect();
        Ok(access::can_edit(
            ctx.actor(),
            organises(ctx, self.0.edition_id).await?,
            status_of(&self.0),
            phase_of(&e),
            &hosts,
        ))
    }
    async fn room(&self, ctx: &Context<'_>) -> Result<Option<Room>> {
        match self.0.room_id {
            Some(id) if sees_placements(ctx, self.0.edition_id).await? => {
                Ok(load::<RoomLoader, _>(ctx, id).await?.map(Room))
            }
            _ => Ok(None),
        }
    }
    /// The slots it occupies, in order (empty when not placed, or not yet published).
    async fn slots(&self, ctx: &Context<'_>) -> Result<Vec<Slot>> {
        if self.0.room_id.is_none() || !sees_placements(ctx, self.0.edition_id).await? {
            return Ok(Vec::new());
        }
        let tz = tz_of(&edition_of(ctx, self.0.edition_id).await?);
        let line = timeline_of(ctx, self.0.edition_id).await?;
        Ok(line
            .slots_of(&self.0)
            .into_iter()
            .map(|s| Slot(s.clone(), tz))
            .collect())
    }
    async fn pinned(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.0.pinned && sees_placements(ctx, self.0.edition_id).await?)
    }
    /// Why the last scheduler run could not place it (organisers).
    async fn unplaced_reason(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        if !organises(ctx, self.0.edition_id).await? {
            return Ok(None);
        }
        let lang = viewer_language(ctx).await?;
        Ok(self
            .0
            .unplaced_reason
            .as_deref()
            .and_then(UnplacedKind::parse)
            .map(|k| k.message(lang).to_owned()))
    }
    /// The reason of a decline, merge or cancellation.
    async fn status_reason(&self) -> Option<&str> {
        self.0.status_reason.as_deref()
    }
    async fn merged_into(&self, ctx: &Context<'_>) -> Result<Option<SessionRef>> {
        match self.0.merged_into {
            Some(id) => Ok(load::<SessionLoader, _>(ctx, id)
                .await?
                .map(|s| SessionRef {
                    id: ID(s.id.to_string()),
                    title: s.title,
                })),
            None => Ok(None),
        }
    }
}

#[derive(SimpleObject, Clone)]
#[graphql(name = "BarcampSessionRef")]
pub struct SessionRef {
    id: ID,
    title: String,
}

fn session_ref(s: &barcamp_session::Model) -> SessionRef {
    SessionRef {
        id: ID(s.id.to_string()),
        title: s.title.clone(),
    }
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampUnplaced")]
pub struct UnplacedSession {
    session: SessionRef,
    reason: String,
    explanation: String,
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampSchedulerRun")]
pub struct SchedulerRun {
    placed: i32,
    pinned: i32,
    unplaced: Vec<UnplacedSession>,
    /// (attendee, wanted session) pairs attendable, minus interest that overflows rooms.
    objective: i32,
    /// The same measure for a simple greedy placement of the same sessions.
    greedy_objective: i32,
    milliseconds: i32,
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampMoveIssue")]
pub struct MoveIssue {
    /// `ROOM_TAKEN`, `HOST_BUSY`, `MISSING_EQUIPMENT`, `CROSSES_BREAK`, `OUTSIDE_GRID` (hard)
    /// or `OVER_CAPACITY`, `ATTENDEE_CLASH` (warnings).
    kind: String,
    hard: bool,
    message: String,
}

fn move_issue(i: &Issue, lang: Language) -> MoveIssue {
    MoveIssue {
        kind: i.code().to_owned(),
        hard: i.hard(),
        message: i.message(lang),
    }
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampAgendaItem")]
pub struct AgendaItem {
    session: Session,
    clashes_with: Vec<SessionRef>,
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampRoomNowNext")]
pub struct RoomNowNext {
    room: Room,
    now: Option<Session>,
    next: Option<Session>,
}

#[derive(SimpleObject)]
pub struct BarcampChange {
    /// The audit action: `barcamp.session.move`, `barcamp.session.cancel`…
    action: String,
    session_id: Option<ID>,
}

fn opt_id(field: &'static str, id: Option<ID>) -> Result<Option<Uuid>> {
    id.map(|i| parse_uuid(field, &i)).transpose()
}

#[derive(Default)]
pub struct BarcampQuery;

#[Object]
impl BarcampQuery {
    /// Newest first (public).
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
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
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
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

#[derive(Default)]
pub struct BarcampSubscription;

/// Changes that a programme or schedule page shows (not registrations or feed resets).
fn shown_on_pages(action: &str) -> bool {
    action.starts_with("barcamp.session.")
        || action.starts_with("barcamp.schedule.")
        || action == "barcamp.edition.phase"
        || action == "barcamp.interest"
        || action.starts_with("barcamp.room.")
        || action.starts_with("barcamp.slot.")
}

#[Subscription]
impl BarcampSubscription {
    /// Changes to an edition's programme and schedule as they are committed (public, like
    /// the programme): pages refetch what they show.
    async fn barcamp_changes(
        &self,
        ctx: &Context<'_>,
        edition_id: ID,
    ) -> Result<impl Stream<Item = BarcampChange>> {
        let id = parse_uuid("editionId", &edition_id)?;
        let e = editions::find(&ctx.env().db, id).await.gql()?;
        // Before publication an edition's changes are for signed-in people (attendees and
        // organisers): an anonymous venue screen follows a published programme only.
        if ctx.actor().id().is_none() && phase_of(&e) != BarcampPhase::Published {
            return Err(DomainError::Unauthenticated).gql();
        }
        let slot = crate::graphql::subscriptions::slot(ctx)?;
        let rx = ctx.env().events.subscribe();
        let changes = BroadcastStream::new(rx).filter_map(move |item| async move {
            // A subscriber too slow to keep up missed something: tell the page to reload.
            let Ok(entry) = item else {
                return Some(BarcampChange {
                    action: "resync".to_owned(),
                    session_id: None,
                });
            };
            if editions::edition_of_entry(&entry) != Some(id) || !shown_on_pages(&entry.action) {
                return None;
            }
            let session_id =
                (entry.target_type == "barcamp_session").then(|| ID(entry.target_id.clone()));
            Some(BarcampChange {
                action: entry.action,
                session_id,
            })
        });
        // The slot lives as long as the stream.
        Ok(changes.map(move |c| {
            let _slot = &slot;
            c
        }))
    }
}
