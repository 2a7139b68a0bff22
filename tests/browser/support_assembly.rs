//! What the assembly journeys share: the members made effective and a draft assembly with a
//! tab open, the session set up through the API, voting opened in the chair's console, and
//! the small page helpers they use (go to, read, press keys, Tab to).

use crate::support::{click, wait_until, Session};
use chromiumoxide::Page;
use constellation_tests::TestUser;
use serde_json::json;

/// A draft assembly (`TestApp::draft_assembly`: an open motion, then a secret one) and a tab.
pub struct DraftAssembly {
    pub id: String,
    pub motions: Vec<String>,
    /// The assembly's page, `…/assemblies/<id>`.
    pub base: String,
    pub page: Page,
}

/// `chair` (who may set roles: the first account) makes itself and `members` effective
/// members and prepares a draft assembly; a tab opens on the home page.
pub async fn draft_assembly_with(
    s: &Session,
    chair: &TestUser,
    members: &[&TestUser],
) -> DraftAssembly {
    for u in std::iter::once(chair).chain(members.iter().copied()) {
        s.app
            .set_roles(chair, u, json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    let (id, motions) = s.app.draft_assembly(chair).await;
    let base = format!("{}/assemblies/{id}", s.app.url);
    let page = s.open("/").await;
    DraftAssembly {
        id,
        motions,
        base,
        page,
    }
}

/// Through the API: `chair` convenes the assembly, each `(principal, holder)` proxy is given
/// and accepted, the session opens and everyone `present` is checked in.
pub async fn session_through_api(
    s: &Session,
    chair: &TestUser,
    assembly: &str,
    proxies: &[(&TestUser, &TestUser)],
    present: &[&TestUser],
) {
    let r = s
        .app
        .assembly_step(chair, "conveneAssembly", assembly)
        .await;
    assert!(r["errors"].is_null(), "convene: {r}");
    for (principal, holder) in proxies {
        s.app.proxy(principal, holder, assembly).await;
    }
    let r = s.app.assembly_step(chair, "openSession", assembly).await;
    assert!(r["errors"].is_null(), "open the session: {r}");
    for u in present {
        let r = s.app.check_in(chair, assembly, Some(u.id.as_str())).await;
        assert!(r["errors"].is_null(), "check-in: {r}");
    }
}

/// In the chair's console already open, opens voting on `motion`; returns the selector of
/// its close-voting button, there once voting is open.
pub async fn open_voting(page: &Page, motion: &str) -> String {
    let open = format!("button.open-voting[data-motion-id=\"{motion}\"]");
    wait_until(
        page,
        &format!("!!document.querySelector('{open}')"),
        "the open-voting button",
    )
    .await;
    click(page, &open).await;
    let close = format!("button.close-voting[data-motion-id=\"{motion}\"]");
    wait_until(
        page,
        &format!("!!document.querySelector('{close}')"),
        "voting open",
    )
    .await;
    close
}

pub async fn goto(page: &Page, url: String) {
    page.goto(url).await.expect("goto");
}

pub async fn js_string(page: &Page, js: &str) -> String {
    page.evaluate(js)
        .await
        .expect("evaluate")
        .into_value::<String>()
        .unwrap_or_default()
}

pub async fn press(page: &Page, key: &str) {
    page.find_element("body")
        .await
        .expect("body")
        .press_key(key)
        .await
        .expect("key");
}

/// Presses Tab until the focus is on `selector` (as a keyboard user would).
pub async fn tab_to(page: &Page, selector: &str) {
    let focused = format!(
        "document.activeElement?.matches({}) ?? false",
        json!(selector)
    );
    for _ in 0..80 {
        press(page, "Tab").await;
        let on = page
            .evaluate(focused.as_str())
            .await
            .ok()
            .and_then(|r| r.into_value::<bool>().ok())
            .unwrap_or(false);
        if on {
            return;
        }
    }
    panic!("Tab never reached {selector}");
}
