//! Helpers for the transition's tests: the plan, services, paths, hand-overs.

use crate::{TestApp, TestUser};
use serde_json::{json, Value};

pub const SERVICE_FIELDS: &str = "id kind name status path targetHost internal nextStep \
    handoverConfirmedAt handover { id item handedAt confirmedAt } \
    history(first: 100) { edges { node { fromStatus toStatus path reason actor { id } } } }";

impl TestApp {
    /// The transition, ending `ends_on`, at risk `at_risk_days` before; returns the
    /// working group's Lab id.
    pub async fn transition_plan(
        &self,
        board: &TestUser,
        ends_on: &str,
        at_risk_days: i32,
    ) -> String {
        let r = self
            .gql(
                Some(&board.token),
                "mutation($i: PlanInput!) { createTransitionPlan(input: $i) { id workingGroup { id } } }",
                json!({ "i": { "title": "Arrêt des services", "decisionNote": "AG du 27 janvier",
                    "endsOn": ends_on, "atRiskDays": at_risk_days } }),
            )
            .await;
        r["data"]["createTransitionPlan"]["workingGroup"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createTransitionPlan failed: {r}"))
            .to_owned()
    }

    /// A service of `kind` held by `holders`, entered by `board`; returns its id.
    pub async fn transition_service(
        &self,
        board: &TestUser,
        kind: &str,
        name: &str,
        holders: &[&TestUser],
        internal: bool,
    ) -> String {
        let r = self
            .gql(
                Some(&board.token),
                "mutation($i: ServiceInput!) { createTransitionService(input: $i) { id } }",
                json!({ "i": { "kind": kind, "name": name, "description": "", "address": name,
                    "internal": internal, "holderIds": holders.iter().map(|h| h.id.clone()).collect::<Vec<_>>() } }),
            )
            .await;
        r["data"]["createTransitionService"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createTransitionService failed: {r}"))
            .to_owned()
    }

    pub async fn choose_path(
        &self,
        who: &TestUser,
        service: &str,
        path: &str,
        group: Option<&str>,
    ) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($s: ID!, $i: PathInput!) {{ chooseServicePath(serviceId: $s, input: $i) {{ {SERVICE_FIELDS} }} }}"),
            json!({ "s": service, "i": { "path": path, "targetHost": "", "groupId": group } }),
        )
        .await
    }

    pub async fn set_service_status(
        &self,
        who: &TestUser,
        service: &str,
        status: &str,
        reason: Option<&str>,
    ) -> Value {
        self.gql(
            Some(&who.token),
            &format!("mutation($s: ID!, $st: ServiceStatus!, $r: String) {{ setServiceStatus(serviceId: $s, status: $st, reason: $r) {{ {SERVICE_FIELDS} }} }}"),
            json!({ "s": service, "st": status, "r": reason }),
        )
        .await
    }

    pub async fn service(&self, who: &TestUser, service: &str) -> Value {
        self.gql(
            Some(&who.token),
            &format!("query($s: ID!) {{ transitionService(id: $s) {{ {SERVICE_FIELDS} }} }}"),
            json!({ "s": service }),
        )
        .await
    }

    /// The ids of a service's checklist items, as the board sees them.
    pub async fn handover_items(&self, board: &TestUser, service: &str) -> Vec<String> {
        let r = self.service(board, service).await;
        r["data"]["transitionService"]["handover"]
            .as_array()
            .unwrap_or_else(|| panic!("no checklist: {r}"))
            .iter()
            .filter_map(|i| i["id"].as_str().map(str::to_owned))
            .collect()
    }

    pub async fn hand_over(&self, who: &TestUser, item: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($i: ID!) { markHandedOver(itemId: $i) { id handedAt } }",
            json!({ "i": item }),
        )
        .await
    }

    pub async fn confirm_handover(&self, who: &TestUser, item: &str) -> Value {
        self.gql(
            Some(&who.token),
            "mutation($i: ID!) { confirmHandover(itemId: $i) { id confirmedAt } }",
            json!({ "i": item }),
        )
        .await
    }

    pub async fn join_lab(&self, who: &TestUser, lab: &str) {
        let r = self
            .gql(
                Some(&who.token),
                "mutation($l: ID!) { joinLab(labId: $l) { id } }",
                json!({ "l": lab }),
            )
            .await;
        assert!(r["errors"].is_null(), "joinLab failed: {r}");
    }
}
