//! Assembly queries: assemblies, motions, proxies and the attendance list.

use super::*;

#[derive(SimpleObject)]
pub struct AttendanceRow {
    member: Option<User>,
    present: bool,
    represented_by: Option<User>,
}

#[derive(Default)]
pub struct AssembliesQuery;

#[Object]
impl AssembliesQuery {
    /// Newest first (association members).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn assemblies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Assembly>> {
        let limit = page_size(first)?;
        let before = match after.as_deref() {
            None => None,
            Some(c) => {
                let id = parse_uuid("after", &ID(c.to_owned()))?;
                let a = assemblies::find(&ctx.env().db, id).await.gql()?;
                Some((a.starts_at, a.id))
            }
        };
        let rows = assemblies::list(ctx.env(), ctx.actor(), before, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            before.is_some(),
            |a| a.id.to_string(),
            Assembly,
        ))
    }

    async fn assembly(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Assembly>> {
        let id = parse_uuid("id", &id)?;
        match assemblies::get(ctx.env(), ctx.actor(), id).await {
            Ok(a) => Ok(Some(Assembly(a))),
            Err(DomainError::NotFound) => Ok(None),
            Err(e) => Err(e).gql(),
        }
    }

    async fn majority_rules(&self, ctx: &Context<'_>) -> Result<Vec<MajorityRule>> {
        assemblies::reader(ctx.actor()).gql()?;
        Ok(assemblies::rules(&ctx.env().db)
            .await
            .gql()?
            .into_iter()
            .map(MajorityRule)
            .collect())
    }

    /// The chair's check-in list: effective members by name.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn attendance(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<AttendanceRow>> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        let limit = page_size(first)?;
        let cursor = match after.as_deref() {
            None => None,
            Some(c) => {
                let (name, id) = c
                    .rsplit_once('|')
                    .and_then(|(n, i)| i.parse::<Uuid>().ok().map(|i| (n.to_owned(), i)))
                    .ok_or(DomainError::invalid("after", ValidationReason::Invalid))
                    .gql()?;
                Some((name, id))
            }
        };
        let has_prev = cursor.is_some();
        let rows = proxies::attendance_page(ctx.env(), ctx.actor(), id, cursor, limit as u64 + 1)
            .await
            .gql()?;
        let mut nodes = Vec::new();
        for (u, present, by) in rows {
            let cursor = format!("{}|{}", u.display_name, u.id);
            let represented_by = match by {
                Some(h) => person(ctx, h).await?,
                None => None,
            };
            nodes.push((
                cursor,
                AttendanceRow {
                    member: Some(User::from(u)),
                    present,
                    represented_by,
                },
            ));
        }
        Ok(from_rows(
            nodes,
            limit,
            has_prev,
            |(c, _)| c.clone(),
            |(_, n)| n,
        ))
    }
}
