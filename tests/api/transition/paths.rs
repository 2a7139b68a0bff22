//! A service from the inventory to closed with every step recorded, every path (a take-over
//! from an accepted offer), and the database's own refusal of a closed service without its
//! hand-over.

use super::*;

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
