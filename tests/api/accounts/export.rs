//! "Members own their data": `myData` holds the caller's account and actions and nobody
//! else's, and `/export/me` downloads it as a zip of JSON and CSV.

use constellation_tests::{error_code, spawn_app};
use serde_json::json;
use std::io::Read as _;

#[tokio::test]
async fn my_data_holds_my_account_and_my_actions_and_nobody_elses() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let u = app.signup("Kim").await;
    app.set_roles(&admin, &u, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.login(&u.email, "a wrong password").await;
    let r = app.gql(Some(&u.token), "{ myData }", json!({})).await;
    let data = &r["data"]["myData"];
    assert_eq!(data["account"]["email"], u.email.as_str(), "{r}");
    assert_eq!(data["account"]["membershipKind"], "EFFECTIVE");
    assert!(data["account"].get("passwordHash").is_none());
    let actions: Vec<_> = data["auditLog"]
        .as_array()
        .expect("auditLog")
        .iter()
        .map(|a| a["action"].as_str().unwrap_or_default())
        .collect();
    assert!(
        actions.contains(&"account.register") && actions.contains(&"account.login"),
        "{actions:?}"
    );
    assert_eq!(
        data["failedLoginAttempts"].as_array().map(Vec::len),
        Some(1)
    );
    let text = r.to_string();
    assert!(
        !text.contains(&admin.email),
        "another member's address leaked"
    );
    assert!(!text.contains("argon2"), "a password hash leaked");
    assert_eq!(
        error_code(&app.gql(None, "{ myData }", json!({})).await),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn export_me_downloads_a_zip_with_json_and_csv() {
    let app = spawn_app().await;
    let u = app.signup("Lou").await;
    let resp = app
        .client
        .get(format!("{}/export/me", app.url))
        .bearer_auth(&u.token)
        .send()
        .await
        .expect("export");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/zip");
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .contains("attachment"));
    let bytes = resp.bytes().await.expect("body");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut json_text = String::new();
    zip.by_name("my-data.json")
        .expect("my-data.json")
        .read_to_string(&mut json_text)
        .expect("read");
    let v: serde_json::Value = serde_json::from_str(&json_text).expect("json");
    assert_eq!(v["account"]["email"], u.email.as_str());
    let mut csv = String::new();
    zip.by_name("audit_log.csv")
        .expect("audit_log.csv")
        .read_to_string(&mut csv)
        .expect("read");
    assert!(
        csv.starts_with("id,action,target_type,target_id,at,diff\r\n"),
        "{csv}"
    );
    assert!(csv.contains("account.register"));

    let json_only = app
        .client
        .get(format!("{}/export/me?format=json", app.url))
        .bearer_auth(&u.token)
        .send()
        .await
        .expect("export");
    let v: serde_json::Value = json_only.json().await.expect("json");
    assert_eq!(v["account"]["email"], u.email.as_str());

    let anon = app
        .client
        .get(format!("{}/export/me", app.url))
        .send()
        .await
        .expect("export");
    assert_eq!(anon.status(), 401);
    let v: serde_json::Value = anon.json().await.expect("json");
    assert_eq!(v["error"]["code"], "UNAUTHENTICATED");
}
