//! A cap on the number of fields a document selects, counting aliases and fragment
//! expansions. Depth and complexity limits do not see `a0: __typename … a999: __typename`;
//! this does, before anything is validated or executed. It also keeps the WebSocket to
//! subscriptions.
//!
//! The walk runs before async-graphql's recursion-depth check and validation (both expand
//! every fragment spread in place), so it must itself be linear in the document: each fragment's size is
//! computed once and memoised, a spread of an unknown fragment, a cycle of fragments and a
//! fragment spread twice in one selection set are refused outright. A document whose
//! fragments spread each other twice per level (2^n fields in a few hundred bytes) is thus
//! refused after reading each fragment once.

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, OperationType, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, ServerError, ServerResult, Variables};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How deep selections may nest, fragments included, before the walk gives up.
const MAX_NESTING: usize = 64;

pub struct FieldLimit(pub usize);

impl ExtensionFactory for FieldLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FieldLimitExtension(self.0))
    }
}

struct FieldLimitExtension(usize);

/// Why a document is refused before validation.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    TooManyFields(usize),
    TooDeep,
    UnknownFragment(String),
    FragmentCycle(String),
    RepeatedSpread(String),
}

impl Refusal {
    fn message(&self) -> String {
        match self {
            Refusal::TooManyFields(limit) => {
                format!("The query selects too many fields (at most {limit}).")
            }
            Refusal::TooDeep => {
                format!("The query nests selections too deep (at most {MAX_NESTING} levels).")
            }
            Refusal::UnknownFragment(name) => format!("Unknown fragment \"{name}\"."),
            Refusal::FragmentCycle(name) => {
                format!("Fragment \"{name}\" spreads itself (fragment cycles are refused).")
            }
            Refusal::RepeatedSpread(name) => {
                format!("Fragment \"{name}\" is spread twice in one selection set.")
            }
        }
    }
}

/// Fields selected and levels of nesting below a selection set.
#[derive(Clone, Copy, Default)]
struct Size {
    fields: usize,
    height: usize,
}

struct Sizer<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    sizes: HashMap<&'a str, Size>,
    open: HashSet<&'a str>,
    limit: usize,
}

impl<'a> Sizer<'a> {
    fn fragment(&mut self, name: &'a str, depth: usize) -> Result<Size, Refusal> {
        if let Some(size) = self.sizes.get(name) {
            return Ok(*size);
        }
        if !self.open.insert(name) {
            return Err(Refusal::FragmentCycle(name.to_owned()));
        }
        let def = self
            .fragments
            .get(name)
            .ok_or_else(|| Refusal::UnknownFragment(name.to_owned()))?;
        let size = self.set(&def.node.selection_set.node, depth)?;
        self.open.remove(name);
        self.sizes.insert(name, size);
        Ok(size)
    }

    /// `depth` is how deep this set sits; it bounds the recursion whatever the document.
    fn set(&mut self, set: &'a SelectionSet, depth: usize) -> Result<Size, Refusal> {
        if depth > MAX_NESTING {
            return Err(Refusal::TooDeep);
        }
        let mut total = Size::default();
        let mut spread: HashSet<&str> = HashSet::new();
        for item in &set.items {
            let inner = match &item.node {
                Selection::Field(f) => {
                    let below = self.set(&f.node.selection_set.node, depth + 1)?;
                    Size {
                        fields: below.fields.saturating_add(1),
                        height: below.height + 1,
                    }
                }
                Selection::InlineFragment(i) => self.set(&i.node.selection_set.node, depth)?,
                Selection::FragmentSpread(s) => {
                    let name = s.node.fragment_name.node.as_str();
                    if !spread.insert(name) {
                        return Err(Refusal::RepeatedSpread(name.to_owned()));
                    }
                    self.fragment(name, depth + 1)?
                }
            };
            total.fields = total.fields.saturating_add(inner.fields);
            total.height = total.height.max(inner.height);
            if total.fields > self.limit {
                return Err(Refusal::TooManyFields(self.limit));
            }
            if depth + total.height > MAX_NESTING {
                return Err(Refusal::TooDeep);
            }
        }
        Ok(total)
    }
}

/// Checks a parsed document: every spread names a defined fragment, no fragment cycle, no
/// fragment spread twice in one set, at most `limit` fields once every fragment is expanded.
/// Each fragment is sized once, so this is linear in the document.
pub fn check_document(doc: &ExecutableDocument, limit: usize) -> Result<(), Refusal> {
    let mut sizer = Sizer {
        fragments: &doc.fragments,
        sizes: HashMap::new(),
        open: HashSet::new(),
        limit,
    };
    let mut fields = 0usize;
    for (_, op) in doc.operations.iter() {
        fields = fields.saturating_add(sizer.set(&op.node.selection_set.node, 0)?.fields);
        if fields > limit {
            return Err(Refusal::TooManyFields(limit));
        }
    }
    // Fragments nobody spreads are checked too: validation would walk them as well.
    for name in doc.fragments.keys() {
        sizer.fragment(name.as_str(), 1)?;
    }
    Ok(())
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
        // async-graphql's own pass (inside `next`: parse, then its recursion-depth check)
        // expands every fragment spread without memoising, exponential in the document. So
        // the document is parsed here first and sized; only a bounded one goes on. A document
        // that does not parse goes on too, for the parser's own error.
        if let Ok(doc) = async_graphql::parser::parse_query(query) {
            check_document(&doc, self.0).map_err(|r| ServerError::new(r.message(), None))?;
        }
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
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn check(q: &str) -> Result<(), Refusal> {
        let doc = parse_query(q).expect("parses");
        check_document(&doc, 300)
    }

    /// `levels` fragments, each spreading the next one twice (in two inline fragments, so
    /// that no selection set repeats a spread), the last one selecting `leaf`.
    pub(super) fn doubling(levels: usize, leaf: &str) -> String {
        let mut q = String::from("query { ...F0 }\n");
        for i in 0..levels {
            let next = i + 1;
            q.push_str(&format!(
                "fragment F{i} on QueryRoot {{ ... on QueryRoot {{ ...F{next} }} ... on QueryRoot {{ ...F{next} }} }}\n"
            ));
        }
        q.push_str(&format!("fragment F{levels} on QueryRoot {{ {leaf} }}\n"));
        q
    }

    #[test]
    fn small_documents_pass() {
        assert_eq!(check("{ a: __typename b: __typename }"), Ok(()));
        assert_eq!(
            check(
                "query { ...A ... on QueryRoot { ...A } } fragment A on QueryRoot { __typename }"
            ),
            Ok(())
        );
    }

    #[test]
    fn undefined_cycles_and_repeats_are_refused() {
        assert_eq!(
            check("{ ...Nope }"),
            Err(Refusal::UnknownFragment("Nope".into()))
        );
        assert_eq!(
            check("{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }"),
            Err(Refusal::FragmentCycle("A".into()))
        );
        assert_eq!(
            check("{ ...A ...A } fragment A on QueryRoot { __typename }"),
            Err(Refusal::RepeatedSpread("A".into()))
        );
        // An unused fragment that spreads an unknown one is refused as well.
        assert_eq!(
            check("{ __typename } fragment A on QueryRoot { ...Gone }"),
            Err(Refusal::UnknownFragment("Gone".into()))
        );
    }

    #[test]
    fn exponential_fragments_are_counted_without_expanding_them() {
        // 2^24 and 2^60 fields if expanded: the memoised walk refuses them at once.
        for levels in [24, 60] {
            assert_eq!(
                check(&doubling(levels, "__typename")),
                Err(Refusal::TooManyFields(300))
            );
            assert_eq!(
                check(&doubling(levels, "...Undefined")),
                Err(Refusal::UnknownFragment("Undefined".into()))
            );
        }
        // Eight levels expand to 256 fields: under the cap, accepted.
        assert_eq!(check(&doubling(8, "__typename")), Ok(()));
    }

    #[test]
    fn a_long_chain_of_fragments_is_refused_as_too_deep() {
        let mut q = String::from("{ ...F0 }\n");
        for i in 0..5000 {
            q.push_str(&format!("fragment F{i} on QueryRoot {{ ...F{} }}\n", i + 1));
        }
        q.push_str("fragment F5000 on QueryRoot { __typename }\n");
        let doc = parse_query(&q).expect("parses");
        assert_eq!(check_document(&doc, 300), Err(Refusal::TooDeep));
    }
}
