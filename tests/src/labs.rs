//! Typed helpers for Labs tests.

use crate::{error_code, TestApp, TestUser};
use serde_json::{json, Value};

pub const LAB_FIELDS: &str = "id slug name status acknowledgedRulesVersion rulesAcknowledgementDue framing { version status themes visibility membershipPolicy reviewComment } pendingFraming { version status } myMembership { role state } members { edges { node { user { id } role state } } } projects { edges { node { id title status supportCount } } } history { edges { node { kind comment } } }";

pub fn framing(policy: &str, visibility: &str) -> Value {
    json!({
        "themes": ["transparency", "education"],
        "description": "A Lab to test things.",
        "objectives": "Test the platform.",
        "scopeIn": "Tests.",
        "scopeOut": "Production.",
        "expectedOutputs": "Green tests.",
        "startDate": "2027-01-01",
        "endDate": "2027-12-31",
        "membershipPolicy": policy,
        "participation": "An hour a week.",
        "visibility": visibility,
    })
}

impl TestApp {
    /// Runs a mutation that must succeed; returns its root field.
    pub async fn ok(&self, who: &TestUser, query: &str, vars: Value) -> Value {
        let r = self.gql(Some(&who.token), query, vars).await;
        assert!(r["errors"].is_null(), "{query} failed: {r}");
        r["data"]
            .as_object()
            .and_then(|o| o.values().next().cloned())
            .unwrap_or(Value::Null)
    }

    pub async fn propose_lab(
        &self,
        who: &TestUser,
        slug: &str,
        policy: &str,
        visibility: &str,
    ) -> Value {
        self.ok(
            who,
            &format!("mutation($i: ProposeLabInput!) {{ proposeLab(input: $i) {{ {LAB_FIELDS} }} }}"),
            json!({ "i": { "name": format!("Lab {slug}"), "slug": slug, "framing": framing(policy, visibility) } }),
        )
        .await
    }

    pub async fn review(
        &self,
        who: &TestUser,
        lab_id: &str,
        decision: &str,
        comment: Option<&str>,
    ) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($id: ID!, $d: ReviewDecision!, $c: String) {{ reviewLab(labId: $id, decision: $d, comment: $c) {{ {LAB_FIELDS} }} }}"),
            json!({ "id": lab_id, "d": decision, "c": comment }),
        )
        .await
    }

    /// Proposed by `founder`, approved by `board`: an active Lab. Returns its id.
    pub async fn active_lab(
        &self,
        founder: &TestUser,
        board: &TestUser,
        slug: &str,
        policy: &str,
        visibility: &str,
    ) -> String {
        let lab = self.propose_lab(founder, slug, policy, visibility).await;
        let id = lab["id"].as_str().expect("lab id").to_owned();
        let r = self.review(board, &id, "APPROVE", None).await;
        assert!(r["errors"].is_null(), "approve failed: {r}");
        id
    }

    pub async fn join(&self, who: &TestUser, lab_id: &str) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($id: ID!) {{ joinLab(labId: $id) {{ {LAB_FIELDS} }} }}"),
            json!({ "id": lab_id }),
        )
        .await
    }

    pub async fn lab(&self, who: Option<&TestUser>, slug: &str) -> Value {
        let r = self
            .gql(
                who.map(|w| w.token.as_str()),
                &format!("query($s: String!) {{ lab(slug: $s) {{ {LAB_FIELDS} }} }}"),
                json!({ "s": slug }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
        r["data"]["lab"].clone()
    }

    pub async fn propose_project(&self, who: &TestUser, lab_id: &str, title: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($id: ID!, $i: ProjectInput!) { proposeProject(labId: $id, input: $i) { id title status supportCount supportedByMe } }",
            json!({ "id": lab_id, "i": { "title": title, "description": "Do it.", "goals": "Done.", "resourcesNeeded": "A server." } }),
        )
        .await
    }

    pub async fn publish_rules(&self, who: &TestUser, body: &str, decision: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($b: String!, $d: String!) { publishCommonRules(body: $b, decisionRef: $d) { version body decisionRef } }",
            json!({ "b": body, "d": decision }),
        )
        .await
    }
}

/// `Some(code)` for a refusal, `None` for success.
pub fn outcome(r: &Value) -> Option<String> {
    error_code(r).map(str::to_owned)
}

impl TestApp {
    /// A pool with one period; returns (pool id, period id).
    pub async fn pool(
        &self,
        board: &TestUser,
        name: &str,
        unit: &str,
        scale: i32,
        capacity: &str,
    ) -> (String, String) {
        let p = self
            .ok(
                board,
                "mutation($i: PoolInput!) { createPool(input: $i) { id periods { id } } }",
                json!({ "i": { "name": name, "kind": "SERVER", "unit": unit, "scale": scale, "description": "",
                    "period": { "label": "2027", "startsOn": "2027-01-01", "endsOn": "2027-12-31", "capacity": capacity } } }),
            )
            .await;
        (
            p["id"].as_str().expect("pool").to_owned(),
            p["periods"][0]["id"].as_str().expect("period").to_owned(),
        )
    }

    pub async fn file_request(
        &self,
        who: &TestUser,
        lab: &str,
        period: &str,
        amount: &str,
    ) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($i: RequestInput!) { fileResourceRequest(input: $i) { id status amount } }",
            json!({ "i": { "labId": lab, "periodId": period, "amount": amount, "justification": "We need it." } }),
        )
        .await
    }

    pub async fn decide(
        &self,
        who: &TestUser,
        request: &str,
        decision: &str,
        amount: Option<&str>,
        reason: &str,
    ) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($r: ID!, $d: ResourceDecision!, $a: String, $why: String!) { decideResourceRequest(requestId: $r, decision: $d, amount: $a, reason: $why) { id status grantedAmount period { granted remaining } } }",
            json!({ "r": request, "d": decision, "a": amount, "why": reason }),
        )
        .await
    }

    pub async fn period_state(&self, who: &TestUser) -> Value {
        let r = self.gql(Some(&who.token), "{ resourcePools { edges { node { name periods { id capacity granted remaining } } } } }", json!({})).await;
        r["data"]["resourcePools"].clone()
    }
}
