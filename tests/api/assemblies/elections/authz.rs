//! Who may add an election, manage candidacies and cast election ballots: every refused role
//! changes nothing.

use super::*;
use constellation_tests::spawn_app;

#[tokio::test]
async fn each_election_mutation_refuses_the_roles_it_should() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 3).await;
    let adherent = app.signup("Adherent").await;
    app.set_roles(&chair, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    let outsider = app.signup("Outsider").await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let input = json!({ "text": "Board", "rule": "SIMPLE", "ballot": "OPEN", "seats": 1, "mode": "APPROVAL" });

    // Adding an election: the board or an admin only.
    let r = app
        .gql(
            None,
            g::ADD_ELECTION,
            json!({ "itemId": item, "input": input }),
        )
        .await;
    assert_eq!(code(&r), Some("UNAUTHENTICATED"), "{r}");
    for who in [&m[0], &adherent, &outsider] {
        let r = app
            .gql(
                Some(&who.token),
                g::ADD_ELECTION,
                json!({ "itemId": item, "input": input }),
            )
            .await;
        assert_eq!(code(&r), Some("FORBIDDEN"), "{r}");
    }
    let before = app.count("motions").await;
    let e = add_election(&app, &chair, &a, &item, "OPEN", 1, "APPROVAL").await;
    assert_eq!(app.count("motions").await, before + 1);

    // Standing: effective members only; proposing others: the board only.
    for who in [&adherent, &outsider] {
        assert_eq!(code(&propose(&app, who, &e, who).await), Some("FORBIDDEN"));
    }
    assert_eq!(
        code(&propose(&app, &m[0], &e, &m[1]).await),
        Some("FORBIDDEN")
    );
    let r = app
        .gql(
            None,
            g::PROPOSE_CANDIDATE,
            json!({ "motionId": e, "userId": m[0].id }),
        )
        .await;
    assert_eq!(code(&r), Some("UNAUTHENTICATED"), "{r}");
    // The board cannot propose a non-effective member.
    assert_eq!(
        code(&propose(&app, &chair, &e, &adherent).await),
        Some("NOT_ELIGIBLE")
    );
    assert_eq!(app.count("motion_candidates").await, 0);
    let r = propose(&app, &chair, &e, &m[0]).await;
    assert!(r["errors"].is_null(), "{r}");
    // Accepting: the proposed candidate only.
    for who in [&m[1], &chair, &outsider] {
        assert_eq!(code(&accept(&app, who, &e).await), Some("NOT_FOUND"));
    }
    // Withdrawing someone else: the board only.
    let r = app
        .gql(
            Some(&m[1].token),
            g::WITHDRAW_CANDIDACY,
            json!({ "motionId": e, "userId": m[0].id }),
        )
        .await;
    assert_eq!(code(&r), Some("FORBIDDEN"), "{r}");
    assert_eq!(app.count("motion_candidates").await, 1);
    let r = accept(&app, &m[0], &e).await;
    assert!(r["errors"].is_null(), "{r}");

    // Casting: a present effective member, for themselves or a principal they represent.
    in_session(&app, &chair, &a, &m[0..2]).await;
    let r = app.voting(&chair, "openVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let marks = [(&m[0], "YES")];
    assert_eq!(
        code(&cast(&app, &adherent, &e, &adherent, &marks).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        code(&cast(&app, &outsider, &e, &outsider, &marks).await),
        Some("FORBIDDEN")
    );
    // Absent (m[2] did not check in), or someone else's vote without their proxy.
    assert_eq!(
        code(&cast(&app, &m[2], &e, &m[2], &marks).await),
        Some("NOT_ELIGIBLE")
    );
    assert_eq!(
        code(&cast(&app, &m[0], &e, &m[1], &marks).await),
        Some("NOT_ELIGIBLE")
    );
    let r = app
        .gql(
            None,
            g::CAST_ELECTION_BALLOT,
            json!({ "motionId": e, "memberId": m[0].id, "marks": [] }),
        )
        .await;
    assert_eq!(code(&r), Some("UNAUTHENTICATED"), "{r}");
    assert_eq!(app.count("ballot_participations").await, 0);
    assert_eq!(app.count("candidate_votes").await, 0);
    // A blank approval ballot is a ballot.
    let r = cast(&app, &m[1], &e, &m[1], &[]).await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(app.count("ballot_participations").await, 1);
}
