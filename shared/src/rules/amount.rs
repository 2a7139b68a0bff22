//! Exact amounts: a pool counts in minor units (`scale` decimals: 2 for euros, 0 for vCPU),
//! stored as integers. Never floating point.

/// Decimals a pool may use.
pub const MAX_SCALE: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Malformed,
    TooManyDecimals,
    Negative,
    TooLarge,
}

/// "1234.5" with scale 2 → 123450. Accepts a comma as decimal separator ("12,50").
pub fn parse_amount(raw: &str, scale: u32) -> Result<i64, AmountError> {
    let s = raw.trim().replace(',', ".");
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    if s.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(AmountError::Malformed);
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::Malformed);
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > scale as usize {
        return Err(AmountError::TooManyDecimals);
    }
    let factor = 10i64.pow(scale);
    let whole: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| AmountError::TooLarge)?
    };
    let mut minor: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| AmountError::Malformed)?
    };
    for _ in frac.len()..scale as usize {
        minor *= 10;
    }
    // Stay far below i64::MAX so sums of many grants cannot overflow.
    const LIMIT: i64 = 1_000_000_000_000_000;
    whole
        .checked_mul(factor)
        .and_then(|w| w.checked_add(minor))
        .filter(|v| *v < LIMIT)
        .ok_or(AmountError::TooLarge)
}

/// 123450 with scale 2 → "1234.50".
pub fn format_amount(minor: i64, scale: u32) -> String {
    if scale == 0 {
        return minor.to_string();
    }
    let factor = 10i64.pow(scale);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / factor as u64,
        abs % factor as u64,
        width = scale as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_amount("1234.5", 2), Ok(123_450));
        assert_eq!(parse_amount("12,50", 2), Ok(1250));
        assert_eq!(parse_amount("0.10", 2), Ok(10));
        assert_eq!(parse_amount(".5", 1), Ok(5));
        assert_eq!(parse_amount("4", 0), Ok(4));
        assert_eq!(parse_amount("4.0", 0), Ok(4));
        assert_eq!(parse_amount("0.1", 0), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_amount("1.005", 2), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_amount("-3", 2), Err(AmountError::Negative));
        assert_eq!(parse_amount("3e2", 2), Err(AmountError::Malformed));
        assert_eq!(parse_amount("", 2), Err(AmountError::Empty));
        assert_eq!(parse_amount(".", 2), Err(AmountError::Malformed));
        assert_eq!(
            parse_amount("99999999999999999999", 2),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn formats_and_round_trips() {
        assert_eq!(format_amount(123_450, 2), "1234.50");
        assert_eq!(format_amount(5, 2), "0.05");
        assert_eq!(format_amount(7, 0), "7");
        assert_eq!(format_amount(-150, 2), "-1.50");
        for (v, s) in [(0, 2), (1, 2), (99, 2), (100_000, 3), (42, 0)] {
            assert_eq!(parse_amount(&format_amount(v, s), s), Ok(v));
        }
    }
}
