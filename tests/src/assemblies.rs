//! Helpers for general-assembly tests.

use crate::{TestApp, TestUser};
use serde_json::{json, Value};

pub const ASSEMBLY_FIELDS: &str = "id status members present represented agenda { id number statutory frozen } motions { id status ballot turnout tally { yes no abstain } result { passed verdict explanation tally { yes no abstain } presentOrRepresented } receipts myRights { member { id } own cast } } viewer { effective chair present proxyGiven { id status holder { id } } proxiesHeld { id status principal { id } } }";

impl TestApp {
    /// `n` effective members inserted directly (no password hashing), with tokens minted by
    /// the server's own keys: for tests that need hundreds of voters.
    pub async fn effective_members(&self, n: usize, prefix: &str) -> Vec<TestUser> {
        use constellation_backend::entities::user;
        use sea_orm::{EntityTrait, Set};
        let now = chrono::Utc::now();
        let mut out = Vec::with_capacity(n);
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let id = uuid::Uuid::new_v4();
            let email = format!("{prefix}{i}.{}@example.org", id.simple()).to_lowercase();
            rows.push(user::ActiveModel {
                id: Set(id),
                email: Set(email.clone()),
                email_normalized: Set(email.clone()),
                display_name: Set(format!("{prefix} {i:03}")),
                password_hash: Set("!".into()),
                membership_kind: Set(constellation_shared::MembershipKind::Effective),
                is_board: Set(false),
                is_admin: Set(false),
                language: Set(constellation_shared::Language::En),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                token_version: Set(0),
                email_verified_at: Set(None),
            });
            out.push(TestUser {
                token: self.state.jwt.issue(id, 0).expect("token"),
                id: id.to_string(),
                email,
            });
        }
        for chunk in rows.chunks(200) {
            user::Entity::insert_many(chunk.to_vec())
                .exec(&self.db)
                .await
                .expect("insert members");
        }
        out
    }

    /// A draft assembly 30 days ahead with items 1 and 2 (2 statutory), and motions: an open
    /// SIMPLE one under 1 and a secret STATUTES one under 2. Returns (assembly, [motions]).
    pub async fn draft_assembly(&self, board: &TestUser) -> (String, Vec<String>) {
        let at = (chrono::Utc::now() + chrono::Duration::days(30)).to_rfc3339();
        let a = self
            .ok(
                board,
                "mutation($i: AssemblyInput!) { createAssembly(input: $i) { id } }",
                json!({ "i": { "kind": "EXTRAORDINARY", "title": "AG", "startsAt": at, "place": "Brussels", "language": "FR", "firstConvocationId": null } }),
            )
            .await["id"]
            .as_str()
            .expect("assembly")
            .to_owned();
        for (n, statutory) in [("1", false), ("2", true)] {
            self.ok(
                board,
                "mutation($a: ID!, $i: AgendaItemInput!) { addAgendaItem(assemblyId: $a, input: $i) { id } }",
                json!({ "a": a, "i": { "number": n, "title": format!("Point {n}"), "body": "", "documents": [], "statutory": statutory } }),
            )
            .await;
        }
        let items = self.assembly_state(board, &a).await["agenda"].clone();
        for (i, (rule, ballot)) in [("SIMPLE", "OPEN"), ("STATUTES", "SECRET")]
            .iter()
            .enumerate()
        {
            self.ok(
                board,
                "mutation($i: ID!, $m: MotionInput!) { addMotion(itemId: $i, input: $m) { id } }",
                json!({ "i": items[i]["id"], "m": { "text": format!("Motion {i}"), "rule": rule, "ballot": ballot } }),
            )
            .await;
        }
        let motions = self.assembly_state(board, &a).await["motions"]
            .as_array()
            .expect("motions")
            .iter()
            .map(|m| m["id"].as_str().expect("id").to_owned())
            .collect();
        (a, motions)
    }

    pub async fn assembly_state(&self, who: &TestUser, id: &str) -> Value {
        let r = self
            .gql(
                Some(&who.token),
                &format!("query($id: ID!) {{ assembly(id: $id) {{ {ASSEMBLY_FIELDS} }} }}"),
                json!({ "id": id }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
        r["data"]["assembly"].clone()
    }

    /// Runs an assembly mutation taking `$id` (convene, open/close session).
    pub async fn assembly_step(&self, who: &TestUser, field: &str, id: &str) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($id: ID!) {{ {field}(assemblyId: $id) {{ id status }} }}"),
            json!({ "id": id }),
        )
        .await
    }

    pub async fn voting(&self, who: &TestUser, field: &str, motion: &str) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($m: ID!) {{ {field}(motionId: $m) {{ id }} }}"),
            json!({ "m": motion }),
        )
        .await
    }

    pub async fn check_in(&self, who: &TestUser, assembly: &str, user: Option<&str>) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($a: ID!, $u: ID) { checkIn(assemblyId: $a, userId: $u) { id } }",
            json!({ "a": assembly, "u": user }),
        )
        .await
    }

    pub async fn cast(&self, who: &TestUser, motion: &str, member: &str, choice: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($m: ID!, $w: ID!, $c: Choice!) { castVote(motionId: $m, memberId: $w, choice: $c) { motionId memberId receipt } }",
            json!({ "m": motion, "w": member, "c": choice }),
        )
        .await
    }

    /// `principal` gives a proxy to `holder`, who accepts.
    pub async fn proxy(&self, principal: &TestUser, holder: &TestUser, assembly: &str) {
        self.ok(
            principal,
            "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
            json!({ "a": assembly, "h": holder.email }),
        )
        .await;
        let held = self.assembly_state(holder, assembly).await["viewer"]["proxiesHeld"].clone();
        let id = held
            .as_array()
            .and_then(|h| {
                h.iter().find(|p| {
                    p["principal"]["id"] == principal.id.as_str() && p["status"] == "PENDING"
                })
            })
            .and_then(|p| p["id"].as_str())
            .expect("pending proxy")
            .to_owned();
        self.ok(
            holder,
            "mutation($p: ID!) { answerProxy(proxyId: $p, accept: true) { id } }",
            json!({ "p": id }),
        )
        .await;
    }
}
