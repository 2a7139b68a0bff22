//! A member's home: what waits for their action and what is coming; their private calendar
//! lists the assemblies they are convened to until they sign out everywhere.

use super::association;
use constellation_tests::{spawn_app, TestUser};
use serde_json::json;

#[tokio::test]
async fn home_shows_what_waits_for_me_and_what_is_coming() {
    let app = spawn_app().await;
    let (chair, m, _, _) = association(&app, 3).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.gql(
        Some(&m[1].token),
        "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
        json!({ "a": a, "h": m[0].email }),
    )
    .await;
    let q = "{ home { proxiesToAnswer { id principal { id } } openMotions { motion { id } voted } joinRequests { lab { id } } rulesToAcknowledge { id } labInvitations { id } boardQueue { labsToReview resourceRequests } nextAssembly { id title } barcamp { id } myLabs { id } unreadNotifications } }";
    let h = app.gql(Some(&m[0].token), q, json!({})).await;
    assert!(h["errors"].is_null(), "{h}");
    let home = &h["data"]["home"];
    assert_eq!(
        home["proxiesToAnswer"][0]["principal"]["id"],
        m[1].id.as_str()
    );
    assert_eq!(home["nextAssembly"]["id"], a.as_str());
    assert!(home["boardQueue"].is_null(), "a member has no board queue");
    assert_eq!(home["unreadNotifications"], 2, "{home}");

    app.assembly_step(&chair, "openSession", &a).await;
    app.voting(&chair, "openVoting", &motions[0]).await;
    app.check_in(&m[2], &a, None).await;
    let h = app.gql(Some(&m[2].token), q, json!({})).await;
    assert_eq!(h["data"]["home"]["openMotions"][0]["voted"], false, "{h}");
    app.cast(&m[2], &motions[0], &m[2].id, "YES").await;
    let h = app.gql(Some(&m[2].token), q, json!({})).await;
    assert_eq!(h["data"]["home"]["openMotions"][0]["voted"], true);
    let h = app.gql(Some(&chair.token), q, json!({})).await;
    assert_eq!(
        h["data"]["home"]["boardQueue"],
        json!({ "labsToReview": 0, "resourceRequests": 0 })
    );
}

#[tokio::test]
async fn a_members_private_calendar_lists_their_assemblies_until_they_sign_out_everywhere() {
    let app = spawn_app().await;
    let (chair, _, adherent, sympathiser) = association(&app, 1).await;
    let (a, _) = app.draft_assembly(&chair).await;
    let feed = |who: &TestUser| {
        let (app, token) = (&app, who.token.clone());
        async move {
            let r = app.gql(Some(&token), "{ myCalendarFeed }", json!({})).await;
            r["data"]["myCalendarFeed"]
                .as_str()
                .unwrap_or_else(|| panic!("{r}"))
                .to_owned()
        }
    };
    let path = feed(&adherent).await;
    let (status, body) = app.get_text(&path).await;
    assert_eq!(status, 200);
    assert!(
        !body.contains("BEGIN:VEVENT"),
        "a draft is not in calendars"
    );
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    let (_, body) = app.get_text(&path).await;
    assert!(
        body.contains(&format!("UID:assembly-{a}@constellation")),
        "{body}"
    );
    assert!(body.contains("1. Point 1"));
    let (_, theirs) = app.get_text(&feed(&sympathiser).await).await;
    assert!(
        !theirs.contains("BEGIN:VEVENT"),
        "sympathisers are not convened"
    );
    // A forged or stale address finds nothing.
    let forged = path.replace(".ics", "0.ics");
    assert_eq!(app.get_text(&forged).await.0, 404);
    let r = app
        .gql(
            Some(&adherent.token),
            "mutation { signOutEverywhere }",
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(app.get_text(&path).await.0, 404);
}
