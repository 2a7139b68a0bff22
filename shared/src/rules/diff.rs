//! Line differences between two texts (longest common subsequence), for the common rules'
//! history: the page shows what a new version changed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: Change,
    pub text: String,
}

/// Quadratic in the number of lines; rules are a few hundred lines at most.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let line = |change, text: &str| DiffLine {
        change,
        text: text.to_owned(),
    };
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(line(Change::Same, a[i]));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(line(Change::Removed, a[i]));
            i += 1;
        } else {
            out.push(line(Change::Added, b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|t| line(Change::Removed, t)));
    out.extend(b[j..].iter().map(|t| line(Change::Added, t)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(d: &[DiffLine]) -> String {
        d.iter()
            .map(|l| {
                let sign = match l.change {
                    Change::Same => ' ',
                    Change::Added => '+',
                    Change::Removed => '-',
                };
                format!("{sign}{}", l.text)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_changed_article() {
        let old = "# Art. 1\nLabs are autonomous.\n# Art. 2\nThe board allocates.";
        let new = "# Art. 1\nLabs are autonomous within their framing.\n# Art. 2\nThe board allocates.\n# Art. 3\nNew.";
        assert_eq!(
            render(&diff_lines(old, new)),
            " # Art. 1\n-Labs are autonomous.\n+Labs are autonomous within their framing.\n # Art. 2\n The board allocates.\n+# Art. 3\n+New."
        );
    }

    #[test]
    fn empty_sides() {
        assert!(diff_lines("", "").is_empty());
        assert_eq!(render(&diff_lines("", "a\nb")), "+a\n+b");
        assert_eq!(render(&diff_lines("a", "")), "-a");
    }
}
