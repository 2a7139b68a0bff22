//! What the transition tells its members, through the real server: a path chosen (to the
//! other holders), data handed over to confirm (to the holders, by mail at once), a support
//! request answered (to the requester), an offer decided (to the volunteer), the deadline
//! approaching (the job, run twice, tells each holder once per threshold); a preference
//! "off" is honoured.

use crate::reach::mail::{mail_app, WAIT};
use crate::transition::world;
use constellation_backend::domain::transition::deadline::tell_at_risk;
use constellation_tests::smtp::{ReceivedMail, SmtpServer};
use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

const INBOX: &str = "{ notifications(first: 50) { edges { node { kind title body link } } } }";

fn in_days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn ok<'a>(r: &'a Value, field: &str) -> &'a Value {
    assert!(r["errors"].is_null(), "{field} failed: {r}");
    &r["data"][field]
}

/// `who`'s notifications of `kind`, newest first.
async fn told(app: &TestApp, who: &TestUser, kind: &str) -> Vec<Value> {
    let r = app.gql(Some(&who.token), INBOX, json!({})).await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["notifications"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .filter(|n| n["kind"] == kind)
        .collect()
}

async fn prefer(app: &TestApp, who: &TestUser, kind: &str, channel: &str) {
    let r = app
        .gql(
            Some(&who.token),
            "mutation($k: NotificationKind!, $c: NotificationChannel!) { setNotificationPreference(kind: $k, channel: $c) { kind } }",
            json!({ "k": kind, "c": channel }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
}

/// The mails to `to` whose subject names `about`, once there are `n` of them.
async fn mailed(smtp: &SmtpServer, to: &str, about: &str, n: usize) -> Vec<ReceivedMail> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let got: Vec<ReceivedMail> = smtp
            .messages_to(to)
            .into_iter()
            .filter(|m| m.subject.contains(about))
            .collect();
        if got.len() >= n {
            return got;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "expected {n} mails about {about} to {to}, got {}",
            got.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn mails(app: &TestApp, kind: &str) -> i64 {
    app.count(&format!("outbox_mails WHERE kind = '{kind}'"))
        .await
}

#[tokio::test]
async fn a_path_chosen_is_told_to_the_other_holders_and_not_to_whoever_chose_it() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let list = app
        .transition_service(
            &w.board,
            "MAILING_LIST",
            "discussion@lists",
            &[&w.holder, &w.other],
            false,
        )
        .await;
    ok(
        &app.choose_path(&w.holder, &list, "INDIVIDUAL", None).await,
        "chooseServicePath",
    );
    assert!(told(&app, &w.holder, "TRANSITION_PATH_CHOSEN")
        .await
        .is_empty());
    let got = told(&app, &w.other, "TRANSITION_PATH_CHOSEN").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["link"], format!("/transition/services/{list}"));
    assert!(
        got[0]["title"]
            .as_str()
            .is_some_and(|t| t.contains("discussion@lists")),
        "{got:?}"
    );
    assert!(
        got[0]["body"]
            .as_str()
            .is_some_and(|b| b.contains("Holder")),
        "says who chose: {got:?}"
    );
    // The default channel is the daily digest: no mail at once.
    assert_eq!(mails(&app, "TRANSITION_PATH_CHOSEN").await, 0);

    // The board changes it: a new event, told to both holders.
    ok(
        &app.choose_path(&w.board, &list, "SOCIAL_ECONOMY", None)
            .await,
        "chooseServicePath",
    );
    assert_eq!(
        told(&app, &w.holder, "TRANSITION_PATH_CHOSEN").await.len(),
        1
    );
    assert_eq!(
        told(&app, &w.other, "TRANSITION_PATH_CHOSEN").await.len(),
        2
    );
    assert!(told(&app, &w.board, "TRANSITION_PATH_CHOSEN")
        .await
        .is_empty());
}

#[tokio::test]
async fn a_hand_over_to_confirm_is_mailed_to_the_holders_unless_they_turned_it_off() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let w = world(&app, &in_days(200), 30).await;
    let site = app
        .transition_service(
            &w.board,
            "WEBSITE",
            "asbl-exemple.be",
            &[&w.holder, &w.other],
            false,
        )
        .await;
    prefer(&app, &w.other, "HANDOVER_TO_CONFIRM", "OFF").await;
    let items = app.handover_items(&w.board, &site).await;
    ok(&app.hand_over(&w.helper, &items[0]).await, "markHandedOver");

    let got = told(&app, &w.holder, "HANDOVER_TO_CONFIRM").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(told(&app, &w.other, "HANDOVER_TO_CONFIRM").await.is_empty());
    assert!(told(&app, &w.helper, "HANDOVER_TO_CONFIRM")
        .await
        .is_empty());
    let mail = mailed(&smtp, &w.holder.email, "asbl-exemple.be", 1)
        .await
        .remove(0);
    assert!(
        mail.link(&format!("/transition/services/{site}")).is_some(),
        "{}",
        mail.text
    );
    assert_eq!(
        mails(&app, "HANDOVER_TO_CONFIRM").await,
        1,
        "none to who said off"
    );

    // The second item is a second event; the first is not told again.
    ok(&app.hand_over(&w.helper, &items[1]).await, "markHandedOver");
    assert_eq!(told(&app, &w.holder, "HANDOVER_TO_CONFIRM").await.len(), 2);
    mailed(&smtp, &w.holder.email, "asbl-exemple.be", 2).await;
    assert!(smtp
        .messages_to(&w.other.email)
        .iter()
        .all(|m| !m.subject.contains("asbl-exemple.be")));
}

#[tokio::test]
async fn a_support_answer_reaches_the_requester_each_time_the_group_answers() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let r = app
        .gql(
            Some(&w.holder.token),
            "mutation { askForSupport(input: { subject: \"Export IMAP\", body: \"Comment ?\" }) { id } }",
            json!({}),
        )
        .await;
    let id = ok(&r, "askForSupport")["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let answer =
        "mutation($r: ID!, $a: String!) { answerSupportRequest(id: $r, answer: $a) { status } }";
    ok(
        &app.gql(
            Some(&w.helper.token),
            answer,
            json!({ "r": id, "a": "Utilisez imapsync." }),
        )
        .await,
        "answerSupportRequest",
    );
    let got = told(&app, &w.holder, "SUPPORT_ANSWERED").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["link"], "/transition", "asked about no service");
    assert!(
        got[0]["body"]
            .as_str()
            .is_some_and(|b| b.contains("imapsync")),
        "{got:?}"
    );
    assert!(told(&app, &w.helper, "SUPPORT_ANSWERED").await.is_empty());
    assert_eq!(mails(&app, "SUPPORT_ANSWERED").await, 1, "by mail at once");

    ok(
        &app.gql(
            Some(&w.helper.token),
            answer,
            json!({ "r": id, "a": "Ou Thunderbird." }),
        )
        .await,
        "answerSupportRequest",
    );
    assert_eq!(told(&app, &w.holder, "SUPPORT_ANSWERED").await.len(), 2);
    assert_eq!(mails(&app, "SUPPORT_ANSWERED").await, 2);

    // Asked about a service: the answer links to that service's page, where the request is.
    let site = app
        .transition_service(&w.board, "WEBSITE", "aide.be", &[&w.holder], false)
        .await;
    let r = app
        .gql(
            Some(&w.holder.token),
            "mutation($s: ID!) { askForSupport(input: { serviceId: $s, subject: \"Base\", body: \"Dump ?\" }) { id } }",
            json!({ "s": site }),
        )
        .await;
    let about_site = ok(&r, "askForSupport")["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    ok(
        &app.gql(
            Some(&w.helper.token),
            answer,
            json!({ "r": about_site, "a": "pg_dump." }),
        )
        .await,
        "answerSupportRequest",
    );
    let got = told(&app, &w.holder, "SUPPORT_ANSWERED").await;
    assert!(
        got.iter()
            .any(|n| n["link"] == format!("/transition/services/{site}")),
        "{got:?}"
    );
}

#[tokio::test]
async fn the_volunteer_hears_of_the_boards_decision_and_the_holders_of_the_take_over() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let wiki = app
        .transition_service(&w.board, "OTHER", "wiki", &[&w.holder], false)
        .await;
    let offer = |kind: &'static str, service: Option<String>| {
        let app = &app;
        let other = &w.other;
        async move {
            let r = app
                .gql(
                    Some(&other.token),
                    "mutation($i: OfferInput!) { offerToHelp(input: $i) { id } }",
                    json!({ "i": { "kind": kind, "serviceId": service, "note": "je peux" } }),
                )
                .await;
            ok(&r, "offerToHelp")["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    let decide = "mutation($o: ID!, $a: Boolean!, $r: String!) { decideOffer(id: $o, accept: $a, reason: $r) { status } }";
    let take = offer("TAKE_OVER_FULL", Some(wiki.clone())).await;
    let help = offer("HELP", None).await;
    ok(
        &app.gql(
            Some(&w.board.token),
            decide,
            json!({ "o": take, "a": true, "r": "merci" }),
        )
        .await,
        "decideOffer",
    );
    ok(
        &app.gql(
            Some(&w.board.token),
            decide,
            json!({ "o": help, "a": false, "r": "déjà assez d'aide" }),
        )
        .await,
        "decideOffer",
    );
    let got = told(&app, &w.other, "TRANSITION_OFFER_DECIDED").await;
    assert_eq!(got.len(), 2, "{got:?}");
    // Newest first: the declined help, then the accepted take-over.
    assert!(
        got[0]["title"]
            .as_str()
            .is_some_and(|t| t.contains("déclinée")),
        "{got:?}"
    );
    assert!(
        got[0]["body"]
            .as_str()
            .is_some_and(|b| b.contains("déjà assez d'aide")),
        "{got:?}"
    );
    assert!(
        got[1]["title"]
            .as_str()
            .is_some_and(|t| t.contains("wiki") && t.contains("acceptée")),
        "{got:?}"
    );
    assert_eq!(mails(&app, "TRANSITION_OFFER_DECIDED").await, 2);
    // The holder hears their service is taken over; the board, who decided, does not.
    assert_eq!(
        told(&app, &w.holder, "TRANSITION_PATH_CHOSEN").await.len(),
        1
    );
    assert!(told(&app, &w.board, "TRANSITION_OFFER_DECIDED")
        .await
        .is_empty());
}

#[tokio::test]
async fn the_deadline_job_tells_each_holder_once_per_threshold() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    // 20 days left, at risk from 30: inside the window.
    let w = world(&app, &in_days(20), 30).await;
    let mbox = app
        .transition_service(&w.board, "MAILBOX", "moi@asbl.be", &[&w.holder], false)
        .await;
    let site = app
        .transition_service(&w.board, "WEBSITE", "autre.be", &[&w.other], false)
        .await;
    let done = app
        .transition_service(&w.board, "DOMAIN", "fini.be", &[&w.holder], false)
        .await;
    app.transition_service(&w.board, "MAILING_LIST", "membres@asbl", &[&w.holder], true)
        .await;
    ok(
        &app.choose_path(&w.other, &site, "INDIVIDUAL", None).await,
        "chooseServicePath",
    );
    ok(
        &app.choose_path(&w.holder, &done, "INDIVIDUAL", None).await,
        "chooseServicePath",
    );
    ok(
        &app.set_service_status(&w.board, &done, "MIGRATED", None)
            .await,
        "setServiceStatus",
    );
    let env = &app.state.env;

    // 50 days before the end: outside the window, nobody is told.
    let early = today() - chrono::Duration::days(30);
    assert_eq!(tell_at_risk(env, early).await.expect("job"), 0);
    assert_eq!(
        app.count("notifications WHERE kind = 'TRANSITION_DEADLINE'")
            .await,
        0
    );

    // Planned or not, not migrated with 20 days left: both at risk; the migrated and the
    // internal services are not.
    // Two replicas running the job at the same time write each notice once.
    let (a, b) = tokio::join!(tell_at_risk(env, today()), tell_at_risk(env, today()));
    let (a, b) = (a.expect("job"), b.expect("job"));
    assert!((2..=4).contains(&(a + b)), "{a} + {b}");
    assert_eq!(
        app.count("notifications WHERE kind = 'TRANSITION_DEADLINE'")
            .await,
        2
    );
    assert_eq!(mails(&app, "TRANSITION_DEADLINE").await, 2);
    assert_eq!(
        tell_at_risk(env, today()).await.expect("job"),
        0,
        "told once"
    );
    let got = told(&app, &w.holder, "TRANSITION_DEADLINE").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["link"], format!("/transition/services/{mbox}"));
    assert!(
        got[0]["title"].as_str().is_some_and(|t| t.contains("20")),
        "{got:?}"
    );
    assert_eq!(told(&app, &w.other, "TRANSITION_DEADLINE").await.len(), 1);
    let mail = mailed(&smtp, &w.holder.email, "moi@asbl.be", 1)
        .await
        .remove(0);
    assert!(mail.link(&format!("/transition/services/{mbox}")).is_some());
    mailed(&smtp, &w.other.email, "autre.be", 1).await;

    // A week before: told again, once. Turned off: not told.
    prefer(&app, &w.other, "TRANSITION_DEADLINE", "OFF").await;
    let week = today() + chrono::Duration::days(14);
    assert_eq!(tell_at_risk(env, week).await.expect("job"), 1);
    assert_eq!(tell_at_risk(env, week).await.expect("job"), 0);
    assert_eq!(told(&app, &w.holder, "TRANSITION_DEADLINE").await.len(), 2);
    assert_eq!(told(&app, &w.other, "TRANSITION_DEADLINE").await.len(), 1);
    assert_eq!(
        app.count("notifications WHERE kind = 'TRANSITION_DEADLINE'")
            .await,
        3
    );
    assert_eq!(mails(&app, "TRANSITION_DEADLINE").await, 3);
    // The board postpones the end by two months: the reminders start again for the new date.
    let r = app
        .gql(
            Some(&w.board.token),
            "mutation($i: PlanInput!) { updateTransitionPlan(input: $i) { endsOn } }",
            json!({ "i": { "title": "Arrêt des services", "decisionNote": "",
                "endsOn": in_days(80), "atRiskDays": 30 } }),
        )
        .await;
    ok(&r, "updateTransitionPlan");
    let later = today() + chrono::Duration::days(55);
    assert_eq!(tell_at_risk(env, later).await.expect("job"), 1);
    assert_eq!(told(&app, &w.holder, "TRANSITION_DEADLINE").await.len(), 3);
}
