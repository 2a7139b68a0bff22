//! An absent trustee: while the encrypted motion is a draft the board names someone else in
//! its place (`replaceTrustee`): the old key and the election's parameters go, the new trustee
//! posts a key, and the vote runs and is decrypted with it. Not once voting opened, not with
//! a bad index, person or motion, and only by the board. A trustee the count still waits for
//! cannot delete their account (`TRUSTEE_DUTY`, nothing changed) until the record is out.

use super::{
    ballot, cast_ballot, changes, dump, encrypted_motion, in_session, motion_of, params_of,
    partial, post_key, post_keys, refused_unchanged, submit_key, submit_partial, tally_of, to_json,
    Trustee,
};
use constellation_shared::queries::{accounts, assemblies as g};
use constellation_shared::voting::{
    verify_record, BasicTrustee, ElectionParams, ElectionRecord, OsRandom, Question, TrusteeSetup,
};
use constellation_tests::labs::outcome;
use constellation_tests::{error_code, spawn_app, TestApp, TestUser, PASSWORD};
use serde_json::{json, Value};

async fn replace(
    app: &TestApp,
    who: Option<&TestUser>,
    motion: &str,
    index: i32,
    user: &str,
) -> Value {
    let vars = g::ReplaceTrusteeVars {
        motion_id: motion.to_owned(),
        trustee_index: index,
        user_id: user.to_owned(),
    };
    app.gql(
        who.map(|u| u.token.as_str()),
        g::REPLACE_TRUSTEE,
        serde_json::to_value(vars).expect("vars"),
    )
    .await
}

async fn delete_account(app: &TestApp, who: &TestUser) -> Value {
    app.gql(
        Some(&who.token),
        accounts::DELETE_MY_ACCOUNT,
        json!({ "password": PASSWORD }),
    )
    .await
}

/// (index, person, key posted) of each trustee, in index order.
fn trustees(m: &Value) -> Vec<(i32, String, bool)> {
    m["election"]["trustees"]
        .as_array()
        .expect("trustees")
        .iter()
        .map(|t| {
            (
                t["index"].as_i64().expect("index") as i32,
                t["person"]["id"].as_str().unwrap_or_default().to_owned(),
                t["keyPosted"].as_bool().expect("keyPosted"),
            )
        })
        .collect()
}

fn index_of(m: &Value, u: &TestUser) -> i32 {
    trustees(m)
        .iter()
        .find(|t| t.1 == u.id)
        .map(|t| t.0)
        .unwrap_or_else(|| panic!("{} is not a trustee: {m}", u.email))
}

/// The chair (admin, board) and the treasurer (board), both with a password; `n` voters.
async fn people(app: &TestApp, n: usize) -> (TestUser, TestUser, Vec<TestUser>) {
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
    (chair, treasurer, app.effective_members(n, "Voter").await)
}

#[tokio::test]
async fn a_trustee_replaced_while_draft_is_succeeded_by_one_who_decrypts() {
    let app = spawn_app().await;
    let (chair, treasurer, m) = people(&app, 3).await;
    let newcomer = app.signup("Newcomer").await;
    app.set_roles(&chair, &newcomer, json!({ "kind": "EFFECTIVE" }))
        .await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    // Both trustees post their keys; the parameters are made. Then the treasurer is gone.
    let keys = post_keys(&app, &a, &mo, &[&chair, &treasurer]).await;
    let before = motion_of(&app, &chair, &a, &mo).await;
    let old_params = params_of(&before);
    let slot = index_of(&before, &treasurer);
    let r = replace(&app, Some(&chair), &mo, slot, &newcomer.id).await;
    assert!(r["errors"].is_null(), "{r}");

    // The slot is the newcomer's, without a key; the parameters are gone with the old key.
    let after = motion_of(&app, &chair, &a, &mo).await;
    let view = trustees(&after);
    assert_eq!(view.len(), 2, "{after}");
    assert!(
        view.iter()
            .any(|t| *t == (slot, newcomer.id.clone(), false)),
        "{after}"
    );
    assert!(
        view.iter().any(|t| t.1 == chair.id && t.2),
        "the other trustee keeps its key: {after}"
    );
    assert!(!view.iter().any(|t| t.1 == treasurer.id), "{after}");
    assert_eq!(after["election"]["ready"], false, "{after}");
    assert!(after["election"]["params"].is_null(), "{after}");
    let seen = motion_of(&app, &treasurer, &a, &mo).await;
    assert!(seen["election"]["myTrusteeIndex"].is_null(), "{seen}");
    let refs: Vec<&TestUser> = m.iter().collect();
    in_session(&app, &chair, &a, &refs).await;
    let r = app.voting(&chair, "openVoting", &mo).await;
    assert_eq!(error_code(&r), Some("TRUSTEES_PENDING"), "{r}");
    // The old trustee can no longer post a key for the slot.
    let (_, stale) = BasicTrustee::generate(&mo, slot as u32, &mut OsRandom).expect("key");
    let r = submit_key(&app, Some(&treasurer), &mo, &to_json(&stale)).await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"), "{r}");

    // The newcomer posts a key: new parameters, under the chair's key and the newcomer's.
    let chair_t = keys
        .into_iter()
        .find(|t| t.user.id == chair.id)
        .expect("the chair");
    let new_t = post_key(&app, &a, &mo, &newcomer).await;
    assert_eq!(new_t.index() as i32, slot);
    let mut trustees_now: Vec<Trustee> = vec![chair_t, new_t];
    trustees_now.sort_by_key(Trustee::index);
    let ready = motion_of(&app, &m[0], &a, &mo).await;
    let params = params_of(&ready);
    let expected = ElectionParams::new(
        mo.clone(),
        Question::yes_no_abstain(),
        TrusteeSetup::Basic {
            trustees: trustees_now.iter().map(|t| t.key.clone()).collect(),
        },
    )
    .expect("params");
    assert_eq!(params, expected);
    assert_ne!(params, old_params);

    // The vote runs, and the newcomer decrypts with the chair.
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    let choices = ["YES", "YES", "NO"];
    for (u, c) in m.iter().zip(choices) {
        let r = cast_ballot(&app, Some(u), &mo, &u.id, &to_json(&ballot(&params, c).0)).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    let tally = tally_of(&motion_of(&app, &chair, &a, &mo).await);
    // The replaced trustee has no say in the count.
    let r = submit_partial(
        &app,
        Some(&treasurer),
        &mo,
        &to_json(&partial(&params, &tally, &trustees_now[0])),
    )
    .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"), "{r}");
    for t in &trustees_now {
        let pd = to_json(&partial(&params, &tally, t));
        let r = submit_partial(&app, Some(&t.user), &mo, &pd).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let done = motion_of(&app, &m[0], &a, &mo).await;
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 2, "no": 1, "abstain": 0 }),
        "{done}"
    );
    let r = app
        .gql(
            Some(&m[0].token),
            g::ELECTION_RECORD,
            json!({ "motionId": mo }),
        )
        .await;
    let record: ElectionRecord =
        serde_json::from_str(r["data"]["electionRecord"].as_str().expect("record")).expect("json");
    assert_eq!(verify_record(&record), Ok(vec![2, 1, 0]));
    assert_eq!(record.params, expected);
    // No longer a trustee of anything, the treasurer may leave.
    let r = delete_account(&app, &treasurer).await;
    assert_eq!(r["data"]["deleteMyAccount"], true, "{r}");
}

#[tokio::test]
async fn a_trustee_is_not_replaced_once_voting_opened_nor_by_a_bad_index_person_or_motion() {
    let app = spawn_app().await;
    let (chair, treasurer, m) = people(&app, 2).await;
    let gone = app.signup("Gone").await;
    let r = delete_account(&app, &gone).await;
    assert_eq!(r["data"]["deleteMyAccount"], true, "{r}");
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let (_, plain) = app.draft_assembly(&chair).await;
    post_keys(&app, &a, &mo, &[&chair, &treasurer]).await;
    let slot = index_of(&motion_of(&app, &chair, &a, &mo).await, &treasurer);
    let unknown = uuid::Uuid::new_v4().to_string();

    let before = dump(&app).await;
    for (motion, index, user, code, what) in [
        (
            &plain[0],
            1,
            &m[0].id,
            "INVALID_TRANSITION",
            "a plain motion",
        ),
        (
            &plain[1],
            1,
            &m[0].id,
            "INVALID_TRANSITION",
            "a secret motion",
        ),
        (&unknown, slot, &m[0].id, "NOT_FOUND", "an unknown motion"),
        (&mo, 99, &m[0].id, "NOT_FOUND", "an unknown index"),
        (&mo, 0, &m[0].id, "NOT_FOUND", "index 0"),
        (&mo, slot, &unknown, "NOT_FOUND", "an unknown person"),
        (&mo, slot, &gone.id, "NOT_FOUND", "a deleted account"),
        (&mo, slot, &chair.id, "CONFLICT", "a trustee already"),
        (&mo, slot, &treasurer.id, "CONFLICT", "the trustee itself"),
    ] {
        let r = replace(&app, Some(&chair), motion, index, user).await;
        refused_unchanged(&app, &before, &r, code, what).await;
    }

    // Once voting opened, and once it closed, the trustees stay.
    let refs: Vec<&TestUser> = m.iter().collect();
    in_session(&app, &chair, &a, &refs).await;
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    for stage in ["open", "closed"] {
        let before = dump(&app).await;
        let r = replace(&app, Some(&chair), &mo, slot, &m[0].id).await;
        refused_unchanged(&app, &before, &r, "INVALID_TRANSITION", stage).await;
        if stage == "open" {
            assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Board,
    Admin,
}
use Role::*;
const ROLES: [Role; 6] = [Anonymous, Sympathiser, Adherent, Effective, Board, Admin];

/// Who may replace a trustee: the board and admins; on a fresh draft with both keys posted,
/// each role names the effective member in place of the board member. A refusal changes
/// nothing; an acceptance drops the key and the parameters.
#[tokio::test]
async fn only_the_board_replaces_a_trustee() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let effective = app.signup("Effective").await;
    let adherent = app.signup("Adherent").await;
    let sympathiser = app.signup("Sympathiser").await;
    app.set_roles(&admin, &admin, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    let user = |r: Role| match r {
        Anonymous => None,
        Sympathiser => Some(&sympathiser),
        Adherent => Some(&adherent),
        Effective => Some(&effective),
        Board => Some(&board),
        Admin => Some(&admin),
    };
    const UNAUTH: Option<&str> = Some("UNAUTHENTICATED");
    const FORBID: Option<&str> = Some("FORBIDDEN");
    let expected = [UNAUTH, FORBID, FORBID, FORBID, None, None];
    for (role, want) in ROLES.iter().zip(expected) {
        let (a, mo) = encrypted_motion(&app, &admin, "SIMPLE").await;
        post_keys(&app, &a, &mo, &[&admin, &board]).await;
        let slot = index_of(&motion_of(&app, &admin, &a, &mo).await, &board);
        let before = dump(&app).await;
        let r = replace(&app, user(*role), &mo, slot, &effective.id).await;
        assert_eq!(outcome(&r).as_deref(), want, "{role:?}: {r}");
        if want.is_some() {
            let diff = changes(&before, &dump(&app).await);
            assert!(diff.is_empty(), "{role:?} was refused but changed {diff:?}");
        } else {
            let m = motion_of(&app, &admin, &a, &mo).await;
            assert!(
                trustees(&m).contains(&(slot, effective.id.clone(), false)),
                "{role:?}: {m}"
            );
            assert!(m["election"]["params"].is_null(), "{role:?}: {m}");
        }
    }
}

#[tokio::test]
async fn a_trustee_the_count_waits_for_cannot_leave_until_the_record_is_published() {
    let app = spawn_app().await;
    let (chair, treasurer, m) = people(&app, 2).await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let refused = |what: &'static str| {
        let (app, treasurer) = (&app, &treasurer);
        async move {
            let before = dump(app).await;
            let r = delete_account(app, treasurer).await;
            refused_unchanged(app, &before, &r, "TRUSTEE_DUTY", what).await;
        }
    };
    // A draft waiting for the key, then for the vote; an open vote; a closed one not decrypted.
    refused("no key posted yet").await;
    let mut ts = post_keys(&app, &a, &mo, &[&chair, &treasurer]).await;
    refused("key posted, draft").await;
    let refs: Vec<&TestUser> = m.iter().collect();
    in_session(&app, &chair, &a, &refs).await;
    let params = params_of(&motion_of(&app, &chair, &a, &mo).await);
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    for (u, c) in m.iter().zip(["NO", "YES"]) {
        let r = cast_ballot(&app, Some(u), &mo, &u.id, &to_json(&ballot(&params, c).0)).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    refused("voting open").await;
    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    refused("closed, nobody decrypted").await;
    let tally = tally_of(&motion_of(&app, &chair, &a, &mo).await);
    ts.sort_by_key(|t| t.user.id != chair.id);
    let pd = to_json(&partial(&params, &tally, &ts[0]));
    assert!(submit_partial(&app, Some(&chair), &mo, &pd).await["errors"].is_null());
    refused("closed, the chair decrypted").await;
    let pd = to_json(&partial(&params, &tally, &ts[1]));
    assert!(submit_partial(&app, Some(&treasurer), &mo, &pd).await["errors"].is_null());

    // The record is out: the treasurer may leave, and the record stays whole.
    let r = delete_account(&app, &treasurer).await;
    assert_eq!(r["data"]["deleteMyAccount"], true, "{r}");
    assert!(
        app.login(&treasurer.email, PASSWORD).await["errors"].is_array(),
        "the account is gone"
    );
    let r = app
        .gql(
            Some(&m[0].token),
            g::ELECTION_RECORD,
            json!({ "motionId": mo }),
        )
        .await;
    let record: ElectionRecord =
        serde_json::from_str(r["data"]["electionRecord"].as_str().expect("record")).expect("json");
    assert_eq!(verify_record(&record), Ok(vec![1, 1, 0]));
    let done = motion_of(&app, &m[0], &a, &mo).await;
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 1, "no": 1, "abstain": 0 }),
        "{done}"
    );
}
