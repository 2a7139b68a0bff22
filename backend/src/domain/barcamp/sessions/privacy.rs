//! A person's barcamp data: their export and what account deletion erases.

use super::*;

/// The person's barcamp data for their export: registrations, sessions they host, their
/// interests (the private feed address is left out: it is a secret, not a record).
pub async fn export<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<(Value, Vec<crate::domain::core::privacy::Table>)> {
    use crate::entities::barcamp_edition;
    use std::collections::HashMap;
    let years: HashMap<EditionId, i32> = barcamp_edition::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|e| (e.id, e.year))
        .collect();
    let year = |id: &EditionId| years.get(id).copied().unwrap_or_default();
    let regs = registrations_of(conn, user_id).await?;
    let hosted_ids: Vec<Uuid> = hosted_ids(conn, user_id).await?;
    let hosted = session::Entity::find()
        .filter(session::Column::Id.is_in(hosted_ids))
        .order_by_asc(session::Column::Id)
        .all(conn)
        .await?;
    let wants = interest::Entity::find()
        .filter(interest::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let wanted: HashMap<SessionId, session::Model> = session::Entity::find()
        .filter(session::Column::Id.is_in(wants.iter().map(|w| w.session_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let title = |id: &SessionId| wanted.get(id).map(|s| s.title.clone()).unwrap_or_default();
    let edition_year = |id: &SessionId| {
        wanted
            .get(id)
            .map(|s| year(&s.edition_id))
            .unwrap_or_default()
    };
    let json = json!({
        "registrations": regs.iter().map(|r| json!({ "edition": year(&r.edition_id), "registeredAt": r.registered_at })).collect::<Vec<_>>(),
        "sessionsHosted": hosted.iter().map(|s| json!({ "id": s.id, "edition": year(&s.edition_id), "title": s.title, "description": s.description, "format": s.format, "length": s.length, "status": s.status, "proposedByMe": s.proposed_by == user_id, "createdAt": s.created_at })).collect::<Vec<_>>(),
        "interests": wants.iter().map(|w| json!({ "session": w.session_id, "edition": edition_year(&w.session_id), "title": title(&w.session_id), "at": w.created_at })).collect::<Vec<_>>(),
    });
    let tables = vec![
        crate::domain::core::privacy::Table {
            name: "barcamp_registrations",
            columns: vec!["edition", "registered_at"],
            rows: regs
                .iter()
                .map(|r| {
                    vec![
                        year(&r.edition_id).to_string(),
                        r.registered_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        crate::domain::core::privacy::Table {
            name: "barcamp_sessions_hosted",
            columns: vec!["id", "edition", "title", "format", "status", "created_at"],
            rows: hosted
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        year(&s.edition_id).to_string(),
                        s.title.clone(),
                        s.format.as_str().to_owned(),
                        s.status.as_str().to_owned(),
                        s.created_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        crate::domain::core::privacy::Table {
            name: "barcamp_interests",
            columns: vec!["session", "edition", "title", "at"],
            rows: wants
                .iter()
                .map(|w| {
                    vec![
                        w.session_id.to_string(),
                        edition_year(&w.session_id).to_string(),
                        title(&w.session_id),
                        w.created_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
    ];
    Ok((json, tables))
}

/// Account deletion: registrations (with their feed secrets) and interests are personal
/// data and go; hosted sessions stay in the programme under the anonymised account.
pub async fn forget(txn: &DatabaseTransaction, user_id: Uuid) -> DomainResult<()> {
    interest::Entity::delete_many()
        .filter(interest::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    barcamp_registration::Entity::delete_many()
        .filter(barcamp_registration::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    crate::entities::barcamp_organiser::Entity::delete_many()
        .filter(crate::entities::barcamp_organiser::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}
