//! Journey of the elections of people (#15): the board adds a secret approval election for
//! three seats in the page and proposes candidates; a member stands, another accepts in the
//! page; voting opens; a member votes with the keyboard alone (a fourth approval cannot be
//! chosen), another by clicking; voting closes and the result table shows the elected.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, wait_until};
use crate::support_assembly::{
    draft_assembly_with, goto, js_string, open_voting, press, session_through_api, tab_to,
};
use chromiumoxide::Page;
use constellation_tests::TestUser;
use serde_json::json;

/// The board proposes `who` in the election's card.
async fn propose(page: &Page, election: &str, who: &TestUser) {
    let select = format!("#propose-{election}");
    wait_until(
        page,
        &format!(
            "!!document.querySelector('{select} option[value=\"{}\"]')",
            who.id
        ),
        "the member offered",
    )
    .await;
    set_value(page, &select, &who.id).await;
    click(
        page,
        &format!("form.propose-candidate-form[data-motion-id=\"{election}\"] .propose-candidate"),
    )
    .await;
    wait_until(
        page,
        &format!("!!document.querySelector('li.candidate[data-candidate-id=\"{}\"][data-accepted=\"false\"]') && !document.querySelector('{select} option[value=\"{}\"]')", who.id, who.id),
        "the candidate proposed, no longer offered",
    )
    .await;
}

#[tokio::test]
async fn the_board_adds_an_election_members_stand_and_approve_and_the_elected_show() {
    let s = start().await;
    let chair = s.app.signup("Chair Person").await;
    let mut c = Vec::new();
    for name in ["Ada", "Bea", "Cyd", "Dee", "Eve"] {
        c.push(s.app.signup(&format!("{name} Candidate")).await);
    }
    let everyone: Vec<&TestUser> = std::iter::once(&chair).chain(&c).collect();
    let draft = draft_assembly_with(&s, &chair, &everyone[1..]).await;
    let (a, base, page) = (draft.id, draft.base, draft.page);

    // The board adds a secret election by approval for three seats, in the form.
    sign_in(&s, &page, &chair).await;
    goto(&page, base.clone()).await;
    wait_until(
        &page,
        "!!document.querySelector('#add-kind-ELECTION')",
        "the kind of vote offered",
    )
    .await;
    click(&page, "#add-kind-ELECTION").await;
    wait_until(
        &page,
        "!!document.querySelector('#election-seats') && document.querySelector('#election-mode-APPROVAL')?.checked",
        "the election's fields",
    )
    .await;
    fill(&page, "#motion-text", "Three seats on the board").await;
    set_value(&page, "#election-seats", "3").await;
    set_value(&page, "#motion-ballot", "SECRET").await;
    click(&page, "#motion-submit").await;
    let card = "section.motion[data-kind=\"ELECTION\"]";
    wait_until(
        &page,
        &format!("document.querySelector('{card} .election-seats')?.textContent.trim() === '3' && document.querySelector('{card} .election-mode')?.dataset.mode === 'APPROVAL' && document.querySelector('{card} .motion-ballot')?.dataset.ballot === 'SECRET'"),
        "the election added with its seats and mode",
    )
    .await;
    let e = js_string(
        &page,
        &format!("document.querySelector('{card}').dataset.motionId"),
    )
    .await;
    assert!(!e.is_empty(), "the election's id");

    // The board proposes four members; the fifth stands for themself.
    for who in [&c[0], &c[1], &c[2], &c[4]] {
        propose(&page, &e, who).await;
    }
    sign_in(&s, &page, &c[3]).await;
    goto(&page, base.clone()).await;
    let stand = format!("#stand-{e}");
    wait_until(
        &page,
        &format!("!!document.querySelector('{stand}')"),
        "the stand button",
    )
    .await;
    click(&page, &stand).await;
    wait_until(
        &page,
        &format!("!!document.querySelector('li.candidate[data-candidate-id=\"{}\"][data-accepted=\"true\"]') && !document.querySelector('{stand}')", c[3].id),
        "standing, accepted at once",
    )
    .await;

    // A proposed member accepts in the page; the others through the API.
    sign_in(&s, &page, &c[0]).await;
    goto(&page, base.clone()).await;
    let mine = format!("li.candidate[data-candidate-id=\"{}\"]", c[0].id);
    wait_until(
        &page,
        &format!("!!document.querySelector('{mine} .accept-candidacy')"),
        "the accept button",
    )
    .await;
    click(&page, &format!("{mine} .accept-candidacy")).await;
    wait_until(
        &page,
        &format!("document.querySelector('{mine}')?.dataset.accepted === 'true' && !!document.querySelector('{mine} .withdraw-candidacy')"),
        "the candidacy accepted",
    )
    .await;
    for who in [&c[1], &c[2], &c[4]] {
        s.app
            .ok(
                who,
                "mutation($m: ID!) { acceptCandidacy(motionId: $m) { id } }",
                json!({ "m": e }),
            )
            .await;
    }

    // The session (through the API): convened, opened, everyone checked in.
    session_through_api(&s, &chair, &a, &[], &everyone).await;

    // The chair opens voting in the console; no room count for an election.
    sign_in(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    let close = open_voting(&page, &e).await;
    wait_until(
        &page,
        &format!("!document.querySelector('form.room-count-form[data-motion-id=\"{e}\"]')"),
        "voting open, without a room count form",
    )
    .await;

    // A member votes with the keyboard alone: three approvals with Tab and Space; a fourth
    // cannot be chosen and it is said; Tab to the button, Enter.
    sign_in(&s, &page, &c[0]).await;
    goto(&page, format!("{base}/vote")).await;
    let ballot = format!("fieldset[data-member-id=\"{}\"]", c[0].id);
    let boxes = format!("document.querySelectorAll('{ballot} input.approve')");
    wait_until(
        &page,
        &format!("{boxes}.length === 5"),
        "the five candidates on the ballot",
    )
    .await;
    tab_to(&page, &format!("{ballot} input.approve")).await;
    for i in 0..3 {
        if i > 0 {
            press(&page, "Tab").await;
        }
        press(&page, " ").await;
    }
    wait_until(
        &page,
        &format!("[...{boxes}].slice(0, 3).every(b => b.checked) && /3\\D+3/.test(document.querySelector('{ballot} .approval-count')?.textContent ?? '')"),
        "three chosen, counted",
    )
    .await;
    press(&page, "Tab").await;
    let fourth = format!("{boxes}[3]");
    wait_until(
        &page,
        &format!("document.activeElement === {fourth} && {fourth}.getAttribute('aria-disabled') === 'true'"),
        "the fourth candidate focused, unavailable",
    )
    .await;
    let before = js_string(
        &page,
        &format!("document.querySelector('{ballot} .approval-count').textContent"),
    )
    .await;
    press(&page, " ").await;
    wait_until(
        &page,
        &format!("!{fourth}.checked && [...{boxes}].filter(b => b.checked).length === 3 && document.querySelector('{ballot} .approval-count').textContent !== {}", json!(before)),
        "the fourth refused, and the refusal said",
    )
    .await;
    let cast = format!("{ballot} button.cast-vote");
    tab_to(&page, &cast).await;
    press(&page, "Enter").await;
    wait_until(
        &page,
        &format!("!document.querySelector('{cast}') && (document.querySelector('#vote-confirmation')?.textContent.trim().length ?? 0) > 0 && document.activeElement?.id === 'vote-confirmation'"),
        "the ballot cast and confirmed",
    )
    .await;

    // Another member votes by clicking; the chair through the API.
    sign_in(&s, &page, &c[1]).await;
    goto(&page, format!("{base}/vote")).await;
    let group = format!("marks-{e}-{}", c[1].id);
    wait_until(
        &page,
        &format!("!!document.querySelector('#{group}-{}')", c[0].id),
        "the ballot",
    )
    .await;
    for who in [&c[0], &c[1], &c[4]] {
        click(&page, &format!("#{group}-{}", who.id)).await;
    }
    click(
        &page,
        &format!("fieldset[data-member-id=\"{}\"] button.cast-vote", c[1].id),
    )
    .await;
    wait_until(
        &page,
        "!!document.querySelector('#all-votes-cast')",
        "the ballot cast",
    )
    .await;
    let marks = [&c[0], &c[2]]
        .iter()
        .map(|w| json!({ "candidateId": w.id, "choice": "YES" }))
        .collect::<Vec<_>>();
    s.app
        .ok(
            &chair,
            "mutation($m: ID!, $w: ID!, $k: [CandidateMarkInput!]!) { castElectionBallot(motionId: $m, memberId: $w, marks: $k) { motionId } }",
            json!({ "m": e, "w": chair.id, "k": marks }),
        )
        .await;

    // The chair closes voting: the table shows the three elected, the others not.
    sign_in(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    wait_until(
        &page,
        &format!("!!document.querySelector('{close}')"),
        "the close-voting button",
    )
    .await;
    click(&page, &close).await;
    let result = format!("section.motion[data-motion-id=\"{e}\"] .election-result");
    wait_until(
        &page,
        &format!("document.querySelector('{result}')?.dataset.filled === '3' && document.querySelectorAll('{result} tr.candidate-result').length === 5"),
        "the result of the election",
    )
    .await;
    let row = |who: &TestUser, field: &str| {
        format!(
            "document.querySelector('{result} tr[data-candidate-id=\"{}\"]')?.{field}",
            who.id
        )
    };
    for (who, elected, approvals) in [
        (&c[0], "true", "3"),
        (&c[1], "true", "2"),
        (&c[2], "true", "2"),
        (&c[3], "false", "0"),
        (&c[4], "false", "1"),
    ] {
        assert_eq!(
            js_string(&page, &row(who, "dataset.elected")).await,
            elected
        );
        assert_eq!(
            js_string(
                &page,
                &row(who, "querySelector('.result-yes').textContent.trim()")
            )
            .await,
            approvals
        );
    }
    assert!(
        !js_string(
            &page,
            &format!("document.querySelector('{result} .explanation')?.textContent.trim() ?? ''")
        )
        .await
        .is_empty(),
        "the explanation"
    );
    assert_no_csp_violations(&page).await;
}
