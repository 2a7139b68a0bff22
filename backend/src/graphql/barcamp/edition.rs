//! The edition, its rooms and its slots as GraphQL objects (`BarcampEdition`, `BarcampRoom`,
//! `BarcampSlot`), with the viewer's standing in an edition.

use super::*;

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
        self.0.timezone.0.name()
    }
    async fn phase(&self) -> BarcampPhase {
        self.0.phase
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
