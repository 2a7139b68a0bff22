//! "Members own their data": everything the platform holds about the caller, as one JSON
//! document and as tables. Later domains add their sections here.

use crate::domain::{accounts, Actor, DomainError, DomainResult, Env};
use crate::entities::{
    audit_log, lab, lab_member, login_attempt, project, project_support, resource_request, user,
};
use constellation_shared::ids::{LabId, PeriodId, PoolId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

pub use crate::domain::core::privacy::Table;

pub struct Export {
    pub json: Value,
    pub tables: Vec<Table>,
}

fn account_json(u: &user::Model) -> Value {
    json!({
        "id": u.id,
        "email": u.email,
        "displayName": u.display_name,
        "membershipKind": u.membership_kind,
        "isBoard": u.is_board,
        "isAdmin": u.is_admin,
        "language": u.language,
        "createdAt": u.created_at,
        "updatedAt": u.updated_at,
    })
}

/// The caller's data. Other people appear in none of it: audit entries are the caller's own
/// actions, and login attempts only those against the caller's own address.
pub async fn my_data(env: &Env, actor: &Actor) -> DomainResult<Export> {
    let me = actor.user()?;
    let account = accounts::find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let actions = audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(me.id))
        .order_by_asc(audit_log::Column::Id)
        .all(&env.db)
        .await?;
    let failures = login_attempt::Entity::find()
        .filter(
            login_attempt::Column::Key.eq(crate::domain::core::rate_limit::account_key(
                &account.email_normalized,
            )),
        )
        .order_by_asc(login_attempt::Column::At)
        .all(&env.db)
        .await?;

    let memberships = lab_member::Entity::find()
        .filter(lab_member::Column::UserId.eq(me.id))
        .all(&env.db)
        .await?;
    let lab_ids: Vec<LabId> = memberships.iter().map(|m| m.lab_id).collect();
    let labs_by_id: std::collections::HashMap<LabId, String> = lab::Entity::find()
        .filter(lab::Column::Id.is_in(lab_ids))
        .all(&env.db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.slug))
        .collect();
    let founded = lab::Entity::find()
        .filter(lab::Column::CreatedBy.eq(me.id))
        .all(&env.db)
        .await?;
    let projects = project::Entity::find()
        .filter(project::Column::ProposedBy.eq(me.id))
        .all(&env.db)
        .await?;
    let supports = project_support::Entity::find()
        .filter(project_support::Column::UserId.eq(me.id))
        .all(&env.db)
        .await?;
    let slug = |id: &LabId| labs_by_id.get(id).cloned().unwrap_or_default();
    let requests = resource_request::Entity::find()
        .filter(resource_request::Column::RequestedBy.eq(me.id))
        .all(&env.db)
        .await?;
    // Amounts are shown in their pool's unit and scale.
    let mut units: std::collections::HashMap<PeriodId, (i32, String, String)> =
        std::collections::HashMap::new();
    for r in &requests {
        if let std::collections::hash_map::Entry::Vacant(slot) = units.entry(r.period_id) {
            let (period, pool) =
                crate::domain::resources::find_period(&env.db, r.period_id).await?;
            slot.insert((
                pool.scale,
                pool.unit,
                format!("{} {}", pool.name, period.label),
            ));
        }
    }
    let money = |r: &resource_request::Model, v: i64| {
        units
            .get(&r.period_id)
            .map(|(scale, unit, _)| format!("{} {unit}", crate::domain::resources::show(v, *scale)))
            .unwrap_or_default()
    };
    let pool_name = |r: &resource_request::Model| {
        units
            .get(&r.period_id)
            .map(|u| u.2.clone())
            .unwrap_or_default()
    };

    // An action on another person's account says what was done, not their data.
    let me_str = me.id.to_string();
    let own_diff = |a: &audit_log::Model| a.target_type != "user" || a.target_id == me_str;
    let actions_json: Vec<Value> = actions
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "action": a.action,
                "targetType": a.target_type,
                "targetId": a.target_id,
                "at": a.at,
                "diff": if own_diff(a) { serde_json::from_str::<Value>(&a.diff).unwrap_or(Value::Null) } else { Value::Null },
            })
        })
        .collect();
    let framings = crate::entities::lab_framing::Entity::find()
        .filter(crate::entities::lab_framing::Column::ProposedBy.eq(me.id))
        .all(&env.db)
        .await?;
    let decided = resource_request::Entity::find()
        .filter(resource_request::Column::DecidedBy.eq(me.id))
        .all(&env.db)
        .await?;
    let (barcamp, barcamp_tables) =
        crate::domain::barcamp::sessions::export(&env.db, me.id).await?;
    let (assemblies, assembly_tables) =
        crate::domain::assemblies::votes::export(&env.db, me.id).await?;
    let (register_entry, register_table) = accounts::register::export(&env.db, me.id).await?;
    let (reach_json, reach_tables) = crate::domain::reach::inbox::export(&env.db, me.id).await?;
    let (transition, transition_tables) =
        crate::domain::transition::privacy::export(&env.db, me.id).await?;
    let (polls, poll_tables) = crate::domain::polls::export(&env.db, me.id).await?;
    let mut json = json!({
        "format": "constellation-export/1",
        "exportedAt": chrono::Utc::now(),
        "account": account_json(&account),
        "auditLog": actions_json,
        "failedLoginAttempts": failures.iter().map(|f| f.at).collect::<Vec<_>>(),
        "labMemberships": memberships.iter().map(|m| json!({ "lab": slug(&m.lab_id), "role": m.role, "state": m.state, "since": m.since })).collect::<Vec<_>>(),
        "labsProposed": founded.iter().map(|l| json!({ "slug": l.slug, "name": l.name, "status": l.status, "createdAt": l.created_at })).collect::<Vec<_>>(),
        "projectsProposed": projects.iter().map(|p| json!({ "id": p.id, "lab": p.lab_id, "title": p.title, "description": p.description, "goals": p.goals, "resourcesNeeded": p.resources_needed, "status": p.status, "createdAt": p.created_at })).collect::<Vec<_>>(),
        "projectSupports": supports.iter().map(|s| json!({ "project": s.project_id, "at": s.at })).collect::<Vec<_>>(),
        "framingsProposed": framings.iter().map(|f| json!({ "lab": f.lab_id, "version": f.version, "status": f.status, "themes": serde_json::from_str::<Value>(&f.themes).unwrap_or(Value::Null), "description": f.description, "objectives": f.objectives, "scopeIn": f.scope_in, "scopeOut": f.scope_out, "expectedOutputs": f.expected_outputs, "startDate": f.start_date, "endDate": f.end_date, "membershipPolicy": f.membership_policy, "participation": f.participation, "visibility": f.visibility, "proposedAt": f.proposed_at })).collect::<Vec<_>>(),
        "resourceDecisions": decided.iter().map(|r| json!({ "request": r.id, "lab": r.lab_id, "status": r.status, "reason": r.decision_reason, "decidedAt": r.decided_at })).collect::<Vec<_>>(),
        "resourceRequests": requests.iter().map(|r| json!({ "id": r.id, "lab": r.lab_id, "project": r.project_id, "pool": pool_name(r), "amount": money(r, r.amount), "justification": r.justification, "status": r.status, "granted": money(r, r.granted_amount), "released": money(r, r.released_amount), "decisionReason": r.decision_reason, "createdAt": r.created_at, "decidedAt": r.decided_at })).collect::<Vec<_>>(),
    });
    json["barcamp"] = barcamp;
    json["assemblies"] = assemblies;
    // The register of members' entry (address, dates, the board's note): the member's data.
    json["memberRegister"] = register_entry;
    json["transition"] = transition;
    json["polls"] = polls;
    let mut tables = vec![
        Table {
            name: "audit_log",
            columns: vec!["id", "action", "target_type", "target_id", "at", "diff"],
            rows: actions
                .iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        a.action.clone(),
                        a.target_type.clone(),
                        a.target_id.clone(),
                        a.at.to_rfc3339(),
                        if own_diff(a) {
                            a.diff.clone()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect(),
        },
        Table {
            name: "lab_memberships",
            columns: vec!["lab", "role", "state", "since"],
            rows: memberships
                .iter()
                .map(|m| {
                    vec![
                        slug(&m.lab_id),
                        m.role.as_str().to_owned(),
                        m.state.as_str().to_owned(),
                        m.since.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "projects_proposed",
            columns: vec!["id", "lab", "title", "status", "created_at"],
            rows: projects
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.lab_id.to_string(),
                        p.title.clone(),
                        p.status.as_str().to_owned(),
                        p.created_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "project_supports",
            columns: vec!["project", "at"],
            rows: supports
                .iter()
                .map(|s| vec![s.project_id.to_string(), s.at.to_rfc3339()])
                .collect(),
        },
        Table {
            name: "resource_requests",
            columns: vec![
                "id",
                "lab",
                "pool",
                "amount",
                "status",
                "granted",
                "released",
                "decision_reason",
                "created_at",
            ],
            rows: requests
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.lab_id.to_string(),
                        pool_name(r),
                        money(r, r.amount),
                        r.status.as_str().to_owned(),
                        money(r, r.granted_amount),
                        money(r, r.released_amount),
                        r.decision_reason.clone().unwrap_or_default(),
                        r.created_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "failed_login_attempts",
            columns: vec!["at"],
            rows: failures.iter().map(|f| vec![f.at.to_rfc3339()]).collect(),
        },
    ];
    tables.extend(barcamp_tables);
    tables.extend(assembly_tables);
    tables.push(register_table);
    tables.extend(reach_tables);
    tables.extend(transition_tables);
    tables.extend(poll_tables);
    if let (Some(obj), Some(extra)) = (json.as_object_mut(), reach_json.as_object()) {
        obj.extend(extra.clone());
    }
    Ok(Export { json, tables })
}

/// RFC 4180 quoting. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
/// first) get a leading `'`: notes and names are typed by members.
pub fn to_csv(table: &Table) -> String {
    fn cell(raw: &str) -> String {
        let s = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{raw}")
        } else {
            raw.to_owned()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    }
    let mut out = table.columns.join(",");
    out.push_str("\r\n");
    for row in &table.rows {
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The whole ledger as a table, for `GET /export/ledger.csv` (association members).
pub async fn ledger_table(env: &Env, actor: &Actor) -> DomainResult<Table> {
    use crate::entities::{pool_period, resource_pool};
    use std::collections::HashMap;
    let entries =
        crate::domain::resources::requests::ledger_page(env, actor, None, None, None, None).await?;
    let labs: HashMap<LabId, lab::Model> = lab::Entity::find()
        .all(&env.db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let periods: HashMap<PeriodId, pool_period::Model> = pool_period::Entity::find()
        .all(&env.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let pools: HashMap<PoolId, resource_pool::Model> = resource_pool::Entity::find()
        .all(&env.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let actor_ids: Vec<uuid::Uuid> = entries.iter().filter_map(|e| e.actor_id).collect();
    let names: HashMap<uuid::Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(&env.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let rows = entries
        .iter()
        .rev()
        .map(|e| {
            let period = periods.get(&e.period_id);
            let pool = period.and_then(|p| pools.get(&p.pool_id));
            let lab = labs.get(&e.lab_id);
            vec![
                e.id.to_string(),
                e.at.to_rfc3339(),
                lab.map(|l| l.slug.clone()).unwrap_or_default(),
                lab.map(|l| l.name.clone()).unwrap_or_default(),
                pool.map(|p| p.name.clone()).unwrap_or_default(),
                period.map(|p| p.label.clone()).unwrap_or_default(),
                e.kind.as_str().to_owned(),
                crate::domain::resources::show(e.amount, pool.map_or(0, |p| p.scale)),
                pool.map(|p| p.unit.clone()).unwrap_or_default(),
                e.reason.clone(),
                e.actor_id
                    .and_then(|a| names.get(&a).cloned())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    Ok(Table {
        name: "ledger",
        columns: vec![
            "id", "at", "lab", "lab_name", "pool", "period", "kind", "amount", "unit", "reason",
            "actor",
        ],
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_defuses_formulas() {
        let t = Table {
            name: "t",
            columns: vec!["a"],
            rows: vec![
                vec!["=HYPERLINK(\"x\")".into()],
                vec!["@cmd".into()],
                vec!["plain".into()],
            ],
        };
        assert_eq!(
            to_csv(&t),
            "a\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n'@cmd\r\nplain\r\n"
        );
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let t = Table {
            name: "t",
            columns: vec!["a", "b"],
            rows: vec![vec!["plain".into(), "with, comma and \"quote\"".into()]],
        };
        assert_eq!(
            to_csv(&t),
            "a,b\r\nplain,\"with, comma and \"\"quote\"\"\"\r\n"
        );
    }
}
