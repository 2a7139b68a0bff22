//! Each kind of poll from creation to result: a single choice asked of the members (answers
//! changed while open, live results, who answered what), an approval asked of a Lab, rankings
//! decided by the Schulze method through the API (a Condorcet winner the first preferences
//! miss, a perfect cycle reported as a tie), and the list: open polls first, paginated.

use super::{answer, answered, close, create, expire, groups, input, ints, poll_id, read, world};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::json;

#[tokio::test]
async fn a_single_choice_poll_of_the_members_from_creation_to_result() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let r = create(
        &app,
        &w.board,
        input("SINGLE", "OPEN", None, &["Lundi", "Mardi", "Mercredi"]),
    )
    .await;
    let p = &r["data"]["createPoll"];
    assert_eq!(p["audience"], "MEMBERS", "{r}");
    assert_eq!(p["options"], json!(["Lundi", "Mardi", "Mercredi"]));
    assert_eq!(p["canClose"], true);
    assert_eq!(p["canAnswer"], true);
    assert_eq!(p["closed"], false);
    let id = p["id"].as_str().expect("id").to_owned();

    answered(&app, &w.effective, &id, &[1]).await;
    answered(&app, &w.adherent, &id, &[1]).await;
    let p = answered(&app, &w.board, &id, &[0]).await;
    // Open poll: results are live, and the audience sees who answered what.
    assert_eq!(ints(&p["results"]["counts"]), vec![1, 2, 0], "{p}");
    assert_eq!(ints(&p["results"]["winners"]), vec![1]);
    assert_eq!(p["results"]["pairwise"], json!(null));
    assert_eq!(p["answerCount"], 3);
    let who: Vec<&str> = p["responses"]["edges"]
        .as_array()
        .expect("responses")
        .iter()
        .filter_map(|e| e["node"]["member"]["id"].as_str())
        .collect();
    assert_eq!(who, vec![&w.effective.id, &w.adherent.id, &w.board.id]);

    // One may change one's answer until the close: still one row.
    let p = answered(&app, &w.effective, &id, &[0]).await;
    assert_eq!(ints(&p["myChoice"]), vec![0]);
    assert_eq!(ints(&p["results"]["counts"]), vec![2, 1, 0]);
    assert_eq!(ints(&p["results"]["ranking"][0]), vec![0]);
    assert_eq!(app.count("poll_answers").await, 3);

    // A bad answer changes nothing.
    for bad in [vec![0, 1], vec![], vec![3], vec![-1]] {
        let r = answer(&app, &w.effective, &id, &bad).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{bad:?}: {r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], "choice", "{r}");
    }
    assert_eq!(
        ints(&read(&app, &w.effective, &id).await["myChoice"]),
        vec![0]
    );

    // Sympathisers are not asked: the poll does not exist for them.
    let r = answer(&app, &w.sympathiser, &id, &[0]).await;
    assert_eq!(error_code(&r), Some("NOT_FOUND"), "{r}");

    // The author closes it early; answers stop.
    let r = close(&app, &w.board, &id).await;
    let p = &r["data"]["closePoll"];
    assert_eq!(p["closed"], true, "{r}");
    assert_eq!(p["closedEarly"], true);
    assert_eq!(p["canClose"], false);
    let r = answer(&app, &w.adherent, &id, &[2]).await;
    assert_eq!(error_code(&r), Some("VOTING_CLOSED"), "{r}");
    let p = read(&app, &w.adherent, &id).await;
    assert_eq!(p["canAnswer"], false);
    assert_eq!(ints(&p["results"]["winners"]), vec![0]);
}

#[tokio::test]
async fn an_approval_poll_asks_a_lab_and_only_it() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = poll_id(
        &app,
        &w.coordinator,
        input(
            "APPROVAL",
            "OPEN",
            Some(&w.lab),
            &["Jeudi", "Vendredi", "Samedi"],
        ),
    )
    .await;
    // A sympathiser who joined the Lab is asked.
    let p = answered(&app, &w.lab_member, &id, &[2, 0]).await;
    assert_eq!(ints(&p["myChoice"]), vec![0, 2], "{p}");
    assert_eq!(p["lab"]["id"], w.lab.as_str());
    assert_eq!(p["audience"], "LAB");
    let p = answered(&app, &w.coordinator, &id, &[0]).await;
    assert_eq!(ints(&p["results"]["counts"]), vec![2, 0, 1]);
    assert_eq!(ints(&p["results"]["winners"]), vec![0]);
    assert_eq!(
        groups(&p["results"]["ranking"]),
        vec![vec![0], vec![2], vec![1]]
    );
    let r = answer(&app, &w.lab_member, &id, &[1, 1]).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    // Members outside the Lab, even the board, are not asked.
    for outsider in [&w.effective, &w.board, &w.admin] {
        let r = answer(&app, outsider, &id, &[1]).await;
        assert_eq!(error_code(&r), Some("NOT_FOUND"), "{r}");
    }
    // Approving every option is an answer too; approving none is not.
    answered(&app, &w.coordinator, &id, &[0, 1, 2]).await;
    let r = answer(&app, &w.coordinator, &id, &[]).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
}

async fn more_members(app: &TestApp, admin: &TestUser, n: usize) -> Vec<TestUser> {
    let mut out = Vec::new();
    for i in 0..n {
        let u = app.signup(&format!("Voter{i}")).await;
        app.set_roles(admin, &u, json!({ "kind": "EFFECTIVE" }))
            .await;
        out.push(u);
    }
    out
}

#[tokio::test]
async fn rankings_are_decided_by_schulze_and_a_cycle_is_a_tie() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let extra = more_members(&app, &w.admin, 2).await;
    let voters: Vec<&TestUser> = [
        &w.admin,
        &w.board,
        &w.effective,
        &w.adherent,
        &w.coordinator,
    ]
    .into_iter()
    .chain(extra.iter())
    .collect();
    // A, B, C: three rank A > B > C, two C > B > A, two B > C > A. A has the most first
    // places; B beats A (4–3) and C (5–2): B wins.
    let id = poll_id(
        &app,
        &w.board,
        input("RANKED", "OPEN", None, &["A", "B", "C"]),
    )
    .await;
    let orders: [&[i32]; 7] = [
        &[0, 1, 2],
        &[0, 1, 2],
        &[0, 1, 2],
        &[2, 1, 0],
        &[2, 1, 0],
        &[1, 2, 0],
        &[1, 2, 0],
    ];
    for (v, o) in voters.iter().zip(orders) {
        answered(&app, v, &id, o).await;
    }
    let p = read(&app, &w.effective, &id).await;
    let res = &p["results"];
    assert_eq!(ints(&res["counts"]), vec![3, 2, 2], "{p}");
    assert_eq!(ints(&res["winners"]), vec![1]);
    assert_eq!(res["tied"], false);
    assert_eq!(groups(&res["ranking"]), vec![vec![1], vec![2], vec![0]]);
    assert_eq!(
        groups(&res["pairwise"]),
        vec![vec![0, 3, 3], vec![4, 0, 5], vec![4, 2, 0]]
    );
    assert_eq!(
        groups(&res["strongest"]),
        vec![vec![0, 0, 0], vec![4, 0, 5], vec![4, 0, 0]]
    );
    // A ranking without repeats, partial or full; a repeat is refused.
    let r = answer(&app, &w.effective, &id, &[2, 2]).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");

    // A perfect cycle, anonymous: after the close, three winners, none picked.
    let id = poll_id(
        &app,
        &w.board,
        input("RANKED", "ANONYMOUS", None, &["A", "B", "C"]),
    )
    .await;
    for (v, o) in voters.iter().zip([&[0, 1, 2], &[1, 2, 0], &[2, 0, 1]]) {
        answered(&app, v, &id, o).await;
    }
    // A partial ranking counts too (and ranks C alone first: C now wins).
    answered(&app, voters[3], &id, &[2]).await;
    expire(&app, &id).await;
    let p = read(&app, &w.effective, &id).await;
    assert_eq!(ints(&p["results"]["winners"]), vec![2], "{p}");
    // Without it, the cycle is a three-way tie.
    let id = poll_id(
        &app,
        &w.board,
        input("RANKED", "ANONYMOUS", None, &["A", "B", "C"]),
    )
    .await;
    for (v, o) in voters.iter().zip([&[0, 1, 2], &[1, 2, 0], &[2, 0, 1]]) {
        answered(&app, v, &id, o).await;
    }
    expire(&app, &id).await;
    let p = read(&app, &w.effective, &id).await;
    assert_eq!(ints(&p["results"]["winners"]), vec![0, 1, 2], "{p}");
    assert_eq!(p["results"]["tied"], true);
    assert_eq!(groups(&p["results"]["ranking"]), vec![vec![0, 1, 2]]);
}

const LIST: &str = "query($l: ID, $first: Int, $after: String) { polls(labId: $l, first: $first, after: $after) { edges { cursor node { id closed } } pageInfo { hasNextPage endCursor } } }";

async fn page(
    app: &TestApp,
    who: &TestUser,
    lab: Option<&str>,
    after: Option<&str>,
) -> (Vec<String>, Option<String>) {
    let r = app
        .gql(
            Some(&who.token),
            LIST,
            json!({ "l": lab, "first": 2, "after": after }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let c = &r["data"]["polls"];
    let ids = c["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter_map(|e| e["node"]["id"].as_str().map(str::to_owned))
        .collect();
    let next = (c["pageInfo"]["hasNextPage"] == true)
        .then(|| c["pageInfo"]["endCursor"].as_str().map(str::to_owned))
        .flatten();
    (ids, next)
}

#[tokio::test]
async fn the_list_shows_open_polls_first_soonest_first_then_closed_ones() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let make = |days: i64| {
        let mut i = input("SINGLE", "OPEN", None, &["Oui", "Non"]);
        i["closesAt"] = json!(super::in_days(days));
        i
    };
    let late = poll_id(&app, &w.board, make(3)).await;
    let soon = poll_id(&app, &w.board, make(1)).await;
    let middle = poll_id(&app, &w.board, make(2)).await;
    let done = poll_id(&app, &w.board, make(5)).await;
    expire(&app, &done).await;
    let lab_poll = poll_id(
        &app,
        &w.coordinator,
        input("SINGLE", "ANONYMOUS", Some(&w.lab), &["Oui", "Non"]),
    )
    .await;

    let (first, next) = page(&app, &w.effective, None, None).await;
    assert_eq!(first, vec![soon.clone(), middle.clone()]);
    let (second, next) = page(&app, &w.effective, None, next.as_deref()).await;
    assert_eq!(second, vec![late.clone(), done.clone()]);
    assert_eq!(next, None, "four polls ask the effective member");

    // The coordinator also sees the Lab's poll (its own, closing in a week).
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let (ids, next) = page(&app, &w.coordinator, None, after.as_deref()).await;
        all.extend(ids);
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(all, vec![soon, middle, late, lab_poll.clone(), done]);
    // The Lab's sympathiser sees only the Lab's; the filter gives one Lab's.
    let (ids, _) = page(&app, &w.lab_member, None, None).await;
    assert_eq!(ids, vec![lab_poll.clone()]);
    let (ids, _) = page(&app, &w.coordinator, Some(&w.lab), None).await;
    assert_eq!(ids, vec![lab_poll]);
    let (ids, _) = page(&app, &w.sympathiser, None, None).await;
    assert!(ids.is_empty());
    // Signed out: refused; a made-up cursor: refused.
    let r = app.gql(None, LIST, json!({})).await;
    assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{r}");
    let r = app
        .gql(Some(&w.effective.token), LIST, json!({ "after": "o|x|y" }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
}
