//! Live changes to an edition's programme and schedule.

use super::*;

#[derive(Default)]
pub struct BarcampSubscription;

/// Changes that a programme or schedule page shows (not registrations or feed resets).
pub(super) fn shown_on_pages(action: &str) -> bool {
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
        if ctx.actor().id().is_none() && e.phase != BarcampPhase::Published {
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
