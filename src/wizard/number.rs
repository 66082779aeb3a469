//! A number as a person types it: `$1,250.50`, `900`, `1 250`. Where the separators could
//! mean two things (`3.500` is 3,500 in much of Europe and 3.5 in the US; `3,5` is 3.5 in
//! Europe), the person is asked which they meant instead of being guessed at: a price read
//! a thousand times too small turns an amber answer green.

/// The value typed, or a message that says what to type instead.
pub fn read_typed(typed: &str) -> Result<f64, String> {
    let shown = typed.trim();
    // A space inside a number (any kind: a no-break space, a thin space) could group
    // thousands (`1 200`) or part two numbers (`80 120`, a range): it is asked about, never
    // guessed at. Found by adversarial runs: `45 60` and `80 120` were saved as 4560 and 80120.
    let body = shown.trim_start_matches('$').trim();
    if body.chars().any(char::is_whitespace) {
        return Err(format!(
            "“{shown}” could be two numbers or one. Type one number with no spaces, like 1200: for a range, type the price you will pay."
        ));
    }
    let cleaned: String = shown
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != '_' && !c.is_whitespace())
        .collect();
    let not_a_number = || format!("“{shown}” is not a number. Type digits, like 900.");
    let digits = match (cleaned.rfind(','), cleaned.rfind('.')) {
        // Commas, then a decimal point: `1,250.50`.
        (Some(comma), Some(point)) if comma < point => {
            if !thousands(&cleaned[..point], ',') {
                return Err(ambiguous(shown));
            }
            cleaned.replace(',', "")
        }
        // Commas alone: thousands when every group after one has three digits.
        (Some(_), None) if thousands(&cleaned, ',') => cleaned.replace(',', ""),
        // A decimal comma (`3,5`), after points too (`1.250,50`), or other mixes.
        (Some(_), _) => return Err(ambiguous(shown)),
        // A point alone: a decimal point, unless three digits follow it after a number
        // that does not start with 0 (`3.500`), or there are several (`1.250.000`).
        (None, Some(point)) => {
            let several = cleaned.matches('.').count() > 1;
            let before = cleaned[..point].trim_start_matches('-');
            let after = &cleaned[point + 1..];
            let grouped = after.len() == 3
                && after.chars().all(|c| c.is_ascii_digit())
                && !before.is_empty()
                && !before.starts_with('0');
            if several || grouped {
                return Err(ambiguous(shown));
            }
            cleaned
        }
        (None, None) => cleaned,
    };
    let value: f64 = digits
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(not_a_number)?;
    // "-0" is 0.
    Ok(if value == 0.0 { 0.0 } else { value })
}

/// Whether `text` is digits in groups of three after each `sep`, the first group 1 to 3
/// digits long: `1,250`, `12,500,000`.
fn thousands(text: &str, sep: char) -> bool {
    let text = text.trim_start_matches('-');
    let mut groups = text.split(sep);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

fn ambiguous(shown: &str) -> String {
    format!(
        "“{shown}” could be read two ways. Type the number with no separators, like 3500, and a decimal point only for cents, like 900.50."
    )
}

#[cfg(test)]
mod tests {
    use super::read_typed;

    #[test]
    fn plain_and_us_style_numbers_are_read() {
        for (typed, value) in [
            ("900", 900.0),
            (" $1,250.50 ", 1250.5),
            ("12,500,000", 12_500_000.0),
            ("900.50", 900.5),
            ("0.125", 0.125),
            ("-0", 0.0),
            ("3_000", 3000.0),
        ] {
            assert_eq!(read_typed(typed), Ok(value), "{typed}");
        }
        assert!(read_typed("-0").unwrap().is_sign_positive());
    }

    #[test]
    fn separators_that_could_mean_two_things_are_asked_about() {
        for typed in ["3.500", "1.250.000", "3,5", "1.250,50", "1,25", "12,50.5"] {
            let why = read_typed(typed).unwrap_err();
            assert!(why.contains("could be read two ways"), "{typed}: {why}");
        }
        assert!(read_typed("lots").unwrap_err().contains("is not a number"));
    }

    /// Issue 19: two numbers with a space between were read as one (`45 60` as 4560).
    #[test]
    fn two_numbers_are_a_range_never_one_number() {
        for typed in [
            "45 60",
            "80  120",
            "80 120",
            "45 600",
            "1 250",
            "12 500 000",
            "1200 1500",
            "45\u{a0}60",
            "45\u{2009}60",
            "45\u{202f}60",
            "$90 150.50",
        ] {
            let why = read_typed(typed).unwrap_err();
            assert!(
                why.contains("could be two numbers or one"),
                "{typed:?}: {why}"
            );
        }
    }
}
