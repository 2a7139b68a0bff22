//! Typed helpers for barcamp tests.

use crate::{TestApp, TestUser};
use serde_json::{json, Value};

pub const SESSION_FIELDS: &str = "id title status length interestCount interested canEdit pinned unplacedReason statusReason hosts { id } room { id name } slots { id day start end startsAt endsAt } mergedInto { id }";
pub const EDITION_FIELDS: &str = "id year phase registrationCount rooms { id name capacity equipment } slots { id day start end startsAt endsAt } viewer { registered organiser feedPath }";

/// Rooms: "Big" (40, projector), "Small" (10). Slots on 2027-06-12 (Brussels time):
/// 10:00-10:45, 10:45-11:30, 11:30-12:15, lunch, 14:00-14:45, 14:45-15:30.
pub struct Edition {
    pub id: String,
    pub big: String,
    pub small: String,
    /// Slot ids in time order.
    pub slots: Vec<String>,
}

impl TestApp {
    pub async fn edition(&self, organiser: &TestUser, year: i32) -> Edition {
        let e = self
            .ok(
                organiser,
                "mutation($i: EditionInput!) { createBarcampEdition(input: $i) { id } }",
                json!({ "i": { "year": year, "title": format!("Barcamp {year}"), "startsOn": format!("{year}-06-12"), "endsOn": format!("{year}-06-13"), "venue": "Brussels", "timezone": "Europe/Brussels" } }),
            )
            .await;
        let id = e["id"].as_str().expect("edition id").to_owned();
        for (name, capacity, equipment) in [("Big", 40, vec!["Projector"]), ("Small", 10, vec![])] {
            self.ok(
                organiser,
                "mutation($e: ID!, $i: RoomInput!) { addBarcampRoom(editionId: $e, input: $i) { id } }",
                json!({ "e": id, "i": { "name": name, "capacity": capacity, "equipment": equipment } }),
            )
            .await;
        }
        for (start, end) in [
            ("10:00", "10:45"),
            ("10:45", "11:30"),
            ("11:30", "12:15"),
            ("14:00", "14:45"),
            ("14:45", "15:30"),
        ] {
            self.ok(
                organiser,
                "mutation($e: ID!, $i: SlotInput!) { addBarcampSlot(editionId: $e, input: $i) { id } }",
                json!({ "e": id, "i": { "day": format!("{year}-06-12"), "start": start, "end": end } }),
            )
            .await;
        }
        let e = self.edition_state(organiser, &id).await;
        let room = |n: &str| {
            e["rooms"]
                .as_array()
                .and_then(|rs| rs.iter().find(|r| r["name"] == n))
                .and_then(|r| r["id"].as_str())
                .expect("room")
                .to_owned()
        };
        Edition {
            big: room("Big"),
            small: room("Small"),
            slots: e["slots"]
                .as_array()
                .expect("slots")
                .iter()
                .map(|s| s["id"].as_str().expect("slot id").to_owned())
                .collect(),
            id,
        }
    }

    pub async fn edition_state(&self, who: &TestUser, id: &str) -> Value {
        let r = self
            .gql(
                Some(&who.token),
                &format!("query($id: ID) {{ barcampEdition(id: $id) {{ {EDITION_FIELDS} }} }}"),
                json!({ "id": id }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
        r["data"]["barcampEdition"].clone()
    }

    /// A new account registered for the edition.
    pub async fn attendee(&self, name: &str, edition: &str) -> TestUser {
        let u = self.signup(name).await;
        self.register_for(&u, edition).await;
        u
    }

    pub async fn register_for(&self, u: &TestUser, edition: &str) {
        self.ok(
            u,
            "mutation($e: ID!) { registerForBarcamp(editionId: $e) { id } }",
            json!({ "e": edition }),
        )
        .await;
    }

    pub async fn propose_session(
        &self,
        who: &TestUser,
        edition: &str,
        title: &str,
        length: i32,
        equipment: &[&str],
        co_hosts: &[&str],
    ) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($e: ID!, $i: SessionInput!) {{ proposeBarcampSession(editionId: $e, input: $i) {{ {SESSION_FIELDS} }} }}"),
            json!({ "e": edition, "i": { "title": title, "description": "About it.", "format": "TALK", "length": length, "equipment": equipment, "labId": null, "coHostEmails": co_hosts } }),
        )
        .await
    }

    /// Proposes a session that must be accepted; returns its id.
    pub async fn session(&self, who: &TestUser, edition: &str, title: &str, length: i32) -> String {
        let r = self
            .propose_session(who, edition, title, length, &[], &[])
            .await;
        r["data"]["proposeBarcampSession"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("propose failed: {r}"))
            .to_owned()
    }

    pub async fn interest(&self, who: &TestUser, session: &str, on: bool) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($s: ID!, $on: Boolean!) { setBarcampInterest(sessionId: $s, interested: $on) { id interestCount interested } }",
            json!({ "s": session, "on": on }),
        )
        .await
    }

    pub async fn phase(&self, who: &TestUser, edition: &str, phase: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($e: ID!, $p: BarcampPhase!) { setBarcampPhase(editionId: $e, phase: $p) { phase } }",
            json!({ "e": edition, "p": phase }),
        )
        .await
    }

    pub async fn run_scheduler(&self, who: &TestUser, edition: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($e: ID!) { runBarcampScheduler(editionId: $e) { placed pinned objective greedyObjective milliseconds unplaced { session { id title } reason explanation } } }",
            json!({ "e": edition }),
        )
        .await
    }

    pub async fn session_state(&self, who: Option<&TestUser>, id: &str) -> Value {
        let r = self
            .gql(
                who.map(|w| w.token.as_str()),
                &format!("query($id: ID!) {{ barcampSession(id: $id) {{ {SESSION_FIELDS} }} }}"),
                json!({ "id": id }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
        r["data"]["barcampSession"].clone()
    }

    pub async fn move_session(
        &self,
        who: &TestUser,
        session: &str,
        room: &str,
        slot: &str,
    ) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($s: ID!, $r: ID!, $t: ID!) {{ moveBarcampSession(sessionId: $s, roomId: $r, startSlotId: $t) {{ {SESSION_FIELDS} }} }}"),
            json!({ "s": session, "r": room, "t": slot }),
        )
        .await
    }

    pub async fn check_move(&self, who: &TestUser, session: &str, room: &str, slot: &str) -> Value {
        self.gql(
            Some(&who.token),
            "query($s: ID!, $r: ID!, $t: ID!) { checkBarcampMove(sessionId: $s, roomId: $r, startSlotId: $t) { kind hard message } }",
            json!({ "s": session, "r": room, "t": slot }),
        )
        .await
    }

    /// GET a path; returns (status, body).
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .expect("get");
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }
}
