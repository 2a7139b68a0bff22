//! The rule between contexts, checked on the source itself: `core → reach → accounts → labs
//! → resources → {assemblies, barcamp, polls} → transition → flows`. A context imports only contexts below it
//! (never a sibling, never one above, never `flows`); only `graphql/`, `http/` and the CLI
//! import `flows`. The test reads every `crate::domain::…` path under `domain/<context>/`.

/// Each context folder and its layer.
pub const LAYERS: &[(&str, u8)] = &[
    ("core", 0),
    ("reach", 1),
    ("accounts", 2),
    ("labs", 3),
    ("resources", 4),
    ("assemblies", 5),
    ("barcamp", 5),
    ("polls", 5),
    ("transition", 6),
    ("flows", 7),
];

fn layer(context: &str) -> Option<u8> {
    LAYERS.iter().find(|(c, _)| *c == context).map(|(_, l)| *l)
}

/// The contexts a source file names through `crate::domain::…` (the first segment of each
/// path, brace lists included).
pub fn referenced_contexts(source: &str) -> Vec<String> {
    const ROOT: &str = "crate::domain::";
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(ROOT) {
        rest = &rest[at + ROOT.len()..];
        if let Some(list) = rest.strip_prefix('{') {
            // Top-level items of the brace list.
            let mut depth = 0usize;
            let mut item = String::new();
            for ch in list.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(first_segment(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(ch);
            }
            out.push(first_segment(&item));
        } else {
            out.push(first_segment(rest));
        }
    }
    out.retain(|c| layer(c).is_some());
    out
}

fn first_segment(path: &str) -> String {
    path.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_scanner_reads_paths_and_brace_lists() {
        let src = "use crate::domain::{labs::members, accounts, Actor};\nlet x = crate::domain::flows::seed::run();";
        assert_eq!(referenced_contexts(src), vec!["labs", "accounts", "flows"]);
    }

    #[test]
    fn contexts_import_only_downwards() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
        let mut violations = Vec::new();
        for (context, own) in LAYERS {
            let mut files = Vec::new();
            rust_files(&root.join(context), &mut files);
            assert!(!files.is_empty(), "domain/{context}/ holds no file");
            for file in files {
                let source = std::fs::read_to_string(&file).unwrap_or_default();
                for used in referenced_contexts(&source) {
                    let theirs = layer(&used).unwrap_or(0);
                    if used != *context && theirs >= *own {
                        violations.push(format!("{} imports {used}", file.display()));
                    }
                }
            }
        }
        assert!(
            violations.is_empty(),
            "upward or sideways imports:\n{}",
            violations.join("\n")
        );
    }
}
