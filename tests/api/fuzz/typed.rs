//! The typed generator: a list of random choices read as a walk through the schema.

use super::schema::{named, FieldDef, Sdl};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// Fields left out of the typed walk: it would end the signed-in session of later cases.
const SKIPPED: &[&str] = &["signOutEverywhere"];

pub(super) const INTS: &[i64] = &[
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

pub(super) fn typed_request(sdl: Arc<Sdl>) -> BoxedStrategy<(String, Value)> {
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
