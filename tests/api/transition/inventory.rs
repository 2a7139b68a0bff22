//! The CSV inventory, imported whole or not at all, and the dashboard against a hand count.

use super::*;

const IMPORT: &str = "mutation($c: String!) { importTransitionServices(csv: $c) { imported problems { line name code field reason } } }";

#[tokio::test]
async fn a_csv_inventory_is_imported_whole_or_not_at_all() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(300), 30).await;
    app.transition_service(&w.board, "DOMAIN", "deja.be", &[&w.holder], false)
        .await;
    let before = app.count("transition_services").await;
    let bad = format!(
        "kind;name;holders;internal\n\
         site web;site-a.be;{h}\n\
         fax;fax-1;{h}\n\
         mailbox;boite@asbl.be;personne@nulle.part\n\
         liste sympa;liste@asbl;{h}|{o}\n\
         liste sympa;LISTE@asbl ;{o}\n\
         domaine;deja.be;{h}\n\
         mailbox;interne@asbl;;oui\n",
        h = w.holder.email,
        o = w.other.email
    );
    let r = app
        .gql(Some(&w.board.token), IMPORT, json!({ "c": bad }))
        .await;
    let rep = ok(&r, "importTransitionServices");
    assert_eq!(rep["imported"], 0);
    let lines: Vec<(i64, String, String)> = rep["problems"]
        .as_array()
        .map(|p| {
            p.iter()
                .map(|p| {
                    (
                        p["line"].as_i64().unwrap_or(0),
                        p["code"].as_str().unwrap_or("").to_owned(),
                        p["field"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        lines,
        vec![
            (3, "VALIDATION".into(), "kind".into()),
            (4, "VALIDATION".into(), "holders".into()),
            (6, "CONFLICT".into(), "".into()),
            (7, "CONFLICT".into(), "".into()),
        ],
        "{rep}"
    );
    assert_eq!(
        app.count("transition_services").await,
        before,
        "nothing written"
    );

    let wrong = app
        .gql(
            Some(&w.board.token),
            IMPORT,
            json!({ "c": "kind,name,owner\nwebsite,x,y\n" }),
        )
        .await;
    let rep = ok(&wrong, "importTransitionServices");
    assert_eq!(rep["problems"][0]["line"], 1);
    assert_eq!(rep["problems"][0]["field"], "csv");

    let good = format!(
        "Kind,Name,Holders,Description,Address,Internal\n\
         website,site-a.be,{h},\"Site, avec base\",https://site-a.be,non\n\
         mailing_list,liste@asbl,{h} {o},,liste@asbl,\n\
         mailbox,interne@asbl,,,interne@asbl,oui\n",
        h = w.holder.email,
        o = w.other.email
    );
    let r = app
        .gql(Some(&w.board.token), IMPORT, json!({ "c": good }))
        .await;
    assert_eq!(ok(&r, "importTransitionServices")["imported"], 3, "{r}");
    assert_eq!(app.count("transition_services").await, before + 3);
    // Checklists for the two to migrate (2 + 2), none for the internal one.
    assert_eq!(app.count("transition_handover_items").await, 2 + 2 + 2);
    // Members import nothing.
    let r = app
        .gql(
            Some(&w.holder.token),
            IMPORT,
            json!({ "c": "kind,name,holders\n" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
}

const DASHBOARD: &str = "{ transitionDashboard { daysLeft atRiskDays total internal atRisk \
    byStatus { status count } byPath { path count } \
    atRiskServices(first: 100) { edges { node { name } } } \
    progress(first: 100) { edges { node { on planned migrated } } } } }";

pub(super) fn counts(d: &Value, list: &str, key: &str) -> Vec<(String, i64)> {
    d[list]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    (
                        x[key].as_str().unwrap_or("NONE").to_owned(),
                        x["count"].as_i64().unwrap_or(-1),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn the_dashboard_matches_a_hand_count() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(20), 30).await;
    let mk = |kind: &'static str, name: &'static str| (kind, name);
    let mut ids = Vec::new();
    for (k, n) in [
        mk("WEBSITE", "a.be"),
        mk("WEBSITE", "b.be"),
        mk("MAILBOX", "c@x"),
        mk("MAILING_LIST", "d@x"),
        mk("DOMAIN", "e.be"),
        mk("MAIL_ALIAS", "f@x"),
    ] {
        ids.push(
            app.transition_service(&w.board, k, n, &[&w.holder], false)
                .await,
        );
    }
    app.transition_service(&w.board, "MAILBOX", "interne@x", &[], true)
        .await;
    // a: individual, in progress. b: social economy, planned. c: individual, migrated
    // (hand-over confirmed). d: closed path, waived and closed. e, f: no path.
    ok(
        &app.choose_path(&w.holder, &ids[0], "INDIVIDUAL", None)
            .await,
        "chooseServicePath",
    );
    ok(
        &app.set_service_status(&w.holder, &ids[0], "IN_PROGRESS", None)
            .await,
        "setServiceStatus",
    );
    ok(
        &app.choose_path(&w.holder, &ids[1], "SOCIAL_ECONOMY", None)
            .await,
        "chooseServicePath",
    );
    ok(
        &app.choose_path(&w.holder, &ids[2], "INDIVIDUAL", None)
            .await,
        "chooseServicePath",
    );
    for i in app.handover_items(&w.board, &ids[2]).await {
        ok(&app.hand_over(&w.board, &i).await, "markHandedOver");
        ok(
            &app.confirm_handover(&w.holder, &i).await,
            "confirmHandover",
        );
    }
    ok(
        &app.choose_path(&w.holder, &ids[3], "CLOSED", None).await,
        "chooseServicePath",
    );
    let r = app
        .gql(
            Some(&w.board.token),
            "mutation($s: ID!) { waiveHandover(serviceId: $s, reason: \"liste morte\") { id } }",
            json!({ "s": ids[3] }),
        )
        .await;
    ok(&r, "waiveHandover");
    ok(
        &app.set_service_status(&w.board, &ids[3], "CLOSED", None)
            .await,
        "setServiceStatus",
    );

    let r = app.gql(Some(&w.holder.token), DASHBOARD, json!({})).await;
    let d = ok(&r, "transitionDashboard");
    assert_eq!(d["daysLeft"], 20);
    assert_eq!(
        (d["total"].clone(), d["internal"].clone()),
        (json!(6), json!(1))
    );
    assert_eq!(
        counts(d, "byStatus", "status"),
        vec![
            ("TO_PLAN".into(), 2),
            ("PLANNED".into(), 1),
            ("IN_PROGRESS".into(), 1),
            ("MIGRATED".into(), 1),
            ("CLOSED".into(), 1),
        ]
    );
    assert_eq!(
        counts(d, "byPath", "path"),
        vec![
            ("NONE".into(), 2),
            ("INDIVIDUAL".into(), 2),
            ("COLLECTIVE".into(), 0),
            ("SOCIAL_ECONOMY".into(), 1),
            ("TAKEN_OVER".into(), 0),
            ("CLOSED".into(), 1),
        ]
    );
    // 20 days left, at risk from 30: every service not migrated (a, b, e, f).
    assert_eq!(d["atRisk"], 4);
    // A member sees the count, not whose services.
    assert_eq!(d["atRiskServices"]["edges"], json!([]));
    // Today: 4 services planned or further (a, b, c, d), 2 migrated or closed (c, d).
    let points = d["progress"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let last = &points[points.len() - 1]["node"];
    assert_eq!(
        (last["planned"].clone(), last["migrated"].clone()),
        (json!(4), json!(2))
    );

    // With the at-risk setting at 5 days, only the services without a path are at risk.
    let r = app
        .gql(
            Some(&w.board.token),
            "mutation($i: PlanInput!) { updateTransitionPlan(input: $i) { atRiskDays } }",
            json!({ "i": { "title": "Arrêt", "decisionNote": "", "endsOn": in_days(20), "atRiskDays": 5 } }),
        )
        .await;
    ok(&r, "updateTransitionPlan");
    let r = app.gql(Some(&w.board.token), DASHBOARD, json!({})).await;
    let d = ok(&r, "transitionDashboard");
    assert_eq!(d["atRisk"], 2);
    let names: Vec<Value> = d["atRiskServices"]["edges"]
        .as_array()
        .map(|e| e.iter().map(|n| n["node"]["name"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        names,
        vec![json!("e.be"), json!("f@x")],
        "by kind, then name"
    );
}
