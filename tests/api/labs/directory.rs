//! Who sees which Lab and the directory: members-only Labs and proposals are invisible to
//! outsiders, the directory filters and pages, and the demo seed fills it once.

use super::people;
use constellation_tests::{error_code, spawn_app};
use serde_json::json;

#[tokio::test]
async fn members_only_labs_and_proposals_are_invisible_to_outsiders_at_the_api() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, sympathiser) = people(&app).await;
    let hidden = app
        .active_lab(
            &founder,
            &board,
            "members-lab",
            "INVITATION",
            "MEMBERS_ONLY",
        )
        .await;
    app.active_lab(&founder, &board, "public-lab", "OPEN", "PUBLIC")
        .await;
    app.propose_lab(&founder, "proposed-lab", "OPEN", "PUBLIC")
        .await;
    let project = app.propose_project(&founder, &hidden, "Secret plan").await["data"]
        ["proposeProject"]["id"]
        .as_str()
        .expect("project")
        .to_owned();
    let slugs = |r: serde_json::Value| -> Vec<String> {
        r["data"]["labs"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"]["slug"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let dir = "{ labs { edges { node { slug } } } }";
    assert_eq!(slugs(app.gql(None, dir, json!({})).await), ["public-lab"]);
    assert_eq!(
        slugs(app.gql(Some(&sympathiser.token), dir, json!({})).await),
        ["public-lab"]
    );
    assert_eq!(
        slugs(app.gql(Some(&adherent.token), dir, json!({})).await),
        ["members-lab", "proposed-lab", "public-lab"]
    );
    assert!(app.lab(None, "members-lab").await.is_null());
    assert!(app.lab(Some(&sympathiser), "members-lab").await.is_null());
    assert!(app.lab(None, "proposed-lab").await.is_null());
    let pq = "query($id: ID!) { project(id: $id) { title } }";
    assert!(app
        .gql(Some(&sympathiser.token), pq, json!({ "id": project }))
        .await["data"]["project"]
        .is_null());
    assert_eq!(
        error_code(&app.join(&sympathiser, &hidden).await),
        Some("NOT_FOUND")
    );
    // Invited, the sympathiser sees it.
    app.ok(
        &founder,
        "mutation($l: ID!, $e: String!) { inviteToLab(labId: $l, email: $e) { id } }",
        json!({ "l": hidden, "e": sympathiser.email }),
    )
    .await;
    assert_eq!(
        app.lab(Some(&sympathiser), "members-lab").await["myMembership"]["state"],
        "INVITED"
    );
    assert_eq!(
        slugs(app.gql(Some(&sympathiser.token), dir, json!({})).await),
        ["members-lab", "public-lab"]
    );
}

#[tokio::test]
async fn the_directory_filters_by_status_theme_mine_and_search_and_pages() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, _s) = people(&app).await;
    for i in 0..5 {
        app.active_lab(&founder, &board, &format!("lab-{i}"), "OPEN", "PUBLIC")
            .await;
    }
    app.propose_lab(&adherent, "adherent-lab", "OPEN", "PUBLIC")
        .await;
    let q = "query($s: LabStatus, $t: String, $m: Boolean, $q: String, $a: String) { labs(first: 2, status: $s, theme: $t, mine: $m, search: $q, after: $a) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }";
    let slugs = |r: &serde_json::Value| -> Vec<String> {
        r["data"]["labs"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"]["slug"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let r = app
        .gql(Some(&adherent.token), q, json!({ "s": "PROPOSED" }))
        .await;
    assert_eq!(slugs(&r), ["adherent-lab"]);
    let r = app
        .gql(Some(&adherent.token), q, json!({ "m": true }))
        .await;
    assert_eq!(slugs(&r), ["adherent-lab"]);
    let r = app
        .gql(Some(&adherent.token), q, json!({ "q": "LAB LAB-3" }))
        .await;
    assert_eq!(slugs(&r), ["lab-3"], "{r}");
    let r = app
        .gql(
            Some(&adherent.token),
            q,
            json!({ "t": "Education", "s": "ACTIVE" }),
        )
        .await;
    assert_eq!(slugs(&r), ["lab-0", "lab-1"]);
    assert_eq!(r["data"]["labs"]["pageInfo"]["hasNextPage"], true);
    let mut all = slugs(&r);
    let mut after = r["data"]["labs"]["pageInfo"]["endCursor"].clone();
    loop {
        let r = app
            .gql(
                Some(&adherent.token),
                q,
                json!({ "t": "education", "s": "ACTIVE", "a": after }),
            )
            .await;
        all.extend(slugs(&r));
        if r["data"]["labs"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = r["data"]["labs"]["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(all, ["lab-0", "lab-1", "lab-2", "lab-3", "lab-4"]);
    assert_eq!(
        error_code(&app.gql(None, q, json!({ "m": true })).await),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn seed_demo_loads_the_notes_four_labs_once() {
    let app = spawn_app().await;
    let env = &app.state.env;
    let created = constellation_backend::domain::flows::seed::seed_demo(env)
        .await
        .expect("seed");
    assert_eq!(created, 9);
    assert_eq!(
        constellation_backend::domain::flows::seed::seed_demo(env)
            .await
            .expect("seed again"),
        0
    );
    let dir = app
        .gql(
            None,
            "{ labs { edges { node { slug status memberCount projectCount } } } }",
            json!({}),
        )
        .await;
    let labs = dir["data"]["labs"]["edges"]
        .as_array()
        .expect("edges")
        .clone();
    // Anonymous visitors see the three active public Labs; the fourth is still a proposal.
    assert_eq!(labs.len(), 3, "{dir}");
    assert!(labs
        .iter()
        .all(|l| l["node"]["status"] == "ACTIVE" && l["node"]["memberCount"].as_i64() > Some(1)));
    // The note's four, and the transition's working group (members only, so not listed).
    assert_eq!(app.count("labs").await, 5);
    assert_eq!(app.count("labs WHERE slug = 'transition'").await, 1);
    let rules = app
        .gql(None, "{ commonRules { version } }", json!({}))
        .await;
    assert_eq!(rules["data"]["commonRules"]["version"], 1);
}
