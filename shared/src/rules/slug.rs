//! A Lab's slug: its address (`/labs/<slug>`).

pub const SLUG_MAX_CHARS: usize = 48;

/// Lowercase ASCII letters, digits and single inner dashes, 3 to 48 characters.
pub fn is_valid_slug(s: &str) -> bool {
    (3..=SLUG_MAX_CHARS).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// A suggestion from a name: "L'IA & nous" → "l-ia-nous".
pub fn suggest_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed: String = out.trim_matches('-').chars().take(SLUG_MAX_CHARS).collect();
    trimmed.trim_end_matches('-').to_owned()
}

fn fold_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("place-of-ai"));
        assert!(is_valid_slug("lab2"));
        assert!(!is_valid_slug("ai"));
        assert!(!is_valid_slug("Place"));
        assert!(!is_valid_slug("-x-y"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("é-lab"));
        assert_eq!(suggest_slug("La place de l'IA"), "la-place-de-l-ia");
        assert_eq!(
            suggest_slug("  Éducation & pédagogie "),
            "education-pedagogie"
        );
    }
}
