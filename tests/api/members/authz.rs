//! Who may keep the register, invite and read the audit log: the board and admins (a board
//! member need not be an admin); nobody else, and a refusal writes nothing. The invitation
//! link is for whoever holds it.

use super::{invitation_token, ok};
use constellation_tests::{error_code, spawn_app, unique_email, TestApp, TestUser};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Board,
    Admin,
}

const ROLES: [Role; 6] = [
    Role::Anonymous,
    Role::Sympathiser,
    Role::Adherent,
    Role::Effective,
    Role::Board,
    Role::Admin,
];

struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
}

impl Cast {
    fn user(&self, r: Role) -> Option<&TestUser> {
        match r {
            Role::Anonymous => None,
            Role::Sympathiser => Some(&self.sympathiser),
            Role::Adherent => Some(&self.adherent),
            Role::Effective => Some(&self.effective),
            Role::Board => Some(&self.board),
            Role::Admin => Some(&self.admin),
        }
    }
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.signup("Admin").await;
    let c = Cast {
        board: app.signup("Board").await,
        effective: app.signup("Effective").await,
        adherent: app.signup("Adherent").await,
        sympathiser: app.signup("Sympathiser").await,
        admin,
    };
    // A board member who is not an admin.
    app.set_roles(
        &c.admin,
        &c.board,
        json!({ "kind": "ADHERENT", "board": true }),
    )
    .await;
    app.set_roles(&c.admin, &c.effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&c.admin, &c.adherent, json!({ "kind": "ADHERENT" }))
        .await;
    c
}

/// An operation's variables for the n-th attempt (fresh addresses each time).
type Vars = Box<dyn Fn(usize) -> Value>;

/// What the board's operations answer each role.
fn expected(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::Sympathiser | Role::Adherent | Role::Effective => Some("FORBIDDEN"),
        Role::Board | Role::Admin => None,
    }
}

#[tokio::test]
async fn only_the_board_and_admins_keep_the_register_invite_and_read_the_log() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let target = c.sympathiser.id.clone();
    let ops: Vec<(&str, String, Vars)> = vec![
        (
            "members",
            "query { members(first: 5) { edges { node { user { id } address } } } }".into(),
            Box::new(|_| json!({})),
        ),
        (
            "members filtered",
            "query { members(filter: { search: \"a\", kind: ADHERENT, board: false, admin: false, includeLeft: true }) { edges { node { note } } } }".into(),
            Box::new(|_| json!({})),
        ),
        (
            "invitations",
            "query { invitations(first: 5, pendingOnly: true) { edges { node { id email } } } }".into(),
            Box::new(|_| json!({})),
        ),
        (
            "updateRegisterEntry",
            "mutation($id: ID!, $n: String) { updateRegisterEntry(userId: $id, input: { note: $n }) { note } }".into(),
            Box::new(move |i| json!({ "id": target.as_str(), "n": format!("note {i}") })),
        ),
        (
            "inviteMembers",
            "mutation($e: String!) { inviteMembers(invitations: [{ email: $e, kind: ADHERENT }]) { invited problems { line } } }".into(),
            Box::new(|i| json!({ "e": format!("invitee-{i}@example.be") })),
        ),
        (
            "importMembers",
            "mutation($csv: String!) { importMembers(csv: $csv) { invited problems { line } } }".into(),
            Box::new(|i| json!({ "csv": format!("name,email,kind\nX,imported-{i}@example.be,EFFECTIVE\n") })),
        ),
        (
            "auditLog filtered",
            "query { auditLog(first: 5, action: \"account.\", targetType: \"user\") { edges { node { action } } } }".into(),
            Box::new(|_| json!({})),
        ),
    ];
    for (name, doc, vars) in &ops {
        for (i, role) in ROLES.iter().enumerate() {
            let tokens = app.count("mail_tokens").await;
            let mails = app.count("outbox_mails").await;
            let writes = app.count("audit_log WHERE action LIKE 'member.%'").await;
            let r = app
                .gql(c.user(*role).map(|u| u.token.as_str()), doc, vars(i))
                .await;
            assert_eq!(error_code(&r), expected(*role), "{name} as {role:?}: {r}");
            if expected(*role).is_some() {
                assert_eq!(r["data"], Value::Null, "{name} as {role:?}: {r}");
                assert_eq!(app.count("mail_tokens").await, tokens, "{name} as {role:?}");
                assert_eq!(app.count("outbox_mails").await, mails, "{name} as {role:?}");
                assert_eq!(
                    app.count("audit_log WHERE action LIKE 'member.%'").await,
                    writes,
                    "{name} as {role:?}"
                );
            }
        }
    }
    // Board and admin each invited once and imported once.
    assert_eq!(app.count("mail_tokens WHERE purpose = 'INVITE'").await, 4);

    for path in ["/export/members.csv", "/export/members.html"] {
        for role in ROLES {
            let mut req = app.client.get(format!("{}{path}", app.url));
            if let Some(u) = c.user(role) {
                req = req.bearer_auth(&u.token);
            }
            let status = req.send().await.expect("request").status();
            let want = match expected(role) {
                Some("UNAUTHENTICATED") => 401,
                Some(_) => 403,
                None => 200,
            };
            assert_eq!(status, want, "{path} as {role:?}");
        }
    }
}

#[tokio::test]
async fn an_invitation_link_is_for_whoever_holds_it() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (i, role) in ROLES.iter().enumerate() {
        let email = unique_email(&format!("holder{i}"));
        ok(
            &app,
            Some(&c.board),
            "mutation($e: String!) { inviteMembers(invitations: [{ email: $e, displayName: \"Holder\", kind: ADHERENT }]) { invited } }",
            json!({ "e": email }),
        )
        .await;
        let token = invitation_token(&app, &email).await;
        let caller = c.user(*role);
        let info = ok(
            &app,
            caller,
            "query($t: String!) { invitation(token: $t) { email membershipKind } }",
            json!({ "t": token }),
        )
        .await;
        assert_eq!(info["invitation"]["email"], email.as_str(), "{role:?}");
        let s = ok(
            &app,
            caller,
            "mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { email membershipKind } } }",
            json!({ "t": token, "p": "a long enough passphrase" }),
        )
        .await;
        assert_eq!(
            s["acceptInvitation"]["user"]["email"],
            email.as_str(),
            "{role:?}"
        );
        assert_eq!(s["acceptInvitation"]["user"]["membershipKind"], "ADHERENT");
        // A made-up link is nobody's.
        let r = app
            .gql(
                caller.map(|u| u.token.as_str()),
                "query { invitation(token: \"0123456789abcdef0123456789abcdef\") { email } }",
                json!({}),
            )
            .await;
        assert_eq!(error_code(&r), Some("NOT_FOUND"), "{role:?}: {r}");
    }
}
