//! Journey of the polls issue, in Chromium: the board asks the members a ranked question;
//! a member finds it in the list, ranks two options with the keyboard alone (Enter on the
//! buttons, the focus following the moved option) and answers; the results table and the
//! Schulze tables show; the board closes the poll early.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, text, wait_until};
use chromiumoxide::Page;
use serde_json::json;

/// Focuses `selector` and presses Enter on it, as a keyboard user would.
async fn enter_on(page: &Page, selector: &str) {
    page.evaluate(format!(
        "document.querySelector({}).focus()",
        json!(selector)
    ))
    .await
    .expect("focus");
    page.find_element("body")
        .await
        .expect("body")
        .press_key("Enter")
        .await
        .expect("Enter");
}

/// The focus lands on `id`: it moves in the frame after the list is redrawn.
async fn wait_focus(page: &Page, id: &str) {
    let js = format!("document.activeElement?.id === {}", json!(id));
    wait_until(page, &js, &format!("the focus on #{id}")).await;
}

#[tokio::test]
async fn a_ranked_poll_is_asked_answered_with_the_keyboard_and_closed() {
    let s = start().await;
    let app = &s.app;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board Member").await;
    let member = app.signup("Member").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &member, json!({ "kind": "EFFECTIVE" }))
        .await;

    // The board asks.
    let page = s.open("/").await;
    sign_in(&s, &page, &board).await;
    page.goto(format!("{}/polls/new", app.url))
        .await
        .expect("goto");
    wait_until(
        &page,
        "!!document.querySelector('#new-poll')",
        "the new poll form",
    )
    .await;
    fill(&page, "#poll-title", "Which tool for the minutes?").await;
    fill(&page, "#poll-option-0", "Wiki").await;
    fill(&page, "#poll-option-1", "Pad").await;
    click(&page, "#add-option").await;
    wait_until(
        &page,
        "!!document.querySelector('#poll-option-2')",
        "a third option",
    )
    .await;
    fill(&page, "#poll-option-2", "Mail").await;
    set_value(&page, "#poll-kind", "RANKED").await;
    click(&page, "#poll-submit").await;
    wait_until(
        &page,
        "location.pathname.startsWith('/polls/') && location.pathname !== '/polls/new' && !!document.querySelector('#poll-status')",
        "the new poll's page",
    )
    .await;
    let path = page
        .evaluate("location.pathname")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("path");

    // A member finds it in the list and ranks Mail, then Wiki above it, by keyboard.
    sign_in(&s, &page, &member).await;
    click(&page, "#nav-polls").await;
    wait_until(
        &page,
        "document.querySelectorAll('#polls li.poll').length === 1",
        "the list",
    )
    .await;
    click(&page, "#polls li.poll h2 a").await;
    wait_until(
        &page,
        "!!document.querySelector('#rank-add-2')",
        "the ranking input",
    )
    .await;
    enter_on(&page, "#rank-add-2").await;
    wait_until(
        &page,
        "document.querySelectorAll('#ranking li').length === 1",
        "Mail ranked",
    )
    .await;
    wait_focus(&page, "rank-remove-2").await;
    enter_on(&page, "#rank-add-0").await;
    wait_until(
        &page,
        "document.querySelectorAll('#ranking li').length === 2",
        "Wiki ranked",
    )
    .await;
    wait_focus(&page, "rank-up-0").await;
    page.find_element("body")
        .await
        .expect("body")
        .press_key("Enter")
        .await
        .expect("Enter");
    wait_until(
        &page,
        "document.querySelector('#ranking li')?.dataset.option === '0'",
        "Wiki moved up",
    )
    .await;
    // The focus follows Wiki to its Down button (Up is now disabled).
    wait_focus(&page, "rank-down-0").await;
    assert!(text(&page, "#ranking-status").await.contains("Wiki"));
    click(&page, "#answer-submit").await;
    wait_until(
        &page,
        "(document.querySelector('#my-answer')?.textContent ?? '').includes('Wiki > Mail')",
        "the answer recorded",
    )
    .await;
    // Open poll: results and who answered what, live.
    wait_until(
        &page,
        "!!document.querySelector('#poll-counts') && !!document.querySelector('#poll-pairwise')",
        "the results",
    )
    .await;
    assert!(text(&page, "#poll-headline").await.contains("Wiki"));
    wait_until(
        &page,
        "document.querySelectorAll('#poll-responses tbody tr').length === 1",
        "who answered",
    )
    .await;
    assert_no_csp_violations(&page).await;

    // The board closes it early.
    sign_in(&s, &page, &board).await;
    page.goto(format!("{}{path}", app.url)).await.expect("goto");
    wait_until(
        &page,
        "!!document.querySelector('#close-poll')",
        "the close button",
    )
    .await;
    click(&page, "#close-poll").await;
    wait_until(
        &page,
        "document.querySelector('#poll-status')?.dataset.status === 'CLOSED' && !!document.querySelector('#poll-closed-early')",
        "the poll closed",
    )
    .await;
    assert_no_csp_violations(&page).await;
}
