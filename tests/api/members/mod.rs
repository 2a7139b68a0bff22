//! The register of members, invitations and the audit log's filters: the board keeps the
//! register (edited, audited, searched, exported), invites people one by one or from a roster
//! (all or nothing), and the invitee's link works once.

mod audit_log;
mod authz;
pub(crate) mod contract;
mod invitations;
mod register;
mod roster;

use constellation_backend::entities::outbox_mail;
use constellation_tests::{TestApp, TestUser};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

pub(crate) const MEMBER: &str =
    "user { id email displayName membershipKind isBoard isAdmin isDeleted } address admittedOn leftOn note";
const UPDATE: &str = "mutation($id: ID!, $input: RegisterEntryInput!) { updateRegisterEntry(userId: $id, input: $input) { user { id } address admittedOn leftOn note } }";
const INVITE: &str = "mutation($list: [InviteInput!]!) { inviteMembers(invitations: $list) { invited problems { line email code field reason } } }";
const IMPORT: &str = "mutation($csv: String!) { importMembers(csv: $csv) { invited problems { line email code field reason } } }";
const INFO: &str =
    "query($t: String!) { invitation(token: $t) { email displayName membershipKind expiresAt } }";
const ACCEPT: &str = "mutation($t: String!, $p: String!, $n: String) { acceptInvitation(token: $t, password: $p, displayName: $n) { token user { id email membershipKind } } }";
const NEW_PASSWORD: &str = "a long enough passphrase";

fn members_query() -> String {
    format!("query($f: MemberFilter, $first: Int, $after: String) {{ members(filter: $f, first: $first, after: $after) {{ edges {{ cursor node {{ {MEMBER} }} }} pageInfo {{ hasNextPage endCursor }} }} }}")
}

/// `data`, asserting there was no error.
pub(crate) async fn ok(app: &TestApp, who: Option<&TestUser>, doc: &str, vars: Value) -> Value {
    let r = app.gql(who.map(|u| u.token.as_str()), doc, vars).await;
    assert!(r["errors"].is_null(), "{doc}: {r}");
    r["data"].clone()
}

/// The first account (admin), a board member who is not an admin, and a sympathiser.
pub(crate) async fn board(app: &TestApp) -> (TestUser, TestUser) {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    (admin, board)
}

/// The token in the newest invitation mailed to `email` (the link holds `token=`).
pub(crate) async fn invitation_token(app: &TestApp, email: &str) -> String {
    let mail = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ToAddress.eq(email))
        .filter(outbox_mail::Column::Kind.eq("INVITE"))
        .order_by_desc(outbox_mail::Column::CreatedAt)
        .one(&app.db)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("no invitation mailed to {email}"));
    let at = mail
        .text_body
        .find("token=")
        .expect("a link with the token")
        + "token=".len();
    mail.text_body[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

fn names(data: &Value) -> Vec<String> {
    data["members"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            e["node"]["user"]["displayName"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

fn within_a_day_of_today(day: &Value) -> bool {
    let Some(d) = day
        .as_str()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return false;
    };
    (d - chrono::Utc::now().date_naive()).num_days().abs() <= 1
}
