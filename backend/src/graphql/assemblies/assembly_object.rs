//! The assembly object (`Assembly`), its reference and documents, and the viewer's standing in it.

use super::*;

pub struct Assembly(pub assembly::Model);

#[derive(SimpleObject)]
pub struct AssemblyRef {
    id: ID,
    title: String,
    starts_at: chrono::DateTime<chrono::Utc>,
}

#[derive(SimpleObject)]
pub struct Document {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(SimpleObject)]
pub struct AssemblyViewer {
    effective: bool,
    chair: bool,
    present: bool,
    proxy_given: Option<Proxy>,
    proxies_held: Vec<Proxy>,
}

#[Object]
impl Assembly {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> AssemblyKind {
        self.0.kind
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn starts_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.starts_at
    }
    async fn place(&self) -> &str {
        &self.0.place
    }
    async fn language(&self) -> Language {
        self.0.language
    }
    async fn status(&self) -> AssemblyStatus {
        self.0.status
    }
    async fn first_convocation(&self, ctx: &Context<'_>) -> Result<Option<AssemblyRef>> {
        let Some(id) = self.0.first_convocation_id else {
            return Ok(None);
        };
        let a = assemblies::find(&ctx.env().db, id).await.gql()?;
        Ok(Some(AssemblyRef {
            id: ID(a.id.to_string()),
            title: a.title,
            starts_at: a.starts_at,
        }))
    }
    async fn convened_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.convened_at
    }
    /// The agenda in order, as a flattened tree (`depth`).
    async fn agenda(&self, ctx: &Context<'_>) -> Result<Vec<AgendaItem>> {
        Ok(assemblies::items(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .into_iter()
            .map(|i| {
                let f = frozen(&self.0, &i);
                AgendaItem(i, f)
            })
            .collect())
    }
    async fn motions(&self, ctx: &Context<'_>) -> Result<Vec<Motion>> {
        Ok(assemblies::motions(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .into_iter()
            .map(Motion)
            .collect())
    }
    /// Effective members of the association.
    async fn members(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(assemblies::effective_members(&ctx.env().db).await.gql()? as i32)
    }
    async fn present(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(proxies::present(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .len() as i32)
    }
    async fn represented(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(proxies::represented(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .len() as i32)
    }
    async fn viewer(&self, ctx: &Context<'_>) -> Result<AssemblyViewer> {
        let Actor::User(u) = ctx.actor() else {
            return Err(DomainError::Unauthenticated).gql();
        };
        let db = &ctx.env().db;
        let here = proxies::present(db, self.0.id).await.gql()?;
        let given = proxies::given_by(db, self.0.id, u.id)
            .await
            .gql()?
            .filter(|p| !matches!(p.status, ProxyStatus::Revoked | ProxyStatus::Declined));
        let held = proxies::held_by(db, self.0.id, u.id).await.gql()?;
        Ok(AssemblyViewer {
            effective: assemblies::is_effective(u),
            chair: u.is_board || u.is_admin,
            present: here.contains(&u.id),
            proxy_given: given.map(Proxy),
            proxies_held: held.into_iter().map(Proxy).collect(),
        })
    }
}
