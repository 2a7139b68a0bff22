//! Labs: proposal with a framing, board review, framing changes, archive, acknowledging
//! the common rules; who may see which Lab; the directory and the review queue.

pub mod common_rules;
pub mod invitations;
pub mod members;
pub mod projects;

use crate::domain::core::parse::{date, text};
use crate::domain::{core::audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{audit_log, lab, lab_event, lab_framing, lab_member};
use constellation_shared::dto::labs::{
    FramingInput, FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy,
    ProposeLabInput, ReviewDecision,
};
use constellation_shared::rules::slug::is_valid_slug;
use constellation_shared::ValidationReason;
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

const TEXT_MAX: usize = 10_000;
const NAME_MAX: usize = 120;
const THEME_MAX: usize = 40;
const THEMES_MAX: usize = 10;
const SLUG_UNIQUE: &[&str] = &["uq_labs_slug", "labs.slug"];

/// A framing as the domain holds it: checked, trimmed, dates parsed.
pub struct Framing {
    pub themes: Vec<String>,
    pub description: String,
    pub objectives: String,
    pub scope_in: String,
    pub scope_out: String,
    pub expected_outputs: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
    pub membership_policy: MembershipPolicy,
    pub participation: String,
    pub visibility: LabVisibility,
}

impl Framing {
    pub fn parse(input: &FramingInput) -> DomainResult<Self> {
        let mut themes: Vec<String> = Vec::new();
        for t in &input.themes {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if t.is_empty() || themes.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
                continue;
            }
            if t.chars().count() > THEME_MAX || t.contains('|') {
                return Err(DomainError::invalid("themes", ValidationReason::Invalid));
            }
            themes.push(t);
        }
        if themes.is_empty() {
            return Err(DomainError::invalid("themes", ValidationReason::Required));
        }
        if themes.len() > THEMES_MAX {
            return Err(DomainError::invalid("themes", ValidationReason::TooLong));
        }
        let start_date = date("startDate", &input.start_date)?;
        let end_date = date("endDate", &input.end_date)?;
        if end_date < start_date {
            return Err(DomainError::invalid("endDate", ValidationReason::Invalid));
        }
        Ok(Self {
            themes,
            description: text("description", &input.description, true, TEXT_MAX)?,
            objectives: text("objectives", &input.objectives, true, TEXT_MAX)?,
            scope_in: text("scopeIn", &input.scope_in, false, TEXT_MAX)?,
            scope_out: text("scopeOut", &input.scope_out, false, TEXT_MAX)?,
            expected_outputs: text("expectedOutputs", &input.expected_outputs, false, TEXT_MAX)?,
            start_date,
            end_date,
            membership_policy: input.membership_policy,
            participation: text("participation", &input.participation, false, TEXT_MAX)?,
            visibility: input.visibility,
        })
    }

    fn row(&self, lab_id: Uuid, version: i32, by: Uuid) -> lab_framing::ActiveModel {
        lab_framing::ActiveModel {
            lab_id: Set(lab_id),
            version: Set(version),
            status: Set(FramingStatus::Pending.as_str().to_owned()),
            themes: Set(json!(self.themes).to_string()),
            description: Set(self.description.clone()),
            objectives: Set(self.objectives.clone()),
            scope_in: Set(self.scope_in.clone()),
            scope_out: Set(self.scope_out.clone()),
            expected_outputs: Set(self.expected_outputs.clone()),
            start_date: Set(self.start_date),
            end_date: Set(self.end_date),
            membership_policy: Set(self.membership_policy.as_str().to_owned()),
            participation: Set(self.participation.clone()),
            visibility: Set(self.visibility.as_str().to_owned()),
            review_comment: Set(None),
            proposed_by: Set(by),
            proposed_at: Set(chrono::Utc::now()),
        }
    }
}

pub fn themes_of(f: &lab_framing::Model) -> Vec<String> {
    serde_json::from_str(&f.themes).unwrap_or_default()
}

/// The directory's filter columns (visibility, themes key, search text), copied from the
/// framing in force.
fn searchable(
    name: &str,
    themes: &[String],
    description: &str,
    visibility: &str,
) -> (String, String, String) {
    let key = format!(
        "|{}|",
        themes
            .iter()
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join("|")
    );
    let search = format!("{} {} {}", name, description, themes.join(" ")).to_lowercase();
    (visibility.to_owned(), key, search)
}

fn searchable_from(name: &str, f: &lab_framing::Model) -> (String, String, String) {
    searchable(name, &themes_of(f), &f.description, &f.visibility)
}

pub fn status_of(l: &lab::Model) -> LabStatus {
    LabStatus::parse(&l.status).unwrap_or(LabStatus::Archived)
}

pub fn policy_of(f: &lab_framing::Model) -> MembershipPolicy {
    MembershipPolicy::parse(&f.membership_policy).unwrap_or(MembershipPolicy::Invitation)
}

// ---------------------------------------------------------------- visibility and access

pub async fn membership<C: ConnectionTrait>(
    conn: &C,
    lab_id: Uuid,
    user_id: Uuid,
) -> DomainResult<Option<lab_member::Model>> {
    Ok(lab_member::Entity::find_by_id((lab_id, user_id))
        .one(conn)
        .await?)
}

pub fn is_active(m: Option<&lab_member::Model>) -> bool {
    m.is_some_and(|m| m.state == MemberState::Active.as_str())
}

pub fn is_coordinator(m: Option<&lab_member::Model>) -> bool {
    is_active(m) && m.is_some_and(|m| m.role == LabRole::Coordinator.as_str())
}

/// Public Lab that is running or archived: everyone. Proposals and members-only Labs: the
/// association's members and the board. The Lab's own people (in any state): always.
pub fn can_see(actor: &Actor, l: &lab::Model, m: Option<&lab_member::Model>) -> bool {
    let public_and_live = l.visibility == LabVisibility::Public.as_str()
        && matches!(status_of(l), LabStatus::Active | LabStatus::Archived);
    match actor {
        Actor::User(u) => public_and_live || u.is_association_member() || m.is_some(),
        _ => public_and_live,
    }
}

/// The Lab if the actor may see it; `NotFound` otherwise (not `FORBIDDEN`: a hidden Lab
/// does not exist for whoever may not see it).
pub async fn find_visible<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: Uuid,
) -> DomainResult<lab::Model> {
    let l = lab::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let m = match actor.id() {
        Some(uid) => membership(conn, id, uid).await?,
        None => None,
    };
    if can_see(actor, &l, m.as_ref()) {
        Ok(l)
    } else {
        Err(DomainError::NotFound)
    }
}

pub async fn find_visible_by_slug(
    env: &Env,
    actor: &Actor,
    slug: &str,
) -> DomainResult<Option<lab::Model>> {
    let Some(l) = lab::Entity::find()
        .filter(lab::Column::Slug.eq(slug.trim().to_lowercase()))
        .one(&env.db)
        .await?
    else {
        return Ok(None);
    };
    match find_visible(&env.db, actor, l.id).await {
        Ok(l) => Ok(Some(l)),
        Err(DomainError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The caller must be an active coordinator of the Lab (and the Lab not archived).
pub async fn require_coordinator<'a>(
    conn: &impl ConnectionTrait,
    actor: &'a Actor,
    l: &lab::Model,
) -> DomainResult<&'a CurrentUser> {
    let me = actor.user()?;
    let m = membership(conn, l.id, me.id).await?;
    if !is_coordinator(m.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    Ok(me)
}

// ---------------------------------------------------------------- directory and queue

#[derive(Default)]
pub struct LabFilter {
    pub status: Option<LabStatus>,
    pub theme: Option<String>,
    pub mine: bool,
    pub search: Option<String>,
}

fn members_of(user: Uuid, active_only: bool) -> sea_orm::sea_query::SelectStatement {
    let mut q = Query::select();
    q.column(lab_member::Column::LabId)
        .from(lab_member::Entity)
        .and_where(Expr::col(lab_member::Column::UserId).eq(user));
    if active_only {
        q.and_where(Expr::col(lab_member::Column::State).eq(MemberState::Active.as_str()));
    }
    q.to_owned()
}

fn visible_condition(actor: &Actor) -> Condition {
    let public_live = Condition::all()
        .add(lab::Column::Visibility.eq(LabVisibility::Public.as_str()))
        .add(lab::Column::Status.is_in([LabStatus::Active.as_str(), LabStatus::Archived.as_str()]));
    match actor {
        Actor::User(u) if u.is_association_member() => Condition::all(),
        Actor::User(u) => Condition::any()
            .add(public_live)
            .add(lab::Column::Id.in_subquery(members_of(u.id, false))),
        _ => public_live,
    }
}

/// Ordered by slug; `after` is the last slug seen.
pub async fn list(
    env: &Env,
    actor: &Actor,
    filter: LabFilter,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<lab::Model>> {
    let mut q = lab::Entity::find()
        .filter(visible_condition(actor))
        .order_by_asc(lab::Column::Slug);
    if let Some(s) = filter.status {
        q = q.filter(lab::Column::Status.eq(s.as_str()));
    }
    if let Some(t) = filter
        .theme
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        q = q.filter(lab::Column::ThemesKey.contains(format!("|{}|", t.to_lowercase())));
    }
    if let Some(s) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(
            Expr::expr(Func::lower(Expr::col(lab::Column::SearchText)))
                .like(format!("%{}%", s.to_lowercase())),
        );
    }
    if filter.mine {
        let me = actor.user()?;
        q = q.filter(lab::Column::Id.in_subquery(members_of(me.id, true)));
    }
    if let Some(a) = after {
        q = q.filter(lab::Column::Slug.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// New proposals and framing changes awaiting the board, by slug.
pub async fn review_queue(
    env: &Env,
    actor: &Actor,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<lab::Model>> {
    actor.board_or_admin()?;
    let mut q = lab::Entity::find()
        .filter(
            Condition::any()
                .add(lab::Column::Status.eq(LabStatus::Proposed.as_str()))
                .add(
                    Condition::all()
                        .add(lab::Column::Status.eq(LabStatus::Active.as_str()))
                        .add(lab::Column::PendingFramingVersion.is_not_null()),
                ),
        )
        .order_by_asc(lab::Column::Slug);
    if let Some(a) = after {
        q = q.filter(lab::Column::Slug.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

// ---------------------------------------------------------------- history

pub async fn event(
    txn: &DatabaseTransaction,
    lab_id: Uuid,
    kind: &str,
    actor: Option<Uuid>,
    comment: Option<String>,
    framing_version: Option<i32>,
) -> DomainResult<()> {
    lab_event::ActiveModel {
        lab_id: Set(lab_id),
        kind: Set(kind.to_owned()),
        actor_id: Set(actor),
        comment: Set(comment),
        framing_version: Set(framing_version),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Compare-and-set on the Lab's state: the update applies only if the Lab is still as it was
/// read, so two board members deciding at the same instant cannot both win.
async fn transition(
    txn: &DatabaseTransaction,
    before: &lab::Model,
    changes: lab::ActiveModel,
) -> DomainResult<lab::Model> {
    let mut cond = Condition::all()
        .add(lab::Column::Id.eq(before.id))
        .add(lab::Column::Status.eq(before.status.clone()));
    cond = match before.pending_framing_version {
        Some(v) => cond.add(lab::Column::PendingFramingVersion.eq(v)),
        None => cond.add(lab::Column::PendingFramingVersion.is_null()),
    };
    let res = lab::Entity::update_many()
        .set(changes)
        .filter(cond)
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("lab changed meanwhile"));
    }
    lab::Entity::find_by_id(before.id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)
}

fn lab_audit(l: &lab::Model) -> serde_json::Value {
    json!({
        "status": l.status,
        "approvedFramingVersion": l.approved_framing_version,
        "pendingFramingVersion": l.pending_framing_version,
        "acknowledgedRulesVersion": l.acknowledged_rules_version,
    })
}

async fn set_framing_status(
    txn: &DatabaseTransaction,
    lab_id: Uuid,
    version: i32,
    status: FramingStatus,
    comment: Option<String>,
) -> DomainResult<()> {
    let mut am = lab_framing::ActiveModel {
        lab_id: Set(lab_id),
        version: Set(version),
        status: Set(status.as_str().to_owned()),
        ..Default::default()
    };
    if comment.is_some() {
        am.review_comment = Set(comment);
    }
    am.update(txn).await?;
    Ok(())
}

async fn latest_version(txn: &DatabaseTransaction, lab_id: Uuid) -> DomainResult<i32> {
    Ok(lab_framing::Entity::find()
        .filter(lab_framing::Column::LabId.eq(lab_id))
        .order_by_desc(lab_framing::Column::Version)
        .one(txn)
        .await?
        .map_or(0, |f| f.version))
}

// ---------------------------------------------------------------- mutations

/// Any member of the association (effective or adherent) proposes a Lab and becomes its
/// first coordinator. Sympathisers join Labs; they do not found them.
pub async fn propose(env: &Env, actor: &Actor, input: ProposeLabInput) -> DomainResult<lab::Model> {
    let me = actor.user()?;
    if !me.is_association_member() {
        return Err(DomainError::Forbidden);
    }
    let name = text("name", &input.name, true, NAME_MAX)?;
    let slug = input.slug.trim().to_lowercase();
    if !is_valid_slug(&slug) {
        return Err(DomainError::invalid("slug", ValidationReason::Invalid));
    }
    let framing = Framing::parse(&input.framing)?;
    let id = Uuid::new_v4();
    let now = chrono::Utc::now();
    let txn = env.begin_write().await?;
    let f = framing.row(id, 1, me.id);
    let (visibility, themes_key, search_text) = searchable(
        &name,
        &framing.themes,
        &framing.description,
        framing.visibility.as_str(),
    );
    let l = lab::ActiveModel {
        id: Set(id),
        slug: Set(slug),
        name: Set(name),
        status: Set(LabStatus::Proposed.as_str().to_owned()),
        approved_framing_version: Set(None),
        pending_framing_version: Set(Some(1)),
        acknowledged_rules_version: Set(None),
        visibility: Set(visibility),
        themes_key: Set(themes_key),
        search_text: Set(search_text),
        created_by: Set(me.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .on_unique(SLUG_UNIQUE, DomainError::SlugTaken)?;
    f.insert(&txn).await?;
    lab_member::ActiveModel {
        lab_id: Set(id),
        user_id: Set(me.id),
        role: Set(LabRole::Coordinator.as_str().to_owned()),
        state: Set(MemberState::Active.as_str().to_owned()),
        since: Set(now),
    }
    .insert(&txn)
    .await?;
    event(&txn, id, "PROPOSED", Some(me.id), None, Some(1)).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "lab.propose",
        "lab",
        &id.to_string(),
        serde_json::Value::Null,
        json!({ "slug": l.slug, "name": l.name, "status": l.status }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(l)
}

/// New framing version awaiting the board: for a proposal being edited (status goes back to
/// `PROPOSED`), or for a running Lab (it keeps running on the approved version meanwhile).
async fn new_framing_version(
    env: &Env,
    actor: &Actor,
    lab_id: Uuid,
    input: &FramingInput,
    allowed: &[LabStatus],
    action: &str,
    kind: &str,
) -> DomainResult<lab::Model> {
    actor.user()?;
    let framing = Framing::parse(input)?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    if !allowed.contains(&status_of(&l)) {
        return Err(DomainError::InvalidTransition(
            "framing cannot change in this state",
        ));
    }
    if let Some(old) = l.pending_framing_version {
        set_framing_status(&txn, l.id, old, FramingStatus::Superseded, None).await?;
    }
    let version = latest_version(&txn, l.id).await? + 1;
    let row = framing.row(l.id, version, me.id).insert(&txn).await?;
    let mut changes = lab::ActiveModel {
        pending_framing_version: Set(Some(version)),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    if status_of(&l) != LabStatus::Active {
        // A proposal's directory entry follows the proposal.
        let (visibility, themes_key, search_text) = searchable_from(&l.name, &row);
        changes.status = Set(LabStatus::Proposed.as_str().to_owned());
        changes.visibility = Set(visibility);
        changes.themes_key = Set(themes_key);
        changes.search_text = Set(search_text);
    }
    let updated = transition(&txn, &l, changes).await?;
    event(&txn, l.id, kind, Some(me.id), None, Some(version)).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        action,
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        lab_audit(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

pub async fn resubmit(
    env: &Env,
    actor: &Actor,
    lab_id: Uuid,
    input: &FramingInput,
) -> DomainResult<lab::Model> {
    new_framing_version(
        env,
        actor,
        lab_id,
        input,
        &[LabStatus::Proposed, LabStatus::ChangesRequested],
        "lab.resubmit",
        "RESUBMITTED",
    )
    .await
}

pub async fn propose_framing_change(
    env: &Env,
    actor: &Actor,
    lab_id: Uuid,
    input: &FramingInput,
) -> DomainResult<lab::Model> {
    new_framing_version(
        env,
        actor,
        lab_id,
        input,
        &[LabStatus::Active],
        "lab.propose_framing_change",
        "FRAMING_CHANGE_PROPOSED",
    )
    .await
}

/// The board decides on what is pending: a new Lab, or a framing change of a running one.
/// Asking for changes and rejecting need a comment. A board member who coordinates the Lab
/// cannot decide.
pub async fn review(
    env: &Env,
    actor: &Actor,
    lab_id: Uuid,
    decision: ReviewDecision,
    comment: Option<&str>,
) -> DomainResult<lab::Model> {
    let board = actor.board_or_admin()?;
    let comment = text(
        "comment",
        comment.unwrap_or(""),
        decision != ReviewDecision::Approve,
        TEXT_MAX,
    )?;
    let comment = (!comment.is_empty()).then_some(comment);
    let txn = env.begin_write().await?;
    let l = lab::Entity::find_by_id(lab_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if is_coordinator(membership(&txn, l.id, board.id).await?.as_ref()) {
        return Err(DomainError::ConflictOfInterest);
    }
    let status = status_of(&l);
    let Some(pending) = l
        .pending_framing_version
        .filter(|_| matches!(status, LabStatus::Proposed | LabStatus::Active))
    else {
        return Err(DomainError::InvalidTransition("nothing awaits review"));
    };
    let now = chrono::Utc::now();
    // A refused proposal keeps pointing at its last version (it is what the Lab page shows
    // and what the proposers edit); everything else clears the pending slot.
    let keeps_pending = status == LabStatus::Proposed && decision != ReviewDecision::Approve;
    let mut changes = lab::ActiveModel {
        pending_framing_version: if keeps_pending {
            sea_orm::ActiveValue::NotSet
        } else {
            Set(None)
        },
        updated_at: Set(now),
        ..Default::default()
    };
    let (framing_status, kind) = match (decision, status) {
        (ReviewDecision::Approve, LabStatus::Proposed) => {
            changes.status = Set(LabStatus::Active.as_str().to_owned());
            changes.acknowledged_rules_version =
                Set(common_rules::current(&txn).await?.map(|r| r.version));
            (FramingStatus::Approved, "APPROVED")
        }
        (ReviewDecision::Approve, _) => (FramingStatus::Approved, "FRAMING_CHANGE_APPROVED"),
        (ReviewDecision::RequestChanges, LabStatus::Proposed) => {
            changes.status = Set(LabStatus::ChangesRequested.as_str().to_owned());
            (FramingStatus::ChangesRequested, "CHANGES_REQUESTED")
        }
        (ReviewDecision::RequestChanges, _) => (
            FramingStatus::ChangesRequested,
            "FRAMING_CHANGE_CHANGES_REQUESTED",
        ),
        (ReviewDecision::Reject, LabStatus::Proposed) => {
            changes.status = Set(LabStatus::Rejected.as_str().to_owned());
            (FramingStatus::Rejected, "REJECTED")
        }
        (ReviewDecision::Reject, _) => (FramingStatus::Rejected, "FRAMING_CHANGE_REJECTED"),
    };
    if framing_status == FramingStatus::Approved {
        if let Some(old) = l.approved_framing_version {
            set_framing_status(&txn, l.id, old, FramingStatus::Superseded, None).await?;
        }
        changes.approved_framing_version = Set(Some(pending));
        let f = lab_framing::Entity::find_by_id((l.id, pending))
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound)?;
        let (visibility, themes_key, search_text) = searchable_from(&l.name, &f);
        changes.visibility = Set(visibility);
        changes.themes_key = Set(themes_key);
        changes.search_text = Set(search_text);
    }
    let updated = transition(&txn, &l, changes).await?;
    set_framing_status(&txn, l.id, pending, framing_status, comment.clone()).await?;
    event(
        &txn,
        l.id,
        kind,
        Some(board.id),
        comment.clone(),
        Some(pending),
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        &format!("lab.review.{}", decision.as_str().to_lowercase()),
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        json!({ "lab": lab_audit(&updated), "comment": comment }),
    )
    .await?;
    // The coordinators hear of the board's decision.
    let told = crate::domain::reach::notify::notify(
        &txn,
        &env.reach,
        crate::domain::reach::notify::Notice {
            kind: constellation_shared::dto::reach::NotificationKind::LabDecision,
            event_key: format!("lab.review:{}", entry.id),
            recipients: members::coordinators(&txn, l.id).await?,
            payload: json!({ "subject": l.name, "status": kind.trim_start_matches("FRAMING_CHANGE_"), "detail": comment.clone().unwrap_or_default() }),
            link: format!("/labs/{}", l.slug),
            ics: None,
            about: None,
        },
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(updated)
}

/// The board closes a running Lab inside `txn`; it becomes read-only, its history kept.
/// What other contexts hold for the Lab (pending resource requests) is settled by
/// `flows::archive_lab`, which calls this; the audit entry is published after the commit.
pub async fn archive_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    lab_id: Uuid,
    reason: &str,
) -> DomainResult<(lab::Model, audit_log::Model)> {
    let board = actor.board_or_admin()?;
    let reason = text("reason", reason, true, TEXT_MAX)?;
    let l = lab::Entity::find_by_id(lab_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if status_of(&l) != LabStatus::Active {
        return Err(DomainError::InvalidTransition(
            "only an active Lab is archived",
        ));
    }
    if let Some(p) = l.pending_framing_version {
        set_framing_status(txn, l.id, p, FramingStatus::Superseded, None).await?;
    }
    let updated = transition(
        txn,
        &l,
        lab::ActiveModel {
            status: Set(LabStatus::Archived.as_str().to_owned()),
            pending_framing_version: Set(None),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    event(
        txn,
        l.id,
        "ARCHIVED",
        Some(board.id),
        Some(reason.clone()),
        None,
    )
    .await?;
    let entry = audit::record(
        txn,
        Some(board.id),
        "lab.archive",
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        json!({ "lab": lab_audit(&updated), "reason": reason }),
    )
    .await?;
    Ok((updated, entry))
}

/// A coordinator acknowledges the common rules now in force.
pub async fn acknowledge_rules(env: &Env, actor: &Actor, lab_id: Uuid) -> DomainResult<lab::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    let current = common_rules::current(&txn).await?.map(|r| r.version);
    if status_of(&l) != LabStatus::Active
        || current.is_none()
        || current == l.acknowledged_rules_version
    {
        return Err(DomainError::InvalidTransition("no rules to acknowledge"));
    }
    let updated = transition(
        &txn,
        &l,
        lab::ActiveModel {
            acknowledged_rules_version: Set(current),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    event(
        &txn,
        l.id,
        "RULES_ACKNOWLEDGED",
        Some(me.id),
        current.map(|v| format!("v{v}")),
        None,
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "lab.acknowledge_rules",
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        lab_audit(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
