//! Votes under pressure and in secret: a thousand simultaneous attempts count one vote per
//! voter and principal, closing while votes arrive counts every acknowledged vote and none
//! after, and secret ballots cannot be linked to voters.

use super::{cast_of, motion};
use constellation_tests::{error_code, spawn_app};
use std::collections::HashSet;

/// 200 present voters, 100 of whom hold a proxy of an absent member; 1,000 simultaneous
/// attempts (own votes, proxy votes, repeats, votes for people one does not represent).
#[tokio::test]
async fn a_thousand_simultaneous_attempts_count_one_vote_per_voter_and_principal() {
    let app = spawn_app().await;
    let (chair, people) = cast_of(&app, 300).await;
    let (voters, principals) = people.split_at(200);
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    for (p, h) in principals.iter().zip(voters.iter()) {
        app.proxy(p, h, &a).await;
    }
    app.assembly_step(&chair, "openSession", &a).await;
    for v in voters {
        app.check_in(&chair, &a, Some(&v.id)).await;
    }
    for mo in &motions {
        app.voting(&chair, "openVoting", mo).await;
    }
    let mut attempts = Vec::new();
    for round in 0..5 {
        for (i, v) in voters.iter().enumerate() {
            // Own votes on both motions, the principal's on both, then someone else's.
            let mo = motions[(i + round) % 2].clone();
            let member = match round {
                0 | 1 => v.id.clone(),
                2 | 3 => principals.get(i).map_or(v.id.clone(), |p| p.id.clone()),
                _ => principals[(i + 1) % principals.len()].id.clone(),
            };
            attempts.push((v.clone(), mo, member));
        }
    }
    let results = futures_util::future::join_all(attempts.iter().map(|(v, mo, member)| {
        let app = &app;
        async move {
            app.cast(v, mo, member, ["YES", "NO", "ABSTAIN"][member.len() % 3])
                .await
        }
    }))
    .await;
    let mut accepted: HashSet<(String, String)> = HashSet::new();
    for ((_, mo, member), r) in attempts.iter().zip(&results) {
        match error_code(r) {
            None => assert!(
                accepted.insert((mo.clone(), member.clone())),
                "counted twice: {r}"
            ),
            Some("ALREADY_VOTED" | "NOT_ELIGIBLE") => {}
            other => panic!("unexpected {other:?}: {r}"),
        }
    }
    // Every voter and every principal voted once on each motion (rounds 0-3 cover both).
    assert_eq!(accepted.len(), 2 * 300);
    assert_eq!(
        app.count("open_votes").await + app.count("ballot_participations").await,
        600
    );
    assert_eq!(
        app.count("ballot_participations").await,
        app.count("secret_ballots").await
    );
}

/// Voting closes while votes arrive: every acknowledged vote is counted, none after.
#[tokio::test]
async fn closing_while_votes_arrive_counts_every_acknowledged_vote_and_none_after() {
    let app = spawn_app().await;
    let (chair, voters) = cast_of(&app, 150).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    let mo = motions[1].clone(); // secret
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    for v in &voters {
        app.check_in(&chair, &a, Some(&v.id)).await;
    }
    app.voting(&chair, "openVoting", &mo).await;
    let votes = futures_util::future::join_all(voters.iter().enumerate().map(|(i, v)| {
        let (app, mo) = (&app, mo.clone());
        async move {
            tokio::time::sleep(std::time::Duration::from_millis((i % 50) as u64 * 2)).await;
            app.cast(v, &mo, &v.id, "YES").await
        }
    }));
    let close = async {
        tokio::time::sleep(std::time::Duration::from_millis(40)).await;
        app.voting(&chair, "closeVoting", &mo).await
    };
    let (results, closed) = tokio::join!(votes, close);
    assert!(closed["errors"].is_null(), "{closed}");
    let acked = results.iter().filter(|r| r["errors"].is_null()).count();
    for r in results.iter().filter(|r| !r["errors"].is_null()) {
        assert_eq!(error_code(r), Some("VOTING_CLOSED"), "{r}");
    }
    let m = motion(&app.assembly_state(&chair, &a).await, &mo).clone();
    assert_eq!(m["tally"]["yes"].as_u64(), Some(acked as u64), "{m}");
    assert_eq!(app.count("secret_ballots").await as usize, acked);
    assert_eq!(app.count("ballot_participations").await as usize, acked);
}

/// After a secret vote nothing in the database relates a ballot to a member: no column, no
/// time, no order.
#[tokio::test]
async fn secret_ballots_cannot_be_linked_to_voters() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let (chair, voters) = cast_of(&app, 60).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    let mo = motions[1].clone();
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    for v in &voters {
        app.check_in(&chair, &a, Some(&v.id)).await;
    }
    app.voting(&chair, "openVoting", &mo).await;
    // One at a time, in a known order: YES, NO, YES, NO…
    let mut order = Vec::new();
    for (i, v) in voters.iter().enumerate() {
        let c = if i % 2 == 0 { "YES" } else { "NO" };
        assert!(app.cast(v, &mo, &v.id, c).await["errors"].is_null());
        order.push(c.to_owned());
    }
    let backend = app.db.get_database_backend();
    let rows = |sql: &str| {
        let sql = sql.to_owned();
        let db = &app.db;
        async move {
            db.query_all_raw(Statement::from_string(backend, sql))
                .await
                .expect("query")
        }
    };
    // The ballot box has exactly these columns: nothing about the voter or the time.
    let columns: Vec<String> = match backend {
        sea_orm::DbBackend::Sqlite => rows("SELECT name FROM pragma_table_info('secret_ballots')").await.iter().map(|r| r.try_get::<String>("", "name").expect("name")).collect(),
        _ => rows("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'secret_ballots'").await.iter().map(|r| r.try_get::<String>("", "name").expect("name")).collect(),
    };
    let mut columns = columns;
    columns.sort();
    assert_eq!(columns, ["choice", "id", "motion_id", "receipt"]);
    // And participations say nothing of the choice.
    let pcols: Vec<String> = match backend {
        sea_orm::DbBackend::Sqlite => rows("SELECT name FROM pragma_table_info('ballot_participations')").await.iter().map(|r| r.try_get::<String>("", "name").expect("name")).collect(),
        _ => rows("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'ballot_participations'").await.iter().map(|r| r.try_get::<String>("", "name").expect("name")).collect(),
    };
    assert!(
        !pcols
            .iter()
            .any(|c| c.contains("choice") || c.contains("receipt")),
        "{pcols:?}"
    );
    // Stored order (no ORDER BY: physical order), key order, and, on SQLite, no rowid.
    let physical: Vec<String> = rows("SELECT choice FROM secret_ballots")
        .await
        .iter()
        .map(|r| r.try_get::<String>("", "choice").expect("choice"))
        .collect();
    let by_key: Vec<String> = rows("SELECT choice FROM secret_ballots ORDER BY id")
        .await
        .iter()
        .map(|r| r.try_get::<String>("", "choice").expect("choice"))
        .collect();
    assert_eq!(physical.len(), 60);
    // On PostgreSQL the heap keeps arrival order until the close rewrites the box (see below
    // and the README); SQLite stores the box in key order (WITHOUT ROWID).
    if backend == sea_orm::DbBackend::Sqlite {
        assert_ne!(physical, order, "ballots are stored in voting order");
    }
    assert_ne!(by_key, order, "ballot ids follow voting order");
    if backend == sea_orm::DbBackend::Sqlite {
        assert!(
            app.db
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT rowid FROM secret_ballots".to_owned()
                ))
                .await
                .is_err(),
            "secret_ballots has a rowid"
        );
    }
    // Once closed, the ballots are rewritten in a random order in one transaction.
    app.voting(&chair, "closeVoting", &mo).await;
    let after: Vec<String> = rows("SELECT choice FROM secret_ballots")
        .await
        .iter()
        .map(|r| r.try_get::<String>("", "choice").expect("choice"))
        .collect();
    assert_ne!(after, order);
    assert_eq!(after.iter().filter(|c| *c == "YES").count(), 30);
    // The audit says who took part, never the choice.
    let audit = rows("SELECT diff FROM audit_log WHERE action = 'assembly.vote'").await;
    assert_eq!(audit.len(), 60);
    for r in audit {
        let d: String = r.try_get("", "diff").expect("diff");
        assert!(
            !d.contains("choice") && !d.contains("YES") && !d.contains("NO\""),
            "{d}"
        );
    }
}
