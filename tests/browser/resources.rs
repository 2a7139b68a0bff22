//! Journey of the common-resources issue: a coordinator requests server capacity for a Lab;
//! a board member grants part of it with a reason; a plain member sees it on the
//! transparency page.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, wait_until};
use serde_json::json;

#[tokio::test]
async fn a_coordinator_asks_the_board_grants_part_and_a_member_sees_it() {
    let s = start().await;
    let admin = s.app.signup("Admin").await;
    let board = s.app.signup("Board Member").await;
    let coordinator = s.app.signup("Coordinator").await;
    let member = s.app.signup("Plain Member").await;
    s.app
        .set_roles(
            &admin,
            &board,
            json!({ "kind": "EFFECTIVE", "board": true }),
        )
        .await;
    s.app
        .set_roles(&admin, &coordinator, json!({ "kind": "EFFECTIVE" }))
        .await;
    s.app
        .set_roles(&admin, &member, json!({ "kind": "ADHERENT" }))
        .await;
    s.app
        .active_lab(&coordinator, &admin, "hosting-lab", "OPEN", "PUBLIC")
        .await;
    s.app.pool(&admin, "Server capacity", "vCPU", 0, "16").await;
    let page = s.open("/").await;

    // The coordinator asks for 8 vCPU from the Lab page.
    sign_in(&s, &page, &coordinator).await;
    page.goto(format!("{}/labs/hosting-lab", s.app.url))
        .await
        .expect("goto");
    wait_until(&page, "!!document.querySelector('#request-form') && document.querySelectorAll('#request-pool option').length > 1", "the request form").await;
    let pool_value = page
        .evaluate("[...document.querySelectorAll('#request-pool option')].find(o => o.textContent.includes('Server capacity')).value")
        .await
        .expect("option")
        .into_value::<String>()
        .expect("value");
    set_value(&page, "#request-pool", &pool_value).await;
    wait_until(
        &page,
        "document.querySelector('#request-remaining')?.textContent.includes('16')",
        "what remains",
    )
    .await;
    fill(&page, "#request-amount", "8").await;
    fill(
        &page,
        "#request-justification",
        "Two VMs for the Lab's services.",
    )
    .await;
    click(&page, "#request-submit").await;
    wait_until(
        &page,
        "document.querySelector('#lab-requests li.request')?.dataset.status === 'PENDING'",
        "the pending request",
    )
    .await;

    // A board member grants 6 of the 8, with a reason.
    sign_in(&s, &page, &board).await;
    page.goto(format!("{}/resources/queue", s.app.url))
        .await
        .expect("goto");
    wait_until(
        &page,
        "!!document.querySelector('li.queue-item[data-lab=\"hosting-lab\"]')",
        "the queue",
    )
    .await;
    fill(
        &page,
        "li.queue-item[data-lab=\"hosting-lab\"] textarea.decision-reason",
        "Six vCPU are what is left this year.",
    )
    .await;
    fill(
        &page,
        "li.queue-item[data-lab=\"hosting-lab\"] input.decision-amount",
        "6",
    )
    .await;
    click(
        &page,
        "li.queue-item[data-lab=\"hosting-lab\"] button.approve-partial",
    )
    .await;
    wait_until(
        &page,
        "!document.querySelector('li.queue-item[data-lab=\"hosting-lab\"]')",
        "the decided item leaving the queue",
    )
    .await;

    // A plain member sees it on the transparency page.
    sign_in(&s, &page, &member).await;
    page.goto(format!("{}/transparency", s.app.url))
        .await
        .expect("goto");
    wait_until(&page, "!!document.querySelector('tr.ledger-entry[data-lab=\"hosting-lab\"][data-kind=\"GRANT\"]')", "the ledger entry").await;
    let row = page
        .evaluate("document.querySelector('tr.ledger-entry[data-lab=\"hosting-lab\"]').textContent")
        .await
        .expect("row")
        .into_value::<String>()
        .expect("text");
    assert!(
        row.contains('6') && row.contains("Six vCPU are what is left this year."),
        "{row}"
    );
    wait_until(
        &page,
        "!!document.querySelector('#allocation-chart g.chart-row[data-lab=\"hosting-lab\"]')",
        "the chart bar",
    )
    .await;
    wait_until(&page, "[...document.querySelectorAll('li.pool .period .granted')].some(e => e.textContent.trim() === '6')", "the pool usage").await;
    // The usage bar is sized through the CSSOM, which the policy allows (a style attribute
    // it would block).
    wait_until(
        &page,
        "[...document.querySelectorAll('.usage-fill')].some(e => parseFloat(e.style.width) > 0)",
        "a usage bar with a width",
    )
    .await;
    assert_no_csp_violations(&page).await;
}
