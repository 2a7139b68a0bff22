//! Proposing and editing a session: checking its fields and co-hosts, the audit summary.

use super::*;
use constellation_shared::ids::{EditionId, LabId, SessionId};

pub(super) struct Fields {
    title: String,
    description: String,
    format: SessionFormat,
    length: i32,
    equipment: String,
    lab_id: Option<LabId>,
    /// `None`: keep the current co-hosts (edits).
    co_hosts: Option<Vec<Uuid>>,
}

/// Validates a proposal. Co-hosts are registered attendees, by email; the Lab, if any, is
/// active and the proposer (or an organiser) is one of its members.
pub(super) async fn parse(
    txn: &DatabaseTransaction,
    actor: &Actor,
    edition_id: EditionId,
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
            let id: LabId = raw
                .parse()
                .map_err(|_| DomainError::invalid("labId", ValidationReason::InvalidId))?;
            let l = lab::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(DomainError::invalid("labId", ValidationReason::Invalid))?;
            let member = crate::domain::labs::membership(txn, id, proposer).await?;
            let organiser = barcamp::is_organiser(txn, actor, edition_id).await?;
            if l.status != LabStatus::Active
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
        format: input.format,
        length: input.length,
        equipment,
        lab_id,
        co_hosts,
    })
}

/// Registered attendees, by email, other than the proposer.
pub(super) async fn co_hosts(
    txn: &DatabaseTransaction,
    edition_id: EditionId,
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

pub(super) fn summary(s: &session::Model, hosts: &[Uuid]) -> Value {
    json!({ "title": s.title, "format": s.format, "length": s.length, "equipment": barcamp::equipment_of(&s.equipment), "labId": s.lab_id, "hosts": hosts, "status": s.status })
}

pub async fn propose(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
    input: SessionInput,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let me = require_registered(&txn, actor, edition_id).await?;
    let e = barcamp::lock(&txn, edition_id).await?;
    if !matches!(e.phase, BarcampPhase::Proposals | BarcampPhase::Interest) {
        return Err(DomainError::InvalidTransition("proposals are closed"));
    }
    let f = parse(&txn, actor, edition_id, &input, me.id).await?;
    let now = Utc::now();
    let s = session::ActiveModel {
        // Time-ordered ids: the programme pages in proposal order on the primary key.
        id: Set(SessionId::now_v7()),
        edition_id: Set(edition_id),
        title: Set(f.title),
        description: Set(f.description),
        format: Set(f.format),
        length: Set(f.length),
        equipment: Set(f.equipment),
        lab_id: Set(f.lab_id),
        proposed_by: Set(me.id),
        status: Set(SessionStatus::Proposed),
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
    session_id: SessionId,
    input: SessionInput,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let s = find(&txn, session_id).await?;
    let me = actor.user()?;
    let hosts = hosts_of(&txn, s.id).await?;
    let organiser = barcamp::is_organiser(&txn, actor, s.edition_id).await?;
    let e = barcamp::lock(&txn, s.edition_id).await?;
    let open = matches!(e.phase, BarcampPhase::Proposals | BarcampPhase::Interest);
    if !(organiser || hosts.contains(&me.id)) {
        return Err(DomainError::Forbidden);
    }
    if !organiser && !open {
        return Err(DomainError::InvalidTransition("editing is closed"));
    }
    if s.status != SessionStatus::Proposed {
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
    if reshaped && s.room_id.is_some() && e.phase == BarcampPhase::Published {
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
