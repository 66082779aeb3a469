//! `[attestation]`: a vendor's signed statement on a questionnaire it returned.
//!
//! An attestation says who stands behind the answers. It is never verification: exovet
//! cannot tell whether the person exists or the answers are true, and no output says so.

/// The table as the file holds it; empty strings where the vendor wrote nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attestation {
    pub name: String,
    pub role: String,
    pub organization: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    pub statement: String,
}

/// The keys of `[attestation]`, in the order exovet writes them.
pub const KEYS: [&str; 5] = ["name", "role", "organization", "date", "statement"];

/// The statement the questionnaire offers, for the vendor to keep or change.
pub const STATEMENT: &str =
    "I confirm these answers are true and complete to the best of my knowledge.";

impl Attestation {
    /// The questionnaire's blank table: only the statement filled in.
    pub fn blank() -> Self {
        Self {
            statement: STATEMENT.to_owned(),
            ..Self::default()
        }
    }

    /// What a signed attestation needs and this one lacks, by key: a value that says
    /// nothing ("", "-", "N/A", a zero-width space) is not there.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("name", &self.name),
            ("role", &self.role),
            ("organization", &self.organization),
            ("date", &self.date),
            ("statement", &self.statement),
        ]
        .into_iter()
        .filter(|(_, v)| says_nothing(v))
        .map(|(k, _)| k)
        .collect()
    }

    /// Who, what role, where and when are all filled in.
    pub fn is_signed(&self) -> bool {
        self.missing().is_empty()
    }
}

/// No letter or digit at all, or a placeholder.
fn says_nothing(value: &str) -> bool {
    const PLACEHOLDERS: [&str; 7] = ["n/a", "na", "none", "unknown", "tbd", "nobody", "x"];
    let v = value.trim().to_lowercase();
    !v.chars().any(char::is_alphanumeric) || PLACEHOLDERS.contains(&v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_only_when_who_role_organization_and_date_are_all_there() {
        let mut a = Attestation::blank();
        assert_eq!(a.missing(), ["name", "role", "organization", "date"]);
        a.name = "Jane Roe".into();
        a.role = "Head of Quality".into();
        a.organization = "Vendor A Inc.".into();
        assert!(!a.is_signed());
        a.date = "2026-12-01".into();
        assert!(a.is_signed());
        a.role = "  ".into();
        assert_eq!(a.missing(), ["role"]);
        // Placeholders and marks say nothing.
        a.role = "N/A".into();
        a.organization = ".".into();
        a.name = "\u{200b}".into();
        a.statement = String::new();
        assert_eq!(a.missing(), ["name", "role", "organization", "statement"]);
    }
}
