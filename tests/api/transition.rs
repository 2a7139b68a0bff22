//! The transition of hosted services: a service from the inventory to closed with every step
//! recorded, every path, the hand-over rule, the CSV import (all or nothing), the working
//! group's support, the poll, the dashboard against a hand count, and the export.

use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

pub struct World {
    pub admin: TestUser,
    pub board: TestUser,
    pub holder: TestUser,
    pub other: TestUser,
    pub helper: TestUser,
    pub lab: String,
}

/// An admin, a board member, two effective members (one holds services), an adherent in
/// the working group, and the plan ending `ends_on`.
pub async fn world(app: &TestApp, ends_on: &str, at_risk_days: i32) -> World {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let holder = app.signup("Holder").await;
    let other = app.signup("Other").await;
    let helper = app.signup("Helper").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &holder, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &other, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &helper, json!({ "kind": "ADHERENT" }))
        .await;
    let lab = app.transition_plan(&board, ends_on, at_risk_days).await;
    app.join_lab(&helper, &lab).await;
    World {
        admin,
        board,
        holder,
        other,
        helper,
        lab,
    }
}

fn in_days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn ok<'a>(r: &'a Value, field: &str) -> &'a Value {
    assert!(r["errors"].is_null(), "{field} failed: {r}");
    &r["data"][field]
}

fn steps(service: &Value) -> Vec<(Value, Value)> {
    service["history"]["edges"]
        .as_array()
        .map(|e| {
            e.iter()
                .map(|s| {
                    (
                        s["node"]["fromStatus"].clone(),
                        s["node"]["toStatus"].clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_website_goes_from_the_inventory_to_closed_with_every_step_recorded() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(300), 30).await;
    let site = app
        .transition_service(&w.board, "WEBSITE", "asbl-exemple.be", &[&w.holder], false)
        .await;

    // The holder sees it, with what to do next and the days left.
    let mine = app
        .gql(
            Some(&w.holder.token),
            "{ myTransitionServices { edges { node { id nextStep status } } } transitionPlan { daysLeft } }",
            json!({}),
        )
        .await;
    assert_eq!(
        mine["data"]["myTransitionServices"]["edges"][0]["node"]["nextStep"], "CHOOSE_PATH",
        "{mine}"
    );
    assert_eq!(mine["data"]["transitionPlan"]["daysLeft"], 300);
    // Another member does not see it.
    assert_eq!(
        error_code(&app.service(&w.other, &site).await),
        Some("NOT_FOUND")
    );

    let r = app.choose_path(&w.holder, &site, "INDIVIDUAL", None).await;
    assert_eq!(ok(&r, "chooseServicePath")["status"], "PLANNED");
    // A holder starts the migration, but does not mark it migrated.
    let r = app
        .set_service_status(&w.holder, &site, "IN_PROGRESS", None)
        .await;
    assert_eq!(ok(&r, "setServiceStatus")["status"], "IN_PROGRESS");
    let r = app
        .set_service_status(&w.holder, &site, "MIGRATED", None)
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"), "{r}");

    // Not closed before the member has their data.
    let r = app
        .set_service_status(&w.board, &site, "CLOSED", None)
        .await;
    assert_eq!(error_code(&r), Some("HANDOVER_PENDING"), "{r}");
    let items = app.handover_items(&w.board, &site).await;
    assert_eq!(items.len(), 2, "site files and database dump");
    // Confirming before it is handed over is refused; the working group hands over.
    assert_eq!(
        error_code(&app.confirm_handover(&w.holder, &items[0]).await),
        Some("INVALID_TRANSITION")
    );
    for i in &items {
        ok(&app.hand_over(&w.helper, i).await, "markHandedOver");
    }
    // The board cannot confirm for the member.
    assert_eq!(
        error_code(&app.confirm_handover(&w.board, &items[0]).await),
        Some("FORBIDDEN")
    );
    ok(
        &app.confirm_handover(&w.holder, &items[0]).await,
        "confirmHandover",
    );
    let s = app.service(&w.holder, &site).await;
    assert_eq!(s["data"]["transitionService"]["status"], "IN_PROGRESS");
    ok(
        &app.confirm_handover(&w.holder, &items[1]).await,
        "confirmHandover",
    );
    let s = app.service(&w.holder, &site).await;
    let s = &s["data"]["transitionService"];
    assert_eq!(
        s["status"], "MIGRATED",
        "the last confirmation migrates it: {s}"
    );
    assert!(s["handoverConfirmedAt"].is_string());

    let r = app
        .set_service_status(&w.board, &site, "CLOSED", None)
        .await;
    assert_eq!(ok(&r, "setServiceStatus")["status"], "CLOSED");
    // Backwards needs a reason.
    let r = app
        .set_service_status(&w.board, &site, "IN_PROGRESS", Some(" "))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "reason");
    let r = app
        .set_service_status(
            &w.board,
            &site,
            "IN_PROGRESS",
            Some("le membre n'a pas reçu sa base"),
        )
        .await;
    let s = ok(&r, "setServiceStatus");
    let recorded = steps(s);
    let st = |x: &str| json!(x);
    assert_eq!(
        recorded,
        vec![
            (Value::Null, st("TO_PLAN")),
            (st("TO_PLAN"), st("PLANNED")),
            (st("PLANNED"), st("IN_PROGRESS")),
            (st("IN_PROGRESS"), st("MIGRATED")),
            (st("MIGRATED"), st("CLOSED")),
            (st("CLOSED"), st("IN_PROGRESS")),
        ]
    );
    let last = &s["history"]["edges"][5]["node"];
    assert_eq!(last["reason"], "le membre n'a pas reçu sa base");
    assert_eq!(last["actor"]["id"], json!(w.board.id));
    assert_eq!(
        s["history"]["edges"][2]["node"]["actor"]["id"],
        json!(w.holder.id)
    );
}

#[tokio::test]
async fn every_path_can_be_chosen_and_a_take_over_comes_from_an_accepted_offer() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let mbox = app
        .transition_service(&w.board, "MAILBOX", "moi@asbl.be", &[&w.holder], false)
        .await;
    let list = app
        .transition_service(
            &w.board,
            "MAILING_LIST",
            "discussion@lists",
            &[&w.holder, &w.other],
            false,
        )
        .await;
    let domain = app
        .transition_service(&w.board, "DOMAIN", "exemple.be", &[&w.holder], false)
        .await;
    let alias = app
        .transition_service(
            &w.board,
            "MAIL_ALIAS",
            "contact@asbl.be",
            &[&w.holder],
            false,
        )
        .await;
    let other = app
        .transition_service(&w.board, "OTHER", "wiki", &[&w.holder], false)
        .await;
    let internal = app
        .transition_service(&w.board, "MAILING_LIST", "membres@asbl", &[], true)
        .await;

    let g = app
        .gql(
            Some(&w.board.token),
            "mutation { createTransitionGroup(name: \"Les listes\", targetHost: \"lists.example.org\") { id } }",
            json!({}),
        )
        .await;
    let group = ok(&g, "createTransitionGroup")["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // Collective needs a group; the group's target becomes the service's.
    assert_eq!(
        error_code(&app.choose_path(&w.holder, &list, "COLLECTIVE", None).await),
        Some("VALIDATION")
    );
    let r = app
        .choose_path(&w.other, &list, "COLLECTIVE", Some(&group))
        .await;
    let s = ok(&r, "chooseServicePath");
    assert_eq!(
        (s["path"].clone(), s["targetHost"].clone()),
        (json!("COLLECTIVE"), json!("lists.example.org"))
    );
    let members = app.count("transition_group_members").await;
    assert_eq!(members, 2, "both holders move with the group");

    for (service, path) in [
        (&mbox, "INDIVIDUAL"),
        (&domain, "SOCIAL_ECONOMY"),
        (&alias, "CLOSED"),
    ] {
        let r = app.choose_path(&w.holder, service, path, None).await;
        assert_eq!(ok(&r, "chooseServicePath")["path"], path);
    }
    // Taken over only through an offer; internal services stay.
    assert_eq!(
        error_code(&app.choose_path(&w.holder, &other, "TAKEN_OVER", None).await),
        Some("VALIDATION")
    );
    assert_eq!(
        error_code(
            &app.choose_path(&w.board, &internal, "INDIVIDUAL", None)
                .await
        ),
        Some("INVALID_TRANSITION")
    );

    let o = app
        .gql(
            Some(&w.other.token),
            "mutation($i: OfferInput!) { offerToHelp(input: $i) { id status service { id } } }",
            json!({ "i": { "kind": "TAKE_OVER_FULL", "serviceId": other, "note": "je reprends le wiki" } }),
        )
        .await;
    let offer = ok(&o, "offerToHelp");
    // The volunteer is not a holder: the service stays hidden from them.
    assert!(offer["service"].is_null(), "{offer}");
    let offer = offer["id"].as_str().unwrap_or_default().to_owned();
    let d = app
        .gql(
            Some(&w.board.token),
            "mutation($o: ID!) { decideOffer(id: $o, accept: true, reason: \"merci\") { status } }",
            json!({ "o": offer }),
        )
        .await;
    assert_eq!(ok(&d, "decideOffer")["status"], "ACCEPTED");
    let s = app
        .gql(
            Some(&w.holder.token),
            "query($s: ID!) { transitionService(id: $s) { status path taker { id } } }",
            json!({ "s": other }),
        )
        .await;
    let s = &s["data"]["transitionService"];
    assert_eq!(
        (s["status"].clone(), s["path"].clone()),
        (json!("PLANNED"), json!("TAKEN_OVER"))
    );
    assert_eq!(s["taker"]["id"], json!(w.other.id));
    // Decided once.
    let again = app
        .gql(
            Some(&w.board.token),
            "mutation($o: ID!) { decideOffer(id: $o, accept: false, reason: \"non\") { status } }",
            json!({ "o": offer }),
        )
        .await;
    assert_eq!(error_code(&again), Some("INVALID_TRANSITION"));
}

#[tokio::test]
async fn the_database_refuses_a_closed_service_without_its_hand_over() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(100), 30).await;
    let s = app
        .transition_service(&w.board, "MAILBOX", "a@b.be", &[&w.holder], false)
        .await;
    ok(
        &app.choose_path(&w.holder, &s, "INDIVIDUAL", None).await,
        "chooseServicePath",
    );
    let res = app
        .db
        .execute_unprepared("UPDATE transition_services SET status = 'CLOSED'")
        .await;
    assert!(res.is_err(), "the CHECK holds the rule");
    let waived = app
        .gql(
            Some(&w.board.token),
            "mutation($s: ID!) { waiveHandover(serviceId: $s, reason: \"boîte vide\") { handoverWaivedReason } }",
            json!({ "s": s }),
        )
        .await;
    assert_eq!(
        ok(&waived, "waiveHandover")["handoverWaivedReason"],
        "boîte vide"
    );
    let r = app.set_service_status(&w.board, &s, "CLOSED", None).await;
    assert_eq!(ok(&r, "setServiceStatus")["status"], "CLOSED");
}

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

fn counts(d: &Value, list: &str, key: &str) -> Vec<(String, i64)> {
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

#[tokio::test]
async fn the_working_group_answers_support_requests() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let site = app
        .transition_service(&w.board, "WEBSITE", "s.be", &[&w.holder], false)
        .await;
    // Asking about someone else's service is refused.
    let refused = app
        .gql(
            Some(&w.other.token),
            "mutation($i: SupportInput!) { askForSupport(input: $i) { id } }",
            json!({ "i": { "serviceId": site, "subject": "aide", "body": "?" } }),
        )
        .await;
    assert_eq!(error_code(&refused), Some("VALIDATION"));
    let r = app
        .gql(
            Some(&w.holder.token),
            "mutation($i: SupportInput!) { askForSupport(input: $i) { id status requesterInWorkingGroup } }",
            json!({ "i": { "serviceId": site, "subject": "Export MySQL", "body": "Comment exporter ma base ?" } }),
        )
        .await;
    let req = ok(&r, "askForSupport");
    assert_eq!(
        (
            req["status"].clone(),
            req["requesterInWorkingGroup"].clone()
        ),
        (json!("OPEN"), json!(false))
    );
    let id = req["id"].as_str().unwrap_or_default().to_owned();
    let answer = "mutation($r: ID!) { answerSupportRequest(id: $r, answer: \"mysqldump --single-transaction\") { status answer answeredBy { id } } }";
    // The admin is not in the working group (the board member who set it up is).
    for outsider in [&w.other, &w.admin] {
        let r = app
            .gql(Some(&outsider.token), answer, json!({ "r": id }))
            .await;
        assert_eq!(error_code(&r), Some("FORBIDDEN"), "{r}");
    }
    let r = app
        .gql(
            Some(&w.helper.token),
            "mutation($r: ID!) { assignSupportRequest(id: $r) { status assignee { id } } }",
            json!({ "r": id }),
        )
        .await;
    assert_eq!(
        ok(&r, "assignSupportRequest")["assignee"]["id"],
        json!(w.helper.id)
    );
    let r = app
        .gql(Some(&w.helper.token), answer, json!({ "r": id }))
        .await;
    assert_eq!(ok(&r, "answerSupportRequest")["status"], "ANSWERED");
    // The requester reads the answer among their own; another member sees none.
    let list = "{ supportRequests { edges { node { id answer } } } }";
    let r = app.gql(Some(&w.holder.token), list, json!({})).await;
    assert_eq!(
        r["data"]["supportRequests"]["edges"][0]["node"]["answer"],
        "mysqldump --single-transaction"
    );
    let r = app.gql(Some(&w.other.token), list, json!({})).await;
    assert_eq!(r["data"]["supportRequests"]["edges"], json!([]));
    let r = app
        .gql(
            Some(&w.holder.token),
            "mutation($r: ID!) { closeSupportRequest(id: $r) { status } }",
            json!({ "r": id }),
        )
        .await;
    assert_eq!(ok(&r, "closeSupportRequest")["status"], "CLOSED");
    let r = app
        .gql(Some(&w.helper.token), answer, json!({ "r": id }))
        .await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"));
    // Taking part in the working group shows beside the member's requests.
    app.join_lab(&w.holder, &w.lab).await;
    let r = app
        .gql(
            Some(&w.helper.token),
            "{ supportRequests { edges { node { requesterInWorkingGroup } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        r["data"]["supportRequests"]["edges"][0]["node"]["requesterInWorkingGroup"], true,
        "{r}"
    );
}

#[tokio::test]
async fn the_chatons_poll_keeps_one_answer_per_member_and_the_board_sees_who() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let poll =
        "mutation($i: PollInput!) { answerChatonsPoll(input: $i) { asClient asStakeholder } }";
    let answer =
        |c: bool, s: bool| json!({ "i": { "asClient": c, "asStakeholder": s, "comment": "" } });
    ok(
        &app.gql(Some(&w.holder.token), poll, answer(true, false))
            .await,
        "answerChatonsPoll",
    );
    ok(
        &app.gql(Some(&w.holder.token), poll, answer(true, true))
            .await,
        "answerChatonsPoll",
    );
    ok(
        &app.gql(Some(&w.other.token), poll, answer(false, false))
            .await,
        "answerChatonsPoll",
    );
    ok(
        &app.gql(Some(&w.helper.token), poll, answer(false, true))
            .await,
        "answerChatonsPoll",
    );
    assert_eq!(app.count("transition_poll_answers").await, 3);
    let results = "{ chatonsPollResults { answers asClient asStakeholder both neither rows { edges { node { member { id } asClient } } } } }";
    let r = app.gql(Some(&w.board.token), results, json!({})).await;
    let p = ok(&r, "chatonsPollResults");
    assert_eq!(
        [
            &p["answers"],
            &p["asClient"],
            &p["asStakeholder"],
            &p["both"],
            &p["neither"]
        ],
        [&json!(3), &json!(1), &json!(2), &json!(1), &json!(1)]
    );
    assert_eq!(
        error_code(&app.gql(Some(&w.holder.token), results, json!({})).await),
        Some("FORBIDDEN")
    );
}

#[tokio::test]
async fn the_member_export_holds_their_transition() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let site = app
        .transition_service(&w.board, "WEBSITE", "export.be", &[&w.holder], false)
        .await;
    ok(
        &app.choose_path(&w.holder, &site, "INDIVIDUAL", None).await,
        "chooseServicePath",
    );
    let item = app.handover_items(&w.board, &site).await.remove(0);
    ok(&app.hand_over(&w.board, &item).await, "markHandedOver");
    ok(
        &app.confirm_handover(&w.holder, &item).await,
        "confirmHandover",
    );
    ok(
        &app.gql(
            Some(&w.holder.token),
            "mutation { offerToHelp(input: { kind: HELP, note: \"je peux aider\" }) { id } }",
            json!({}),
        )
        .await,
        "offerToHelp",
    );
    ok(
        &app.gql(
            Some(&w.holder.token),
            "mutation { askForSupport(input: { subject: \"DNS\", body: \"zone ?\" }) { id } }",
            json!({}),
        )
        .await,
        "askForSupport",
    );
    ok(
        &app.gql(Some(&w.holder.token), "mutation { answerChatonsPoll(input: { asClient: true, asStakeholder: false, comment: \"oui\" }) { asClient } }", json!({})).await,
        "answerChatonsPoll",
    );
    let r = app
        .gql(Some(&w.holder.token), "{ myData }", json!({}))
        .await;
    let t = &r["data"]["myData"]["transition"];
    assert_eq!(t["services"][0]["name"], "export.be", "{r}");
    assert_eq!(t["handovers"].as_array().map(Vec::len), Some(2));
    assert!(
        t["handovers"][0]["confirmedAt"].is_string()
            || t["handovers"][1]["confirmedAt"].is_string()
    );
    assert_eq!(t["offers"][0]["note"], "je peux aider");
    assert_eq!(t["supportRequests"][0]["subject"], "DNS");
    assert_eq!(t["pollAnswer"]["comment"], "oui");
    // Someone else's export holds none of it.
    let r = app.gql(Some(&w.other.token), "{ myData }", json!({})).await;
    assert_eq!(r["data"]["myData"]["transition"]["services"], json!([]));
}

#[tokio::test]
async fn seed_demo_adds_the_notes_transition_once() {
    let app = spawn_app().await;
    let env = &app.state.env;
    constellation_backend::domain::flows::seed::seed_demo(env)
        .await
        .unwrap_or_else(|e| panic!("seed failed: {e:?}"));
    constellation_backend::domain::flows::seed::seed_demo(env)
        .await
        .unwrap_or_else(|e| panic!("second seed failed: {e:?}"));
    let l = app
        .login("presidence@cassiopea.example", "cassiopea-demo-2016")
        .await;
    let token = l["data"]["login"]["token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let r = app
        .gql(
            Some(&token),
            "{ transitionPlan { endsOn decisionMotionId workingGroup { slug } milestones { label } } \
               transitionDashboard { total internal byStatus { status count } } \
               recommendedHosts { edges { node { name } } } transitionOffers { edges { node { status } } } \
               chatonsPollResults { answers } }",
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let d = &r["data"];
    assert_eq!(d["transitionPlan"]["endsOn"], "2028-01-01");
    assert!(
        d["transitionPlan"]["decisionMotionId"].is_string(),
        "linked to the board's motion"
    );
    assert_eq!(d["transitionPlan"]["workingGroup"]["slug"], "transition");
    assert_eq!(
        d["transitionPlan"]["milestones"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(
        (
            d["transitionDashboard"]["total"].clone(),
            d["transitionDashboard"]["internal"].clone()
        ),
        (json!(12), json!(2))
    );
    assert_eq!(
        counts(&d["transitionDashboard"], "byStatus", "status"),
        vec![
            ("TO_PLAN".into(), 6),
            ("PLANNED".into(), 4),
            ("IN_PROGRESS".into(), 1),
            ("MIGRATED".into(), 1),
            ("CLOSED".into(), 0),
        ]
    );
    assert_eq!(
        d["recommendedHosts"]["edges"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        d["transitionOffers"]["edges"][0]["node"]["status"],
        "ACCEPTED"
    );
    assert_eq!(d["chatonsPollResults"]["answers"], 4);
}
