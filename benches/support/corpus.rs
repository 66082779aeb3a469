//! Realistic answers files for the benchmarks: both audiences, careful and risky vendors,
//! answered, refused, not applicable and not asked, numbers and free text, about 2 KB each,
//! mostly as the wizard writes them and some edited by hand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use exovet::answers::{self, Answer, AnswerFile, Answers, Meta};
use exovet::bank::{Audience, Bank, Flag, Kind, NumberSpec};

/// `SplitMix64`: small, fast and deterministic, so every run scores the same files.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x2545_F491_4F6C_DD1D))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next_u64() % n).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut at =
            u32::try_from(self.below(usize::try_from(total.max(1)).unwrap_or(1))).unwrap_or(0);
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return i;
            }
            at -= w;
        }
        weights.len().saturating_sub(1)
    }
}

/// How the vendor tends to answer: the weights of green, amber, red and critical options.
#[derive(Clone, Copy)]
enum Vendor {
    Careful,
    Mixed,
    Risky,
}

impl Vendor {
    /// How often a question goes unanswered because they would not say, in percent.
    fn refuses(self) -> u64 {
        match self {
            Vendor::Careful => 0,
            Vendor::Mixed => 3,
            Vendor::Risky => 8,
        }
    }

    fn weight(self, flag: Flag) -> u32 {
        let [green, amber, red, critical] = match self {
            Vendor::Careful => [88, 11, 1, 0],
            Vendor::Mixed => [55, 33, 9, 3],
            Vendor::Risky => [15, 30, 35, 20],
        };
        match flag {
            Flag::Green => green,
            Flag::Amber => amber,
            Flag::Red => red,
            Flag::Critical => critical,
        }
    }
}

const CLINIC_NAMES: [&str; 16] = [
    "Glow",
    "Radiance",
    "Careful",
    "Evergreen",
    "Clínica Belleza",
    "Dr. O'Neil",
    "Müller",
    "Northside",
    "Lumière",
    "Harbor",
    "Pacific Regenerative",
    "Summit",
    "Bright Path",
    "Nová Kůže",
    "Sunrise \"Premium\"",
    "Willow",
];

const CLINIC_KINDS: [&str; 8] = [
    "Med Spa",
    "Biologics",
    "Aesthetics",
    "Wellness Center",
    "Dermatology",
    "Regenerative Clinic",
    "Labs GmbH",
    "Skin Studio",
];

const NOTE_SENTENCES: [&str; 24] = [
    "Spoke to the front desk on the phone; they promised to email the certificate of analysis.",
    "The nurse said the vials come from a lab in Arizona but could not name the manufacturer.",
    "Brochure claims the treatment \"reverses ageing\" and \"regrows hair\" with no citations.",
    "They offered a 20% discount if I book three sessions today.",
    "Asked twice about the lot number; they changed the subject both times.",
    "The doctor was friendly and took time to explain the risks of microneedling.",
    "Price quoted by text message, not on paper.",
    "Consent form mentions exosomes as a cosmetic serum only.",
    "Vendor rep sent a PDF with a GMP logo but no certificate number.",
    "Follow up: ask for the sterility and endotoxin results for the current lot.",
    "Clinic website lists an IRB-approved study; the number did not match ClinicalTrials.gov.",
    "Stored in a small fridge in the treatment room, not a pharmacy freezer.",
    "Shipped on dry ice according to the invoice they showed me.",
    "Manager said the FDA \"doesn't regulate\" exosomes, which is not right.",
    "My sister had the same treatment there in March; mild redness for two days.",
    "They could not say what happens if I have a reaction after hours.",
    "Independent lab report from 2024 covers a different product line.",
    "Réception très aimable; le médecin a répondu à toutes mes questions.",
    "Second visit: the supervising physician is only on site on Tuesdays.",
    "Written estimate received, $1,450 per session, three sessions advised.",
    "No one asked about my medications or whether I am pregnant.",
    "They use the product right after microneedling, on broken skin.",
    "Rep offered \"research use only\" vials for a lower price — red flag.",
    "Overall they answered clearly, but the paperwork was thin.",
];

const PRODUCT_DETAILS: [&str; 8] = [
    "Brand X, lot 42, 5 mL vial",
    "ExoGlow Serum, lot EG-2291, expiry 2027-03",
    "\"Regen Pro\" by an unnamed lab; no lot number given",
    "Product name only: Lumina Exo",
    "AlloExo 10B particles/mL, lot A-77, made in Utah",
    "Unknown — the nurse would not show the box",
    "Celluvie exosome booster (ampoule), lot 310",
    "Kit from a Korean distributor, label not in English",
];

/// One answers file as text, the same for the same `seed`.
pub fn answers_file(bank: &Bank, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let audience = if rng.chance(60) {
        Audience::Patient
    } else {
        Audience::Coordinator
    };
    let vendor = *rng.pick(&[Vendor::Careful, Vendor::Mixed, Vendor::Mixed, Vendor::Risky]);
    // How much of the questionnaire was gone through: most, or about two thirds.
    let skip_percent = *rng.pick(&[2, 8, 15, 35]);
    let subject = format!("{} {}", rng.pick(&CLINIC_NAMES), rng.pick(&CLINIC_KINDS));
    let mut meta = Meta::new(bank, audience, subject);
    meta.updated = Some(format!(
        "2026-{:02}-{:02}T{:02}:{:02}:00Z",
        1 + rng.below(12),
        1 + rng.below(28),
        8 + rng.below(11),
        rng.below(60)
    ));
    let mut answers = Answers::empty(bank);
    let mut notes = None;
    for id in bank.ids() {
        // Conditions only look back, so the questions shown so far decide this one.
        if !exovet::visible::visible(bank, &answers, audience)[id.0] {
            continue;
        }
        let q = bank.question(id);
        if rng.chance(skip_percent) {
            continue;
        }
        let answer = if rng.chance(vendor.refuses()) {
            Answer::Refused
        } else if q.allow_na && rng.chance(30) {
            Answer::NotApplicable
        } else {
            match &q.kind {
                Kind::Single(choices) => Answer::Choice(pick_choice(&mut rng, vendor, choices)),
                Kind::Multiple(choices) => {
                    let mut picked: Vec<usize> = (0..=rng.below(3))
                        .map(|_| pick_choice(&mut rng, vendor, choices))
                        .collect();
                    picked.sort_unstable();
                    picked.dedup();
                    Answer::Choices(picked)
                }
                Kind::Number(spec) => Answer::Number(number(&mut rng, vendor, spec)),
                Kind::Text if q.id == "notes" => {
                    // Written last, to bring the file to its size.
                    notes = Some(id);
                    continue;
                }
                Kind::Text => Answer::Text((*rng.pick(&PRODUCT_DETAILS)).to_owned()),
            }
        };
        answers.set(id, Some(answer));
    }
    let target = 1650 + rng.below(1100);
    let mut file = AnswerFile::new(meta, answers);
    if let Some(id) = notes {
        let used = answers::to_toml(bank, &file).len();
        file.answers.set(
            id,
            Some(Answer::Text(note(
                &mut rng,
                target.saturating_sub(used + 12),
            ))),
        );
    }
    hand_edited(&mut rng, bank, answers::to_toml(bank, &file), audience)
}

fn pick_choice(rng: &mut Rng, vendor: Vendor, choices: &[exovet::bank::Choice]) -> usize {
    let weights: Vec<u32> = choices.iter().map(|c| vendor.weight(c.flag)).collect();
    rng.weighted(&weights)
}

/// A value in a band drawn by the vendor's weights, mostly round.
fn number(rng: &mut Rng, vendor: Vendor, spec: &NumberSpec) -> f64 {
    let weights: Vec<u32> = spec.bands.iter().map(|b| vendor.weight(b.flag)).collect();
    let (min, max) = spec
        .bands
        .get(rng.weighted(&weights))
        .map_or((spec.min, spec.max), |b| (b.min, b.max));
    // Published prices are mostly under $20,000 even where the band goes higher.
    let max = max.min(min + 20_000.0);
    #[allow(clippy::cast_precision_loss)]
    let v = min + (max - min) * (rng.below(10_000) as f64 / 10_000.0);
    if rng.chance(10) {
        (v * 100.0).round() / 100.0
    } else {
        (v / 50.0).round() * 50.0
    }
}

/// Free-text notes of about `len` bytes.
fn note(rng: &mut Rng, len: usize) -> String {
    let mut out = String::new();
    while out.len() < len.max(40) {
        if !out.is_empty() {
            out.push(if rng.chance(15) { '\n' } else { ' ' });
        }
        let sentence: &&str = rng.pick(&NOTE_SENTENCES);
        out.push_str(sentence);
    }
    out
}

/// Some files were edited by hand: dotted keys without quotes, a comment, an answer to a
/// question this audience is not asked, or an older bank version. They load with warnings.
fn hand_edited(rng: &mut Rng, bank: &Bank, text: String, audience: Audience) -> String {
    let mut text = text;
    if rng.chance(8) {
        text = text
            .lines()
            .map(
                |line| match line.strip_prefix('"').and_then(|l| l.split_once("\" = ")) {
                    Some((key, value)) => format!("{key} = {value}\n"),
                    None => format!("{line}\n"),
                },
            )
            .collect();
    }
    if rng.chance(10) {
        text = text.replacen(
            "[answers]\n",
            "[answers]\n# Checked again with the clinic by phone.\n",
            1,
        );
    }
    if rng.chance(3) {
        // Not asked of this audience: read, then ignored with a warning.
        let other = bank.ids().map(|id| bank.question(id)).find(|q| {
            !q.reach.includes(audience) && q.show_if.is_none() && matches!(q.kind, Kind::Single(_))
        });
        if let Some(q) = other {
            let _ = writeln!(text, "\"{}\" = \"{}\"", q.id, q.kind.choices()[0].id);
        }
    }
    if rng.chance(2) {
        text = text.replacen(
            &format!("bank_version = \"{}\"", bank.version),
            "bank_version = \"0.9.0\"",
            1,
        );
    }
    text
}

/// Writes `count` files into `dir` and returns their paths.
pub fn write(bank: &Bank, dir: &Path, count: usize) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    (0..count)
        .map(|i| {
            let path = dir.join(format!("vendor-{i:05}.toml"));
            std::fs::write(&path, answers_file(bank, i as u64))?;
            Ok(path)
        })
        .collect()
}

/// One realistic file for the single-file figures: mid-sized, with findings of every colour.
pub fn typical(bank: &Bank) -> String {
    (0..200)
        .map(|seed| answers_file(bank, seed))
        .find(|t| (1800..2300).contains(&t.len()) && t.contains("\"refused\""))
        .unwrap_or_else(|| answers_file(bank, 0))
}
