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
    for command in ["check", "score", "report", "questions"] {
        assert!(page.contains(command), "the manual lacks {command}");
    }
}
