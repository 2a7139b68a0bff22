//! What the database itself refuses (migration `m20261204_000001_voting_guards`), on SQLite
//! and PostgreSQL alike: rows set up through the API, then forbidden writes sent straight to
//! the database. Each refusal names its rule and changes nothing; next to each, an allowed
//! write of the same table still succeeds, so a guard that is too broad fails the test too.
//! The closes' rewrites (marks, secret and sealed ballots) run in the election, encrypted and
//! votes tests of this module, which pass with the guards in place.

mod ballots;
mod motions;
mod tallies;

use super::cast_of;
use super::elections::{accept, add_election, assembly_with_item, propose};
use super::encrypted::encrypted_motion;
use crate::polls::{answered, input, poll_id, world};
use constellation_backend::entities::{motion, motion_election};
use constellation_tests::{spawn_app, TestApp, TestUser};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, EntityTrait, ExecResult, QueryOrder, Statement, Value,
};
use uuid::Uuid;

fn id(s: &str) -> Uuid {
    Uuid::parse_str(s).expect("a uuid")
}

fn user(u: &TestUser) -> Uuid {
    id(&u.id)
}

/// Runs `sql` (placeholders `$1`, `$2`, …) with `values` on the app's database.
async fn exec(app: &TestApp, sql: &str, values: Vec<Value>) -> Result<ExecResult, DbErr> {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    };
    app.db
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
}

/// The write must be refused by `rule` (its name is in the database's message).
async fn refused(app: &TestApp, rule: &str, sql: &str, values: Vec<Value>) {
    match exec(app, sql, values).await {
        Ok(r) => panic!(
            "{sql}: accepted ({} rows), expected {rule} to refuse it",
            r.rows_affected()
        ),
        Err(e) => assert!(e.to_string().contains(rule), "{sql}: {e}, expected {rule}"),
    }
}

/// The write must succeed on exactly one row.
async fn allowed(app: &TestApp, sql: &str, values: Vec<Value>) {
    let r = exec(app, sql, values)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    assert_eq!(r.rows_affected(), 1, "{sql}");
}

/// Rows of `table` whose `col` is `value`.
async fn rows(app: &TestApp, table: &str, col: &str, value: Uuid) -> i64 {
    let backend = app.db.get_database_backend();
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {col} = $1");
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql,
    };
    app.db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [value.into()]))
        .await
        .expect("count")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("n")
}

async fn motion_row(app: &TestApp, m: Uuid) -> motion::Model {
    motion::Entity::find_by_id(m)
        .one(&app.db)
        .await
        .expect("motion")
        .expect("exists")
}

async fn all_motions(app: &TestApp) -> Vec<motion::Model> {
    motion::Entity::find()
        .order_by_asc(motion::Column::Id)
        .all(&app.db)
        .await
        .expect("motions")
}

async fn election_row(app: &TestApp, m: Uuid) -> motion_election::Model {
    motion_election::Entity::find_by_id(m)
        .one(&app.db)
        .await
        .expect("election row")
        .expect("exists")
}

/// A random 32-hex string (ids, receipts).
fn hex() -> String {
    Uuid::new_v4().simple().to_string()
}

const COPY_MOTION: &str = "INSERT INTO motions \
     (id, assembly_id, item_id, text, rule_code, ballot, status, encrypted, kind, seats, mode) \
     SELECT $2, assembly_id, item_id, text, rule_code, $3, 'DRAFT', $4, $5, $6, $7 \
     FROM motions WHERE id = $1";

/// Values for `COPY_MOTION`: a new motion next to `from`.
fn copy(
    from: Uuid,
    ballot: &str,
    encrypted: bool,
    kind: &str,
    seats: Option<i32>,
    mode: Option<&str>,
) -> Vec<Value> {
    vec![
        from.into(),
        Uuid::new_v4().into(),
        ballot.into(),
        encrypted.into(),
        kind.into(),
        seats.into(),
        mode.map(str::to_owned).into(),
    ]
}

const OPEN_VOTE: &str = "INSERT INTO open_votes (motion_id, member_id, cast_by, choice, cast_at) \
                         VALUES ($1, $2, $2, 'YES', $3)";
const SECRET_BALLOT: &str =
    "INSERT INTO secret_ballots (id, motion_id, choice, receipt) VALUES ($1, $2, 'NO', $3)";
const CANDIDATE_VOTE: &str = "INSERT INTO candidate_votes \
     (motion_id, member_id, candidate_id, choice, cast_by) VALUES ($1, $2, $3, 'YES', $2)";
const CANDIDATE_MARK: &str =
    "INSERT INTO candidate_marks (id, motion_id, candidate_id, choice) VALUES ($1, $2, $3, 'YES')";
const SEALED_BALLOT: &str =
    "INSERT INTO encrypted_ballots (motion_id, tracker, credential, ballot) \
                             VALUES ($1, $2, $3, '{}')";

fn open_vote(m: Uuid, member: Uuid) -> Vec<Value> {
    vec![m.into(), member.into(), chrono::Utc::now().into()]
}

fn secret_ballot(m: Uuid) -> Vec<Value> {
    vec![hex().into(), m.into(), hex().into()]
}

fn candidate_vote(m: Uuid, member: Uuid, candidate: Uuid) -> Vec<Value> {
    vec![m.into(), member.into(), candidate.into()]
}

fn candidate_mark(m: Uuid, candidate: Uuid) -> Vec<Value> {
    vec![hex().into(), m.into(), candidate.into()]
}

fn sealed_ballot(m: Uuid) -> Vec<Value> {
    vec![
        m.into(),
        format!("{}{}", hex(), hex()).into(),
        format!("{}{}", hex(), hex()).into(),
    ]
}

/// A draft assembly's open and secret motions and its first item.
async fn plain_motions(app: &TestApp, chair: &TestUser) -> (String, String, Uuid, Uuid) {
    let (a, motions) = app.draft_assembly(chair).await;
    let st = app.assembly_state(chair, &a).await;
    let item = st["agenda"][0]["id"].as_str().expect("item").to_owned();
    (a, item, id(&motions[0]), id(&motions[1]))
}

/// Proposes `who` as a candidate of `e` by themselves (accepted at once).
async fn stands(app: &TestApp, e: &str, who: &TestUser) {
    let r = propose(app, who, e, who).await;
    assert!(r["errors"].is_null(), "{r}");
}
