//! Journey of the Labs issue: a member proposes a Lab; a board member approves it; another
//! member joins it and proposes a project that a coordinator accepts.

use crate::support::{click, fill, start, wait_until, Session};
use chromiumoxide::Page;
use constellation_tests::{TestUser, PASSWORD};
use serde_json::json;

/// Signs in through the login form (after dropping any stored session).
pub async fn sign_in(s: &Session, page: &Page, who: &TestUser) {
    page.goto(format!("{}/login", s.app.url))
        .await
        .expect("goto");
    page.evaluate("localStorage.clear()").await.expect("clear");
    page.goto(format!("{}/login", s.app.url))
        .await
        .expect("goto");
    wait_until(page, "!!document.querySelector('#email')", "the login form").await;
    fill(page, "#email", &who.email).await;
    fill(page, "#password", PASSWORD).await;
    click(page, "form button[type=submit]").await;
    wait_until(
        page,
        "location.pathname === '/profile' && !!document.querySelector('#profile-email')",
        "signed in",
    )
    .await;
}

pub async fn set_value(page: &Page, selector: &str, value: &str) {
    let js = format!(
        "(() => {{ const e = document.querySelector({sel}); e.value = {val}; e.dispatchEvent(new Event('input', {{ bubbles: true }})); e.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()",
        sel = json!(selector),
        val = json!(value)
    );
    page.evaluate(js).await.expect("set value");
}

async fn open_lab(s: &Session, page: &Page, slug: &str) {
    page.goto(format!("{}/labs/{slug}", s.app.url))
        .await
        .expect("goto lab");
    wait_until(
        page,
        "!!document.querySelector('#lab-status')",
        "the Lab page",
    )
    .await;
}

#[tokio::test]
async fn a_lab_is_proposed_approved_joined_and_its_project_accepted() {
    let s = start().await;
    let admin = s.app.signup("Admin").await;
    let founder = s.app.signup("Founder").await;
    let joiner = s.app.signup("Joiner").await;
    s.app
        .set_roles(&admin, &founder, json!({ "kind": "EFFECTIVE" }))
        .await;
    let page = s.open("/").await;

    // The founder proposes a Lab.
    sign_in(&s, &page, &founder).await;
    page.goto(format!("{}/labs/new", s.app.url))
        .await
        .expect("goto");
    wait_until(
        &page,
        "!!document.querySelector('#name')",
        "the proposal form",
    )
    .await;
    fill(&page, "#name", "Free social networks").await;
    wait_until(
        &page,
        "document.querySelector('#slug').value === 'free-social-networks'",
        "the suggested slug",
    )
    .await;
    fill(&page, "#themes", "fediverse, autonomy").await;
    fill(&page, "#description", "Run and study free social networks.").await;
    fill(&page, "#objectives", "A Mastodon instance for members.").await;
    set_value(&page, "#startDate", "2027-01-01").await;
    set_value(&page, "#endDate", "2027-12-31").await;
    click(&page, "form button[type=submit]").await;
    wait_until(&page, "location.pathname === '/labs/free-social-networks' && document.querySelector('#lab-status')?.dataset.status === 'PROPOSED'", "the proposed Lab").await;

    // A board member finds it in the queue and approves it.
    sign_in(&s, &page, &admin).await;
    page.goto(format!("{}/review", s.app.url))
        .await
        .expect("goto");
    wait_until(
        &page,
        "!!document.querySelector('li.review-item[data-slug=\"free-social-networks\"]')",
        "the review queue",
    )
    .await;
    open_lab(&s, &page, "free-social-networks").await;
    wait_until(
        &page,
        "!!document.querySelector('#approve')",
        "the review buttons",
    )
    .await;
    click(&page, "#approve").await;
    wait_until(
        &page,
        "document.querySelector('#lab-status').dataset.status === 'ACTIVE'",
        "the approved Lab",
    )
    .await;

    // Another member joins and proposes a project.
    sign_in(&s, &page, &joiner).await;
    open_lab(&s, &page, "free-social-networks").await;
    wait_until(
        &page,
        "!!document.querySelector('#join')",
        "the join button",
    )
    .await;
    click(&page, "#join").await;
    wait_until(
        &page,
        "!!document.querySelector('#leave') && !!document.querySelector('#propose-project')",
        "membership",
    )
    .await;
    fill(&page, "#title", "Instance for the association").await;
    fill(&page, "#description", "Install and run it together.").await;
    click(&page, "#propose-project").await;
    wait_until(&page, "document.querySelector('li.project[data-title=\"Instance for the association\"]')?.dataset.status === 'PROPOSED'", "the proposed project").await;

    // A coordinator accepts it.
    sign_in(&s, &page, &founder).await;
    open_lab(&s, &page, "free-social-networks").await;
    wait_until(&page, "!!document.querySelector('li.project[data-title=\"Instance for the association\"] button.accept')", "the accept button").await;
    click(
        &page,
        "li.project[data-title=\"Instance for the association\"] button.accept",
    )
    .await;
    wait_until(&page, "document.querySelector('li.project[data-title=\"Instance for the association\"]').dataset.status === 'ACCEPTED'", "the accepted project").await;

    // The server agrees.
    let lab = s.app.lab(Some(&joiner), "free-social-networks").await;
    assert_eq!(lab["status"], "ACTIVE");
    assert_eq!(lab["projects"]["edges"][0]["node"]["status"], "ACCEPTED");
    assert_eq!(lab["members"]["edges"].as_array().map(Vec::len), Some(2));
}
