//! A burst through the vote writer mixing every kind of ballot: in one assembly in session an
//! open motion, a secret motion, a secret election and an encrypted motion are all open, and
//! the same members send, at once, their valid vote on each and votes of the wrong kind
//! (a plain vote on the election and on the encrypted motion, election marks on a motion,
//! an encrypted ballot on a plain motion), some before and some after their valid one. Each
//! member counts once per motion, every wrong-kind vote is refused for its kind (never as
//! "already voted", never an internal error) and the results are the valid votes'.

use super::encrypted::{ballot, motion_of, params_of, partial, post_key, tally_of, to_json};
use super::{cast_of, motion};
use constellation_backend::entities::{ballot_participation, open_vote};
use constellation_shared::queries::assemblies as g;
use constellation_shared::voting::ElectionParams;
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const CHOICES: [&str; 3] = ["YES", "NO", "ABSTAIN"];

/// What a wrong-kind vote may be refused with (the kind check may move before the queue).
const WRONG_KIND: [&str; 3] = ["INVALID_BALLOT", "VALIDATION", "INVALID_TRANSITION"];

enum Kind {
    Plain(String, &'static str),
    Marks(String, String),
    Sealed(String, String),
}

struct Req {
    voter: usize,
    send: Kind,
    valid: bool,
    what: &'static str,
    /// Milliseconds before it is sent.
    delay: u64,
}

async fn send(app: &TestApp, who: &TestUser, s: &Kind) -> Value {
    match s {
        Kind::Plain(m, c) => app.cast(who, m, &who.id, c).await,
        Kind::Marks(m, candidate) => {
            app.gql(
                Some(&who.token),
                g::CAST_ELECTION_BALLOT,
                json!({ "motionId": m, "memberId": who.id, "marks": [{ "candidateId": candidate, "choice": "YES" }] }),
            )
            .await
        }
        Kind::Sealed(m, b) => {
            app.gql(
                Some(&who.token),
                g::CAST_ENCRYPTED_BALLOT,
                json!({ "motionId": m, "memberId": who.id, "ballot": b }),
            )
            .await
        }
    }
}

/// Adds an encrypted motion on `item` and returns its id.
async fn add_encrypted(app: &TestApp, chair: &TestUser, a: &str, item: &Value) -> String {
    let before: BTreeSet<String> = ids(&app.assembly_state(chair, a).await);
    app.ok(
        chair,
        "mutation($i: ID!, $m: MotionInput!) { addMotion(itemId: $i, input: $m) { id } }",
        json!({ "i": item, "m": { "text": "Sealed", "rule": "SIMPLE", "ballot": "ENCRYPTED" } }),
    )
    .await;
    let after = ids(&app.assembly_state(chair, a).await);
    let new: Vec<&String> = after.difference(&before).collect();
    assert_eq!(new.len(), 1, "{new:?}");
    new[0].clone()
}

fn ids(a: &Value) -> BTreeSet<String> {
    a["motions"]
        .as_array()
        .expect("motions")
        .iter()
        .map(|m| m["id"].as_str().expect("id").to_owned())
        .collect()
}

async fn participants(app: &TestApp, motion: &str) -> Vec<String> {
    let id: uuid::Uuid = motion.parse().expect("uuid");
    let mut v: Vec<String> = ballot_participation::Entity::find()
        .filter(ballot_participation::Column::MotionId.eq(id))
        .all(&app.db)
        .await
        .expect("participations")
        .into_iter()
        .map(|p| p.member_id.to_string())
        .collect();
    v.sort();
    v
}

fn counts(choices: &[&str]) -> Value {
    let n = |c: &str| choices.iter().filter(|x| **x == c).count();
    json!({ "yes": n("YES"), "no": n("NO"), "abstain": n("ABSTAIN") })
}

/// The burst: per voter four valid votes and seven of the wrong kind, 77 requests at once.
fn burst(
    voters: usize,
    open: &str,
    secret: &str,
    e: &str,
    enc: &str,
    candidates: &[String; 2],
    sealed: &[(String, String)],
) -> Vec<Req> {
    let mut reqs = Vec::new();
    for v in 0..voters {
        let valid = [
            (Kind::Plain(open.into(), CHOICES[v % 3]), "open vote"),
            (
                Kind::Plain(secret.into(), CHOICES[(v + 1) % 3]),
                "secret vote",
            ),
            (
                Kind::Marks(e.into(), candidates[v % 2].clone()),
                "election ballot",
            ),
            (
                Kind::Sealed(enc.into(), sealed[v].0.clone()),
                "sealed ballot",
            ),
        ];
        let wrong = [
            (Kind::Plain(e.into(), "YES"), "castVote on the election"),
            (
                Kind::Plain(enc.into(), "NO"),
                "castVote on the encrypted motion",
            ),
            (
                Kind::Marks(open.into(), candidates[0].clone()),
                "castElectionBallot on the open motion",
            ),
            (
                Kind::Marks(enc.into(), candidates[1].clone()),
                "castElectionBallot on the encrypted motion",
            ),
            (
                Kind::Sealed(secret.into(), sealed[v].1.clone()),
                "castEncryptedBallot on the secret motion",
            ),
        ];
        for (send, what) in valid {
            let k = reqs.len() as u64;
            reqs.push(Req {
                voter: v,
                send,
                valid: true,
                what,
                delay: (k * 13) % 60,
            });
        }
        for (send, what) in wrong {
            let k = reqs.len() as u64;
            reqs.push(Req {
                voter: v,
                send,
                valid: false,
                what,
                delay: (k * 17) % 60,
            });
        }
        // The same wrong-kind votes once more, late: after the valid one was written.
        for (send, what) in [
            (
                Kind::Plain(e.into(), "NO"),
                "castVote on the election, late",
            ),
            (
                Kind::Plain(enc.into(), "YES"),
                "castVote on the encrypted motion, late",
            ),
        ] {
            reqs.push(Req {
                voter: v,
                send,
                valid: false,
                what,
                delay: 150 + 5 * v as u64,
            });
        }
    }
    reqs
}

#[tokio::test]
async fn a_burst_mixing_every_kind_of_ballot_counts_each_member_once_and_refuses_wrong_kinds() {
    let app = spawn_app().await;
    // The chair (admin, board: the encrypted motion's only trustee) and six members vote.
    let (chair, m) = cast_of(&app, 6).await;
    let voters: Vec<TestUser> = std::iter::once(chair.clone())
        .chain(m.iter().cloned())
        .collect();
    let (a, motions) = app.draft_assembly(&chair).await;
    let (open, secret) = (motions[0].clone(), motions[1].clone());
    let item = app.assembly_state(&chair, &a).await["agenda"][0]["id"].clone();
    let e = super::elections::add_election(
        &app,
        &chair,
        &a,
        item.as_str().expect("item"),
        "SECRET",
        1,
        "APPROVAL",
    )
    .await;
    let enc = add_encrypted(&app, &chair, &a, &item).await;
    let candidates = [m[0].id.clone(), m[1].id.clone()];
    for c in &m[0..2] {
        let r = super::elections::propose(&app, c, &e, c).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let trustee = post_key(&app, &a, &enc, &chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    for v in &voters {
        let r = app.check_in(&chair, &a, Some(&v.id)).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    for mo in [&open, &secret, &e, &enc] {
        let r = app.voting(&chair, "openVoting", mo).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let params: ElectionParams = params_of(&motion_of(&app, &chair, &a, &enc).await);
    // Each voter's page: its ballot for the encrypted motion, and another one it sends to the
    // secret motion by mistake.
    let sealed_choice: Vec<&str> = (0..voters.len()).map(|v| CHOICES[(v + 2) % 3]).collect();
    let sealed: Vec<(String, String)> = sealed_choice
        .iter()
        .map(|c| {
            (
                to_json(&ballot(&params, c).0),
                to_json(&ballot(&params, "YES").0),
            )
        })
        .collect();
    let reqs = burst(voters.len(), &open, &secret, &e, &enc, &candidates, &sealed);
    assert!(reqs.len() >= 70);
    let results = futures_util::future::join_all(reqs.iter().map(|r| {
        let (app, who) = (&app, &voters[r.voter]);
        async move {
            tokio::time::sleep(std::time::Duration::from_millis(r.delay)).await;
            send(app, who, &r.send).await
        }
    }))
    .await;

    let mut receipts: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut failures = Vec::new();
    for (q, r) in reqs.iter().zip(&results) {
        let who = &voters[q.voter].email;
        if q.valid {
            if !r["errors"].is_null() {
                failures.push(format!("{who}'s {} was refused: {r}", q.what));
                continue;
            }
            let data = r["data"].as_object().and_then(|o| o.values().next());
            if let Some(code) = data.and_then(|d| d["receipt"].as_str()) {
                receipts.entry(q.what).or_default().insert(code.to_owned());
            }
        } else {
            match error_code(r) {
                Some(c) if WRONG_KIND.contains(&c) => {}
                Some("ALREADY_VOTED") => failures.push(format!(
                    "{who}'s {} was refused as ALREADY_VOTED, not for its kind: {r}",
                    q.what
                )),
                other => failures.push(format!("{who}'s {}: {other:?}: {r}", q.what)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Each member counted exactly once per motion.
    let mut everyone: Vec<String> = voters.iter().map(|v| v.id.clone()).collect();
    everyone.sort();
    let open_id: uuid::Uuid = open.parse().expect("uuid");
    let mut open_members: Vec<String> = open_vote::Entity::find()
        .filter(open_vote::Column::MotionId.eq(open_id))
        .all(&app.db)
        .await
        .expect("open votes")
        .into_iter()
        .map(|v| v.member_id.to_string())
        .collect();
    open_members.sort();
    assert_eq!(open_members, everyone, "the open motion's votes");
    for (mo, what) in [(&secret, "secret"), (&e, "election"), (&enc, "encrypted")] {
        assert_eq!(participants(&app, mo).await, everyone, "the {what} motion");
    }
    assert_eq!(app.count("open_votes").await, 7);
    assert_eq!(app.count("secret_ballots").await, 7);
    assert_eq!(app.count("encrypted_ballots").await, 7);
    let st = app.assembly_state(&chair, &a).await;
    for mo in [&open, &secret, &e, &enc] {
        assert_eq!(motion(&st, mo)["turnout"], 7, "{}", motion(&st, mo));
    }

    // The close: every tally is the valid votes'.
    for mo in [&open, &secret, &e, &enc] {
        let r = app.voting(&chair, "closeVoting", mo).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let st = app.assembly_state(&chair, &a).await;
    let open_choices: Vec<&str> = (0..7).map(|v| CHOICES[v % 3]).collect();
    let secret_choices: Vec<&str> = (0..7).map(|v| CHOICES[(v + 1) % 3]).collect();
    assert_eq!(motion(&st, &open)["tally"], counts(&open_choices), "{st}");
    assert_eq!(
        motion(&st, &secret)["tally"],
        counts(&secret_choices),
        "{st}"
    );
    let published: BTreeSet<String> = motion(&st, &secret)["receipts"]
        .as_array()
        .expect("receipts")
        .iter()
        .map(|r| r.as_str().expect("receipt").to_owned())
        .collect();
    assert_eq!(Some(&published), receipts.get("secret vote"));

    let est = super::elections::state(&app, &chair, &a).await;
    let res = &super::elections::election(&est, &e)["electionResult"];
    let yes: BTreeMap<String, i64> = res["candidates"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["person"]["id"].as_str().expect("id").to_owned(),
                r["tally"]["yes"].as_i64().expect("yes"),
            )
        })
        .collect();
    let approvals = |c: usize| (0..7).filter(|v| v % 2 == c).count() as i64;
    assert_eq!(
        yes,
        BTreeMap::from([
            (candidates[0].clone(), approvals(0)),
            (candidates[1].clone(), approvals(1))
        ]),
        "{res}"
    );
    assert_eq!(res["ballots"], 7, "{res}");

    // The encrypted motion: the sum of the seven sealed ballots, decrypted by its trustee.
    let closed = motion_of(&app, &chair, &a, &enc).await;
    let tally = tally_of(&closed);
    assert_eq!(tally.num_ballots, 7);
    let r = app
        .gql(
            Some(&chair.token),
            g::SUBMIT_PARTIAL_DECRYPTION,
            json!({ "motionId": enc, "decryption": to_json(&partial(&params, &tally, &trustee)) }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let done = motion_of(&app, &chair, &a, &enc).await;
    assert_eq!(done["result"]["tally"], counts(&sealed_choice), "{done}");
    let r = app
        .gql(
            Some(&chair.token),
            g::BALLOT_TRACKERS,
            json!({ "motionId": enc, "first": 50, "after": null }),
        )
        .await;
    let board: BTreeSet<String> = r["data"]["ballotTrackers"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].as_str().expect("tracker").to_owned())
        .collect();
    assert_eq!(Some(&board), receipts.get("sealed ballot"), "{r}");
}
