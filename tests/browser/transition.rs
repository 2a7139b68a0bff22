//! Journey of the transition issue, in Chromium: the board imports a CSV inventory; the
//! member opens "my services", chooses the collective path and asks for help; the working
//! group answers and ticks the hand-over; the member reads the answer and confirms each item;
//! the dashboard counts the service migrated.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, wait_until};
use chromiumoxide::Page;
use serde_json::json;

async fn goto(page: &Page, url: String) {
    page.goto(url).await.expect("goto");
}

/// How many elements match `selector`.
async fn count(page: &Page, selector: &str) -> usize {
    page.evaluate(format!(
        "document.querySelectorAll({}).length",
        json!(selector)
    ))
    .await
    .expect("evaluate")
    .into_value::<usize>()
    .expect("a number")
}

#[tokio::test]
async fn a_website_moves_collectively_from_the_imported_inventory_to_migrated() {
    let s = start().await;
    let app = &s.app;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board Member").await;
    let holder = app.signup("Holder Member").await;
    let helper = app.signup("Helper Member").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &holder, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &helper, json!({ "kind": "ADHERENT" }))
        .await;
    let ends_on = (chrono::Utc::now().date_naive() + chrono::Duration::days(200)).to_string();
    let lab = app.transition_plan(&board, &ends_on, 30).await;
    app.join_lab(&helper, &lab).await;
    let group = app
        .gql(
            Some(&board.token),
            "mutation { createTransitionGroup(name: \"Sites together\", targetHost: \"chatons.example\") { id } }",
            json!({}),
        )
        .await;
    let group = group["data"]["createTransitionGroup"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createTransitionGroup: {group}"))
        .to_owned();

    // The board imports the association's inventory.
    let page = s.open("/").await;
    sign_in(&s, &page, &board).await;
    goto(&page, format!("{}/transition/inventory", app.url)).await;
    wait_until(
        &page,
        "!!document.querySelector('#transition-import-csv')",
        "the import form",
    )
    .await;
    let csv = format!(
        "kind,name,holders,address\nWEBSITE,Site of the holder,{},holder-site.example\n",
        holder.email
    );
    set_value(&page, "#transition-import-csv", &csv).await;
    click(&page, "#transition-import-submit").await;
    wait_until(
        &page,
        "!!document.querySelector('#transition-import-report #transition-import-done')",
        "the import's report",
    )
    .await;
    wait_until(
        &page,
        "document.querySelectorAll('table#inventory tr.inventory-service').length === 1",
        "the imported service in the inventory",
    )
    .await;

    // The member opens "my services" and chooses the collective path.
    sign_in(&s, &page, &holder).await;
    click(&page, "#nav-transition").await;
    wait_until(
        &page,
        "!!document.querySelector('#transition-mine-link')",
        "the transition's overview",
    )
    .await;
    click(&page, "#transition-mine-link").await;
    wait_until(
        &page,
        "!!document.querySelector('#my-services .my-service a.my-service-link')",
        "my services",
    )
    .await;
    let service = page
        .evaluate("document.querySelector('#my-services .my-service').dataset.id")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("the service's id");
    click(&page, "#my-services .my-service a.my-service-link").await;
    wait_until(
        &page,
        "!!document.querySelector('#path-form #path-select')",
        "the path form",
    )
    .await;
    set_value(&page, "#path-select", "COLLECTIVE").await;
    wait_until(
        &page,
        "!!document.querySelector('#path-group')",
        "the group choice",
    )
    .await;
    set_value(&page, "#path-group", &group).await;
    click(&page, "#path-submit").await;
    wait_until(
        &page,
        "document.querySelector('#service-path')?.dataset.path === 'COLLECTIVE'",
        "the collective path chosen",
    )
    .await;
    // …and asks the working group for help.
    fill(&page, "#support-subject", "Exporting the database").await;
    fill(
        &page,
        "#support-body",
        "How do I get a dump of my site's database?",
    )
    .await;
    click(&page, "#support-submit").await;
    wait_until(
        &page,
        "document.querySelectorAll('#my-requests .support-request').length === 1",
        "the request listed",
    )
    .await;

    // The working group answers, and hands each item of the checklist over.
    sign_in(&s, &page, &helper).await;
    goto(&page, format!("{}/transition/support", app.url)).await;
    wait_until(
        &page,
        "!!document.querySelector('#support-queue li.support-item textarea.support-answer-body')",
        "the support queue",
    )
    .await;
    set_value(
        &page,
        "#support-queue li.support-item textarea.support-answer-body",
        "We send you the dump with the files.",
    )
    .await;
    click(
        &page,
        "#support-queue li.support-item button.support-answer-submit",
    )
    .await;
    wait_until(
        &page,
        "document.querySelector('#support-queue li.support-item')?.dataset.status === 'ANSWERED'",
        "the request answered",
    )
    .await;
    goto(&page, format!("{}/transition/services/{service}", app.url)).await;
    wait_until(
        &page,
        "document.querySelectorAll('#handover .handover-item').length === 2 && !!document.querySelector('#handover button.handover-mark')",
        "the website's two items to hand over",
    )
    .await;
    for left in (0..2).rev() {
        click(&page, "#handover button.handover-mark").await;
        wait_until(
            &page,
            &format!(
                "document.querySelectorAll('#handover button.handover-mark').length === {left}"
            ),
            "an item handed over",
        )
        .await;
    }

    // The member reads the answer and confirms each item: the service is migrated.
    sign_in(&s, &page, &holder).await;
    goto(&page, format!("{}/transition/services/{service}", app.url)).await;
    wait_until(
        &page,
        "document.querySelector('#my-requests .support-request .support-answer-text')?.textContent.includes('dump')",
        "the answer shown",
    )
    .await;
    wait_until(
        &page,
        "document.querySelectorAll('#handover button.handover-confirm').length === 2",
        "two items to confirm",
    )
    .await;
    for left in (0..2).rev() {
        click(&page, "#handover button.handover-confirm").await;
        wait_until(
            &page,
            &format!(
                "document.querySelectorAll('#handover button.handover-confirm').length === {left}"
            ),
            "an item confirmed",
        )
        .await;
    }
    wait_until(
        &page,
        "document.querySelector('#service-status')?.dataset.status === 'MIGRATED'",
        "the service migrated",
    )
    .await;
    assert_eq!(
        count(&page, "#handover .handover-item[data-state=CONFIRMED]").await,
        2
    );

    // The dashboard counts it.
    goto(&page, format!("{}/transition", app.url)).await;
    wait_until(
        &page,
        "document.querySelector('#transition-by-status tr[data-key=MIGRATED] td.count')?.textContent.trim() === '1'",
        "the dashboard's migrated count",
    )
    .await;
    assert_no_csp_violations(&page).await;
}
