//! Fuzzing the GraphQL endpoint with the server's real limits. Two generators over the
//! schema's own SDL: one follows the types (fields of the right type, arguments with values of
//! their type, variables declared and sent, fragments, directives) so that requests reach the
//! resolvers; the other mixes the schema's names at random with values, stray tokens,
//! fragments that spread each other, directives and variables. Documents are then perhaps cut
//! short or given a stray token, and raw noise and odd bodies (batches, non-requests) are
//! sent too.
//!
//! Every request must be answered within a few seconds with a GraphQL JSON response (200 or
//! 400) whose errors all carry a code, none `INTERNAL`; afterwards the server still answers.
//! A fixed seed and no persistence file: the same 300 cases on every run (seconds).

use constellation_tests::{spawn_app, TestApp};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

const CASES: u32 = 300;
const SEED: u64 = 0x00c0_5e11_a710_f022;
const PER_REQUEST: Duration = Duration::from_secs(5);

/// A field of an object type, or an argument, or an input field.
#[derive(Clone, Debug)]
struct FieldDef {
    name: String,
    /// As written in the SDL: `[String!]!`, `Int`, …
    ty: String,
    args: Vec<FieldDef>,
}

/// What the generators know of the schema, read from its SDL.
#[derive(Clone, Debug, Default)]
struct Sdl {
    objects: BTreeMap<String, Vec<FieldDef>>,
    inputs: BTreeMap<String, Vec<FieldDef>>,
    enums: BTreeMap<String, Vec<String>>,
    /// Field and argument names, type names, every identifier (enum values among them).
    fields: Vec<String>,
    types: Vec<String>,
    words: Vec<String>,
}

/// `[Foo!]!` → `Foo`.
fn named(ty: &str) -> &str {
    ty.trim_matches(|c| c == '[' || c == ']' || c == '!')
}

/// Splits `a: Int, b: [String!] = ["x", "y"]` at the commas outside brackets.
fn split_args(s: &str) -> Vec<FieldDef> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0i32, 0);
    let mut push = |part: &str| {
        if let Some((name, rest)) = part.split_once(':') {
            let ty = rest.split('=').next().unwrap_or_default().trim();
            out.push(FieldDef {
                name: name.trim().to_owned(),
                ty: ty.to_owned(),
                args: Vec::new(),
            });
        }
    };
    for (i, c) in s.char_indices() {
        match c {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => depth -= 1,
            ',' if depth == 0 => {
                push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&s[start..]);
    out
}

/// `name(a: Int, b: String): Type @deprecated` or `name: Type = default`.
fn parse_field(line: &str) -> Option<FieldDef> {
    let paren = line.find('(');
    let colon = line.find(':')?;
    let (name, args, rest) = match paren {
        Some(p) if p < colon => {
            let close = line.rfind("):")?;
            (
                &line[..p],
                split_args(&line[p + 1..close]),
                &line[close + 2..],
            )
        }
        _ => (&line[..colon], Vec::new(), &line[colon + 1..]),
    };
    let ty = rest.split_whitespace().next()?.to_owned();
    Some(FieldDef {
        name: name.trim().to_owned(),
        ty,
        args,
    })
}

fn sdl() -> Sdl {
    let text = constellation_backend::graphql::schema::sdl();
    let mut s = Sdl::default();
    let mut in_description = false;
    let mut block: Option<(String, String)> = None; // (keyword, type name)
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("\"\"\"") {
            if !(line.len() > 3 && line.ends_with("\"\"\"")) {
                in_description = !in_description;
            }
            continue;
        }
        if in_description || line.is_empty() || line.starts_with('"') {
            continue;
        }
        if line == "}" {
            block = None;
            continue;
        }
        match &block {
            None => {
                let mut words = line.split_whitespace();
                let keyword = words.next().unwrap_or_default();
                let name = words.next().unwrap_or_default().to_owned();
                if line.ends_with('{') {
                    block = Some((keyword.to_owned(), name.clone()));
                }
                if matches!(keyword, "type" | "input" | "enum" | "scalar") {
                    s.types.push(name);
                }
            }
            Some((keyword, ty)) => match keyword.as_str() {
                "type" => {
                    if let Some(f) = parse_field(line) {
                        s.objects.entry(ty.clone()).or_default().push(f);
                    }
                }
                "input" => {
                    if let Some(f) = parse_field(line) {
                        s.inputs.entry(ty.clone()).or_default().push(f);
                    }
                }
                "enum" => {
                    let value = line.split_whitespace().next().unwrap_or_default();
                    s.enums
                        .entry(ty.clone())
                        .or_default()
                        .push(value.to_owned());
                }
                _ => {}
            },
        }
    }
    let mut fields = BTreeSet::new();
    let mut words: BTreeSet<String> = s.types.iter().cloned().collect();
    for f in s.objects.values().chain(s.inputs.values()).flatten() {
        fields.insert(f.name.clone());
        fields.extend(f.args.iter().map(|a| a.name.clone()));
    }
    words.extend(fields.iter().cloned());
    words.extend(s.enums.values().flatten().cloned());
    s.fields = fields.into_iter().collect();
    s.words = words.into_iter().collect();
    assert!(
        s.objects.contains_key("QueryRoot")
            && s.objects["Lab"].iter().any(|f| f.name == "projects"
                && f.args.iter().any(|a| a.name == "first" && a.ty == "Int")),
        "the SDL was not understood: {text}"
    );
    s
}

// ---------------------------------------------------------------------------------------
// The typed generator: a list of random choices read as a walk through the schema.

/// Fields left out of the typed walk: it would end the signed-in session of later cases.
const SKIPPED: &[&str] = &["signOutEverywhere"];

const INTS: &[i64] = &[
    0,
    1,
    2,
    3,
    20,
    99,
    100,
    101,
    -1,
    2_147_483_647,
    -2_147_483_648,
];
const STRINGS: &[&str] = &[
    "",
    "fuzz",
    "0",
    "5",
    "-1",
    "18446744073709551616",
    "2027-01-01",
    "2027-02-30",
    "2027-06-01T10:00:00Z",
    "10:00",
    "Europe/Paris",
    "1.5",
    "fuzz@example.org",
    "00000000-0000-0000-0000-000000000000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "é🦀\u{0}\u{202e}",
];

struct Walk<'a> {
    sdl: &'a Sdl,
    choices: &'a [u8],
    at: usize,
    /// Variables declared so far: `$name: Type`, and the values sent.
    declared: Vec<String>,
    variables: Map<String, Value>,
    fragments: Vec<String>,
    aliases: usize,
}

impl Walk<'_> {
    /// A choice among `n` (0 once the choices run out: the walk then winds down).
    fn pick(&mut self, n: usize) -> usize {
        let c = self.choices.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        if n == 0 {
            0
        } else {
            usize::from(c) % n
        }
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.at < self.choices.len() && self.pick(100) < percent
    }

    fn string(&mut self) -> String {
        match self.pick(4) {
            0 => format!("fuzz-{}", self.pick(1000)),
            1 => "x".repeat(self.pick(4) * 1000),
            _ => STRINGS[self.pick(STRINGS.len())].to_owned(),
        }
    }

    /// A value of type `ty` (now and then of another type).
    fn value(&mut self, ty: &str, depth: usize) -> Lit {
        if !ty.ends_with('!') && self.chance(10) {
            return Lit::Json(Value::Null);
        }
        if self.chance(1) {
            return Lit::Json(json!("wrong type"));
        }
        let inner = ty.trim_end_matches('!');
        if let Some(item) = inner.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let n = if depth > 3 { 0 } else { self.pick(4) };
            return Lit::List((0..n).map(|_| self.value(item, depth + 1)).collect());
        }
        Lit::Json(match inner {
            "Int" => json!(INTS[self.pick(INTS.len())]),
            "Float" => json!(self.pick(1000) as f64 / 7.0),
            "Boolean" => json!(self.pick(2) == 0),
            "String" | "ID" | "DateTime" => json!(self.string()),
            "JSON" => json!({ "k": [1, "v", null] }),
            other => {
                if let Some(values) = self.sdl.enums.get(other) {
                    return Lit::Enum(values[self.pick(values.len())].clone());
                }
                let Some(fields) = self.sdl.inputs.get(other).cloned() else {
                    return Lit::Json(json!(self.string()));
                };
                let mut object = Vec::new();
                for f in fields {
                    if depth < 4 && (f.ty.ends_with('!') || self.chance(50)) {
                        object.push((f.name.clone(), self.value(&f.ty, depth + 1)));
                    }
                }
                return Lit::Object(object);
            }
        })
    }

    /// A value of type `ty` as GraphQL text: a literal, or a variable declared for it.
    fn literal(&mut self, ty: &str) -> String {
        if self.chance(25) {
            let name = format!("v{}", self.declared.len());
            let declared = if self.chance(5) { "Int" } else { ty };
            self.declared.push(format!("${name}: {declared}"));
            if !self.chance(5) {
                let value = self.value(ty, 0).json();
                self.variables.insert(name.clone(), value);
            }
            return format!("${name}");
        }
        self.value(ty, 0).text()
    }

    fn arguments(&mut self, args: &[FieldDef]) -> String {
        let mut out = Vec::new();
        for a in args {
            if a.ty.ends_with('!') || self.chance(50) {
                out.push(format!("{}: {}", a.name, self.literal(&a.ty)));
            }
        }
        if self.chance(1) {
            out.push(format!("unknown: {}", self.pick(100)));
        }
        if out.is_empty() {
            String::new()
        } else {
            format!("({})", out.join(", "))
        }
    }

    fn directives(&mut self) -> String {
        match self.pick(12) {
            0 => format!("@include(if: {})", self.literal("Boolean!")),
            1 => format!("@skip(if: {})", self.literal("Boolean!")),
            2 if self.chance(5) => "@deprecated".to_owned(),
            _ => String::new(),
        }
    }

    fn selection_set(&mut self, ty: &str, depth: usize) -> String {
        let Some(fields) = self.sdl.objects.get(ty).cloned() else {
            return String::new();
        };
        let n = 1 + self.pick(4);
        let mut items = Vec::new();
        for _ in 0..n {
            match self.pick(20) {
                0 => items.push("__typename".to_owned()),
                1 if depth < 6 => {
                    let inner = self.selection_set(ty, depth + 1);
                    let d = self.directives();
                    items.push(format!("... on {ty} {d} {inner}"));
                }
                2 if depth < 6 => {
                    // The slot is taken first: fragments defined below get other names.
                    let slot = self.fragments.len();
                    self.fragments.push(String::new());
                    let inner = self.selection_set(ty, depth + 1);
                    self.fragments[slot] = format!("fragment T{slot} on {ty} {inner}");
                    items.push(format!("...T{slot}"));
                }
                _ => {
                    let f = &fields[self.pick(fields.len())];
                    if SKIPPED.contains(&f.name.as_str()) {
                        continue;
                    }
                    let alias = if self.chance(10) {
                        self.aliases += 1;
                        format!("a{}: ", self.aliases)
                    } else {
                        String::new()
                    };
                    let args = self.arguments(&f.args);
                    let d = self.directives();
                    let target = named(&f.ty);
                    let below = if self.sdl.objects.contains_key(target) {
                        if depth < 8 {
                            self.selection_set(target, depth + 1)
                        } else {
                            "{ __typename }".to_owned()
                        }
                    } else {
                        String::new()
                    };
                    items.push(format!("{alias}{}{args} {d} {below}", f.name));
                }
            }
        }
        if items.is_empty() {
            items.push("__typename".to_owned());
        }
        format!("{{ {} }}", items.join(" "))
    }

    fn document(mut self) -> (String, Value) {
        let (kind, root) = match self.pick(20) {
            0..=13 => ("query", "QueryRoot"),
            14..=18 => ("mutation", "MutationRoot"),
            _ => ("subscription", "SubscriptionRoot"),
        };
        let set = self.selection_set(root, 0);
        let vars = if self.declared.is_empty() {
            String::new()
        } else {
            format!("({})", self.declared.join(", "))
        };
        let doc = format!("{kind} Fuzz{vars} {set}\n{}", self.fragments.join("\n"));
        (doc, Value::Object(self.variables))
    }
}

/// A generated input value: as a GraphQL literal, or as JSON for a variable.
enum Lit {
    Json(Value),
    Enum(String),
    List(Vec<Lit>),
    Object(Vec<(String, Lit)>),
}

impl Lit {
    fn text(&self) -> String {
        match self {
            Lit::Json(v) => v.to_string(),
            Lit::Enum(e) => e.clone(),
            Lit::List(xs) => {
                let xs: Vec<String> = xs.iter().map(Lit::text).collect();
                format!("[{}]", xs.join(", "))
            }
            Lit::Object(kv) => {
                let kv: Vec<String> = kv
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.text()))
                    .collect();
                format!("{{{}}}", kv.join(", "))
            }
        }
    }

    fn json(&self) -> Value {
        match self {
            Lit::Json(v) => v.clone(),
            Lit::Enum(e) => json!(e),
            Lit::List(xs) => Value::Array(xs.iter().map(Lit::json).collect()),
            Lit::Object(kv) => {
                Value::Object(kv.iter().map(|(k, v)| (k.clone(), v.json())).collect())
            }
        }
    }
}

fn typed_request(sdl: Arc<Sdl>) -> BoxedStrategy<(String, Value)> {
    prop::collection::vec(any::<u8>(), 0..600)
        .prop_map(move |choices| {
            Walk {
                sdl: &sdl,
                choices: &choices,
                at: 0,
                declared: Vec::new(),
                variables: Map::new(),
                fragments: Vec::new(),
                aliases: 0,
            }
            .document()
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------
// The loose generator: the schema's names in any order, with noise.

/// Pieces of GraphQL syntax, valid and not, dropped anywhere.
const TOKENS: &[&str] = &[
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

fn variable_name() -> BoxedStrategy<String> {
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

fn loose_document(v: &Sdl) -> BoxedStrategy<String> {
    (
        prop::collection::vec(operation(v), 1..3),
        prop::collection::vec(fragment(v), 0..4),
    )
        .prop_map(|(ops, frags)| format!("{}\n{}", ops.join("\n"), frags.join("\n")))
        .boxed()
}

fn json_value(v: &Sdl) -> BoxedStrategy<Value> {
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

// ---------------------------------------------------------------------------------------
// Cases.

/// The nearest char boundary at or below `i` (`str::floor_char_boundary` is newer than the
/// workspace's minimum Rust).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Mostly as generated; sometimes cut short, or with a stray token dropped in.
fn damaged(request: BoxedStrategy<(String, Value)>) -> BoxedStrategy<(String, Value)> {
    let damage = prop_oneof![
        8 => Just(None),
        2 => (any::<prop::sample::Index>(), prop::option::of(select(TOKENS))).prop_map(Some),
    ];
    (request, damage)
        .prop_map(|((doc, variables), damage)| {
            let Some((at, token)) = damage else {
                return (doc, variables);
            };
            let at = floor_boundary(&doc, at.index(doc.len() + 1));
            let doc = match token {
                None => doc[..at].to_owned(),
                Some(t) => format!("{}{t}{}", &doc[..at], &doc[at..]),
            };
            (doc, variables)
        })
        .boxed()
}

#[derive(Clone, Debug)]
struct Case {
    body: Value,
    signed_in: bool,
}

fn case(v: Arc<Sdl>) -> BoxedStrategy<Case> {
    let loose_variables = prop_oneof![
        6 => prop::collection::btree_map(variable_name(), json_value(&v), 0..5)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        1 => json_value(&v),
    ];
    let noise = prop_oneof![
        "\\PC{0,200}",
        any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ];
    let request = prop_oneof![
        6 => damaged(typed_request(v.clone())),
        3 => damaged((loose_document(&v), loose_variables.clone()).boxed()),
        1 => (noise, loose_variables).boxed(),
    ];
    let request = (request, prop::option::weighted(0.05, "[A-Z][a-z]{0,6}")).prop_map(
        |((query, variables), operation)| {
            let mut body = json!({ "query": query, "variables": variables });
            if let Some(op) = operation {
                body["operationName"] = json!(op);
            }
            body
        },
    );
    let body = prop_oneof![
        20 => request.clone(),
        1 => prop::collection::vec(request, 0..4).prop_map(Value::Array),
        1 => json_value(&v),
    ];
    (body, prop::bool::weighted(0.7))
        .prop_map(|(body, signed_in)| Case { body, signed_in })
        .boxed()
}

/// One request: answered in time, a GraphQL JSON response, every error coded, none internal.
async fn check(app: &TestApp, token: &str, case: &Case) -> Result<(), String> {
    let mut req = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&case.body);
    if case.signed_in {
        req = req.bearer_auth(token);
    }
    let answered = async {
        let resp = req.send().await?;
        let status = resp.status();
        Ok::<_, reqwest::Error>((status, resp.text().await?))
    };
    let (status, text) = tokio::time::timeout(PER_REQUEST, answered)
        .await
        .map_err(|_| format!("no answer within {PER_REQUEST:?}"))?
        .map_err(|e| format!("the connection failed: {e}"))?;
    if status != 200 && status != 400 {
        return Err(format!("status {status}: {text}"));
    }
    let answer: Value =
        serde_json::from_str(&text).map_err(|e| format!("not JSON ({e}): {text}"))?;
    let responses = match answer {
        Value::Array(list) => list,
        one => vec![one],
    };
    for r in &responses {
        let Some(object) = r.as_object() else {
            return Err(format!("not a GraphQL response: {text}"));
        };
        if !object.contains_key("data") && !object.contains_key("errors") {
            return Err(format!("neither data nor errors: {text}"));
        }
        for e in r["errors"].as_array().into_iter().flatten() {
            match e["extensions"]["code"].as_str() {
                None => return Err(format!("an error without a code: {text}")),
                Some("INTERNAL") => return Err(format!("an internal error: {text}")),
                Some(_) => {}
            }
        }
    }
    Ok(())
}

#[test]
fn arbitrary_documents_and_variables_are_answered() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (app, token) = rt.block_on(async {
        let app = spawn_app().await;
        // The first account is admin and board: signed-in cases reach the guarded resolvers.
        let admin = app.signup("Fuzz admin").await;
        (app, admin.token)
    });
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(SEED),
        max_shrink_iters: 200,
        max_shrink_time: 30_000,
        ..Config::default()
    });
    let outcome = runner.run(&case(Arc::new(sdl())), |c| {
        rt.block_on(check(&app, &token, &c))
            .map_err(TestCaseError::fail)
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    rt.block_on(async {
        let r = app.gql(None, "{ __typename }", json!({})).await;
        assert_eq!(r["data"]["__typename"], "QueryRoot", "{r}");
        let r = app
            .gql(Some(&token), "{ me { displayName } }", json!({}))
            .await;
        // Still signed in (the walk may have renamed the account).
        assert!(r["data"]["me"]["displayName"].is_string(), "{r}");
    });
}
