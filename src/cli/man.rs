//! `exovet man`: one manual page with every command, the wizard's keys, exit status, environment and the files exovet writes; it names no other page.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap_mangen::Man;

use crate::output;

/// Print the manual page (roff): exovet man > ~/.local/share/man/man1/exovet.1
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    output::print(&page()?)?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page, in roff.
fn page() -> std::io::Result<String> {
    let command = super::Cli::command();
    let man = Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    out.extend_from_slice(DESCRIPTION.as_bytes());
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        command_section(sub, &mut out)?;
    }
    out.extend_from_slice(keys().as_bytes());
    out.extend_from_slice(examples().as_bytes());
    for section in [EXIT_STATUS, ENVIRONMENT, FILES] {
        out.extend_from_slice(section.as_bytes());
    }
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A command as a subsection of COMMANDS: how it is typed, what it does, its options.
fn command_section(sub: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let name = format!("exovet {}", sub.get_name());
    let usage = sub.clone().bin_name(&name).render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    out.extend_from_slice(format!(".SS \"{}\"\n", escape(&name)).as_bytes());
    out.extend_from_slice(format!(".B {}\n", escape(usage)).as_bytes());
    if let Some(about) = sub.get_about() {
        out.extend_from_slice(format!(".PP\n{}\n", escape(&about.to_string())).as_bytes());
    }
    let mut options = Vec::new();
    Man::new(sub.clone()).render_options_section(&mut options)?;
    // Its options under its own name, not as a second OPTIONS section of the page.
    let options = String::from_utf8_lossy(&options).replace(".SH OPTIONS\n", "");
    out.extend_from_slice(options.as_bytes());
    Ok(())
}

/// Text made safe for a roff line: a backslash, a leading dot or quote, and hyphens.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

const DESCRIPTION: &str = r".SH DESCRIPTION
Without a command, exovet asks the questions of its question bank one at a
time, full screen, saving the answers after every change, and ends on a
green, amber or red verdict with every reason and the questions still to ask.
The commands below score saved answers, print summaries and the blank
questionnaire, say what changed between two assessments, and check a
question bank.
.PP
Not medical advice. No exosome product is FDA\-approved: a green verdict means
transparent, lower\-risk and the important questions asked, never approved or
proven safe.
";

/// The keys of the full screen, from README.md's table, so the two never disagree.
const README: &str = include_str!("../../README.md");

/// The KEYS section: README.md's key table, then the plain mode's keys.
fn keys() -> String {
    let mut out = String::from(".SH KEYS\nIn the full\\-screen questionnaire:\n");
    for (key, does) in key_table(README) {
        let _ = write!(out, ".TP\n.B {}\n{}\n", escape(&key), escape(&does));
    }
    out.push_str(PLAIN_KEYS);
    out
}

/// The rows of the first Markdown table headed `| key | does |`, without backticks.
fn key_table(markdown: &str) -> Vec<(String, String)> {
    markdown
        .lines()
        .skip_while(|l| l.trim() != "| key | does |")
        .skip(2)
        .map_while(|l| l.trim().strip_prefix('|')?.strip_suffix('|'))
        .filter_map(|row| {
            let (key, does) = row.split_once(" | ")?;
            Some((key.trim().replace('`', ""), does.trim().replace('`', "")))
        })
        .collect()
}

const PLAIN_KEYS: &str = r".PP
With
.BR \-\-plain ,
each question is a numbered prompt: type an option's number, Enter keeps the
current answer,
.B <
goes back,
.B ?
explains,
.B n
and
.B r
mark not asked and refused, and
.B q
saves and leaves.
";

/// The examples `--help` gives ([`super::EXAMPLES`]), each a command and what it does.
fn examples() -> String {
    super::EXAMPLES.iter().fold(
        String::from(".SH EXAMPLES\n"),
        |mut out, (command, what)| {
            let _ = writeln!(out, ".TP\n.B {}\n{}", escape(command), escape(what));
            out
        },
    )
}

const EXIT_STATUS: &str = r".SH EXIT STATUS
.TP
.B 0
Done. Also when the reader of the output went away (exovet ... | head).
.TP
.B 1
A verdict reached the level given with \-\-fail\-on.
.TP
.B 2
Bad input or usage: a file that cannot be read, a bank or answers file with
mistakes, an output that cannot be written, an option that means nothing
where it is given. The message names the file, the line and column where
there is one, and what to do.
";

const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
.B NO_COLOR
When set and not empty, no colour: verdicts are words and symbols anyway.
.B \-\-color always
(with any command) overrides it.
.TP
.B ACCESSIBLE
When set, and neither empty nor 0, the questionnaire is asked as numbered
line prompts, as with \-\-plain.
.TP
.B TERM
.B dumb
asks the questionnaire as line prompts and turns colour off.
.TP
.B EXOVET_TODAY
A date, YYYY\-MM\-DD, taken as today when telling whether the question bank is
past its review date, which every verdict and summary then says.
.TP
.B EXOVET_HYPERLINKS
1: web addresses on the full screen are links the terminal opens (OSC 8); 0:
never. Unset, exovet makes them links in the terminals that say which they are
(VTE_VERSION, KITTY_WINDOW_ID, WT_SESSION, KONSOLE_VERSION, TERM_PROGRAM such as
iTerm.app, WezTerm or vscode). An address wider than the screen is cut with
\[u2026] and never broken onto the next line; the summary has it whole.
";

const FILES: &str = r".SH FILES
.TP
.I exovet\-NAME.toml
The answers, in the current folder, named after who is vetted (or the file
given with \-\-answers). It exists from the first question and is saved whole
after every change; a new one is readable by its owner only. While saving, a
temporary
.I .NAME.PID.N.tmp
sits beside it.
.TP
.I OUT
What \-o names: a summary, questionnaire or scores, written whole or not at
all, no more readable than the answers and bank it is made from, and never
over one of them.
";

#[cfg(test)]
mod tests {
    /// Each example is a command line exovet takes as written.
    #[test]
    fn every_example_parses() {
        use clap::Parser as _;
        for (command, _) in super::super::EXAMPLES {
            let args = command.split_whitespace();
            assert!(
                super::super::Cli::try_parse_from(args).is_ok(),
                "{command}: {:?}",
                super::super::Cli::try_parse_from(command.split_whitespace()).err()
            );
        }
        let page = super::page().unwrap();
        assert!(page.contains(".SH EXAMPLES\n.TP\n.B exovet\n"), "{page}");
    }

    use super::*;

    #[test]
    fn the_keys_are_the_readmes() {
        let keys = key_table(README);
        assert!(keys.len() >= 10, "{keys:?}");
        assert_eq!(keys[0].0, "↑ ↓ (or k j)");
        assert!(
            keys.iter()
                .any(|(k, d)| k == "q or Esc" && d.starts_with("leave"))
        );
        let table = "text\n| key | does |\n|---|---|\n| `a` | does a |\n| b | does b |\n\nafter\n| c | d |\n";
        assert_eq!(
            key_table(table),
            [("a".into(), "does a".into()), ("b".into(), "does b".into())]
        );
    }

    #[test]
    fn roff_control_characters_are_escaped() {
        assert_eq!(escape("--bank"), "\\-\\-bank");
        assert_eq!(escape(".hidden"), "\\&.hidden");
        assert_eq!(escape("a\\b"), "a\\eb");
    }
}
