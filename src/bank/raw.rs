//! A plain serde mirror of `questions.toml`: everything optional and spanned, so validation can say what is missing and where.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Option<Spanned<T>>;

#[derive(Debug, Default, Deserialize)]
pub struct Header {
    pub id: S<String>,
    pub version: S<String>,
    pub title: S<String>,
    pub disclaimer: S<String>,
    pub released: S<toml::value::Datetime>,
    pub review_by: S<toml::value::Datetime>,
    /// The language its text is written in, as a BCP 47 tag ("en", "es", "pt-BR").
    pub language: S<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Scoring {
    pub key: S<Vec<Spanned<String>>>,
    pub gates: S<Vec<Spanned<String>>>,
    pub red_at: S<i64>,
    pub green_max_amber: S<i64>,
    pub green_min_answered: S<i64>,
    pub refused: S<String>,
    pub refused_key: S<String>,
    pub refused_why: S<String>,
}

#[derive(Debug, Deserialize)]
pub struct Section {
    pub id: S<String>,
    pub title: S<String>,
    pub intro: S<String>,
    pub about: S<String>,
}

#[derive(Debug, Deserialize)]
pub struct Question {
    pub id: S<String>,
    pub section: S<String>,
    pub audience: S<String>,
    pub kind: S<String>,
    pub weight: S<i64>,
    pub prompt: S<String>,
    pub coordinator_prompt: S<String>,
    /// The question in the vendor's own voice, for the file sent to a vendor.
    pub vendor_prompt: S<String>,
    /// Who answers it for a coordinator: "vendor" (the default) or "coordinator", who
    /// answers it from public records.
    pub asked_of: S<String>,
    pub help: S<String>,
    pub ask: S<String>,
    pub coordinator_ask: S<String>,
    pub evidence: S<String>,
    pub sources: S<Vec<Spanned<String>>>,
    pub refused: S<String>,
    pub refused_why: S<String>,
    pub allow_na: S<bool>,
    pub allow_refused: S<bool>,
    pub refused_label: S<String>,
    pub unscored: S<bool>,
    pub show_if: S<ShowIf>,
    pub unit: S<String>,
    pub min: S<f64>,
    pub max: S<f64>,
    #[serde(default)]
    pub option: Vec<Spanned<Choice>>,
    #[serde(default)]
    pub band: Vec<Spanned<Band>>,
}

#[derive(Debug, Deserialize)]
pub struct Choice {
    pub id: S<String>,
    pub label: S<String>,
    /// The label in the vendor's own voice, for the file sent to a vendor.
    pub vendor_label: S<String>,
    pub flag: S<String>,
    pub critical: S<bool>,
    pub why: S<String>,
    pub sources: S<Vec<Spanned<String>>>,
    /// What the option means that conditions and rules read with `has`: "human-derived".
    pub traits: S<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
pub struct Band {
    pub min: S<f64>,
    pub max: S<f64>,
    pub flag: S<String>,
    pub critical: S<bool>,
    pub why: S<String>,
    pub sources: S<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
pub struct ShowIf {
    pub question: S<String>,
    pub any_of: S<Vec<Spanned<String>>>,
    /// A trait: the options that carry it make the condition hold.
    pub has: S<String>,
    /// Options that carry the trait but do not count here.
    pub except: S<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
pub struct Source {
    pub id: S<String>,
    pub title: S<String>,
    pub kind: S<String>,
    pub address: S<String>,
    pub date: S<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
pub struct Rule {
    pub id: S<String>,
    pub flag: S<String>,
    pub critical: S<bool>,
    pub why: S<String>,
    pub sources: S<Vec<Spanned<String>>>,
    pub when: S<Vec<Spanned<ShowIf>>>,
}

#[derive(Debug, Deserialize)]
pub struct Migrate {
    pub from: S<String>,
    pub question: S<String>,
    pub option: S<String>,
    pub reask: S<bool>,
    pub why: S<String>,
    pub renamed: S<String>,
}

/// A `[[guide]]` entry: a short piece of the summary that helps a person decide.
#[derive(Debug, Deserialize)]
pub struct Guide {
    pub id: S<String>,
    pub title: S<String>,
    pub text: S<String>,
    pub audience: S<String>,
    pub sources: S<Vec<Spanned<String>>>,
}

/// The whole file, each part kept with the span of its table header.
#[derive(Debug, Default)]
pub struct File {
    pub header: Option<Spanned<Header>>,
    pub scoring: Option<Spanned<Scoring>>,
    pub sections: Vec<Spanned<Section>>,
    pub questions: Vec<Spanned<Question>>,
    pub sources: Vec<Spanned<Source>>,
    pub rules: Vec<Spanned<Rule>>,
    pub migrations: Vec<Spanned<Migrate>>,
    pub guides: Vec<Spanned<Guide>>,
    /// Ids of sections and questions whose tables had type errors, with where
    /// each table starts, so later checks do not also call them missing.
    pub unreadable: std::collections::HashMap<String, usize>,
    /// Top-level keys present, readable or not.
    pub present: std::collections::HashSet<String>,
}
