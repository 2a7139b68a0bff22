//! Encrypted ballots (`BallotKind::Encrypted`, `constellation_shared::voting`) through the real
//! server: the trustees' keys, casting, closing, the trustees' partial decryptions and the
//! published election record (`flow`); ballots the server must refuse (`ballots`); keys and
//! partial decryptions it must refuse (`trustees`); what the database holds (`secrecy`); who
//! may do what (`authz`); the five documents against the schema (`contract`).
//!
//! The tests play the voters' and the trustees' pages: they draw the trustees' secrets, the
//! voters' credentials and the ballots with the same `voting` code the browser runs, so the
//! server only ever sees what a page would send.

mod absent_trustee;
mod authz;
mod ballots;
pub(crate) mod contract;
mod flow;
mod races;
mod secrecy;
mod trustees;

use constellation_shared::queries::assemblies as g;
use constellation_shared::voting::{
    partial_decrypt, raw, Ballot, BasicTrustee, Credential, ElectionParams, EncryptedTally,
    OsRandom, PartialDecryption, TrusteeSecret,
};
use constellation_tests::{TestApp, TestUser};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A trustee as its page knows it: the account, and the secret that never leaves the page.
pub(crate) struct Trustee {
    pub user: TestUser,
    pub secret: TrusteeSecret,
    pub key: BasicTrustee,
}

impl Trustee {
    pub fn index(&self) -> u32 {
        self.secret.index()
    }

    /// The trustee's secret scalar (from its export, as the page would reload it).
    pub fn scalar(&self) -> raw::Scalar {
        let exported = self.secret.export();
        let (_, hex) = exported.split_once(':').expect("index:secret");
        raw::scalar_from_hex(hex).expect("a canonical scalar")
    }
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialises")
}

/// A draft assembly 30 days ahead with one item and one encrypted motion under `rule`.
/// Returns (assembly, motion).
pub(crate) async fn encrypted_motion(
    app: &TestApp,
    chair: &TestUser,
    rule: &str,
) -> (String, String) {
    let at = (chrono::Utc::now() + chrono::Duration::days(30)).to_rfc3339();
    let a = app
        .ok(
            chair,
            "mutation($i: AssemblyInput!) { createAssembly(input: $i) { id } }",
            json!({ "i": { "kind": "ORDINARY", "title": "AG", "startsAt": at, "place": "Brussels", "language": "EN", "firstConvocationId": null } }),
        )
        .await["id"]
        .as_str()
        .expect("assembly")
        .to_owned();
    let item = app
        .ok(
            chair,
            "mutation($a: ID!, $i: AgendaItemInput!) { addAgendaItem(assemblyId: $a, input: $i) { agenda { id } } }",
            json!({ "a": a, "i": { "number": "1", "title": "Budget", "body": "", "documents": [], "statutory": false } }),
        )
        .await["agenda"][0]["id"]
        .clone();
    let motions = app
        .ok(
            chair,
            "mutation($i: ID!, $m: MotionInput!) { addMotion(itemId: $i, input: $m) { motions { id ballot } } }",
            json!({ "i": item, "m": { "text": "Adopt the budget", "rule": rule, "ballot": "ENCRYPTED" } }),
        )
        .await["motions"]
        .clone();
    assert_eq!(motions[0]["ballot"], "ENCRYPTED", "{motions}");
    let m = motions[0]["id"].as_str().expect("motion").to_owned();
    (a, m)
}

/// Convenes the assembly, opens its session and checks `present` in (each by themselves).
pub(crate) async fn in_session(app: &TestApp, chair: &TestUser, a: &str, present: &[&TestUser]) {
    let r = app.assembly_step(chair, "conveneAssembly", a).await;
    assert!(r["errors"].is_null(), "{r}");
    open_session(app, chair, a, present).await;
}

/// Opens the session of a convened assembly and checks `present` in (each by themselves).
pub(crate) async fn open_session(app: &TestApp, chair: &TestUser, a: &str, present: &[&TestUser]) {
    let r = app.assembly_step(chair, "openSession", a).await;
    assert!(r["errors"].is_null(), "{r}");
    for u in present {
        let r = app.check_in(u, a, None).await;
        assert!(r["errors"].is_null(), "{r}");
    }
}

/// The motion as the shared `ASSEMBLY` document shows it to `who`.
pub(crate) async fn motion_of(app: &TestApp, who: &TestUser, a: &str, motion: &str) -> Value {
    let r = app
        .gql(Some(&who.token), g::ASSEMBLY, json!({ "id": a }))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["assembly"]["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["id"] == motion))
        .cloned()
        .unwrap_or_else(|| panic!("motion {motion} in {r}"))
}

/// The election parameters the page reads from the motion (`election.params`).
pub(crate) fn params_of(m: &Value) -> ElectionParams {
    let p = m["election"]["params"]
        .as_str()
        .unwrap_or_else(|| panic!("no parameters yet: {m}"));
    serde_json::from_str(p).expect("ElectionParams")
}

/// The encrypted tally the page reads from the closed motion (`election.encryptedTally`).
pub(crate) fn tally_of(m: &Value) -> EncryptedTally {
    let t = m["election"]["encryptedTally"]
        .as_str()
        .unwrap_or_else(|| panic!("no encrypted tally: {m}"));
    serde_json::from_str(t).expect("EncryptedTally")
}

pub(crate) async fn submit_key(
    app: &TestApp,
    who: Option<&TestUser>,
    motion: &str,
    key: &str,
) -> Value {
    app.gql(
        who.map(|u| u.token.as_str()),
        g::SUBMIT_TRUSTEE_KEY,
        json!({ "motionId": motion, "key": key }),
    )
    .await
}

pub(crate) async fn cast_ballot(
    app: &TestApp,
    who: Option<&TestUser>,
    motion: &str,
    member: &str,
    ballot: &str,
) -> Value {
    app.gql(
        who.map(|u| u.token.as_str()),
        g::CAST_ENCRYPTED_BALLOT,
        json!({ "motionId": motion, "memberId": member, "ballot": ballot }),
    )
    .await
}

pub(crate) async fn submit_partial(
    app: &TestApp,
    who: Option<&TestUser>,
    motion: &str,
    decryption: &str,
) -> Value {
    app.gql(
        who.map(|u| u.token.as_str()),
        g::SUBMIT_PARTIAL_DECRYPTION,
        json!({ "motionId": motion, "decryption": decryption }),
    )
    .await
}

/// `user`'s page: reads its trustee index, draws its key for this election and posts it.
pub(crate) async fn post_key(app: &TestApp, a: &str, motion: &str, user: &TestUser) -> Trustee {
    let m = motion_of(app, user, a, motion).await;
    let index = m["election"]["myTrusteeIndex"]
        .as_u64()
        .unwrap_or_else(|| panic!("{} is not a trustee: {m}", user.email));
    let (secret, key) = BasicTrustee::generate(motion, index as u32, &mut OsRandom).expect("a key");
    let r = submit_key(app, Some(user), motion, &to_json(&key)).await;
    assert!(r["errors"].is_null(), "{r}");
    Trustee {
        user: user.clone(),
        secret,
        key,
    }
}

/// Every trustee posts its key; returned in index order.
pub(crate) async fn post_keys(
    app: &TestApp,
    a: &str,
    motion: &str,
    users: &[&TestUser],
) -> Vec<Trustee> {
    let mut out = Vec::new();
    for u in users {
        out.push(post_key(app, a, motion, u).await);
    }
    out.sort_by_key(Trustee::index);
    out
}

pub(crate) const CHOICES: [&str; 3] = ["YES", "NO", "ABSTAIN"];

/// The selection the page makes for `choice` (the question is yes, no, abstain).
pub(crate) fn selection(choice: &str) -> [bool; 3] {
    let i = CHOICES
        .iter()
        .position(|c| *c == choice)
        .expect("YES, NO or ABSTAIN");
    [i == 0, i == 1, i == 2]
}

/// A voter's page: a fresh credential and the ballot for `choice`.
pub(crate) fn ballot(params: &ElectionParams, choice: &str) -> (Ballot, Credential) {
    let cred = Credential::generate(&mut OsRandom).expect("credential");
    let b = Ballot::create(params, &cred, &selection(choice), &mut OsRandom).expect("ballot");
    (b, cred)
}

/// A trustee's page: its partial decryption of the tally.
pub(crate) fn partial(
    params: &ElectionParams,
    tally: &EncryptedTally,
    t: &Trustee,
) -> PartialDecryption {
    partial_decrypt(params, tally, &t.secret, &mut OsRandom).expect("partial decryption")
}

/// Every row of every table of the app's database, as text (columns joined by U+001F; blobs
/// in hex on SQLite), sorted per table.
pub(crate) async fn dump(app: &TestApp) -> BTreeMap<String, Vec<String>> {
    let backend = app.db.get_database_backend();
    let q = |sql: String| {
        let db = &app.db;
        async move {
            db.query_all_raw(Statement::from_string(backend, sql.clone()))
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }
    };
    let tables: Vec<String> = match backend {
        DbBackend::Sqlite => q("SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'".into()).await,
        _ => q("SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'".into()).await,
    }
    .iter()
    .map(|r| r.try_get::<String>("", "t").expect("table"))
    .collect();
    let mut out = BTreeMap::new();
    for t in tables {
        let cols: Vec<String> = match backend {
            DbBackend::Sqlite => q(format!("SELECT name AS c FROM pragma_table_info('{t}') ORDER BY cid")).await,
            _ => q(format!("SELECT column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{t}' ORDER BY ordinal_position")).await,
        }
        .iter()
        .map(|r| r.try_get::<String>("", "c").expect("column"))
        .collect();
        let sql = match backend {
            DbBackend::Sqlite => {
                let parts: Vec<String> = cols
                    .iter()
                    .map(|c| format!("COALESCE(CASE typeof(\"{c}\") WHEN 'blob' THEN hex(\"{c}\") ELSE CAST(\"{c}\" AS TEXT) END, '')"))
                    .collect();
                format!(
                    "SELECT {} AS r FROM \"{t}\"",
                    parts.join(" || char(31) || ")
                )
            }
            _ => {
                let parts: Vec<String> = cols
                    .iter()
                    .map(|c| format!("COALESCE(\"{c}\"::text, '')"))
                    .collect();
                format!(
                    "SELECT concat_ws(chr(31), {}) AS r FROM \"{t}\"",
                    parts.join(", ")
                )
            }
        };
        let mut rows: Vec<String> = q(sql)
            .await
            .iter()
            .map(|r| r.try_get::<String>("", "r").expect("row text"))
            .collect();
        rows.sort();
        out.insert(t, rows);
    }
    out
}

/// Tables the server's background workers update on their own schedule: compared by their
/// rows' first column (the id) only. The mail sender marks `outbox_mails` rows sent (status,
/// attempts, lease) whenever it runs; a new mail still shows as a new id.
const BACKGROUND: &[&str] = &["outbox_mails"];

/// The tables whose rows differ between two dumps, with the rows that appeared or vanished.
pub(crate) fn changes(
    before: &BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let ids = |rows: &[String]| -> Vec<String> {
        let mut v: Vec<String> = rows
            .iter()
            .map(|r| r.split('\u{1f}').next().unwrap_or_default().to_owned())
            .collect();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for (t, rows) in after {
        let mut old = before.get(t).cloned().unwrap_or_default();
        let mut rows = rows.clone();
        if BACKGROUND.contains(&t.as_str()) {
            old = ids(&old);
            rows = ids(&rows);
        }
        if rows != old {
            let added: Vec<_> = rows.iter().filter(|r| !old.contains(r)).collect();
            let removed: Vec<_> = old.iter().filter(|r| !rows.contains(r)).collect();
            out.push(format!("{t}: +{added:?} -{removed:?}"));
        }
    }
    out
}

/// Asserts that `r` is refused with `code` and that the database is exactly as in `before`.
pub(crate) async fn refused_unchanged(
    app: &TestApp,
    before: &BTreeMap<String, Vec<String>>,
    r: &Value,
    code: &str,
    what: &str,
) {
    assert_eq!(
        constellation_tests::error_code(r),
        Some(code),
        "{what}: {r}"
    );
    let diff = changes(before, &dump(app).await);
    assert!(diff.is_empty(), "{what} was refused but changed {diff:?}");
}
