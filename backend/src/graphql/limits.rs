//! A cap on the number of fields a document selects, counting aliases and fragment
//! expansions. Depth and complexity limits do not see `a0: __typename … a999: __typename`;
//! this does, before anything is executed. It also keeps the WebSocket to subscriptions.

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, OperationType, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, ServerError, ServerResult, Variables};
use std::collections::HashMap;
use std::sync::Arc;

pub struct FieldLimit(pub usize);

impl ExtensionFactory for FieldLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FieldLimitExtension(self.0))
    }
}

struct FieldLimitExtension(usize);

struct Counter<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    count: usize,
    limit: usize,
}

impl Counter<'_> {
    /// False as soon as the limit is passed (or fragments nest absurdly deep).
    fn walk(&mut self, set: &SelectionSet, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    self.count += 1;
                    if self.count > self.limit || !self.walk(&f.node.selection_set.node, depth + 1)
                    {
                        return false;
                    }
                }
                Selection::InlineFragment(i) => {
                    if !self.walk(&i.node.selection_set.node, depth + 1) {
                        return false;
                    }
                }
                Selection::FragmentSpread(s) => {
                    if let Some(frag) = self.fragments.get(&s.node.fragment_name.node) {
                        if !self.walk(&frag.node.selection_set.node, depth + 1) {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for FieldLimitExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        if ctx.data_opt::<super::context::WsSession>().is_some()
            && doc
                .operations
                .iter()
                .any(|(_, op)| op.node.ty != OperationType::Subscription)
        {
            return Err(ServerError::new(
                "Only subscriptions are served over the WebSocket; send queries and mutations to POST /graphql.",
                None,
            ));
        }
        let mut counter = Counter {
            fragments: &doc.fragments,
            count: 0,
            limit: self.0,
        };
        for (_, op) in doc.operations.iter() {
            if !counter.walk(&op.node.selection_set.node, 0) {
                return Err(ServerError::new(
                    format!("The query selects too many fields (at most {}).", self.0),
                    None,
                ));
            }
        }
        Ok(doc)
    }
}
