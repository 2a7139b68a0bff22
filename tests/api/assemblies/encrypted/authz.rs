//! The three encrypted-ballot mutations and the two public reads, tried by each role on a
//! fresh motion: anonymous, sympathiser (an account, not a member), adherent, effective member,
//! board member (effective), admin (the first account: effective, board and admin; not checked
//! in). The trustees are the board: the board member and the admin. Each role sends what its
//! page would (its own key, its own ballot, its own decryption; a non-trustee sends trustee 1's
//! valid one). A refused role changes nothing in the database.

use super::{
    ballot, cast_ballot, changes, dump, encrypted_motion, in_session, motion_of, params_of,
    partial, post_keys, submit_key, submit_partial, tally_of, to_json, Trustee,
};
use constellation_shared::queries::assemblies as g;
use constellation_shared::voting::{BasicTrustee, ElectionParams, EncryptedTally, OsRandom};
use constellation_tests::labs::outcome;
use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

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

struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
}

impl Cast {
    fn user(&self, r: Role) -> Option<&TestUser> {
        match r {
            Anonymous => None,
            Sympathiser => Some(&self.sympathiser),
            Adherent => Some(&self.adherent),
            Effective => Some(&self.effective),
            Board => Some(&self.board),
            Admin => Some(&self.admin),
        }
    }
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.signup("Admin").await;
    let c = Cast {
        board: app.signup("Board").await,
        effective: app.signup("Effective").await,
        adherent: app.signup("Adherent").await,
        sympathiser: app.signup("Sympathiser").await,
        admin,
    };
    app.set_roles(&c.admin, &c.admin, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(
        &c.admin,
        &c.board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&c.admin, &c.effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&c.admin, &c.adherent, json!({ "kind": "ADHERENT" }))
        .await;
    c
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// A draft encrypted motion, no key posted; the assembly in session.
    Draft,
    /// Keys posted, voting open; the effective member and the board member checked in.
    Voting,
    /// As `Voting`, the effective member voted, voting closed.
    Closed,
    /// As `Closed`, both trustees decrypted.
    Decrypted,
}

struct Fixture {
    assembly: String,
    motion: String,
    trustees: Vec<Trustee>,
    params: Option<ElectionParams>,
    tally: Option<EncryptedTally>,
}

async fn fixture(app: &TestApp, c: &Cast, stage: Stage) -> Fixture {
    let (a, mo) = encrypted_motion(app, &c.admin, "SIMPLE").await;
    in_session(app, &c.admin, &a, &[&c.effective, &c.board]).await;
    let mut fx = Fixture {
        assembly: a.clone(),
        motion: mo.clone(),
        trustees: Vec::new(),
        params: None,
        tally: None,
    };
    if stage == Stage::Draft {
        return fx;
    }
    fx.trustees = post_keys(app, &a, &mo, &[&c.admin, &c.board]).await;
    let params = params_of(&motion_of(app, &c.admin, &a, &mo).await);
    assert!(app.voting(&c.admin, "openVoting", &mo).await["errors"].is_null());
    if stage != Stage::Voting {
        let r = cast_ballot(
            app,
            Some(&c.effective),
            &mo,
            &c.effective.id,
            &to_json(&ballot(&params, "YES").0),
        )
        .await;
        assert!(r["errors"].is_null(), "{r}");
        assert!(app.voting(&c.admin, "closeVoting", &mo).await["errors"].is_null());
        let tally = tally_of(&motion_of(app, &c.admin, &a, &mo).await);
        if stage == Stage::Decrypted {
            for t in &fx.trustees {
                let r = submit_partial(
                    app,
                    Some(&t.user),
                    &mo,
                    &to_json(&partial(&params, &tally, t)),
                )
                .await;
                assert!(r["errors"].is_null(), "{r}");
            }
        }
        fx.tally = Some(tally);
    }
    fx.params = Some(params);
    fx
}

/// The trustee `who` is, if any.
fn trustee<'a>(fx: &'a Fixture, who: Option<&TestUser>) -> Option<&'a Trustee> {
    who.and_then(|u| fx.trustees.iter().find(|t| t.user.id == u.id))
}

const UNAUTH: Option<&str> = Some("UNAUTHENTICATED");
const FORBID: Option<&str> = Some("FORBIDDEN");
const OK: Option<&str> = None;
/// The motion's trustees: the board member and the admin.
const TRUSTEES: [Option<&str>; 6] = [UNAUTH, FORBID, FORBID, FORBID, OK, OK];

/// For each role on a fresh fixture: `send` gives the response; a refusal must leave the
/// database as it was; `check` looks at the effect of an accepted call.
async fn matrix<S, F>(app: &TestApp, c: &Cast, stage: Stage, expected: [Option<&str>; 6], send: S)
where
    S: Fn(Fixture, Option<TestUser>) -> F,
    F: std::future::Future<Output = (Value, &'static str)>,
{
    for (n, want) in expected.iter().enumerate() {
        let role = ROLES[n];
        let fx = fixture(app, c, stage).await;
        let before = dump(app).await;
        let (r, what) = send(fx, c.user(role).cloned()).await;
        assert_eq!(outcome(&r).as_deref(), *want, "{role:?} on {what}: {r}");
        if want.is_some() {
            let diff = changes(&before, &dump(app).await);
            assert!(
                diff.is_empty(),
                "{role:?} was refused {what} but changed {diff:?}"
            );
        }
    }
}

#[tokio::test]
async fn only_the_motions_trustees_post_keys() {
    let app = spawn_app().await;
    let c = &cast(&app).await;
    let app = &app;
    matrix(app, c, Stage::Draft, TRUSTEES, |fx, who| async move {
        // A trustee's page reads its index; anyone else tries trustee 1's.
        let m = motion_of(app, &c.admin, &fx.assembly, &fx.motion).await;
        let index = m["election"]["trustees"]
            .as_array()
            .expect("trustees")
            .iter()
            .find(|t| {
                who.as_ref()
                    .is_some_and(|u| t["person"]["id"] == u.id.as_str())
            })
            .map_or(1, |t| t["index"].as_u64().expect("index") as u32);
        let (_, key) = BasicTrustee::generate(&fx.motion, index, &mut OsRandom).expect("key");
        let r = submit_key(app, who.as_ref(), &fx.motion, &to_json(&key)).await;
        if r["errors"].is_null() {
            let m = motion_of(app, &c.admin, &fx.assembly, &fx.motion).await;
            let posted: Vec<_> = m["election"]["trustees"]
                .as_array()
                .expect("trustees")
                .iter()
                .filter(|t| t["keyPosted"] == true)
                .map(|t| t["index"].as_u64().expect("index") as u32)
                .collect();
            assert_eq!(posted, [index], "{m}");
        }
        (r, "submitTrusteeKey")
    })
    .await;
}

#[tokio::test]
async fn only_present_effective_members_cast_encrypted_ballots() {
    let app = spawn_app().await;
    let c = &cast(&app).await;
    let app = &app;
    matrix(
        app,
        c,
        Stage::Voting,
        [UNAUTH, FORBID, FORBID, OK, OK, Some("NOT_ELIGIBLE")],
        |fx, who| async move {
            let params = fx.params.as_ref().expect("params");
            let member = who
                .as_ref()
                .map_or(c.effective.id.clone(), |u| u.id.clone());
            let (b, _) = ballot(params, "NO");
            let r = cast_ballot(app, who.as_ref(), &fx.motion, &member, &to_json(&b)).await;
            if r["errors"].is_null() {
                let m = motion_of(app, &c.admin, &fx.assembly, &fx.motion).await;
                assert_eq!(m["election"]["ballots"], 1, "{m}");
                assert_eq!(m["turnout"], 1, "{m}");
            }
            (r, "castEncryptedBallot")
        },
    )
    .await;
}

#[tokio::test]
async fn only_the_motions_trustees_post_partial_decryptions() {
    let app = spawn_app().await;
    let c = &cast(&app).await;
    let app = &app;
    matrix(app, c, Stage::Closed, TRUSTEES, |fx, who| async move {
        let (params, tally) = (
            fx.params.as_ref().expect("params"),
            fx.tally.as_ref().expect("tally"),
        );
        // A trustee sends its own; anyone else trustee 1's, valid.
        let t = trustee(&fx, who.as_ref()).unwrap_or(&fx.trustees[0]);
        let pd = partial(params, tally, t);
        let r = submit_partial(app, who.as_ref(), &fx.motion, &to_json(&pd)).await;
        if r["errors"].is_null() {
            let m = motion_of(app, &c.admin, &fx.assembly, &fx.motion).await;
            let done: Vec<_> = m["election"]["trustees"]
                .as_array()
                .expect("trustees")
                .iter()
                .filter(|x| x["decrypted"] == true)
                .map(|x| x["index"].as_u64().expect("index") as u32)
                .collect();
            assert_eq!(done, [t.index()], "{m}");
        }
        (r, "submitPartialDecryption")
    })
    .await;
}

/// The board of trackers and the record are for the association's members, as the assembly.
#[tokio::test]
async fn members_read_the_board_and_the_record() {
    let app = spawn_app().await;
    let c = &cast(&app).await;
    let app = &app;
    let readers = [UNAUTH, FORBID, OK, OK, OK, OK];
    matrix(app, c, Stage::Decrypted, readers, |fx, who| async move {
        let r = app
            .gql(
                who.as_ref().map(|u| u.token.as_str()),
                g::BALLOT_TRACKERS,
                json!({ "motionId": fx.motion, "first": 10, "after": null }),
            )
            .await;
        if r["errors"].is_null() {
            assert_eq!(
                r["data"]["ballotTrackers"]["edges"]
                    .as_array()
                    .map(Vec::len),
                Some(1),
                "{r}"
            );
        }
        (r, "ballotTrackers")
    })
    .await;
    matrix(app, c, Stage::Decrypted, readers, |fx, who| async move {
        let r = app
            .gql(
                who.as_ref().map(|u| u.token.as_str()),
                g::ELECTION_RECORD,
                json!({ "motionId": fx.motion }),
            )
            .await;
        if r["errors"].is_null() {
            assert!(r["data"]["electionRecord"].is_string(), "{r}");
        }
        (r, "electionRecord")
    })
    .await;
}
