//! The association's existing inventory as CSV: a header naming `kind`, `name`, `holders`
//! (required) and `description`, `address`, `internal` (optional), in any order and case,
//! `,` or `;` between cells; holders are e-mail addresses separated by `|` or blanks. Every
//! line is checked first; any bad line (wrong columns, unknown kind, unknown member,
//! duplicate) refuses the whole file with a report per line, and nothing is written.

use crate::domain::accounts::roster::records;
use crate::domain::accounts::Email;
use crate::domain::transition::inventory::{check, insert, name_key, NewService};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{transition_service as service, user};
use constellation_shared::dto::transition::ServiceKind;
use constellation_shared::{ErrorCode, ValidationReason};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use std::collections::{HashMap, HashSet};

pub const CSV_MAX_BYTES: usize = 1024 * 1024;
pub const MAX_LINES: usize = 2_000;

/// A refused line: where (the header is line 1), which service, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub name: String,
    pub code: ErrorCode,
    pub field: Option<&'static str>,
    pub reason: Option<ValidationReason>,
}

impl Problem {
    fn new(line: usize, name: &str, e: DomainError) -> Self {
        let (field, reason) = match &e {
            DomainError::Validation { field, reason } => (Some(*field), Some(*reason)),
            _ => (None, None),
        };
        Self {
            line,
            name: name.trim().to_owned(),
            code: e.code(),
            field,
            reason,
        }
    }
}

/// All imported (`problems` empty), or none.
#[derive(Debug)]
pub struct Report {
    pub imported: usize,
    pub problems: Vec<Problem>,
}

const COLUMNS: [&str; 6] = [
    "kind",
    "name",
    "holders",
    "description",
    "address",
    "internal",
];

fn flag(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "" | "no" | "non" | "false" | "0" => Some(false),
        "yes" | "oui" | "true" | "1" | "x" => Some(true),
        _ => None,
    }
}

struct Row {
    line: usize,
    name: String,
    holders: Vec<String>,
    service: Result<(ServiceKind, bool), DomainError>,
    description: String,
    address: String,
}

fn header_problem(reason: ValidationReason) -> Report {
    Report {
        imported: 0,
        problems: vec![Problem::new(1, "", DomainError::invalid("csv", reason))],
    }
}

/// Board and admins.
pub async fn import(env: &Env, actor: &Actor, csv: &str) -> DomainResult<Report> {
    let board = actor.board_or_admin()?;
    if csv.len() > CSV_MAX_BYTES {
        return Err(DomainError::invalid("csv", ValidationReason::TooLong));
    }
    let text = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let first = text.lines().next().unwrap_or_default();
    let sep = if first.contains(';') && !first.contains(',') {
        ';'
    } else {
        ','
    };
    let rows = match records(text, sep) {
        Ok(r) => r,
        Err(line) => {
            return Ok(Report {
                imported: 0,
                problems: vec![Problem::new(
                    line,
                    "",
                    DomainError::invalid("csv", ValidationReason::Invalid),
                )],
            })
        }
    };
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(DomainError::invalid("csv", ValidationReason::Required));
    };
    if body.len() > MAX_LINES {
        return Err(DomainError::invalid("csv", ValidationReason::TooLong));
    }
    // Wrong columns: an unknown or repeated one, or a required one missing.
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        match COLUMNS.iter().find(|c| **c == n.as_str()) {
            Some(c) if !at.contains_key(c) => {
                at.insert(c, i);
            }
            _ => return Ok(header_problem(ValidationReason::Invalid)),
        }
    }
    if ["kind", "name", "holders"]
        .iter()
        .any(|c| !at.contains_key(c))
    {
        return Ok(header_problem(ValidationReason::Required));
    }
    if body.is_empty() {
        return Err(DomainError::invalid("csv", ValidationReason::Required));
    }
    let cell = |r: &[String], c: &str| -> String {
        at.get(c)
            .and_then(|i| r.get(*i))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let parsed: Vec<Row> = body
        .iter()
        .map(|(line, r)| {
            let kind = ServiceKind::from_human(&cell(r, "kind"))
                .ok_or(DomainError::invalid("kind", ValidationReason::Invalid));
            let internal = flag(&cell(r, "internal"))
                .ok_or(DomainError::invalid("internal", ValidationReason::Invalid));
            Row {
                line: *line,
                name: cell(r, "name"),
                holders: cell(r, "holders")
                    .split(|c: char| c == '|' || c.is_whitespace() || c == ',' || c == ';')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                service: kind.and_then(|k| internal.map(|i| (k, i))),
                description: cell(r, "description"),
                address: cell(r, "address"),
            }
        })
        .collect();

    // Holders by address, in one query per 500.
    let mut wanted = HashSet::new();
    for r in &parsed {
        for h in &r.holders {
            if let Ok(e) = Email::parse(h) {
                wanted.insert(e.normalized);
            }
        }
    }
    let wanted: Vec<String> = wanted.into_iter().collect();
    let mut by_email = HashMap::new();
    for chunk in wanted.chunks(500) {
        for u in user::Entity::find()
            .filter(user::Column::EmailNormalized.is_in(chunk.to_vec()))
            .filter(user::Column::DeletedAt.is_null())
            .all(&env.db)
            .await?
        {
            by_email.insert(u.email_normalized.clone(), u.id);
        }
    }
    let existing: HashSet<(ServiceKind, String)> = service::Entity::find()
        .all(&env.db)
        .await?
        .into_iter()
        .map(|s| (s.kind, s.name_key))
        .collect();

    let mut problems = Vec::new();
    let mut ok: Vec<NewService> = Vec::new();
    let mut seen = HashSet::new();
    for r in parsed {
        let (kind, internal) = match r.service {
            Ok(v) => v,
            Err(e) => {
                problems.push(Problem::new(r.line, &r.name, e));
                continue;
            }
        };
        let mut holders = Vec::new();
        let mut unknown = false;
        for h in &r.holders {
            match Email::parse(h)
                .ok()
                .and_then(|e| by_email.get(&e.normalized))
            {
                Some(id) => holders.push(*id),
                None => unknown = true,
            }
        }
        if unknown {
            problems.push(Problem::new(
                r.line,
                &r.name,
                DomainError::invalid("holders", ValidationReason::InvalidId),
            ));
            continue;
        }
        let s = match check(kind, &r.name, &r.description, &r.address, internal, holders) {
            Ok(s) => s,
            Err(e) => {
                let e = match e {
                    DomainError::Validation {
                        field: "holderIds",
                        reason,
                    } => DomainError::invalid("holders", reason),
                    e => e,
                };
                problems.push(Problem::new(r.line, &r.name, e));
                continue;
            }
        };
        let key = (kind, name_key(&s.name));
        if existing.contains(&key) || !seen.insert(key) {
            problems.push(Problem::new(
                r.line,
                &r.name,
                DomainError::Conflict("the same service twice"),
            ));
            continue;
        }
        ok.push(s);
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Ok(Report {
            imported: 0,
            problems,
        });
    }
    let count = ok.len();
    let txn = env.begin_write().await?;
    let mut names = Vec::with_capacity(count);
    for s in ok {
        names.push(s.name.clone());
        // A service entered meanwhile with the same name fails the unique index: the whole
        // import rolls back.
        insert(&txn, board.id, s).await?;
    }
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.import_services",
        "transition_service",
        "",
        serde_json::Value::Null,
        json!({ "imported": count, "names": names }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(Report {
        imported: count,
        problems: Vec::new(),
    })
}
