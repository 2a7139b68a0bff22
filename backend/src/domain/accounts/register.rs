//! The register of members (CSA art. 9:3): beside each account, the address, the dates of
//! admission and of leaving, and the board's note. The board keeps it (search, edit, export
//! as CSV and as the printable register); the member finds their entry in their export;
//! deleting an account records the leaving.

use crate::domain::core::audit::{self, like_literal};
use crate::domain::core::{parse, privacy::Table};
use crate::domain::reach::mail::html_escape;
use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::{member_register, user};
use chrono::NaiveDate;
use constellation_shared::dto::reach::{MemberFilter, RegisterEntryInput};
use constellation_shared::{Language, MembershipKind, ValidationReason};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use uuid::Uuid;

pub const ADDRESS_MAX_CHARS: usize = 500;
pub const NOTE_MAX_CHARS: usize = 2000;

/// An account and its register entry (none until the board writes one).
#[derive(Clone, Debug)]
pub struct MemberRow {
    pub user: user::Model,
    pub entry: Option<member_register::Model>,
}

/// Today in Belgium, where the association keeps its register (a date typed at 00:30 in
/// Brussels is that day, not the day before in UTC).
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive()
}

/// The page cursor: the last row's name and id (the sort key), so that a rename between
/// two pages neither repeats nor skips anyone.
pub fn cursor_of(row: &MemberRow) -> String {
    format!("{}:{}", row.user.id, row.user.display_name)
}

fn parse_cursor(raw: &str) -> DomainResult<(String, Uuid)> {
    let bad = || DomainError::invalid("after", ValidationReason::Invalid);
    let (id, name) = raw.split_once(':').ok_or_else(bad)?;
    let id = Uuid::parse_str(id).map_err(|_| bad())?;
    Ok((name.to_owned(), id))
}

/// Accounts whose leaving date has passed (the register keeps them; the list hides them).
fn left_by(day: NaiveDate) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(member_register::Column::UserId)
        .from(member_register::Entity)
        .and_where(member_register::Column::LeftOn.lte(day))
        .to_owned()
}

/// Board and admins: accounts with their register entries, by name then id.
pub async fn members(
    env: &Env,
    actor: &Actor,
    filter: MemberFilter,
    after: Option<&str>,
    limit: u64,
) -> DomainResult<Vec<MemberRow>> {
    actor.board_or_admin()?;
    let mut q = user::Entity::find();
    if let Some(k) = filter.kind {
        q = q.filter(user::Column::MembershipKind.eq(k.as_str()));
    }
    if let Some(b) = filter.board {
        q = q.filter(user::Column::IsBoard.eq(b));
    }
    if let Some(a) = filter.admin {
        q = q.filter(user::Column::IsAdmin.eq(a));
    }
    if let Some(s) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let s = parse::text("search", s, false, 200)?;
        let pattern = format!("%{}%", like_literal(&s.to_lowercase()));
        q = q.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(user::Column::DisplayName)))
                        .like(LikeExpr::new(pattern.clone()).escape('\\')),
                )
                .add(user::Column::EmailNormalized.like(LikeExpr::new(pattern).escape('\\'))),
        );
    }
    if !filter.include_left.unwrap_or(false) {
        q = q
            .filter(user::Column::DeletedAt.is_null())
            .filter(user::Column::Id.not_in_subquery(left_by(today())));
    }
    if let Some((name, id)) = after.map(parse_cursor).transpose()? {
        q = q.filter(
            Condition::any()
                .add(user::Column::DisplayName.gt(name.clone()))
                .add(
                    Condition::all()
                        .add(user::Column::DisplayName.eq(name))
                        .add(user::Column::Id.gt(id)),
                ),
        );
    }
    let users = q
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .limit(limit)
        .all(&env.db)
        .await?;
    with_entries(&env.db, users).await
}

async fn with_entries<C: ConnectionTrait>(
    conn: &C,
    users: Vec<user::Model>,
) -> DomainResult<Vec<MemberRow>> {
    let mut entries: HashMap<Uuid, member_register::Model> = HashMap::new();
    for chunk in users.chunks(500) {
        entries.extend(
            member_register::Entity::find()
                .filter(member_register::Column::UserId.is_in(chunk.iter().map(|u| u.id)))
                .all(conn)
                .await?
                .into_iter()
                .map(|e| (e.user_id, e)),
        );
    }
    Ok(users
        .into_iter()
        .map(|u| MemberRow {
            entry: entries.remove(&u.id),
            user: u,
        })
        .collect())
}

fn view(e: Option<&member_register::Model>) -> Value {
    match e {
        None => Value::Null,
        Some(e) => json!({
            "address": e.address,
            "admittedOn": e.admitted_on.map(|d| d.to_string()),
            "leftOn": e.left_on.map(|d| d.to_string()),
            "note": e.note,
        }),
    }
}

/// `None`: leave as it is; `Some(None)`: clear it (sent empty); `Some(Some(day))`: set it.
fn date_change(field: &'static str, raw: Option<&str>) -> DomainResult<Option<Option<NaiveDate>>> {
    match raw {
        None => Ok(None),
        Some(r) if r.trim().is_empty() => Ok(Some(None)),
        Some(r) => parse::date(field, r).map(|d| Some(Some(d))),
    }
}

/// Board and admins edit a member's entry (fields left out stay as they are). Audited with
/// the entry before and after. A deleted or unknown account is `NOT_FOUND`.
pub async fn update_entry(
    env: &Env,
    actor: &Actor,
    user_id: Uuid,
    input: RegisterEntryInput,
) -> DomainResult<MemberRow> {
    let me = actor.board_or_admin()?;
    let address = input
        .address
        .as_deref()
        .map(|a| parse::text("address", a, false, ADDRESS_MAX_CHARS))
        .transpose()?;
    let note = input
        .note
        .as_deref()
        .map(|n| parse::text("note", n, false, NOTE_MAX_CHARS))
        .transpose()?;
    let admitted = date_change("admittedOn", input.admitted_on.as_deref())?;
    let left = date_change("leftOn", input.left_on.as_deref())?;
    let txn = env.begin_write().await?;
    let account = user::Entity::find_by_id(user_id)
        .filter(user::Column::DeletedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let current = member_register::Entity::find_by_id(user_id)
        .one(&txn)
        .await?;
    let next = member_register::Model {
        user_id,
        address: address
            .or_else(|| current.as_ref().map(|c| c.address.clone()))
            .unwrap_or_default(),
        admitted_on: admitted.unwrap_or_else(|| current.as_ref().and_then(|c| c.admitted_on)),
        left_on: left.unwrap_or_else(|| current.as_ref().and_then(|c| c.left_on)),
        note: note
            .or_else(|| current.as_ref().map(|c| c.note.clone()))
            .unwrap_or_default(),
        updated_at: chrono::Utc::now(),
    };
    if let (Some(a), Some(l)) = (next.admitted_on, next.left_on) {
        if l < a {
            return Err(DomainError::invalid("leftOn", ValidationReason::Invalid));
        }
    }
    upsert(&txn, next.clone()).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "member.register.update",
        // Target the account, so that erasing it also redacts these diffs (they hold the address).
        "user",
        &user_id.to_string(),
        view(current.as_ref()),
        view(Some(&next)),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(MemberRow {
        user: account,
        entry: Some(next),
    })
}

async fn upsert<C: ConnectionTrait>(conn: &C, m: member_register::Model) -> DomainResult<()> {
    use member_register::Column as C;
    member_register::Entity::insert(m.into_active_model())
        .on_conflict(
            OnConflict::column(C::UserId)
                .update_columns([C::Address, C::AdmittedOn, C::LeftOn, C::Note, C::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The entry of a member who just accepted an invitation: admitted today when the board
/// invited them as an effective or adherent member. In the caller's transaction.
pub async fn admit<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    kind: MembershipKind,
) -> DomainResult<Option<NaiveDate>> {
    if !matches!(kind, MembershipKind::Effective | MembershipKind::Adherent) {
        return Ok(None);
    }
    let day = today();
    upsert(
        conn,
        member_register::Model {
            user_id,
            address: String::new(),
            admitted_on: Some(day),
            left_on: None,
            note: String::new(),
            updated_at: chrono::Utc::now(),
        },
    )
    .await?;
    Ok(Some(day))
}

/// The account's part of account deletion, before it is anonymised. The law requires the
/// association to keep its register, leaving date included (CSA art. 9:3), so the row stays:
/// the leaving date becomes today unless an earlier one was recorded, and the address and
/// the note (personal data the register no longer needs once the person is gone) are
/// blanked. A member without an entry gets one, so that their leaving is on record.
pub async fn record_leaving(txn: &DatabaseTransaction, account: &user::Model) -> DomainResult<()> {
    let current = member_register::Entity::find_by_id(account.id)
        .one(txn)
        .await?;
    let member = matches!(
        account.membership_kind,
        MembershipKind::Effective | MembershipKind::Adherent
    );
    if current.is_none() && !member {
        return Ok(());
    }
    let today = today();
    let admitted_on = current.as_ref().and_then(|c| c.admitted_on);
    let recorded = current
        .as_ref()
        .and_then(|c| c.left_on)
        .filter(|d| *d <= today)
        .unwrap_or(today);
    // Never before the admission (an admission planned for later and never reached).
    let left_on = Ord::max(recorded, admitted_on.unwrap_or(NaiveDate::MIN));
    match current {
        Some(c) => {
            let mut am = c.into_active_model();
            am.address = Set(String::new());
            am.note = Set(String::new());
            am.left_on = Set(Some(left_on));
            am.updated_at = Set(chrono::Utc::now());
            am.update(txn).await?;
        }
        None => {
            upsert(
                txn,
                member_register::Model {
                    user_id: account.id,
                    address: String::new(),
                    admitted_on: None,
                    left_on: Some(left_on),
                    note: String::new(),
                    updated_at: chrono::Utc::now(),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// The member's own entry, for their export.
pub async fn export<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> DomainResult<(Value, Table)> {
    let entry = member_register::Entity::find_by_id(user_id)
        .one(conn)
        .await?;
    let table = Table {
        name: "member_register",
        columns: vec!["address", "admitted_on", "left_on", "note", "updated_at"],
        rows: entry
            .iter()
            .map(|e| {
                vec![
                    e.address.clone(),
                    e.admitted_on.map(|d| d.to_string()).unwrap_or_default(),
                    e.left_on.map(|d| d.to_string()).unwrap_or_default(),
                    e.note.clone(),
                    e.updated_at.to_rfc3339(),
                ]
            })
            .collect(),
    };
    Ok((view(entry.as_ref()), table))
}

/// Every account with its entry, former members and deleted accounts included, by name.
async fn everyone(env: &Env, actor: &Actor) -> DomainResult<Vec<MemberRow>> {
    actor.board_or_admin()?;
    let users = user::Entity::find()
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .all(&env.db)
        .await?;
    with_entries(&env.db, users).await
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// `GET /export/members.csv` (board and admins): every account, former ones included.
pub async fn table(env: &Env, actor: &Actor) -> DomainResult<Table> {
    let rows = everyone(env, actor).await?;
    Ok(Table {
        name: "members",
        columns: vec![
            "name",
            "email",
            "kind",
            "board",
            "admin",
            "address",
            "admitted_on",
            "left_on",
            "note",
        ],
        rows: rows
            .into_iter()
            .map(|r| {
                let deleted = r.user.deleted_at.is_some();
                let e = r.entry.as_ref();
                vec![
                    r.user.display_name.clone(),
                    // An erased account's address is a placeholder, not an address.
                    if deleted {
                        String::new()
                    } else {
                        r.user.email.clone()
                    },
                    r.user.membership_kind.as_str().to_owned(),
                    r.user.is_board.to_string(),
                    r.user.is_admin.to_string(),
                    e.map(|e| e.address.clone()).unwrap_or_default(),
                    day(e.and_then(|e| e.admitted_on)),
                    day(e.and_then(|e| e.left_on)),
                    e.map(|e| e.note.clone()).unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

/// `GET /export/members.html` (board and admins): the register as the law asks for it, in
/// French — effective and adherent members, and everyone who was ever admitted, with name,
/// address, kind, dates of admission and of leaving. Plain HTML (the site's policy allows no
/// inline style), printable as it is.
pub async fn printable(env: &Env, actor: &Actor) -> DomainResult<String> {
    let rows = everyone(env, actor).await?;
    let fr = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
    let mut body = String::new();
    let mut count = 0usize;
    for r in &rows {
        let kind = r.user.membership_kind;
        let e = r.entry.as_ref();
        let admitted = e.and_then(|e| e.admitted_on);
        if !matches!(kind, MembershipKind::Effective | MembershipKind::Adherent)
            && admitted.is_none()
        {
            continue;
        }
        count += 1;
        let name = if r.user.deleted_at.is_some() {
            "(compte supprimé)".to_owned()
        } else {
            html_escape(&r.user.display_name)
        };
        let _ = writeln!(
            body,
            "<tr><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html_escape(e.map(|e| e.address.as_str()).unwrap_or_default()),
            kind.label(Language::Fr),
            fr(admitted).unwrap_or_default(),
            fr(e.and_then(|e| e.left_on)).unwrap_or_default(),
        );
    }
    Ok(format!(
        "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
<title>Registre des membres</title></head><body>\n\
<h1>Registre des membres</h1>\n\
<p>Tenu en application de l'article 9:3 du Code des sociétés et des associations. \
Édité le {} ; {count} inscription(s).</p>\n\
<table>\n<thead><tr><th scope=\"col\">Nom</th><th scope=\"col\">Adresse</th>\
<th scope=\"col\">Qualité</th><th scope=\"col\">Admission</th><th scope=\"col\">Sortie</th></tr></thead>\n\
<tbody>\n{body}</tbody>\n</table>\n</body></html>\n",
        today().format("%d/%m/%Y"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_and_cursors() {
        let id = Uuid::new_v4();
        let (name, back) = parse_cursor(&format!("{id}:Ana: B")).unwrap_or_default();
        assert_eq!((name.as_str(), back), ("Ana: B", id));
        assert!(parse_cursor("nope").is_err());
    }

    #[test]
    fn dates_are_kept_cleared_or_set() {
        assert!(matches!(date_change("d", None), Ok(None)));
        assert!(matches!(date_change("d", Some(" ")), Ok(Some(None))));
        assert!(matches!(
            date_change("d", Some("2027-01-02")),
            Ok(Some(Some(_)))
        ));
        assert!(date_change("d", Some("02/01/2027")).is_err());
    }
}
