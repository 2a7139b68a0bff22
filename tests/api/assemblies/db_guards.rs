//! What the database itself refuses (migration `m20261204_000001_voting_guards`), on SQLite
//! and PostgreSQL alike: rows set up through the API, then forbidden writes sent straight to
//! the database. Each refusal names its rule and changes nothing; next to each, an allowed
//! write of the same table still succeeds, so a guard that is too broad fails the test too.
//! The closes' rewrites (marks, secret and sealed ballots) run in the election, encrypted and
//! votes tests of this module, which pass with the guards in place.

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

#[tokio::test]
async fn motions_keep_their_kind_seats_mode_and_encrypted_ballot_consistent() {
    let app = spawn_app().await;
    let (chair, _) = cast_of(&app, 0).await;
    let (_, motions) = app.draft_assembly(&chair).await;
    let (open, secret) = (id(&motions[0]), id(&motions[1]));
    let (ea, eitem) = assembly_with_item(&app, &chair).await;
    let election = add_election(&app, &chair, &ea, &eitem, "SECRET", 3, "PER_CANDIDATE").await;
    let sealed = add_election(&app, &chair, &ea, &eitem, "ENCRYPTED", 2, "APPROVAL").await;
    let (election, sealed) = (id(&election), id(&sealed));
    let (_, enc) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let enc = id(&enc);
    let before: Vec<motion::Model> = all_motions(&app).await;

    let set = |col: &str| format!("UPDATE motions SET {col} = $2 WHERE id = $1");
    let text = |v: Option<&str>| Value::from(v.map(str::to_owned));
    const KIND: &str = "ck_motions_kind";
    const ELECTION: &str = "ck_motions_election_seats";
    const PLAIN: &str = "ck_motions_motion_no_seats";
    const SECRET: &str = "ck_motions_encrypted_secret";
    const APPROVAL: &str = "ck_motions_encrypted_approval";
    let updates: Vec<(&str, &str, Uuid, Value)> = vec![
        // The kind: MOTION or ELECTION only.
        (KIND, "kind", open, text(Some("REFERENDUM"))),
        // A plain motion has neither seats nor a mode.
        (PLAIN, "seats", open, Some(2).into()),
        (PLAIN, "mode", secret, text(Some("APPROVAL"))),
        // An election has 1 to 50 seats and a known mode.
        (ELECTION, "seats", election, Some(0).into()),
        (ELECTION, "seats", election, Some(51).into()),
        (ELECTION, "seats", election, None::<i32>.into()),
        (ELECTION, "mode", election, text(Some("RANKED"))),
        (ELECTION, "mode", election, text(None)),
        (ELECTION, "kind", open, text(Some("ELECTION"))),
        // An encrypted motion is a secret one; an encrypted election is by approval.
        (SECRET, "ballot", enc, text(Some("OPEN"))),
        (SECRET, "encrypted", open, true.into()),
        (APPROVAL, "mode", sealed, text(Some("PER_CANDIDATE"))),
    ];
    for (rule, col, m, v) in updates {
        refused(&app, rule, &set(col), vec![m.into(), v]).await;
    }
    // The same rules on a new row.
    for (rule, ballot, encrypted, kind, seats, mode) in [
        (KIND, "OPEN", false, "POLL", None, None),
        (ELECTION, "OPEN", false, "ELECTION", None, Some("APPROVAL")),
        (ELECTION, "OPEN", false, "ELECTION", Some(2), None),
        (PLAIN, "OPEN", false, "MOTION", Some(1), None),
        (SECRET, "OPEN", true, "MOTION", None, None),
        (
            APPROVAL,
            "SECRET",
            true,
            "ELECTION",
            Some(1),
            Some("PER_CANDIDATE"),
        ),
    ] {
        let values = copy(open, ballot, encrypted, kind, seats, mode);
        refused(&app, rule, COPY_MOTION, values).await;
    }
    let after: Vec<motion::Model> = all_motions(&app).await;
    assert_eq!(after, before, "a refused write changed a motion");

    // What the rules allow still goes through: the bounds, each mode, each kind of row.
    allowed(&app, &set("seats"), vec![election.into(), Some(50).into()]).await;
    allowed(&app, &set("seats"), vec![election.into(), Some(1).into()]).await;
    allowed(&app, &set("mode"), vec![election.into(), "APPROVAL".into()]).await;
    allowed(
        &app,
        &set("text"),
        vec![enc.into(), "Adopt the amended budget".into()],
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(open, "OPEN", false, "MOTION", None, None),
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(open, "SECRET", true, "MOTION", None, None),
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(
            open,
            "OPEN",
            false,
            "ELECTION",
            Some(50),
            Some("PER_CANDIDATE"),
        ),
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(open, "SECRET", true, "ELECTION", Some(1), Some("APPROVAL")),
    )
    .await;
    let e = motion_row(&app, election).await;
    assert_eq!(
        (e.seats, e.mode.map(|m| m.as_str())),
        (Some(1), Some("APPROVAL"))
    );
    assert_eq!(motion_row(&app, enc).await.text, "Adopt the amended budget");
    assert_eq!(
        motion::Entity::find()
            .all(&app.db)
            .await
            .expect("all")
            .len(),
        before.len() + 4
    );
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

#[tokio::test]
async fn an_encrypted_motion_holds_no_plaintext_choice_and_only_it_holds_sealed_ballots() {
    const RULE: &str = "gd_no_plaintext_when_encrypted";
    const SEALED: &str = "gd_sealed_only_when_encrypted";
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 2).await;
    let (_, enc) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let enc = id(&enc);
    let (a, item, open, secret) = plain_motions(&app, &chair).await;
    let sealed_e = add_election(&app, &chair, &a, &item, "ENCRYPTED", 1, "APPROVAL").await;
    let open_e = add_election(&app, &chair, &a, &item, "OPEN", 1, "APPROVAL").await;
    let secret_e = add_election(&app, &chair, &a, &item, "SECRET", 1, "APPROVAL").await;
    for e in [&sealed_e, &open_e, &secret_e] {
        stands(&app, e, &m[0]).await;
    }
    let (sealed_e, open_e, secret_e) = (id(&sealed_e), id(&open_e), id(&secret_e));
    let (voter, candidate) = (user(&m[1]), user(&m[0]));

    // No plaintext row of any kind for the encrypted motion or the encrypted election (whose
    // candidate is on its ballot: only this rule refuses).
    refused(&app, RULE, OPEN_VOTE, open_vote(enc, voter)).await;
    refused(&app, RULE, SECRET_BALLOT, secret_ballot(enc)).await;
    refused(
        &app,
        RULE,
        CANDIDATE_VOTE,
        candidate_vote(sealed_e, voter, candidate),
    )
    .await;
    refused(
        &app,
        RULE,
        CANDIDATE_MARK,
        candidate_mark(sealed_e, candidate),
    )
    .await;
    // No sealed ballot for a motion or an election that is not encrypted.
    for m in [open, secret, open_e, secret_e] {
        refused(&app, SEALED, SEALED_BALLOT, sealed_ballot(m)).await;
    }
    for (table, m) in [
        ("open_votes", enc),
        ("secret_ballots", enc),
        ("candidate_votes", sealed_e),
        ("candidate_marks", sealed_e),
    ] {
        assert_eq!(rows(&app, table, "motion_id", m).await, 0, "{table}");
    }
    for m in [open, secret, open_e, secret_e] {
        assert_eq!(rows(&app, "encrypted_ballots", "motion_id", m).await, 0);
    }

    // The same rows for the motions they belong to are written.
    allowed(&app, OPEN_VOTE, open_vote(open, voter)).await;
    allowed(&app, SECRET_BALLOT, secret_ballot(secret)).await;
    allowed(
        &app,
        CANDIDATE_VOTE,
        candidate_vote(open_e, voter, candidate),
    )
    .await;
    allowed(&app, CANDIDATE_MARK, candidate_mark(secret_e, candidate)).await;
    allowed(&app, SEALED_BALLOT, sealed_ballot(enc)).await;
    allowed(&app, SEALED_BALLOT, sealed_ballot(sealed_e)).await;

    // Moving a row to the wrong motion is refused as well.
    let moved = |table: &str| format!("UPDATE {table} SET motion_id = $2 WHERE motion_id = $1");
    refused(
        &app,
        RULE,
        &moved("open_votes"),
        vec![open.into(), enc.into()],
    )
    .await;
    refused(
        &app,
        RULE,
        &moved("secret_ballots"),
        vec![secret.into(), enc.into()],
    )
    .await;
    refused(
        &app,
        RULE,
        &moved("candidate_marks"),
        vec![secret_e.into(), sealed_e.into()],
    )
    .await;
    refused(
        &app,
        SEALED,
        &moved("encrypted_ballots"),
        vec![enc.into(), secret.into()],
    )
    .await;
    for (table, m, n) in [
        ("open_votes", open, 1),
        ("open_votes", enc, 0),
        ("secret_ballots", secret, 1),
        ("secret_ballots", enc, 0),
        ("candidate_votes", open_e, 1),
        ("candidate_marks", secret_e, 1),
        ("candidate_marks", sealed_e, 0),
        ("encrypted_ballots", enc, 1),
        ("encrypted_ballots", sealed_e, 1),
        ("encrypted_ballots", secret, 0),
    ] {
        assert_eq!(rows(&app, table, "motion_id", m).await, n, "{table} {m}");
    }
}

#[tokio::test]
async fn election_marks_name_one_of_the_elections_accepted_candidates() {
    const RULE: &str = "gd_marks_name_a_candidate";
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 5).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let open_e = add_election(&app, &chair, &a, &item, "OPEN", 2, "APPROVAL").await;
    let secret_e = add_election(&app, &chair, &a, &item, "SECRET", 2, "PER_CANDIDATE").await;
    // m0 stands in both; m1 is proposed in both, not yet accepted; m3 stands in the secret
    // one only; m2 stands nowhere.
    for e in [&open_e, &secret_e] {
        stands(&app, e, &m[0]).await;
        let r = propose(&app, &chair, e, &m[1]).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    stands(&app, &secret_e, &m[3]).await;
    let (open_e_id, secret_e_id) = (id(&open_e), id(&secret_e));
    let voter = user(&m[4]);
    let [c0, c1, c2, c3] = [0, 1, 2, 3].map(|i| user(&m[i]));

    for c in [c1, c2, c3] {
        refused(
            &app,
            RULE,
            CANDIDATE_VOTE,
            candidate_vote(open_e_id, voter, c),
        )
        .await;
    }
    for c in [c1, c2] {
        refused(&app, RULE, CANDIDATE_MARK, candidate_mark(secret_e_id, c)).await;
    }
    refused(&app, RULE, CANDIDATE_MARK, candidate_mark(open_e_id, c3)).await;
    assert_eq!(
        rows(&app, "candidate_votes", "motion_id", open_e_id).await,
        0
    );
    assert_eq!(
        rows(&app, "candidate_marks", "motion_id", secret_e_id).await,
        0
    );
    assert_eq!(
        rows(&app, "candidate_marks", "motion_id", open_e_id).await,
        0
    );

    // The accepted candidates' marks are written.
    allowed(&app, CANDIDATE_VOTE, candidate_vote(open_e_id, voter, c0)).await;
    allowed(&app, CANDIDATE_MARK, candidate_mark(secret_e_id, c0)).await;
    allowed(&app, CANDIDATE_MARK, candidate_mark(secret_e_id, c3)).await;
    // A mark cannot be moved to someone who is not on the ballot.
    let to = |table: &str| {
        format!("UPDATE {table} SET candidate_id = $3 WHERE motion_id = $1 AND candidate_id = $2")
    };
    refused(
        &app,
        RULE,
        &to("candidate_votes"),
        vec![open_e_id.into(), c0.into(), c2.into()],
    )
    .await;
    refused(
        &app,
        RULE,
        &to("candidate_marks"),
        vec![secret_e_id.into(), c3.into(), c1.into()],
    )
    .await;
    assert_eq!(rows(&app, "candidate_votes", "candidate_id", c0).await, 1);
    assert_eq!(rows(&app, "candidate_votes", "candidate_id", c2).await, 0);
    assert_eq!(rows(&app, "candidate_marks", "candidate_id", c3).await, 1);
    assert_eq!(rows(&app, "candidate_marks", "candidate_id", c1).await, 0);

    // Once m1 accepts, a mark for them is written.
    let r = accept(&app, &m[1], &open_e).await;
    assert!(r["errors"].is_null(), "{r}");
    allowed(&app, CANDIDATE_VOTE, candidate_vote(open_e_id, voter, c1)).await;
    assert_eq!(
        rows(&app, "candidate_votes", "motion_id", open_e_id).await,
        2
    );
    // Still not in the secret election, where m1 has not accepted.
    refused(&app, RULE, CANDIDATE_MARK, candidate_mark(secret_e_id, c1)).await;
}

#[tokio::test]
async fn an_encrypted_tally_waits_for_the_parameters_and_the_record_for_the_tally() {
    const TALLY: &str = "ck_elections_tally_after_params";
    const RECORD: &str = "ck_elections_record_after_tally";
    let app = spawn_app().await;
    let (chair, _) = cast_of(&app, 0).await;
    let (_, enc) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let enc = id(&enc);
    let (_, _, _, secret) = plain_motions(&app, &chair).await;
    let fresh = election_row(&app, enc).await;
    assert_eq!(
        (&fresh.params, &fresh.encrypted_tally, &fresh.record),
        (&None, &None, &None)
    );
    let set = |col: &str| format!("UPDATE motion_elections SET {col} = $2 WHERE motion_id = $1");
    let some = |s: &str| Value::from(Some(s.to_owned()));
    let none = || Value::from(None::<String>);

    refused(
        &app,
        TALLY,
        &set("encrypted_tally"),
        vec![enc.into(), some("{\"t\":1}")],
    )
    .await;
    refused(
        &app,
        RECORD,
        &set("record"),
        vec![enc.into(), some("{\"r\":1}")],
    )
    .await;
    let insert = "INSERT INTO motion_elections (motion_id, params, encrypted_tally, record) \
                  VALUES ($1, $2, $3, $4)";
    refused(
        &app,
        TALLY,
        insert,
        vec![secret.into(), none(), some("{}"), none()],
    )
    .await;
    refused(
        &app,
        RECORD,
        insert,
        vec![secret.into(), some("{}"), none(), some("{}")],
    )
    .await;
    assert_eq!(election_row(&app, enc).await, fresh);
    assert_eq!(rows(&app, "motion_elections", "motion_id", secret).await, 0);

    // In order, each step is written.
    allowed(&app, &set("params"), vec![enc.into(), some("{\"p\":1}")]).await;
    allowed(
        &app,
        &set("encrypted_tally"),
        vec![enc.into(), some("{\"t\":1}")],
    )
    .await;
    allowed(&app, &set("record"), vec![enc.into(), some("{\"r\":1}")]).await;
    // And none is taken back from under the next.
    refused(&app, TALLY, &set("params"), vec![enc.into(), none()]).await;
    refused(
        &app,
        RECORD,
        &set("encrypted_tally"),
        vec![enc.into(), none()],
    )
    .await;
    let done = election_row(&app, enc).await;
    assert_eq!(
        (
            done.params.as_deref(),
            done.encrypted_tally.as_deref(),
            done.record.as_deref()
        ),
        (Some("{\"p\":1}"), Some("{\"t\":1}"), Some("{\"r\":1}"))
    );
}

#[tokio::test]
async fn an_anonymous_poll_never_links_a_person_to_a_choice() {
    const NAMED: &str = "gd_no_named_answer_when_anonymous";
    const UNLINKED: &str = "gd_unlinked_answer_only_when_anonymous";
    let app = spawn_app().await;
    let w = world(&app).await;
    let anon = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["a", "b"]),
    )
    .await;
    let open = poll_id(&app, &w.board, input("SINGLE", "OPEN", None, &["a", "b"])).await;
    answered(&app, &w.effective, &anon, &[0]).await;
    let (anon_id, open_id) = (id(&anon), id(&open));
    let answer = "INSERT INTO poll_answers (poll_id, user_id, choice, answered_at) \
                  VALUES ($1, $2, '[0]', $3)";
    let named =
        |p: Uuid, who: &TestUser| vec![p.into(), user(who).into(), chrono::Utc::now().into()];
    let ballot = "INSERT INTO poll_ballots (id, poll_id, choice) VALUES ($1, $2, '[1]')";
    let unlinked = |p: Uuid| vec![Uuid::new_v4().to_string().into(), p.into()];

    // Neither the person who answered nor anyone else gets a named answer in the anonymous
    // poll; the open poll gets no unlinked one.
    refused(&app, NAMED, answer, named(anon_id, &w.effective)).await;
    refused(&app, NAMED, answer, named(anon_id, &w.board)).await;
    refused(&app, UNLINKED, ballot, unlinked(open_id)).await;
    assert_eq!(rows(&app, "poll_answers", "poll_id", anon_id).await, 0);
    assert_eq!(rows(&app, "poll_ballots", "poll_id", anon_id).await, 1);
    assert_eq!(rows(&app, "poll_ballots", "poll_id", open_id).await, 0);

    // Each poll takes its own kind of row.
    allowed(&app, answer, named(open_id, &w.effective)).await;
    allowed(&app, ballot, unlinked(anon_id)).await;
    // A named answer cannot be moved into the anonymous poll.
    refused(
        &app,
        NAMED,
        "UPDATE poll_answers SET poll_id = $2 WHERE poll_id = $1",
        vec![open_id.into(), anon_id.into()],
    )
    .await;
    assert_eq!(rows(&app, "poll_answers", "poll_id", open_id).await, 1);
    assert_eq!(rows(&app, "poll_answers", "poll_id", anon_id).await, 0);

    // Answering through the server still works on both.
    answered(&app, &w.coordinator, &anon, &[1]).await;
    answered(&app, &w.board, &open, &[1]).await;
    assert_eq!(rows(&app, "poll_ballots", "poll_id", anon_id).await, 3);
    assert_eq!(rows(&app, "poll_answers", "poll_id", open_id).await, 2);
    assert_eq!(rows(&app, "poll_answers", "poll_id", anon_id).await, 0);
}
