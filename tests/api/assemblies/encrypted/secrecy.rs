//! What the database holds after an encrypted vote, on SQLite and PostgreSQL alike.
//!
//! What this test proves, and what it does not:
//! - No plaintext choice is stored for the motion before the totals are decrypted: no row of
//!   `secret_ballots` for it, no audit entry holding a choice, and no row of any table holds
//!   the words yes, no or abstain (any case, as whole words) other than the question's own
//!   options in its parameters. That is a scan of every row of every table, as text, after the
//!   votes, after the close and after the first trustee's decryption; after the last one, only
//!   the motion's result (the totals) is added.
//! - What the box does hold is exactly the ballots the voters' pages made: each stored row is
//!   a ballot that verifies under the election's parameters, under its own tracker and
//!   credential, and the set of trackers is the set of receipts.
//! - Those ciphertexts reveal nothing to one trustee: with one trustee's secret (which the
//!   server never holds) no stored ciphertext unblinds to 0 or 1, nor do the combined
//!   decryptions of one trustee give totals (`combine`, `decrypt_totals` refuse); with both
//!   secrets each ballot opens to the choice its voter made. So the stored rows are the votes,
//!   sealed under both trustees.
//! - While voting is open, casting writes the member's participation and the ciphertext in one
//!   transaction, so on PostgreSQL both rows carry the same `xmin` until the close; a choice is
//!   still sealed unless every trustee cooperates to decrypt that single ballot. After the
//!   close, the test asserts the box is no longer linked by storage: on PostgreSQL the close
//!   rewrote it (one `xmin`, shared with no participation), on SQLite the box is
//!   `WITHOUT ROWID` (rows in tracker order). WAL files and dumps taken mid-vote keep the link.

use super::{
    ballot, cast_ballot, dump, encrypted_motion, in_session, motion_of, params_of, partial,
    post_key, submit_partial, tally_of, to_json, Trustee,
};
use constellation_backend::entities::{
    audit_log, ballot_participation, encrypted_ballot, motion, secret_ballot,
};
use constellation_shared::voting::{
    combine, decrypt_totals, raw, verify_ballot, Ballot, VerifyError, VotingError,
};
use constellation_tests::{spawn_app, TestApp};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement,
};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The question's options as the parameters (and the record) spell them: the only place the
/// words may appear before the result.
const OPTIONS: &str = r#""options":["yes","no","abstain"]"#;

/// Every whole word yes/no/abstain (any case; `_` is part of a word, so `NO_VOTES_CAST` is
/// not one), per table, with the row, once the question's options are taken out.
fn choice_words(db: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (t, rows) in db {
        for row in rows {
            let text = row.replace(OPTIONS, "");
            let hits: Vec<&str> = text
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| matches!(w.to_ascii_lowercase().as_str(), "yes" | "no" | "abstain"))
                .collect();
            if !hits.is_empty() {
                out.push(format!("{t}: {hits:?} in {row}"));
            }
        }
    }
    out
}

async fn audit_of(app: &TestApp, motion: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::TargetId.eq(motion))
        .all(&app.db)
        .await
        .expect("audit")
}

async fn stored_box(app: &TestApp, id: uuid::Uuid) -> Vec<encrypted_ballot::Model> {
    encrypted_ballot::Entity::find()
        .filter(encrypted_ballot::Column::MotionId.eq(id))
        .all(&app.db)
        .await
        .expect("box")
}

async fn texts(app: &TestApp, sql: &str) -> Vec<String> {
    let backend = app.db.get_database_backend();
    app.db
        .query_all_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|r| r.try_get::<String>("", "x").expect("x"))
        .collect()
}

#[tokio::test]
async fn the_database_holds_only_sealed_ballots_until_every_trustee_decrypts() {
    let app = spawn_app().await;
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let treasurer = app.signup("Treasurer").await;
    app.set_roles(
        &chair,
        &treasurer,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    let m = app.effective_members(6, "Voter").await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let id: uuid::Uuid = mo.parse().expect("uuid");
    let refs: Vec<_> = m.iter().collect();
    in_session(&app, &chair, &a, &refs).await;
    let mut trustees: Vec<Trustee> = vec![
        post_key(&app, &a, &mo, &chair).await,
        post_key(&app, &a, &mo, &treasurer).await,
    ];
    trustees.sort_by_key(Trustee::index);
    let params = params_of(&motion_of(&app, &m[0], &a, &mo).await);
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    let choices = ["YES", "NO", "YES", "ABSTAIN", "NO", "YES"];
    // (tracker, choice, ballot), in casting order.
    let mut cast: Vec<(String, &str, Ballot)> = Vec::new();
    for (u, c) in m.iter().zip(choices) {
        let (b, _) = ballot(&params, c);
        let r = cast_ballot(&app, Some(u), &mo, &u.id, &to_json(&b)).await;
        assert!(r["errors"].is_null(), "{r}");
        let receipt = r["data"]["castEncryptedBallot"]["receipt"]
            .as_str()
            .expect("receipt");
        cast.push((receipt.to_owned(), c, b));
    }

    // No plaintext box, one participation per voter, no choice in the audit.
    let secret_rows = secret_ballot::Entity::find()
        .filter(secret_ballot::Column::MotionId.eq(id))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(secret_rows, 0);
    assert_eq!(app.count("secret_ballots").await, 0);
    let participations = ballot_participation::Entity::find()
        .filter(ballot_participation::Column::MotionId.eq(id))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(participations, 6);
    let audit = audit_of(&app, &mo).await;
    assert!(
        audit.iter().filter(|e| e.action == "assembly.vote").count() == 6,
        "{audit:?}"
    );
    for e in &audit {
        let diff: Value = serde_json::from_str(&e.diff).expect("diff");
        assert!(
            diff["after"].get("choice").is_none() && diff["before"].get("choice").is_none(),
            "{e:?}"
        );
    }
    let d = dump(&app).await;
    assert_eq!(d["encrypted_ballots"].len(), 6, "the dump sees the box");
    // The scan does see a choice where there is one.
    let planted = BTreeMap::from([(
        "secret_ballots".to_owned(),
        vec![format!("id\u{1f}{mo}\u{1f}NO\u{1f}receipt")],
    )]);
    assert_eq!(choice_words(&planted).len(), 1);
    let hits = choice_words(&d);
    assert!(
        hits.is_empty(),
        "plaintext choices after the votes: {hits:#?}"
    );

    // The box holds exactly the pages' ballots, each valid, under its tracker and credential.
    let stored = stored_box(&app, id).await;
    assert_eq!(stored.len(), 6);
    let mut trackers = BTreeSet::new();
    for row in &stored {
        let b: Ballot = serde_json::from_str(&row.ballot).expect("a ballot");
        verify_ballot(&params, &b).expect("a stored ballot verifies");
        assert_eq!(b.tracker().expect("tracker"), row.tracker);
        assert_eq!(raw::point_to_hex(&b.credential), row.credential);
        let mine = cast
            .iter()
            .find(|(t, _, _)| *t == row.tracker)
            .expect("a cast ballot");
        assert_eq!(b, mine.2, "stored as cast");
        trackers.insert(row.tracker.clone());
    }
    assert_eq!(
        trackers,
        cast.iter().map(|c| c.0.clone()).collect::<BTreeSet<_>>()
    );

    // One trustee's secret opens none of them; both secrets open each to its voter's choice.
    let (x1, x2) = (trustees[0].scalar(), trustees[1].scalar());
    let (zero, one) = (raw::base_mul_u64(0), raw::base_mul_u64(1));
    for row in &stored {
        let b: Ballot = serde_json::from_str(&row.ballot).expect("a ballot");
        let choice = cast.iter().find(|c| c.0 == row.tracker).expect("cast").1;
        let sel = super::selection(choice);
        for (i, ct) in b.choices.iter().enumerate() {
            for x in [&x1, &x2] {
                let p = ct.decrypt_to_point(x);
                assert!(
                    p != zero && p != one,
                    "one trustee's secret opened a ballot"
                );
            }
            let both = x1 + x2;
            let p = ct.decrypt_to_point(&both);
            assert_eq!(p, if sel[i] { one } else { zero });
        }
    }

    // Closed: the tally is sealed too, and one trustee's decryption is not enough.
    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    let hits = choice_words(&dump(&app).await);
    assert!(
        hits.is_empty(),
        "plaintext choices after the close: {hits:#?}"
    );
    // After the close the box cannot be linked to the participations by storage: on
    // PostgreSQL the close rewrote it (no ballot row keeps a voter's transaction id); on
    // SQLite it has no rowid (rows sit in tracker order, a hash).
    match app.db.get_database_backend() {
        DbBackend::Postgres => {
            let boxed: BTreeSet<String> = texts(
                &app,
                &format!("SELECT xmin::text AS x FROM encrypted_ballots WHERE motion_id = '{mo}'"),
            )
            .await
            .into_iter()
            .collect();
            let took: BTreeSet<String> = texts(
                &app,
                &format!(
                    "SELECT xmin::text AS x FROM ballot_participations WHERE motion_id = '{mo}'"
                ),
            )
            .await
            .into_iter()
            .collect();
            assert_eq!(
                boxed.len(),
                1,
                "the close rewrote the box in one transaction"
            );
            assert_eq!(
                boxed.intersection(&took).count(),
                0,
                "a ballot shares a voter's xmin"
            );
        }
        _ => {
            let ddl = texts(
                &app,
                "SELECT sql AS x FROM sqlite_master WHERE name = 'encrypted_ballots'",
            )
            .await;
            assert!(ddl.iter().any(|d| d.contains("WITHOUT ROWID")), "{ddl:?}");
        }
    }

    let tally = tally_of(&motion_of(&app, &m[0], &a, &mo).await);
    let pd1 = partial(&params, &tally, &trustees[0]);
    let pd2 = partial(&params, &tally, &trustees[1]);
    for alone in [&pd1, &pd2] {
        assert_eq!(
            combine(&params, &tally, std::slice::from_ref(alone)).err(),
            Some(VerifyError::NotEnoughPartialDecryptions { needed: 2, got: 1 })
        );
        assert_eq!(
            decrypt_totals(&params, &tally, std::slice::from_ref(alone)).err(),
            Some(VotingError::Verify(
                VerifyError::NotEnoughPartialDecryptions { needed: 2, got: 1 }
            ))
        );
    }
    assert_eq!(
        combine(&params, &tally, &[pd1.clone(), pd1.clone()]).err(),
        Some(VerifyError::DuplicatePartialDecryption { trustee: 1 })
    );
    // Its factor alone does not open the totals either: no total from 0 to 6 matches.
    for (i, ct) in tally.ciphertexts.iter().enumerate() {
        let half = ct.unblind(&pd1.factors[i].factor);
        assert!((0..=6).all(|n| half != raw::base_mul_u64(n)));
    }
    assert_eq!(
        decrypt_totals(&params, &tally, &[pd1.clone(), pd2.clone()]),
        Ok(vec![3, 2, 1])
    );

    let r = submit_partial(&app, Some(&trustees[0].user), &mo, &to_json(&pd1)).await;
    assert!(r["errors"].is_null(), "{r}");
    let hits = choice_words(&dump(&app).await);
    assert!(
        hits.is_empty(),
        "plaintext after one trustee decrypted: {hits:#?}"
    );
    assert!(motion_of(&app, &m[0], &a, &mo).await["result"].is_null());

    // The last decryption writes the totals, and only those: the motion's result.
    let r = submit_partial(&app, Some(&trustees[1].user), &mo, &to_json(&pd2)).await;
    assert!(r["errors"].is_null(), "{r}");
    let row = motion::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("read")
        .expect("motion");
    let result: Value =
        serde_json::from_str(row.result.as_deref().expect("a result")).expect("json");
    assert_eq!(
        (
            result["yes"].clone(),
            result["no"].clone(),
            result["abstain"].clone()
        ),
        (json!(3), json!(2), json!(1)),
        "{result}"
    );
    let mut db = dump(&app).await;
    let mut results = 0;
    for r in db.get_mut("motions").expect("motions") {
        let hex = mo.replace('-', "").to_uppercase();
        if (r.contains(&mo) || r.contains(&hex))
            && r.contains(row.result.as_deref().unwrap_or_default())
        {
            *r = r.replace(row.result.as_deref().unwrap_or_default(), "");
            results += 1;
        }
    }
    assert_eq!(results, 1, "the motion's row holds its result");
    let hits = choice_words(&db);
    assert!(hits.is_empty(), "plaintext beyond the result: {hits:#?}");
    assert_eq!(
        stored_box(&app, id).await.len(),
        6,
        "the box is kept for the record"
    );
}
