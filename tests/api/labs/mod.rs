//! Labs: proposal, review, framing changes, archive, rules acknowledgement, projects, and a
//! member's export of them. Membership, visibility and the directory, invitations, who may
//! do what, the SQL cost and the documents run in the files beside.

pub(crate) mod authz;
pub(crate) mod contract;
mod directory;
mod invitations;
mod membership;
mod sql;

use constellation_tests::labs::{framing, LAB_FIELDS};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::json;

/// An admin (first account), a second board member, and members of each kind.
async fn people(app: &TestApp) -> (TestUser, TestUser, TestUser, TestUser, TestUser) {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let founder = app.signup("Founder").await;
    let adherent = app.signup("Adherent").await;
    let sympathiser = app.signup("Sympathiser").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &founder, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    (admin, board, founder, adherent, sympathiser)
}

#[tokio::test]
async fn a_member_proposes_a_lab_the_board_approves_others_join_and_a_project_is_accepted() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, sympathiser) = people(&app).await;
    let lab = app
        .propose_lab(&founder, "place-of-ai", "OPEN", "PUBLIC")
        .await;
    assert_eq!(lab["status"], "PROPOSED");
    assert_eq!(
        lab["myMembership"],
        json!({ "role": "COORDINATOR", "state": "ACTIVE" })
    );
    let id = lab["id"].as_str().expect("id").to_owned();

    let queue = app
        .gql(
            Some(&board.token),
            "{ labReviewQueue { edges { node { slug } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        queue["data"]["labReviewQueue"]["edges"][0]["node"]["slug"], "place-of-ai",
        "{queue}"
    );

    let approved = app.review(&board, &id, "APPROVE", None).await;
    assert_eq!(
        approved["data"]["reviewLab"]["status"], "ACTIVE",
        "{approved}"
    );
    assert_eq!(
        approved["data"]["reviewLab"]["framing"]["status"],
        "APPROVED"
    );

    // A sympathiser may join Labs.
    let joined = app.join(&sympathiser, &id).await;
    assert_eq!(
        joined["data"]["joinLab"]["myMembership"],
        json!({ "role": "PARTICIPANT", "state": "ACTIVE" }),
        "{joined}"
    );
    let p = app
        .propose_project(&sympathiser, &id, "Local LLM workshop")
        .await;
    let pid = p["data"]["proposeProject"]["id"]
        .as_str()
        .expect("project")
        .to_owned();
    assert_eq!(p["data"]["proposeProject"]["status"], "PROPOSED");
    // Only Lab members support.
    let r = app
        .gql(
            Some(&adherent.token),
            "mutation($p: ID!) { supportProject(projectId: $p) { supportCount } }",
            json!({ "p": pid }),
        )
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
    let s = app
        .ok(
            &founder,
            "mutation($p: ID!) { supportProject(projectId: $p) { supportCount supportedByMe } }",
            json!({ "p": pid }),
        )
        .await;
    assert_eq!(s, json!({ "supportCount": 1, "supportedByMe": true }));
    let twice = app
        .gql(
            Some(&founder.token),
            "mutation($p: ID!) { supportProject(projectId: $p) { supportCount } }",
            json!({ "p": pid }),
        )
        .await;
    assert_eq!(error_code(&twice), Some("ALREADY_SUPPORTED"));
    assert_eq!(app.count("project_supports").await, 1);
    // The participant cannot accept; the coordinator can.
    let set = "mutation($p: ID!, $s: ProjectStatus!) { setProjectStatus(projectId: $p, status: $s) { status } }";
    let r = app
        .gql(
            Some(&sympathiser.token),
            set,
            json!({ "p": pid, "s": "ACCEPTED" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
    let r = app
        .gql(Some(&founder.token), set, json!({ "p": pid, "s": "DONE" }))
        .await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"));
    assert_eq!(
        app.ok(&founder, set, json!({ "p": pid, "s": "ACCEPTED" }))
            .await["status"],
        "ACCEPTED"
    );

    let page = app.lab(None, "place-of-ai").await;
    let kinds: Vec<_> = page["history"]["edges"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap_or_default().to_owned())
        .collect();
    for k in [
        "PROPOSED",
        "APPROVED",
        "MEMBER_JOINED",
        "PROJECT_PROPOSED",
        "PROJECT_ACCEPTED",
    ] {
        assert!(kinds.iter().any(|x| x == k), "{k} missing from {kinds:?}");
    }
    // Everything went to the audit log.
    let log = app
        .gql(
            Some(&board.token),
            "{ auditLog(first: 100) { edges { node { action } } } }",
            json!({}),
        )
        .await;
    let actions = log.to_string();
    for a in [
        "lab.propose",
        "lab.review.approve",
        "lab.join",
        "project.propose",
        "project.support",
        "project.set_status",
    ] {
        assert!(actions.contains(a), "{a} missing");
    }
}

#[tokio::test]
async fn bad_proposals_are_refused_with_the_field_and_change_nothing() {
    let app = spawn_app().await;
    let (_a, _b, founder, _ad, sympathiser) = people(&app).await;
    let q = "mutation($i: ProposeLabInput!) { proposeLab(input: $i) { id } }";
    let mut cases = vec![];
    let base =
        json!({ "name": "Education", "slug": "education", "framing": framing("OPEN", "PUBLIC") });
    let mut c = base.clone();
    c["slug"] = json!("Not A Slug");
    cases.push((c, "slug"));
    let mut c = base.clone();
    c["name"] = json!("  ");
    cases.push((c, "name"));
    let mut c = base.clone();
    c["framing"]["themes"] = json!([" ", ""]);
    cases.push((c, "themes"));
    let mut c = base.clone();
    c["framing"]["description"] = json!("");
    cases.push((c, "description"));
    let mut c = base.clone();
    c["framing"]["startDate"] = json!("2027-02-30");
    cases.push((c, "startDate"));
    let mut c = base.clone();
    c["framing"]["endDate"] = json!("2026-01-01");
    cases.push((c, "endDate"));
    for (input, field) in cases {
        let r = app
            .gql(Some(&founder.token), q, json!({ "i": input }))
            .await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
    }
    let r = app
        .gql(Some(&sympathiser.token), q, json!({ "i": base }))
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
    let r = app.gql(None, q, json!({ "i": base })).await;
    assert_eq!(error_code(&r), Some("UNAUTHENTICATED"));
    assert_eq!(app.count("labs").await, 0);
    assert_eq!(app.count("lab_framings").await, 0);
    app.ok(&founder, q, json!({ "i": base })).await;
    let r = app.gql(Some(&founder.token), q, json!({ "i": base })).await;
    assert_eq!(error_code(&r), Some("SLUG_TAKEN"));
    assert_eq!(app.count("labs").await, 1);
}

#[tokio::test]
async fn the_board_asks_for_changes_the_proposers_resubmit_and_invalid_reviews_change_nothing() {
    let app = spawn_app().await;
    let (admin, board, founder, adherent, _s) = people(&app).await;
    let id = app
        .propose_lab(&founder, "social-networks", "OPEN", "PUBLIC")
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // Asking for changes and rejecting need a comment.
    let r = app.review(&board, &id, "REQUEST_CHANGES", None).await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
    assert_eq!(r["errors"][0]["extensions"]["field"], "comment");
    let r = app.review(&adherent, &id, "APPROVE", None).await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
    let r = app
        .review(
            &board,
            &id,
            "REQUEST_CHANGES",
            Some("Say who hosts the instance."),
        )
        .await;
    let lab = &r["data"]["reviewLab"];
    assert_eq!(lab["status"], "CHANGES_REQUESTED", "{r}");
    assert_eq!(
        lab["framing"]["reviewComment"],
        "Say who hosts the instance."
    );
    // Nothing is pending now: approving is an invalid transition.
    let r = app.review(&board, &id, "APPROVE", None).await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"));
    // The proposer edits and resubmits.
    let mut f = framing("ON_APPROVAL", "PUBLIC");
    f["scopeIn"] = json!("Hosting by the Lab itself.");
    let r = app.ok(&founder, &format!("mutation($id: ID!, $f: FramingInput!) {{ resubmitLab(labId: $id, framing: $f) {{ {LAB_FIELDS} }} }}"), json!({ "id": id, "f": f })).await;
    assert_eq!(r["status"], "PROPOSED");
    assert_eq!(r["framing"]["version"], 2);
    // A board member who coordinates the Lab may not decide on it.
    app.set_roles(&admin, &founder, json!({ "board": true }))
        .await;
    let r = app.review(&founder, &id, "APPROVE", None).await;
    assert_eq!(error_code(&r), Some("CONFLICT_OF_INTEREST"));
    let r = app
        .review(
            &board,
            &id,
            "REJECT",
            Some("Out of the association's purpose."),
        )
        .await;
    assert_eq!(r["data"]["reviewLab"]["status"], "REJECTED", "{r}");
    let r = app.review(&admin, &id, "APPROVE", None).await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"));
    assert_eq!(
        app.lab(Some(&admin), "social-networks").await["status"],
        "REJECTED"
    );
}

#[tokio::test]
async fn a_framing_change_waits_for_the_board_while_the_lab_runs_on_the_approved_one() {
    let app = spawn_app().await;
    let (_admin, board, founder, _ad, _s) = people(&app).await;
    let id = app
        .active_lab(&founder, &board, "education", "OPEN", "PUBLIC")
        .await;
    let q = format!("mutation($id: ID!, $f: FramingInput!) {{ proposeFramingChange(labId: $id, framing: $f) {{ {LAB_FIELDS} }} }}");
    let r = app
        .ok(
            &founder,
            &q,
            json!({ "id": id, "f": framing("INVITATION", "MEMBERS_ONLY") }),
        )
        .await;
    assert_eq!(r["status"], "ACTIVE");
    assert_eq!(r["framing"]["version"], 1);
    assert_eq!(r["framing"]["membershipPolicy"], "OPEN");
    assert_eq!(
        r["pendingFraming"],
        json!({ "version": 2, "status": "PENDING" })
    );
    // Still public and open meanwhile.
    assert_eq!(
        app.lab(None, "education").await["framing"]["visibility"],
        "PUBLIC"
    );
    let r = app.review(&board, &id, "APPROVE", None).await;
    let lab = &r["data"]["reviewLab"];
    assert_eq!(lab["framing"]["version"], 2, "{r}");
    assert_eq!(lab["framing"]["membershipPolicy"], "INVITATION");
    assert!(lab["pendingFraming"].is_null());
    // Now members-only: gone for anonymous visitors.
    assert!(app.lab(None, "education").await.is_null());
}

#[tokio::test]
async fn an_archived_lab_is_read_only() {
    let app = spawn_app().await;
    let (admin, board, founder, adherent, _s) = people(&app).await;
    let id = app
        .active_lab(&founder, &board, "control", "OPEN", "PUBLIC")
        .await;
    let q = "mutation($id: ID!, $r: String!) { archiveLab(labId: $id, reason: $r) { status } }";
    let r = app
        .gql(Some(&founder.token), q, json!({ "id": id, "r": "done" }))
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
    let r = app
        .gql(Some(&board.token), q, json!({ "id": id, "r": " " }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
    assert_eq!(
        app.ok(&board, q, json!({ "id": id, "r": "Goals reached." }))
            .await["status"],
        "ARCHIVED"
    );
    assert_eq!(
        error_code(
            &app.gql(Some(&admin.token), q, json!({ "id": id, "r": "again" }))
                .await
        ),
        Some("INVALID_TRANSITION")
    );
    assert_eq!(
        error_code(&app.join(&adherent, &id).await),
        Some("INVALID_TRANSITION")
    );
    assert_eq!(
        error_code(&app.propose_project(&founder, &id, "Late").await),
        Some("INVALID_TRANSITION")
    );
    assert_eq!(
        error_code(&app.review(&board, &id, "APPROVE", None).await),
        Some("INVALID_TRANSITION")
    );
    let f = "mutation($id: ID!, $f: FramingInput!) { proposeFramingChange(labId: $id, framing: $f) { id } }";
    assert_eq!(
        error_code(
            &app.gql(
                Some(&founder.token),
                f,
                json!({ "id": id, "f": framing("OPEN", "PUBLIC") })
            )
            .await
        ),
        Some("INVALID_TRANSITION")
    );
    assert_eq!(app.lab(None, "control").await["status"], "ARCHIVED");
}

#[tokio::test]
async fn new_common_rules_are_acknowledged_by_each_active_lab() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, _s) = people(&app).await;
    assert_eq!(
        error_code(
            &app.publish_rules(&adherent, "# Art. 1\nBe kind.", "AG 2027")
                .await
        ),
        Some("FORBIDDEN")
    );
    assert_eq!(
        error_code(&app.publish_rules(&board, "  ", "AG 2027").await),
        Some("VALIDATION")
    );
    let v1 = app
        .publish_rules(&board, "# Art. 1\nLabs are autonomous.", "CA 2027-01-10")
        .await;
    assert_eq!(v1["data"]["publishCommonRules"]["version"], 1, "{v1}");
    let id = app
        .active_lab(&founder, &board, "the-ai", "OPEN", "PUBLIC")
        .await;
    let lab = app.lab(Some(&founder), "the-ai").await;
    assert_eq!(lab["acknowledgedRulesVersion"], 1);
    assert_eq!(lab["rulesAcknowledgementDue"], false);
    let ack = format!("mutation($id: ID!) {{ acknowledgeRules(labId: $id) {{ {LAB_FIELDS} }} }}");
    assert_eq!(
        error_code(
            &app.gql(Some(&founder.token), &ack, json!({ "id": id }))
                .await
        ),
        Some("INVALID_TRANSITION")
    );
    app.publish_rules(
        &board,
        "# Art. 1\nLabs are autonomous within their framing.\n# Art. 2\nThe board allocates.",
        "AG 2027-03-01, motion 4",
    )
    .await;
    assert_eq!(
        app.lab(Some(&founder), "the-ai").await["rulesAcknowledgementDue"],
        true
    );
    assert_eq!(
        error_code(
            &app.gql(Some(&adherent.token), &ack, json!({ "id": id }))
                .await
        ),
        Some("FORBIDDEN")
    );
    let r = app.ok(&founder, &ack, json!({ "id": id })).await;
    assert_eq!(r["acknowledgedRulesVersion"], 2);
    assert_eq!(r["rulesAcknowledgementDue"], false);
    let rules = app.gql(None, "{ commonRules { version decisionRef } commonRulesHistory { edges { node { version decisionRef } } } }", json!({})).await;
    assert_eq!(rules["data"]["commonRules"]["version"], 2, "{rules}");
    assert_eq!(
        rules["data"]["commonRulesHistory"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn my_data_includes_my_labs_projects_and_supports() {
    let app = spawn_app().await;
    let (_admin, board, founder, _ad, sympathiser) = people(&app).await;
    let id = app
        .active_lab(&founder, &board, "export-lab", "OPEN", "PUBLIC")
        .await;
    app.join(&sympathiser, &id).await;
    let p = app.propose_project(&sympathiser, &id, "Mine").await["data"]["proposeProject"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.ok(
        &sympathiser,
        "mutation($p: ID!) { supportProject(projectId: $p) { id } }",
        json!({ "p": p }),
    )
    .await;
    let r = app
        .gql(Some(&sympathiser.token), "{ myData }", json!({}))
        .await;
    let d = &r["data"]["myData"];
    assert_eq!(d["labMemberships"][0]["lab"], "export-lab", "{r}");
    assert_eq!(d["projectsProposed"][0]["title"], "Mine");
    assert_eq!(d["projectSupports"].as_array().map(Vec::len), Some(1));
    let f = app.gql(Some(&founder.token), "{ myData }", json!({})).await;
    assert_eq!(f["data"]["myData"]["labsProposed"][0]["slug"], "export-lab");
    assert!(!f.to_string().contains(&sympathiser.email));
}
