//! The Lab directory (filtered, visible to the actor) and the board's review queue.

use super::*;

#[derive(Default)]
pub struct LabFilter {
    pub status: Option<LabStatus>,
    pub theme: Option<String>,
    pub mine: bool,
    pub search: Option<String>,
}

pub(super) fn members_of(user: Uuid, active_only: bool) -> sea_orm::sea_query::SelectStatement {
    let mut q = Query::select();
    q.column(lab_member::Column::LabId)
        .from(lab_member::Entity)
        .and_where(Expr::col(lab_member::Column::UserId).eq(user));
    if active_only {
        q.and_where(Expr::col(lab_member::Column::State).eq(MemberState::Active.as_str()));
    }
    q.to_owned()
}

pub(super) fn visible_condition(actor: &Actor) -> Condition {
    let public_live = Condition::all()
        .add(lab::Column::Visibility.eq(LabVisibility::Public.as_str()))
        .add(lab::Column::Status.is_in([LabStatus::Active.as_str(), LabStatus::Archived.as_str()]));
    match actor {
        Actor::User(u) if u.is_association_member() => Condition::all(),
        Actor::User(u) => Condition::any()
            .add(public_live)
            .add(lab::Column::Id.in_subquery(members_of(u.id, false))),
        _ => public_live,
    }
}

/// Ordered by slug; `after` is the last slug seen.
pub async fn list(
    env: &Env,
    actor: &Actor,
    filter: LabFilter,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<lab::Model>> {
    let mut q = lab::Entity::find()
        .filter(visible_condition(actor))
        .order_by_asc(lab::Column::Slug);
    if let Some(s) = filter.status {
        q = q.filter(lab::Column::Status.eq(s.as_str()));
    }
    if let Some(t) = filter
        .theme
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        q = q.filter(lab::Column::ThemesKey.contains(format!("|{}|", t.to_lowercase())));
    }
    if let Some(s) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(
            Expr::expr(Func::lower(Expr::col(lab::Column::SearchText)))
                .like(format!("%{}%", s.to_lowercase())),
        );
    }
    if filter.mine {
        let me = actor.user()?;
        q = q.filter(lab::Column::Id.in_subquery(members_of(me.id, true)));
    }
    if let Some(a) = after {
        q = q.filter(lab::Column::Slug.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// New proposals and framing changes awaiting the board, by slug.
pub async fn review_queue(
    env: &Env,
    actor: &Actor,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<lab::Model>> {
    actor.board_or_admin()?;
    let mut q = lab::Entity::find()
        .filter(
            Condition::any()
                .add(lab::Column::Status.eq(LabStatus::Proposed.as_str()))
                .add(
                    Condition::all()
                        .add(lab::Column::Status.eq(LabStatus::Active.as_str()))
                        .add(lab::Column::PendingFramingVersion.is_not_null()),
                ),
        )
        .order_by_asc(lab::Column::Slug);
    if let Some(a) = after {
        q = q.filter(lab::Column::Slug.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}
