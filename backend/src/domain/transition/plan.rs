//! The plan: its decision (the assembly motion that adopted it), end-of-service date, the
//! at-risk setting and milestones. Creating it creates the participatory working group's
//! Lab (note, pt. 3.b): running at once, open to every member, its creator coordinating.

use crate::domain::core::parse::{date, text};
use crate::domain::labs::{common_rules, event};
use crate::domain::transition::{current_plan, opt_id, require_plan};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    lab, lab_framing, lab_member, motion, transition_milestone, transition_plan,
};
use constellation_shared::dto::labs::{
    FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy,
};
use constellation_shared::dto::transition::PlanInput;
use constellation_shared::ids::LabId;
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

const PLAN_SINGLE: &[&str] = &[
    "uq_transition_plans_singleton",
    "transition_plans.singleton",
];
const SLUG_UNIQUE: &[&str] = &["uq_labs_slug", "labs.slug"];
/// The working group's Lab address.
pub const WORKING_GROUP_SLUG: &str = "transition";

struct Plan {
    title: String,
    motion: Option<constellation_shared::ids::MotionId>,
    note: String,
    ends_on: chrono::NaiveDate,
    at_risk_days: i32,
}

async fn parse<C: ConnectionTrait>(conn: &C, input: &PlanInput) -> DomainResult<Plan> {
    let title = text("title", &input.title, true, 200)?;
    let note = text("decisionNote", &input.decision_note, false, 10_000)?;
    let ends_on = date("endsOn", &input.ends_on)?;
    if !(1..=3650).contains(&input.at_risk_days) {
        return Err(DomainError::invalid(
            "atRiskDays",
            ValidationReason::Invalid,
        ));
    }
    let motion = opt_id("decisionMotionId", input.decision_motion_id.as_deref())?;
    if let Some(m) = motion {
        if motion::Entity::find_by_id(m).one(conn).await?.is_none() {
            return Err(DomainError::invalid(
                "decisionMotionId",
                ValidationReason::InvalidId,
            ));
        }
    }
    Ok(Plan {
        title,
        motion,
        note,
        ends_on,
        at_risk_days: input.at_risk_days,
    })
}

fn plan_json(p: &transition_plan::Model) -> serde_json::Value {
    json!({ "title": p.title, "endsOn": p.ends_on, "atRiskDays": p.at_risk_days,
            "decisionMotionId": p.decision_motion_id })
}

/// The working group's Lab, running from today to the end of service.
async fn create_working_group(
    txn: &DatabaseTransaction,
    by: Uuid,
    ends_on: chrono::NaiveDate,
) -> DomainResult<lab::Model> {
    let id = LabId::new_v4();
    let now = chrono::Utc::now();
    let name = "Groupe de travail Transition".to_owned();
    let description = "Groupe de travail participatif pour la transition des services \
        hébergés : besoins, hébergeurs recommandés, guides, accompagnement de seconde ligne."
        .to_owned();
    let l = lab::ActiveModel {
        id: Set(id),
        slug: Set(WORKING_GROUP_SLUG.to_owned()),
        name: Set(name.clone()),
        status: Set(LabStatus::Active),
        approved_framing_version: Set(Some(1)),
        pending_framing_version: Set(None),
        acknowledged_rules_version: Set(common_rules::current(txn).await?.map(|r| r.version)),
        visibility: Set(LabVisibility::MembersOnly),
        themes_key: Set("|transition|".to_owned()),
        search_text: Set(format!("{name} {description} transition").to_lowercase()),
        created_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .on_unique(SLUG_UNIQUE, DomainError::SlugTaken)?;
    let start = now.date_naive();
    lab_framing::ActiveModel {
        lab_id: Set(id),
        version: Set(1),
        status: Set(FramingStatus::Approved),
        themes: Set(json!(["transition"]).to_string()),
        description: Set(description),
        objectives: Set(
            "Que chaque membre garde les services dont il a besoin et récupère \
            l'entièreté de ses données."
                .to_owned(),
        ),
        scope_in: Set(String::new()),
        scope_out: Set(String::new()),
        expected_outputs: Set(String::new()),
        start_date: Set(start),
        end_date: Set(ends_on.max(start)),
        membership_policy: Set(MembershipPolicy::Open),
        participation: Set(String::new()),
        visibility: Set(LabVisibility::MembersOnly),
        review_comment: Set(None),
        proposed_by: Set(by),
        proposed_at: Set(now),
    }
    .insert(txn)
    .await?;
    lab_member::ActiveModel {
        lab_id: Set(id),
        user_id: Set(by),
        role: Set(LabRole::Coordinator),
        state: Set(MemberState::Active),
        since: Set(now),
    }
    .insert(txn)
    .await?;
    event(txn, id, "PROPOSED", Some(by), None, Some(1)).await?;
    event(txn, id, "APPROVED", Some(by), None, Some(1)).await?;
    Ok(l)
}

/// Board: sets up the transition (once) and its working group.
pub async fn create(
    env: &Env,
    actor: &Actor,
    input: PlanInput,
) -> DomainResult<transition_plan::Model> {
    let board = actor.board_or_admin()?;
    let p = parse(&env.db, &input).await?;
    let txn = env.begin_write().await?;
    if current_plan(&txn).await?.is_some() {
        return Err(DomainError::Conflict("the transition already exists"));
    }
    let group = create_working_group(&txn, board.id, p.ends_on).await?;
    let now = chrono::Utc::now();
    let plan = transition_plan::ActiveModel {
        id: Set(Uuid::new_v4()),
        singleton: Set(1),
        title: Set(p.title),
        decision_motion_id: Set(p.motion),
        decision_note: Set(p.note),
        ends_on: Set(p.ends_on),
        at_risk_days: Set(p.at_risk_days),
        working_group_lab_id: Set(group.id),
        created_by: Set(board.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .on_unique(
        PLAN_SINGLE,
        DomainError::Conflict("the transition already exists"),
    )?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.create_plan",
        "transition_plan",
        &plan.id.to_string(),
        serde_json::Value::Null,
        json!({ "plan": plan_json(&plan), "workingGroup": group.slug }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(plan)
}

/// Board: the title, decision, end date or at-risk setting change.
pub async fn update(
    env: &Env,
    actor: &Actor,
    input: PlanInput,
) -> DomainResult<transition_plan::Model> {
    let board = actor.board_or_admin()?;
    let p = parse(&env.db, &input).await?;
    let txn = env.begin_write().await?;
    let before = require_plan(&txn).await?;
    let mut am: transition_plan::ActiveModel = before.clone().into();
    am.title = Set(p.title);
    am.decision_motion_id = Set(p.motion);
    am.decision_note = Set(p.note);
    am.ends_on = Set(p.ends_on);
    am.at_risk_days = Set(p.at_risk_days);
    am.updated_at = Set(chrono::Utc::now());
    let after = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.update_plan",
        "transition_plan",
        &after.id.to_string(),
        plan_json(&before),
        plan_json(&after),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// Board: a milestone of the plan.
pub async fn add_milestone(
    env: &Env,
    actor: &Actor,
    label: &str,
    due_on: &str,
) -> DomainResult<transition_milestone::Model> {
    let board = actor.board_or_admin()?;
    let label = text("label", label, true, 200)?;
    let due_on = date("dueOn", due_on)?;
    let txn = env.begin_write().await?;
    let plan = require_plan(&txn).await?;
    let m = transition_milestone::ActiveModel {
        id: Set(Uuid::new_v4()),
        plan_id: Set(plan.id),
        label: Set(label),
        due_on: Set(due_on),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.add_milestone",
        "transition_milestone",
        &m.id.to_string(),
        serde_json::Value::Null,
        json!({ "label": m.label, "dueOn": m.due_on }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(m)
}

pub async fn remove_milestone(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<()> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let m = transition_milestone::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    transition_milestone::Entity::delete_by_id(id)
        .exec(&txn)
        .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.remove_milestone",
        "transition_milestone",
        &id.to_string(),
        json!({ "label": m.label, "dueOn": m.due_on }),
        serde_json::Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}

/// Every signed-in account sees the plan (the dashboard is for everyone).
pub async fn get(env: &Env, actor: &Actor) -> DomainResult<Option<transition_plan::Model>> {
    actor.user()?;
    current_plan(&env.db).await
}

pub async fn milestones<C: ConnectionTrait>(
    conn: &C,
    plan_id: Uuid,
) -> DomainResult<Vec<transition_milestone::Model>> {
    Ok(transition_milestone::Entity::find()
        .filter(transition_milestone::Column::PlanId.eq(plan_id))
        .order_by_asc(transition_milestone::Column::DueOn)
        .all(conn)
        .await?)
}
