//! The loose generator: the schema's names in any order, with noise.

use super::schema::Sdl;
use super::typed::INTS;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

/// Pieces of GraphQL syntax, valid and not, dropped anywhere.
pub(super) const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ":",
    "$",
    "@",
    "!",
    "=",
    "|",
    "&",
    "...",
    "..",
    "query",
    "mutation",
    "subscription",
    "fragment",
    "on",
    "null",
    "__typename",
    "__schema",
    "__type(name: \"Lab\")",
    "#",
    "\"",
    "\"\"\"",
    "\\u{0}",
    "\u{feff}",
    "\u{0}",
    "é",
    "🦀",
    "-",
    "0x10",
    "1e999",
    "9999999999999999999999",
    ",",
];

fn name(v: &Sdl) -> BoxedStrategy<String> {
    prop_oneof![
        40 => select(v.fields.clone()),
        8 => select(v.words.clone()),
        2 => "[_A-Za-z][_0-9A-Za-z]{0,12}",
        1 => Just("a".repeat(300)),
    ]
    .boxed()
}

pub(super) fn variable_name() -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(vec!["v0", "v1", "first", "after", "slug", "id", "input"]).prop_map(str::to_owned),
        1 => "[_A-Za-z][_0-9A-Za-z]{0,8}",
    ]
    .boxed()
}

/// A GraphQL input value, as text.
fn value(v: &Sdl) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        select(INTS).prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        "\\PC{0,16}".prop_map(|s| serde_json::to_string(&s).expect("a string")),
        "[^\"\\\\]{0,12}".prop_map(|s| format!("\"\"\"{s}\"\"\"")),
        select(v.words.clone()),
        variable_name().prop_map(|n| format!("${n}")),
    ];
    let key = name(v);
    leaf.prop_recursive(3, 16, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|xs| format!("[{}]", xs.join(", "))),
            prop::collection::vec((key.clone(), inner), 0..4).prop_map(|kv| {
                let fields: Vec<String> =
                    kv.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", fields.join(", "))
            }),
        ]
    })
    .boxed()
}

fn arguments(v: &Sdl) -> BoxedStrategy<String> {
    prop_oneof![
        3 => Just(String::new()),
        2 => prop::collection::vec((name(v), value(v)), 1..4).prop_map(|args| {
            let args: Vec<String> = args.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("({})", args.join(", "))
        }),
    ]
    .boxed()
}

fn directives(v: &Sdl) -> BoxedStrategy<String> {
    let one = prop_oneof![
        value(v).prop_map(|x| format!("@include(if: {x})")),
        value(v).prop_map(|x| format!("@skip(if: {x})")),
        (name(v), arguments(v)).prop_map(|(n, a)| format!("@{n}{a}")),
    ];
    prop_oneof![
        4 => Just(String::new()),
        1 => prop::collection::vec(one, 0..4).prop_map(|ds| ds.join(" ")),
    ]
    .boxed()
}

/// A field: optional alias, arguments, directives.
fn field(v: &Sdl) -> BoxedStrategy<String> {
    (
        prop::option::weighted(0.2, name(v)),
        name(v),
        arguments(v),
        directives(v),
    )
        .prop_map(|(alias, n, a, d)| match alias {
            Some(alias) => format!("{alias}: {n}{a} {d}"),
            None => format!("{n}{a} {d}"),
        })
        .boxed()
}

fn fragment_name() -> BoxedStrategy<String> {
    (0..5u8).prop_map(|i| format!("F{i}")).boxed()
}

/// One selection, possibly with a nested selection set.
fn selection(v: &Sdl) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        40 => field(v),
        10 => (fragment_name(), directives(v)).prop_map(|(f, d)| format!("...{f} {d}")),
        1 => select(TOKENS).prop_map(str::to_owned),
    ];
    let (v1, v2) = (v.clone(), v.clone());
    leaf.prop_recursive(6, 48, 5, move |inner| {
        let set =
            prop::collection::vec(inner, 1..5).prop_map(|xs| format!("{{ {} }}", xs.join(" ")));
        prop_oneof![
            4 => (field(&v1), set.clone()).prop_map(|(f, s)| format!("{f} {s}")),
            1 => (prop::option::of(select(v2.types.clone())), directives(&v2), set)
                .prop_map(|(t, d, s)| match t {
                    Some(t) => format!("... on {t} {d} {s}"),
                    None => format!("... {d} {s}"),
                }),
        ]
    })
    .boxed()
}

fn selection_set(v: &Sdl) -> BoxedStrategy<String> {
    prop::collection::vec(selection(v), 1..6)
        .prop_map(|xs| format!("{{ {} }}", xs.join(" ")))
        .boxed()
}

fn variable_definitions(v: &Sdl) -> BoxedStrategy<String> {
    let ty = prop_oneof![
        select(vec![
            "Int",
            "String",
            "ID",
            "Boolean",
            "Float",
            "Int!",
            "[String!]!",
            "[[Int]]"
        ])
        .prop_map(str::to_owned),
        select(v.types.clone()),
        select(v.types.clone()).prop_map(|t| format!("{t}!")),
    ];
    let def =
        (variable_name(), ty, prop::option::weighted(0.2, value(v))).prop_map(
            |(n, t, d)| match d {
                Some(d) => format!("${n}: {t} = {d}"),
                None => format!("${n}: {t}"),
            },
        );
    prop_oneof![
        2 => Just(String::new()),
        1 => prop::collection::vec(def, 1..4).prop_map(|ds| format!("({})", ds.join(", "))),
    ]
    .boxed()
}

fn operation(v: &Sdl) -> BoxedStrategy<String> {
    let kind = select(vec!["", "query", "mutation", "subscription"]);
    (
        kind,
        prop::option::weighted(0.3, "[A-Z][a-z]{0,6}"),
        variable_definitions(v),
        directives(v),
        selection_set(v),
    )
        .prop_map(|(k, n, vars, d, s)| {
            if k.is_empty() {
                s
            } else {
                format!("{k} {} {vars} {d} {s}", n.unwrap_or_default())
            }
        })
        .boxed()
}

fn fragment(v: &Sdl) -> BoxedStrategy<String> {
    (
        fragment_name(),
        select(v.types.clone()),
        directives(v),
        selection_set(v),
    )
        .prop_map(|(n, t, d, s)| format!("fragment {n} on {t} {d} {s}"))
        .boxed()
}

pub(super) fn loose_document(v: &Sdl) -> BoxedStrategy<String> {
    (
        prop::collection::vec(operation(v), 1..3),
        prop::collection::vec(fragment(v), 0..4),
    )
        .prop_map(|(ops, frags)| format!("{}\n{}", ops.join("\n"), frags.join("\n")))
        .boxed()
}

pub(super) fn json_value(v: &Sdl) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-5i64..200).prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,16}".prop_map(Value::from),
        select(v.words.clone()).prop_map(Value::from),
    ];
    let key = prop_oneof![variable_name(), select(v.fields.clone())];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}
