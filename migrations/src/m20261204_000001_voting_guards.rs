//! Voting guards (issue 15, review finding 9): the rules of encrypted ballots, elections and
//! polls that the code checks, now held by the database as well, on both backends.
//!
//! - `motions`: a kind of `MOTION` (no seats, no mode) or `ELECTION` (1 to 50 seats and a
//!   mode); an encrypted motion is a `SECRET` one, and an encrypted election is by approval.
//! - `motion_elections`: the encrypted tally only once the parameters are set, the record only
//!   once the tally is.
//! - No plaintext choice for an encrypted motion (`open_votes`, `secret_ballots`,
//!   `candidate_votes`, `candidate_marks`), no sealed ballot for another one
//!   (`encrypted_ballots`).
//! - An election's marks name one of its accepted candidates (`motion_candidates`).
//! - An anonymous poll never holds a row linking a person to a choice (`poll_answers`); an
//!   open poll holds no unlinked answer (`poll_ballots`).
//!
//! PostgreSQL: row-local rules are `CHECK` constraints; the rules that read another table are
//! plpgsql trigger functions. SQLite cannot add a `CHECK` to an existing table, so every rule
//! is a pair of `BEFORE INSERT` / `BEFORE UPDATE` triggers there (`RAISE(ABORT)`). The rules
//! are written once, in SQL both backends read. The closes' rewrites (marks, secret and
//! sealed ballots deleted and re-inserted in a random order) write rows that satisfy every
//! rule, so they pass.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A rule on one row: its table, name, the columns it reads and the condition every row meets
/// (a `CHECK` expression: a row passes when it is true or unknown).
struct RowRule {
    table: &'static str,
    name: &'static str,
    columns: &'static [&'static str],
    check: &'static str,
}

const MOTION_COLUMNS: &[&str] = &["kind", "seats", "mode", "ballot", "encrypted"];
const ELECTION_COLUMNS: &[&str] = &["params", "encrypted_tally", "record"];

const ROW_RULES: &[RowRule] = &[
    RowRule {
        table: "motions",
        name: "ck_motions_kind",
        columns: MOTION_COLUMNS,
        check: "kind IN ('MOTION', 'ELECTION')",
    },
    RowRule {
        table: "motions",
        name: "ck_motions_election_seats",
        columns: MOTION_COLUMNS,
        check: "kind <> 'ELECTION' OR (seats IS NOT NULL AND seats BETWEEN 1 AND 50 \
                AND mode IS NOT NULL AND mode IN ('APPROVAL', 'PER_CANDIDATE'))",
    },
    RowRule {
        table: "motions",
        name: "ck_motions_motion_no_seats",
        columns: MOTION_COLUMNS,
        check: "kind <> 'MOTION' OR (seats IS NULL AND mode IS NULL)",
    },
    RowRule {
        table: "motions",
        name: "ck_motions_encrypted_secret",
        columns: MOTION_COLUMNS,
        check: "NOT encrypted OR ballot = 'SECRET'",
    },
    RowRule {
        table: "motions",
        name: "ck_motions_encrypted_approval",
        columns: MOTION_COLUMNS,
        check: "NOT encrypted OR kind <> 'ELECTION' OR mode = 'APPROVAL'",
    },
    RowRule {
        table: "motion_elections",
        name: "ck_elections_tally_after_params",
        columns: ELECTION_COLUMNS,
        check: "encrypted_tally IS NULL OR params IS NOT NULL",
    },
    RowRule {
        table: "motion_elections",
        name: "ck_elections_record_after_tally",
        columns: ELECTION_COLUMNS,
        check: "record IS NULL OR encrypted_tally IS NOT NULL",
    },
];

/// A rule that reads another table: the tables it guards, the columns whose change it
/// checks, and the condition (over `NEW`) under which a write is refused.
struct LinkRule {
    name: &'static str,
    tables: &'static [&'static str],
    columns: &'static str,
    refuse_when: &'static str,
    message: &'static str,
}

const LINK_RULES: &[LinkRule] = &[
    LinkRule {
        name: "gd_no_plaintext_when_encrypted",
        tables: &[
            "open_votes",
            "secret_ballots",
            "candidate_votes",
            "candidate_marks",
        ],
        columns: "motion_id",
        refuse_when: "EXISTS (SELECT 1 FROM motions m WHERE m.id = NEW.motion_id AND m.encrypted)",
        message: "an encrypted motion holds no plaintext choice",
    },
    LinkRule {
        name: "gd_sealed_only_when_encrypted",
        tables: &["encrypted_ballots"],
        columns: "motion_id",
        refuse_when: "NOT EXISTS \
                      (SELECT 1 FROM motions m WHERE m.id = NEW.motion_id AND m.encrypted)",
        message: "only an encrypted motion holds sealed ballots",
    },
    LinkRule {
        name: "gd_marks_name_a_candidate",
        tables: &["candidate_votes", "candidate_marks"],
        columns: "motion_id, candidate_id",
        refuse_when: "NOT EXISTS (SELECT 1 FROM motion_candidates c \
                      WHERE c.motion_id = NEW.motion_id AND c.user_id = NEW.candidate_id \
                      AND c.accepted_at IS NOT NULL)",
        message: "a mark names an accepted candidate of its election",
    },
    LinkRule {
        name: "gd_no_named_answer_when_anonymous",
        tables: &["poll_answers"],
        columns: "poll_id",
        refuse_when: "EXISTS (SELECT 1 FROM polls p \
                      WHERE p.id = NEW.poll_id AND p.visibility = 'ANONYMOUS')",
        message: "an anonymous poll never links a person to a choice",
    },
    LinkRule {
        name: "gd_unlinked_answer_only_when_anonymous",
        tables: &["poll_ballots"],
        columns: "poll_id",
        refuse_when: "NOT EXISTS (SELECT 1 FROM polls p \
                      WHERE p.id = NEW.poll_id AND p.visibility = 'ANONYMOUS')",
        message: "only an anonymous poll holds unlinked answers",
    },
];

/// SQLite: the triggers a row rule becomes; the check reads the new row's columns under
/// their own names (a one-row subquery), so it is the same SQL as PostgreSQL's `CHECK`.
fn sqlite_row_rule(r: &RowRule) -> Vec<String> {
    let new_row = r
        .columns
        .iter()
        .map(|c| format!("NEW.{c} AS {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let cols = r.columns.join(", ");
    [
        ("insert", "INSERT".to_owned()),
        ("update", format!("UPDATE OF {cols}")),
    ]
    .into_iter()
    .map(|(suffix, event)| {
        format!(
            "CREATE TRIGGER {name}_{suffix} BEFORE {event} ON {table} FOR EACH ROW BEGIN \
                 SELECT RAISE(ABORT, 'CHECK constraint failed: {name}') \
                 FROM (SELECT {new_row}) WHERE NOT ({check}); END",
            name = r.name,
            table = r.table,
            check = r.check,
        )
    })
    .collect()
}

fn sqlite_link_rule(r: &LinkRule) -> Vec<String> {
    let mut out = Vec::new();
    for table in r.tables {
        for (suffix, event) in [
            ("insert", "INSERT".to_owned()),
            ("update", format!("UPDATE OF {}", r.columns)),
        ] {
            out.push(format!(
                "CREATE TRIGGER {name}_{table}_{suffix} BEFORE {event} ON {table} FOR EACH ROW \
                 BEGIN SELECT RAISE(ABORT, '{name}: {message}') WHERE {cond}; END",
                name = r.name,
                message = r.message,
                cond = r.refuse_when,
            ));
        }
    }
    out
}

fn postgres_link_rule(r: &LinkRule) -> Vec<String> {
    let mut out = vec![format!(
        "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
         IF {cond} THEN RAISE EXCEPTION USING ERRCODE = 'check_violation', \
         CONSTRAINT = '{name}', MESSAGE = '{name}: {message}'; END IF; \
         RETURN NEW; END $$",
        name = r.name,
        cond = r.refuse_when,
        message = r.message,
    )];
    for table in r.tables {
        out.push(format!(
            "CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OF {cols} ON {table} \
             FOR EACH ROW EXECUTE FUNCTION {name}()",
            name = r.name,
            cols = r.columns,
        ));
    }
    out
}

fn up_statements(backend: DbBackend) -> Vec<String> {
    let mut out = Vec::new();
    if backend == DbBackend::Postgres {
        for r in ROW_RULES {
            out.push(format!(
                "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({})",
                r.table, r.name, r.check
            ));
        }
        for r in LINK_RULES {
            out.extend(postgres_link_rule(r));
        }
    } else {
        for r in ROW_RULES {
            out.extend(sqlite_row_rule(r));
        }
        for r in LINK_RULES {
            out.extend(sqlite_link_rule(r));
        }
    }
    out
}

fn down_statements(backend: DbBackend) -> Vec<String> {
    let mut out = Vec::new();
    if backend == DbBackend::Postgres {
        for r in LINK_RULES.iter().rev() {
            for table in r.tables {
                out.push(format!("DROP TRIGGER {} ON {table}", r.name));
            }
            out.push(format!("DROP FUNCTION {}()", r.name));
        }
        for r in ROW_RULES.iter().rev() {
            out.push(format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                r.table, r.name
            ));
        }
    } else {
        for r in LINK_RULES.iter().rev() {
            for table in r.tables {
                for suffix in ["insert", "update"] {
                    out.push(format!("DROP TRIGGER {}_{table}_{suffix}", r.name));
                }
            }
        }
        for r in ROW_RULES.iter().rev() {
            for suffix in ["insert", "update"] {
                out.push(format!("DROP TRIGGER {}_{suffix}", r.name));
            }
        }
    }
    out
}

async fn run(m: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let conn = m.get_connection();
    for sql in statements {
        conn.execute_unprepared(&sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run(m, up_statements(m.get_database_backend())).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run(m, down_statements(m.get_database_backend())).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `down` drops exactly what `up` creates, on each backend.
    #[test]
    fn down_drops_every_object_up_creates() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let created: Vec<String> = up_statements(backend)
                .iter()
                .filter_map(|s| {
                    let s = s.strip_prefix("CREATE ").or_else(|| {
                        s.strip_prefix("ALTER TABLE ")
                            .and_then(|s| s.split_once(" ADD "))
                            .map(|(_, rest)| rest)
                    })?;
                    let mut w = s.split_whitespace();
                    let kind = w.next()?;
                    let name = w.next()?.trim_end_matches("()");
                    let on = s
                        .split_once(" ON ")
                        .and_then(|(_, t)| t.split_whitespace().next());
                    Some(match (backend, kind, on) {
                        (DbBackend::Postgres, "TRIGGER", Some(t)) => format!("TRIGGER {name} {t}"),
                        _ => format!("{kind} {name}"),
                    })
                })
                .collect();
            let mut dropped: Vec<String> = down_statements(backend)
                .iter()
                .filter_map(|s| {
                    let s = s.strip_prefix("DROP ").or_else(|| {
                        s.strip_prefix("ALTER TABLE ")
                            .and_then(|s| s.split_once(" DROP "))
                            .map(|(_, rest)| rest)
                    })?;
                    let mut w = s.split_whitespace();
                    let kind = w.next()?;
                    let name = w.next()?.trim_end_matches("()");
                    Some(match (backend, kind, w.next(), w.next()) {
                        (DbBackend::Postgres, "TRIGGER", Some("ON"), Some(t)) => {
                            format!("TRIGGER {name} {t}")
                        }
                        _ => format!("{kind} {name}"),
                    })
                })
                .collect();
            let mut created = created;
            created.sort();
            dropped.sort();
            assert_eq!(created, dropped, "{backend:?}");
            assert!(created.len() >= ROW_RULES.len() + LINK_RULES.len());
        }
    }
}
