//! What the generators know of the schema, read from its SDL: object and input types with
//! their fields and arguments, enums, and every name.

use std::collections::{BTreeMap, BTreeSet};

/// A field of an object type, or an argument, or an input field.
#[derive(Clone, Debug)]
pub(super) struct FieldDef {
    pub(super) name: String,
    /// As written in the SDL: `[String!]!`, `Int`, …
    pub(super) ty: String,
    pub(super) args: Vec<FieldDef>,
}

/// What the generators know of the schema, read from its SDL.
#[derive(Clone, Debug, Default)]
pub(super) struct Sdl {
    pub(super) objects: BTreeMap<String, Vec<FieldDef>>,
    pub(super) inputs: BTreeMap<String, Vec<FieldDef>>,
    pub(super) enums: BTreeMap<String, Vec<String>>,
    /// Field and argument names, type names, every identifier (enum values among them).
    pub(super) fields: Vec<String>,
    pub(super) types: Vec<String>,
    pub(super) words: Vec<String>,
}

/// `[Foo!]!` → `Foo`.
pub(super) fn named(ty: &str) -> &str {
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

pub(super) fn sdl() -> Sdl {
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
