//! The annual barcamp, part two: sessions and interest. Registered attendees propose
//! sessions and mark interest; hosts edit until scheduling; organisers decline, merge or
//! cancel, always with a reason.

use crate::domain::barcamp::schedule::{place_rows, unplace};
use crate::domain::barcamp::{self, equipment, record, require_organiser, require_registered};
use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{
    barcamp_host as host, barcamp_interest as interest, barcamp_registration,
    barcamp_session as session, lab, user,
};
use chrono::Utc;
use constellation_shared::dto::barcamp::{BarcampPhase, SessionInput, SessionStatus};
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use std::collections::HashSet;
use uuid::Uuid;

pub const MAX_CO_HOSTS: usize = 5;

pub fn status_of(s: &session::Model) -> SessionStatus {
    SessionStatus::parse(&s.status).unwrap_or(SessionStatus::Declined)
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> DomainResult<session::Model> {
    session::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

pub async fn hosts_of<C: ConnectionTrait>(conn: &C, session_id: Uuid) -> DomainResult<Vec<Uuid>> {
    Ok(host::Entity::find()
        .filter(host::Column::SessionId.eq(session_id))
        .select_only()
        .column(host::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Ids of every session the person hosts (any edition, any status).
async fn hosted_ids<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> DomainResult<Vec<Uuid>> {
    Ok(host::Entity::find()
        .filter(host::Column::UserId.eq(user_id))
        .select_only()
        .column(host::Column::SessionId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Programme sessions of the edition the person hosts.
pub async fn hosted_in<C: ConnectionTrait>(
    conn: &C,
    edition_id: Uuid,
    user_id: Uuid,
) -> DomainResult<Vec<session::Model>> {
    let ids: Vec<Uuid> = hosted_ids(conn, user_id).await?;
    Ok(session::Entity::find()
        .filter(session::Column::Id.is_in(ids))
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(session::Column::Status.eq(SessionStatus::Proposed.as_str()))
        .all(conn)
        .await?)
}

struct Fields {
    title: String,
    description: String,
    format: String,
    length: i32,
    equipment: String,
    lab_id: Option<Uuid>,
    /// `None`: keep the current co-hosts (edits).
    co_hosts: Option<Vec<Uuid>>,
}

/// Validates a proposal. Co-hosts are registered attendees, by email; the Lab, if any, is
/// active and the proposer (or an organiser) is one of its members.
async fn parse(
    txn: &DatabaseTransaction,
    actor: &Actor,
    edition_id: Uuid,
    input: &SessionInput,
    proposer: Uuid,
) -> DomainResult<Fields> {
    let title = text("title", &input.title, true, 200)?;
    let description = text("description", &input.description, false, 5_000)?;
    if !(1..=4).contains(&input.length) {
        return Err(DomainError::invalid("length", ValidationReason::Invalid));
    }
    let equipment = serde_json::to_string(&equipment("equipment", &input.equipment)?)
        .map_err(DomainError::internal)?;
    let lab_id = match input
        .lab_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(raw) => {
            let id: Uuid = raw
                .parse()
                .map_err(|_| DomainError::invalid("labId", ValidationReason::InvalidId))?;
            let l = lab::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(DomainError::invalid("labId", ValidationReason::Invalid))?;
            let member = crate::domain::labs::membership(txn, id, proposer).await?;
            let organiser = barcamp::is_organiser(txn, actor, edition_id).await?;
            if crate::domain::labs::status_of(&l) != LabStatus::Active
                || !(crate::domain::labs::is_active(member.as_ref()) || organiser)
            {
                return Err(DomainError::invalid("labId", ValidationReason::Invalid));
            }
            Some(id)
        }
    };
    let co_hosts = match &input.co_host_emails {
        None => None,
        Some(list) => Some(co_hosts(txn, edition_id, list, proposer).await?),
    };
    Ok(Fields {
        title,
        description,
        format: input.format.as_str().to_owned(),
        length: input.length,
        equipment,
        lab_id,
        co_hosts,
    })
}

/// Registered attendees, by email, other than the proposer.
async fn co_hosts(
    txn: &DatabaseTransaction,
    edition_id: Uuid,
    list: &[String],
    proposer: Uuid,
) -> DomainResult<Vec<Uuid>> {
    let mut co_hosts = Vec::new();
    let emails: Vec<String> = list
        .iter()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    if emails.len() > MAX_CO_HOSTS {
        return Err(DomainError::invalid(
            "coHostEmails",
            ValidationReason::TooLong,
        ));
    }
    for email in emails {
        let person = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(email))
            .filter(user::Column::DeletedAt.is_null())
            .one(txn)
            .await?
            .ok_or(DomainError::invalid(
                "coHostEmails",
                ValidationReason::Invalid,
            ))?;
        if barcamp::registration_of(txn, edition_id, person.id)
            .await?
            .is_none()
        {
            return Err(DomainError::invalid(
                "coHostEmails",
                ValidationReason::Invalid,
            ));
        }
        if person.id != proposer && !co_hosts.contains(&person.id) {
            co_hosts.push(person.id);
        }
    }
    Ok(co_hosts)
}

fn summary(s: &session::Model, hosts: &[Uuid]) -> Value {
    json!({ "title": s.title, "format": s.format, "length": s.length, "equipment": barcamp::equipment_of(&s.equipment), "labId": s.lab_id, "hosts": hosts, "status": s.status })
}

pub async fn propose(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
    input: SessionInput,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let me = require_registered(&txn, actor, edition_id).await?;
    let e = barcamp::lock(&txn, edition_id).await?;
    if !matches!(
        barcamp::phase_of(&e),
        BarcampPhase::Proposals | BarcampPhase::Interest
    ) {
        return Err(DomainError::InvalidTransition("proposals are closed"));
    }
    let f = parse(&txn, actor, edition_id, &input, me.id).await?;
    let now = Utc::now();
    let s = session::ActiveModel {
        // Time-ordered ids: the programme pages in proposal order on the primary key.
        id: Set(Uuid::now_v7()),
        edition_id: Set(edition_id),
        title: Set(f.title),
        description: Set(f.description),
        format: Set(f.format),
        length: Set(f.length),
        equipment: Set(f.equipment),
        lab_id: Set(f.lab_id),
        proposed_by: Set(me.id),
        status: Set(SessionStatus::Proposed.as_str().to_owned()),
        status_reason: Set(None),
        merged_into: Set(None),
        room_id: Set(None),
        start_slot_id: Set(None),
        pinned: Set(false),
        unplaced_reason: Set(None),
        revision: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut hosts = vec![me.id];
    hosts.extend(f.co_hosts.unwrap_or_default());
    host::Entity::insert_many(hosts.iter().map(|u| host::ActiveModel {
        session_id: Set(s.id),
        user_id: Set(*u),
    }))
    .exec(&txn)
    .await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.session.propose",
        "barcamp_session",
        s.id,
        edition_id,
        Value::Null,
        summary(&s, &hosts),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(s)
}

/// Hosts edit until scheduling starts; organisers at any time. A placed session whose
/// length, equipment or hosts change goes back to the unplaced list.
pub async fn edit(
    env: &Env,
    actor: &Actor,
    session_id: Uuid,
    input: SessionInput,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let s = find(&txn, session_id).await?;
    let me = actor.user()?;
    let hosts = hosts_of(&txn, s.id).await?;
    let organiser = barcamp::is_organiser(&txn, actor, s.edition_id).await?;
    let e = barcamp::lock(&txn, s.edition_id).await?;
    let open = matches!(
        barcamp::phase_of(&e),
        BarcampPhase::Proposals | BarcampPhase::Interest
    );
    if !(organiser || hosts.contains(&me.id)) {
        return Err(DomainError::Forbidden);
    }
    if !organiser && !open {
        return Err(DomainError::InvalidTransition("editing is closed"));
    }
    if status_of(&s) != SessionStatus::Proposed {
        return Err(DomainError::InvalidTransition(
            "session is not in the programme",
        ));
    }
    let f = parse(&txn, actor, s.edition_id, &input, s.proposed_by).await?;
    let new_hosts = match &f.co_hosts {
        Some(list) => std::iter::once(s.proposed_by)
            .chain(list.iter().copied())
            .collect(),
        None => hosts.clone(),
    };
    let before = summary(&s, &hosts);
    let mut sorted_old = hosts.clone();
    sorted_old.sort();
    let mut sorted_new = new_hosts.clone();
    sorted_new.sort();
    let reshaped = f.length != s.length || f.equipment != s.equipment || sorted_old != sorted_new;
    if reshaped && s.room_id.is_some() && barcamp::phase_of(&e) == BarcampPhase::Published {
        return Err(DomainError::InvalidTransition(
            "move or cancel a published session instead",
        ));
    }
    if reshaped && s.room_id.is_some() {
        unplace(&txn, s.id).await?;
    }
    host::Entity::delete_many()
        .filter(host::Column::SessionId.eq(s.id))
        .exec(&txn)
        .await?;
    host::Entity::insert_many(new_hosts.iter().map(|u| host::ActiveModel {
        session_id: Set(s.id),
        user_id: Set(*u),
    }))
    .exec(&txn)
    .await?;
    let mut am = find(&txn, s.id).await?.into_active_model();
    am.title = Set(f.title);
    am.description = Set(f.description);
    am.format = Set(f.format);
    am.length = Set(f.length);
    am.equipment = Set(f.equipment);
    am.lab_id = Set(f.lab_id);
    am.revision = Set(s.revision + 1);
    am.updated_at = Set(Utc::now());
    let s = am.update(&txn).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.session.edit",
        "barcamp_session",
        s.id,
        s.edition_id,
        before,
        summary(&s, &new_hosts),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(s)
}

fn reason(raw: &str) -> DomainResult<String> {
    text("reason", raw, true, 2_000)
}

async fn close(
    env: &Env,
    actor: &Actor,
    session_id: Uuid,
    to: SessionStatus,
    why: &str,
    merged_into: Option<Uuid>,
) -> DomainResult<session::Model> {
    let why = reason(why)?;
    let txn = env.begin_write().await?;
    let s = find(&txn, session_id).await?;
    let me = require_organiser(&txn, actor, s.edition_id).await?;
    let e = barcamp::lock(&txn, s.edition_id).await?;
    if status_of(&s) != SessionStatus::Proposed {
        return Err(DomainError::InvalidTransition(
            "session is not in the programme",
        ));
    }
    // Once published, a session leaves the grid only by being cancelled (it stays there,
    // marked, and calendars learn it).
    if to != SessionStatus::Cancelled && barcamp::phase_of(&e) == BarcampPhase::Published {
        return Err(DomainError::InvalidTransition("cancel a published session"));
    }
    if to == SessionStatus::Cancelled && s.room_id.is_none() {
        return Err(DomainError::InvalidTransition(
            "only a placed session is cancelled",
        ));
    }
    if let Some(into) = merged_into {
        let target = find(&txn, into).await?;
        if into == s.id
            || target.edition_id != s.edition_id
            || status_of(&target) != SessionStatus::Proposed
        {
            return Err(DomainError::invalid("intoId", ValidationReason::Invalid));
        }
        // Free the merged session first: its hosts join the target's time.
        if s.room_id.is_some() {
            unplace(&txn, s.id).await?;
        }
        merge_people(&txn, &s, &target).await?;
    }
    // A cancelled session keeps its room and time on the page and in calendars (marked
    // cancelled); the room and the hosts are free again.
    if to == SessionStatus::Cancelled {
        crate::domain::barcamp::schedule::free(&txn, s.id).await?;
    } else if s.room_id.is_some() {
        unplace(&txn, s.id).await?;
    }
    let mut am = find(&txn, s.id).await?.into_active_model();
    am.status = Set(to.as_str().to_owned());
    am.status_reason = Set(Some(why.clone()));
    am.merged_into = Set(merged_into);
    am.pinned = Set(false);
    am.revision = Set(s.revision + 1);
    am.updated_at = Set(Utc::now());
    let updated = am.update(&txn).await?;
    let action = match to {
        SessionStatus::Declined => "barcamp.session.decline",
        SessionStatus::Merged => "barcamp.session.merge",
        _ => "barcamp.session.cancel",
    };
    let entry = record(
        &txn,
        me.id,
        action,
        "barcamp_session",
        s.id,
        s.edition_id,
        json!({ "status": s.status }),
        json!({ "status": updated.status, "reason": why, "mergedInto": merged_into }),
    )
    .await?;
    let told = if to == SessionStatus::Cancelled {
        crate::domain::barcamp::notices::changed(
            &txn,
            env,
            constellation_shared::dto::reach::NotificationKind::SessionCancelled,
            &updated,
        )
        .await?
    } else {
        Default::default()
    };
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(updated)
}

/// The merged session's hosts become co-hosts of the target, its interest moves over. If
/// the target is placed, the new hosts must be free then.
async fn merge_people(
    txn: &DatabaseTransaction,
    from: &session::Model,
    into: &session::Model,
) -> DomainResult<()> {
    let old_hosts = hosts_of(txn, into.id).await?;
    let added: Vec<Uuid> = hosts_of(txn, from.id)
        .await?
        .into_iter()
        .filter(|h| !old_hosts.contains(h))
        .collect();
    for h in &added {
        host::ActiveModel {
            session_id: Set(into.id),
            user_id: Set(*h),
        }
        .insert(txn)
        .await?;
    }
    if into.room_id.is_some() && !added.is_empty() {
        place_rows(txn, into, &added, false).await?;
    }
    let already: HashSet<Uuid> = interest::Entity::find()
        .filter(interest::Column::SessionId.eq(into.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| i.user_id)
        .collect();
    let movers: Vec<interest::ActiveModel> = interest::Entity::find()
        .filter(interest::Column::SessionId.eq(from.id))
        .all(txn)
        .await?
        .into_iter()
        .filter(|i| !already.contains(&i.user_id))
        .map(|i| interest::ActiveModel {
            session_id: Set(into.id),
            user_id: Set(i.user_id),
            created_at: Set(i.created_at),
        })
        .collect();
    if !movers.is_empty() {
        interest::Entity::insert_many(movers).exec(txn).await?;
    }
    Ok(())
}

pub async fn decline(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    why: &str,
) -> DomainResult<session::Model> {
    close(env, actor, id, SessionStatus::Declined, why, None).await
}

pub async fn cancel(env: &Env, actor: &Actor, id: Uuid, why: &str) -> DomainResult<session::Model> {
    close(env, actor, id, SessionStatus::Cancelled, why, None).await
}

pub async fn merge(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    into: Uuid,
    why: &str,
) -> DomainResult<session::Model> {
    close(env, actor, id, SessionStatus::Merged, why, Some(into)).await
}

/// Registered attendees mark (or unmark) interest in a programme session, in any phase:
/// the personal agenda is built from it.
pub async fn set_interest(
    env: &Env,
    actor: &Actor,
    session_id: Uuid,
    interested: bool,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let s = find(&txn, session_id).await?;
    let me = require_registered(&txn, actor, s.edition_id).await?;
    if interested && status_of(&s) != SessionStatus::Proposed {
        return Err(DomainError::InvalidTransition(
            "session is not in the programme",
        ));
    }
    let had = interest::Entity::find_by_id((s.id, me.id))
        .one(&txn)
        .await?
        .is_some();
    if had == interested {
        return Ok(s);
    }
    if interested {
        interest::ActiveModel {
            session_id: Set(s.id),
            user_id: Set(me.id),
            created_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await?;
    } else {
        interest::Entity::delete_by_id((s.id, me.id))
            .exec(&txn)
            .await?;
    }
    // Who wants what is never exposed, the audit included: the entry carries no actor.
    let entry = audit::record(
        &txn,
        None,
        "barcamp.interest",
        "barcamp_session",
        &s.id.to_string(),
        Value::Null,
        json!({ "interested": interested, "editionId": s.edition_id }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(s)
}

/// The programme in proposal order, keyset on the (time-ordered) id.
pub async fn list(
    env: &Env,
    edition_id: Uuid,
    status: Option<SessionStatus>,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<session::Model>> {
    barcamp::find(&env.db, edition_id).await?;
    let mut q = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .order_by_asc(session::Column::Id);
    if let Some(s) = status {
        q = q.filter(session::Column::Status.eq(s.as_str()));
    }
    if let Some(a) = after {
        q = q.filter(session::Column::Id.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// Sessions the person is interested in or hosts in the edition (all statuses).
pub async fn of_attendee<C: ConnectionTrait>(
    conn: &C,
    edition_id: Uuid,
    user_id: Uuid,
) -> DomainResult<Vec<session::Model>> {
    let mut ids: Vec<Uuid> = interest::Entity::find()
        .filter(interest::Column::UserId.eq(user_id))
        .select_only()
        .column(interest::Column::SessionId)
        .into_tuple()
        .all(conn)
        .await?;
    let hosted: Vec<Uuid> = hosted_ids(conn, user_id).await?;
    ids.extend(hosted);
    Ok(session::Entity::find()
        .filter(session::Column::Id.is_in(ids))
        .filter(session::Column::EditionId.eq(edition_id))
        .order_by_asc(session::Column::Id)
        .all(conn)
        .await?)
}

/// Every registration of a person, for the export and account deletion.
pub async fn registrations_of<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<Vec<barcamp_registration::Model>> {
    Ok(barcamp_registration::Entity::find()
        .filter(barcamp_registration::Column::UserId.eq(user_id))
        .all(conn)
        .await?)
}

/// The person's barcamp data for their export: registrations, sessions they host, their
/// interests (the private feed address is left out: it is a secret, not a record).
pub async fn export<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<(Value, Vec<crate::domain::core::privacy::Table>)> {
    use crate::entities::barcamp_edition;
    use std::collections::HashMap;
    let years: HashMap<Uuid, i32> = barcamp_edition::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|e| (e.id, e.year))
        .collect();
    let year = |id: &Uuid| years.get(id).copied().unwrap_or_default();
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
    let wanted: HashMap<Uuid, session::Model> = session::Entity::find()
        .filter(session::Column::Id.is_in(wants.iter().map(|w| w.session_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let title = |id: &Uuid| wanted.get(id).map(|s| s.title.clone()).unwrap_or_default();
    let edition_year = |id: &Uuid| {
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
                        s.format.clone(),
                        s.status.clone(),
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
