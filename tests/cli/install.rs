//! What an installed exovet brings along: shell completions and the manual page, generated from the command-line definition.

use crate::stdout_of;

#[test]
fn completions_know_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(["completions", shell]);
        for command in ["check", "score", "report", "questions"] {
            assert!(
                script.contains(command),
                "{shell} completions lack {command}"
            );
        }
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exovet.bash");
    std::fs::write(&path, stdout_of(["completions", "bash"])).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let page = stdout_of(["man"]);
    assert!(page.contains(".TH exovet 1"), "{page}");
    for command in [
        "check",
        "score",
        "report",
        "questions",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"exovet {command}\"")),
            "the manual lacks a section on {command}"
        );
    }
}

/// What a manual page is opened for: how exovet ends, what in the environment changes it,
/// the wizard's keys and the files it writes; and no page named that is not there.
#[test]
fn the_manual_page_has_exit_status_environment_keys_and_files() {
    let page = stdout_of(["man"]);
    for section in [
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "the manual lacks {section}");
    }
    let section = |name: &str| {
        let start = page.find(&format!(".SH {name}\n")).unwrap();
        let rest = &page[start + 4..];
        rest[..rest.find(".SH ").unwrap_or(rest.len())].to_owned()
    };
    let environment = section("ENVIRONMENT");
    for variable in ["NO_COLOR", "ACCESSIBLE", "TERM", "EXOVET_TODAY"] {
        assert!(
            environment.contains(&format!(".B {variable}\n")),
            "{environment}"
        );
    }
    let exit = section("EXIT STATUS");
    for code in [".B 0\n", ".B 1\n", ".B 2\n"] {
        assert!(exit.contains(code), "{exit}");
    }
    let keys = section("KEYS");
    // The README's table of keys, row by row.
    for key in [
        ".B Enter\n",
        ".B Space\n",
        ".B Ctrl\\-Z\n",
        ".B n\n",
        ".B r\n",
        ".B q or Esc\n",
    ] {
        assert!(keys.contains(key), "{key}: {keys}");
    }
    assert!(section("FILES").contains("exovet\\-NAME.toml"));
    // No other page is named: there is only this one.
    assert!(!page.contains("(1)"), "{page}");
    // --bank only under the commands that read a bank; --color goes with every command.
    let command = |name: &str| {
        let start = page.find(&format!(".SS \"exovet {name}\"")).unwrap();
        let rest = &page[start + 4..];
        rest[..rest.find(".S").unwrap_or(rest.len())].to_owned()
    };
    for name in ["score", "report", "questions"] {
        assert!(command(name).contains("\\-\\-bank"), "{name}");
    }
    for name in ["check", "completions", "man"] {
        assert!(!command(name).contains("\\-\\-bank"), "{name}");
    }
    assert!(
        page.contains("\\fB\\-\\-color\\fR \\fI<WHEN>\\fR"),
        "{page}"
    );
}
