//! Every document the frontend sends (`shared::queries`) runs against the real schema and
//! its answer decodes into the shared response type.

use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::queries::{self, accounts as q};
use constellation_shared::{graphql::Response, Language};
use constellation_tests::{spawn_app, unique_email, TestApp, PASSWORD};
use serde::de::DeserializeOwned;
use serde::Serialize;

async fn send<V: Serialize, D: DeserializeOwned>(
    app: &TestApp,
    token: Option<&str>,
    doc: &str,
    vars: V,
) -> D {
    let raw = app
        .gql(token, doc, serde_json::to_value(vars).expect("vars"))
        .await;
    let resp: Response<D> =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{doc}: {e}: {raw}"));
    assert!(resp.errors.is_empty(), "{doc}: {raw}");
    resp.data.unwrap_or_else(|| panic!("{doc}: no data: {raw}"))
}

#[tokio::test]
async fn every_frontend_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let email = unique_email("contract");
    let mut tested = Vec::new();

    let r: q::RegisterData = send(
        &app,
        None,
        q::REGISTER,
        q::RegisterVars {
            input: RegisterInput {
                email: email.clone(),
                password: PASSWORD.into(),
                display_name: "Contract".into(),
                language: Some(Language::En),
            },
        },
    )
    .await;
    assert_eq!(r.register.language, Language::En);
    tested.push(q::REGISTER);

    let l: q::LoginData = send(
        &app,
        None,
        q::LOGIN,
        q::LoginVars {
            email: email.clone(),
            password: PASSWORD.into(),
        },
    )
    .await;
    let token = l.login.token.clone();
    assert_eq!(l.login.user.id, r.register.id);
    tested.push(q::LOGIN);

    let me: q::MeData = send(
        &app,
        Some(&token),
        q::ME,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(me.me.map(|m| m.email), Some(email.clone()));
    tested.push(q::ME);

    let u: q::UpdateProfileData = send(
        &app,
        Some(&token),
        q::UPDATE_PROFILE,
        q::UpdateProfileVars {
            input: ProfileInput {
                display_name: Some("Contract Two".into()),
                language: Some(Language::Fr),
            },
        },
    )
    .await;
    assert_eq!(u.update_profile.display_name, "Contract Two");
    tested.push(q::UPDATE_PROFILE);

    let c: q::ChangePasswordData = send(
        &app,
        Some(&token),
        q::CHANGE_PASSWORD,
        q::ChangePasswordVars {
            current_password: PASSWORD.into(),
            new_password: "another passphrase".into(),
        },
    )
    .await;
    assert!(c.change_password);
    tested.push(q::CHANGE_PASSWORD);

    // The first account is the only admin; give it company so it may leave.
    let other = app.signup("Other admin").await;
    let _ = &other;
    let promote = app
        .gql(
            Some(&token),
            "mutation($id: ID!) { setRoles(userId: $id, isAdmin: true) { id } }",
            serde_json::json!({ "id": other.id }),
        )
        .await;
    assert!(promote["errors"].is_null(), "{promote}");
    let d: q::DeleteMyAccountData = send(
        &app,
        Some(&token),
        q::DELETE_MY_ACCOUNT,
        q::DeleteMyAccountVars {
            password: "another passphrase".into(),
        },
    )
    .await;
    assert!(d.delete_my_account);
    tested.push(q::DELETE_MY_ACCOUNT);

    for (name, doc) in queries::ALL {
        assert!(
            tested.contains(doc),
            "document {name} is not exercised by this test"
        );
    }
}
