//! The working group's guides can be removed (and the removal is audited), and a collective
//! group lists who moves with it (the holders of its services), for its members, the working
//! group and the board only.

use crate::transition::world;
use constellation_tests::{error_code, spawn_app, TestUser};
use serde_json::{json, Value};

fn in_days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn ok<'a>(r: &'a Value, field: &str) -> &'a Value {
    assert!(r["errors"].is_null(), "{field} failed: {r}");
    &r["data"][field]
}

#[tokio::test]
async fn the_working_group_removes_a_guide_and_the_removal_is_audited() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let r = app
        .gql(
            Some(&w.helper.token),
            "mutation { saveTransitionGuide(input: { title: \"Vieux guide\", body: \"# obsolète\" }) { id } }",
            json!({}),
        )
        .await;
    let id = ok(&r, "saveTransitionGuide")["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let remove = "mutation($id: ID!) { removeTransitionGuide(id: $id) }";
    assert_eq!(
        error_code(
            &app.gql(Some(&w.other.token), remove, json!({ "id": id }))
                .await
        ),
        Some("FORBIDDEN")
    );
    let audits = app
        .count("audit_log WHERE action = 'transition.remove_guide'")
        .await;
    assert_eq!(audits, 0);
    let r = app
        .gql(Some(&w.helper.token), remove, json!({ "id": id }))
        .await;
    assert_eq!(ok(&r, "removeTransitionGuide"), &json!(true));
    assert_eq!(
        app.count("audit_log WHERE action = 'transition.remove_guide'")
            .await,
        1
    );
    let list = app
        .gql(
            Some(&w.other.token),
            "{ transitionGuides(first: 10) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&list, "transitionGuides")["edges"], json!([]), "{list}");
    assert_eq!(
        error_code(
            &app.gql(Some(&w.helper.token), remove, json!({ "id": id }))
                .await
        ),
        Some("NOT_FOUND")
    );
}

#[tokio::test]
async fn a_collective_groups_members_are_its_holders_seen_by_them_the_group_and_the_board() {
    let app = spawn_app().await;
    let w = world(&app, &in_days(200), 30).await;
    let outsider = app.signup("Outsider").await;
    app.set_roles(&w.admin, &outsider, json!({ "kind": "EFFECTIVE" }))
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
    let list = app
        .transition_service(
            &w.board,
            "MAILING_LIST",
            "discussion@lists",
            &[&w.holder],
            false,
        )
        .await;
    let site = app
        .transition_service(&w.board, "WEBSITE", "autre.be", &[&w.other], false)
        .await;
    let q = "{ transitionGroups(first: 10) { edges { node { id members(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } } }";
    let members_as = |who: &TestUser| {
        let (app, token) = (&app, who.token.clone());
        async move {
            let r = app.gql(Some(&token), q, json!({})).await;
            ok(&r, "transitionGroups")["edges"][0]["node"]["members"].clone()
        }
    };
    assert_eq!(members_as(&w.board).await["edges"], json!([]), "nobody yet");
    ok(
        &app.choose_path(&w.holder, &list, "COLLECTIVE", Some(&group))
            .await,
        "chooseServicePath",
    );
    ok(
        &app.choose_path(&w.other, &site, "COLLECTIVE", Some(&group))
            .await,
        "chooseServicePath",
    );
    // In the order they joined, a page at a time.
    let first = members_as(&w.holder).await;
    assert_eq!(
        first["edges"][0]["node"]["id"],
        json!(w.holder.id),
        "{first}"
    );
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let cursor = first["pageInfo"]["endCursor"].as_str().unwrap_or_default();
    let next = app
        .gql(
            Some(&w.helper.token),
            "query($g: String) { transitionGroups(first: 10) { edges { node { members(first: 5, after: $g) { edges { node { id } } } } } } }",
            json!({ "g": cursor }),
        )
        .await;
    assert_eq!(
        ok(&next, "transitionGroups")["edges"][0]["node"]["members"]["edges"],
        json!([{ "node": { "id": w.other.id } }]),
        "{next}"
    );
    // The working group and the board see them; a member outside the group does not.
    assert_eq!(
        members_as(&w.board).await["edges"][0]["node"]["id"],
        json!(w.holder.id)
    );
    assert!(members_as(&outsider).await.is_null());
    // Moving the site individually after all takes its holder out of the group.
    ok(
        &app.choose_path(&w.other, &site, "INDIVIDUAL", None).await,
        "chooseServicePath",
    );
    let r = app
        .gql(
            Some(&w.board.token),
            "{ transitionGroups(first: 10) { edges { node { members(first: 10) { edges { node { id } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&r, "transitionGroups")["edges"][0]["node"]["members"]["edges"],
        json!([{ "node": { "id": w.holder.id } }]),
        "{r}"
    );
    // The board gives the list to the outsider: they join the group, the holder leaves it.
    let r = app
        .gql(
            Some(&w.board.token),
            "mutation($id: ID!, $i: ServiceInput!) { updateTransitionService(id: $id, input: $i) { id } }",
            json!({ "id": list, "i": { "kind": "MAILING_LIST", "name": "discussion@lists",
                "description": "", "address": "discussion@lists", "internal": false,
                "holderIds": [outsider.id] } }),
        )
        .await;
    ok(&r, "updateTransitionService");
    let r = app
        .gql(
            Some(&w.board.token),
            "{ transitionGroups(first: 10) { edges { node { members(first: 10) { edges { node { id } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&r, "transitionGroups")["edges"][0]["node"]["members"]["edges"],
        json!([{ "node": { "id": outsider.id } }]),
        "{r}"
    );
    assert!(
        !members_as(&outsider).await.is_null(),
        "the new holder sees the group"
    );
}
