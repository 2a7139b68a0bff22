//! A member's private calendar feed: the assemblies they are convened to (effective and
//! adherent members; convened, in session, or closed in the last year) and the sessions they
//! picked or host at the published barcamp editions. The address carries a signature the
//! server computes from the account and its token version, so "sign out everywhere" also
//! ends the old feed address.

use crate::domain::{barcamp, DomainResult, Env};
use crate::entities::{agenda_item, assembly, barcamp_edition as edition, user};
use constellation_shared::dto::assemblies::AssemblyStatus;
use constellation_shared::dto::barcamp::BarcampPhase;
use constellation_shared::rules::ical::{self, Calendar};
use constellation_shared::MembershipKind;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The feed of `u` (who is not deleted).
pub async fn member_feed(env: &Env, u: &user::Model) -> DomainResult<Calendar> {
    let mut events = Vec::new();
    let convened = matches!(
        u.membership_kind,
        MembershipKind::Effective | MembershipKind::Adherent
    );
    if convened {
        let since = chrono::Utc::now() - chrono::Duration::days(365);
        let list = assembly::Entity::find()
            .filter(assembly::Column::Status.ne(AssemblyStatus::Draft.as_str()))
            .filter(assembly::Column::StartsAt.gte(since))
            .order_by_asc(assembly::Column::StartsAt)
            .all(&env.db)
            .await?;
        let ids: Vec<_> = list.iter().map(|a| a.id).collect();
        let items = agenda_item::Entity::find()
            .filter(agenda_item::Column::AssemblyId.is_in(ids))
            .order_by_asc(agenda_item::Column::SortKey)
            .all(&env.db)
            .await?;
        for a in &list {
            let agenda: Vec<agenda_item::Model> = items
                .iter()
                .filter(|i| i.assembly_id == a.id)
                .cloned()
                .collect();
            // The same event (uid) as the convocation's attachment.
            events.push(ical::Event {
                uid: format!("assembly-{}@constellation", a.id),
                stamp: stamp(chrono::Utc::now()),
                start: stamp(a.starts_at),
                end: stamp(a.starts_at + chrono::Duration::hours(3)),
                summary: a.title.clone(),
                description: agenda
                    .iter()
                    .map(|i| format!("{}. {}", i.number, i.title))
                    .collect::<Vec<_>>()
                    .join("\n"),
                location: a.place.clone(),
                sequence: 0,
                cancelled: false,
                last_modified: stamp(a.convened_at.unwrap_or(a.created_at)),
            });
        }
    }
    for e in edition::Entity::find()
        .filter(edition::Column::Phase.eq(BarcampPhase::Published.as_str()))
        .all(&env.db)
        .await?
    {
        let cal = barcamp::schedule::feed(env, &e, Some(u.id)).await?;
        events.extend(cal.events);
    }
    Ok(Calendar {
        name: "Constellation".to_owned(),
        events,
    })
}

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}
