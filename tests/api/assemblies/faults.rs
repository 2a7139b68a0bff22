//! General assemblies under faults: proxies of people who lost the right to vote, a check-in
//! racing the holder's proxy vote, and the vote writer dying and coming back.

use super::{cast_of, motion};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser, PASSWORD};
use serde_json::{json, Value};

#[tokio::test]
async fn a_demoted_principal_s_proxy_carries_no_vote_and_is_not_represented() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 3).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    // m[1] and m[2] both give their proxy to m[0] (the cap is raised by a second holder:
    // m[2] gives theirs to the chair).
    app.proxy(&m[1], &m[0], &a).await;
    app.proxy(&m[2], &chair, &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    app.check_in(&m[0], &a, None).await;
    app.check_in(&chair, &a, None).await;
    assert_eq!(app.assembly_state(&chair, &a).await["represented"], 2);

    // m[1] leaves the effective members after the proxy was accepted.
    app.set_roles(&chair, &m[1], json!({ "kind": "ADHERENT" }))
        .await;
    let state = app.assembly_state(&chair, &a).await;
    assert_eq!(state["represented"], 1, "{state}");
    app.voting(&chair, "openVoting", &motions[0]).await;
    let rights = motion(&app.assembly_state(&m[0], &a).await, &motions[0])["myRights"].clone();
    assert_eq!(rights.as_array().map(Vec::len), Some(1), "{rights}");
    assert_eq!(
        error_code(&app.cast(&m[0], &motions[0], &m[1].id, "YES").await),
        Some("NOT_ELIGIBLE")
    );
    // The other proxy still carries its vote, and so does the holder's own.
    assert!(app.cast(&chair, &motions[0], &m[2].id, "NO").await["errors"].is_null());
    assert!(app.cast(&m[0], &motions[0], &m[0].id, "YES").await["errors"].is_null());
    assert_eq!(app.count("open_votes").await, 2);

    // The result counts only who may vote.
    app.voting(&chair, "closeVoting", &motions[0]).await;
    let closed = motion(&app.assembly_state(&chair, &a).await, &motions[0])["result"].clone();
    assert_eq!(closed["presentOrRepresented"], 3, "{closed}");
}

/// Many principals, each checking in while their holder casts their vote: exactly one of
/// the two counts, and a principal who is in the room votes themselves when the holder's
/// vote was refused. On PostgreSQL the two run in parallel transactions.
#[tokio::test]
async fn a_check_in_racing_the_holder_s_proxy_vote_leaves_exactly_one_vote() {
    let app = spawn_app().await;
    let (chair, people) = cast_of(&app, 80).await;
    let (holders, principals) = people.split_at(40);
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    for (p, h) in principals.iter().zip(holders) {
        app.proxy(p, h, &a).await;
    }
    app.assembly_step(&chair, "openSession", &a).await;
    for h in holders {
        app.check_in(h, &a, None).await;
    }
    for mo in &motions {
        app.voting(&chair, "openVoting", mo).await;
    }
    for mo in &motions {
        let races = principals.iter().zip(holders).map(|(p, h)| {
            let (app, mo, a) = (&app, mo.clone(), a.as_str());
            async move {
                let (by_holder, _) = tokio::join!(app.cast(h, &mo, &p.id, "NO"), async {
                    let r = app.check_in(p, a, None).await;
                    assert!(r["errors"].is_null(), "{r}");
                });
                // Now in the room: the principal tries to vote themselves.
                let own = app.cast(p, &mo, &p.id, "YES").await;
                (by_holder, own)
            }
        });
        for (by_holder, own) in futures_util::future::join_all(races).await {
            match (error_code(&by_holder), error_code(&own)) {
                (None, Some("ALREADY_VOTED")) | (Some("NOT_ELIGIBLE"), None) => {}
                other => panic!("not exactly one vote: {other:?} {by_holder} {own}"),
            }
        }
        // Everyone checks in once only: the second motion races on the same principals, now
        // all present, so every holder's vote is refused and every principal votes.
    }
    // The secret motion: every principal voted themselves.
    assert_eq!(
        app.count("ballot_participations WHERE member_id = cast_by")
            .await,
        40
    );
    assert_eq!(
        app.count("open_votes").await,
        40,
        "one vote per principal on the open motion"
    );
}

#[tokio::test]
async fn deleting_an_account_ends_the_proxies_it_gave_and_held() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 1).await;
    let leaver = app.signup("Leaver").await;
    let holder_leaver = app.signup("Holder").await;
    for u in [&leaver, &holder_leaver] {
        app.set_roles(&chair, u, json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    // Tokens change when a right changes: sign in again.
    let relog = |u: &TestUser| {
        let (app, u) = (&app, u.clone());
        async move {
            let l = app.login(&u.email, PASSWORD).await;
            TestUser {
                token: l["data"]["login"]["token"]
                    .as_str()
                    .expect("token")
                    .to_owned(),
                ..u
            }
        }
    };
    let leaver = relog(&leaver).await;
    let holder_leaver = relog(&holder_leaver).await;
    let (a, _) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.proxy(&leaver, &m[0], &a).await;
    app.proxy(&chair, &holder_leaver, &a).await;
    for u in [&leaver, &holder_leaver] {
        let r = app
            .gql(
                Some(&u.token),
                "mutation($p: String!) { deleteMyAccount(password: $p) }",
                json!({ "p": PASSWORD }),
            )
            .await;
        assert_eq!(r["data"]["deleteMyAccount"], true, "{r}");
    }
    let held = app.assembly_state(&m[0], &a).await["viewer"]["proxiesHeld"].clone();
    assert_eq!(held[0]["status"], "REVOKED", "{held}");
    // The chair's proxy to the deleted holder ended: nothing is given any more.
    let given = app.assembly_state(&chair, &a).await["viewer"]["proxyGiven"].clone();
    assert!(given.is_null(), "{given}");
    assert_eq!(app.count("proxies WHERE status = 'REVOKED'").await, 2);
    // The chair may give their proxy again, to someone else.
    let r = app
        .gql(
            Some(&chair.token),
            "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
            json!({ "a": a, "h": m[0].email }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
}

async fn health(app: &TestApp) -> (u16, Value) {
    let r = app
        .client
        .get(format!("{}/health", app.url))
        .send()
        .await
        .expect("health");
    let status = r.status().as_u16();
    (status, r.json().await.expect("json"))
}

/// The vote writer is killed in the middle of 300 votes: every caller gets an answer (a
/// recorded vote or `UNAVAILABLE`, never a hang), `/health` says the writer is down until
/// the supervisor restarts it, and a retry of each refused vote lands (or says it had).
#[tokio::test]
async fn the_vote_writer_is_restarted_after_a_crash_and_no_vote_hangs() {
    let app = spawn_app().await;
    let (chair, voters) = cast_of(&app, 300).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    for v in &voters {
        app.check_in(&chair, &a, Some(&v.id)).await;
    }
    app.voting(&chair, "openVoting", &motions[0]).await;
    assert_eq!(health(&app).await.0, 200);

    let votes = futures_util::future::join_all(voters.iter().map(|v| {
        let (app, mo) = (&app, motions[0].clone());
        async move {
            tokio::time::timeout(
                std::time::Duration::from_secs(60),
                app.cast(v, &mo, &v.id, "YES"),
            )
            .await
            .expect("a vote hung")
        }
    }));
    // The crash comes once some votes are recorded, while others are on their way.
    let crash = async {
        while app.count("open_votes").await < 30 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        app.state.env.votes.kill_writers();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        health(&app).await
    };
    let (results, (status, body)) = tokio::join!(votes, crash);
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["votes"], "restarting", "{body}");
    let mut refused = Vec::new();
    for (v, r) in voters.iter().zip(&results) {
        match error_code(r) {
            None => {}
            Some("UNAVAILABLE") => refused.push(v),
            other => panic!("unexpected {other:?}: {r}"),
        }
    }
    for _ in 0..100 {
        if health(&app).await.0 == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (status, body) = health(&app).await;
    assert_eq!(status, 200, "{body}");
    // One restart per writer (SQLite has one, PostgreSQL four).
    assert!(body["voteWriterRestarts"].as_u64() >= Some(1), "{body}");
    for v in refused {
        let r = app.cast(v, &motions[0], &v.id, "YES").await;
        assert!(
            r["errors"].is_null() || error_code(&r) == Some("ALREADY_VOTED"),
            "{r}"
        );
    }
    assert_eq!(app.count("open_votes").await, 300);
}
