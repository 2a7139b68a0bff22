//! The proxy object: who holds whose vote in an assembly.

use super::*;

pub struct Proxy(pub proxy::Model);

#[Object]
impl Proxy {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The assembly the proxy is for.
    async fn assembly_id(&self) -> ID {
        ID(self.0.assembly_id.to_string())
    }
    async fn principal(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.principal_id).await
    }
    async fn holder(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.holder_id).await
    }
    async fn status(&self) -> ProxyStatus {
        self.0.status
    }
}
