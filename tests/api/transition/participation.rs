//! The members' side: support requests answered by the working group, the CHATONS poll,
//! the member's export, and the demo seed.

use super::inventory::counts;
use super::*;

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
