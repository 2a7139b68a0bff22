//! The session object (`BarcampSession`), its Lab and the short session reference.

use super::*;

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
        self.0.format
    }
    async fn length(&self) -> i32 {
        self.0.length
    }
    async fn equipment(&self) -> Vec<String> {
        equipment_of(&self.0.equipment)
    }
    async fn status(&self) -> SessionStatus {
        self.0.status
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
        if ctx.actor().id().is_none() || self.0.status != SessionStatus::Proposed {
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
            self.0.status,
            e.phase,
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

pub(super) fn session_ref(s: &barcamp_session::Model) -> SessionRef {
    SessionRef {
        id: ID(s.id.to_string()),
        title: s.title.clone(),
    }
}
