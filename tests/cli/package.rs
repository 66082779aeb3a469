//! Issue 22: what a person installs without Rust. `scripts/package.sh` builds the static
//! binary's tarball and the Debian package; the package is unpacked into a scratch root
//! (`dpkg-deb -x`: nothing on this machine outside it changes) and run from there, and the
//! tarball's binary is static and runs from an empty folder with `HOME` unset.
//!
//! Needs the musl target, cargo-deb, dpkg-deb, `file` and `man`. Without them the test says
//! so on stderr and passes, unless `EXOVET_REQUIRE_TOOLS=1` (`.ci/run`), when it fails.
//! It builds into its own target folder (`target/package-build`), never waiting on the
//! `cargo test` that runs it.

use std::process::Command;

use crate::{needs, on_path, root};

const TARGET: &str = "x86_64-unknown-linux-musl";

fn ready() -> bool {
    let test = "the packaging test (tests/cli/package.rs)";
    needs(
        "musl",
        test,
        "the x86_64-unknown-linux-musl target",
        "install: rustup target add x86_64-unknown-linux-musl",
        || {
            Command::new("rustup")
                .args(["target", "list", "--installed"])
                .output()
                .is_ok_and(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .any(|l| l == TARGET)
                })
        },
    ) && needs(
        "cargo-deb",
        test,
        "cargo-deb",
        "install: cargo install cargo-deb --locked",
        || {
            Command::new("cargo")
                .args(["deb", "--version"])
                .output()
                .is_ok_and(|o| o.status.success())
        },
    ) && needs(
        "package-tools",
        test,
        "dpkg-deb, file, man and musl-gcc",
        "install: apt-get install -y dpkg file man-db musl-tools",
        || on_path("dpkg-deb") && on_path("file") && on_path("man") && on_path("musl-gcc"),
    )
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_packages_install_and_run_without_rust() {
    if !ready() {
        return;
    }
    let version = env!("CARGO_PKG_VERSION");
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    run(Command::new(root().join("scripts/package.sh"))
        .arg(&dist)
        .env("CARGO_TARGET_DIR", root().join("target/package-build"))
        .current_dir(root()));

    // The tarball: its SHA-256 checks, and it holds what the issue lists.
    let name = format!("exovet-{version}-{TARGET}");
    let tarball = format!("{name}.tar.gz");
    run(Command::new("sha256sum")
        .args(["-c", &format!("{tarball}.sha256")])
        .current_dir(&dist));
    let listed = run(Command::new("tar").arg("-tzf").arg(dist.join(&tarball)));
    for file in [
        "exovet",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "exovet.1",
        "completions/exovet.bash",
        "completions/_exovet",
        "completions/exovet.fish",
    ] {
        assert!(
            listed.contains(&format!("{name}/{file}\n")),
            "{file} not in:\n{listed}"
        );
    }
    let unpacked = dir.path().join("tar");
    std::fs::create_dir(&unpacked).unwrap();
    run(Command::new("tar")
        .arg("-xzf")
        .arg(dist.join(&tarball))
        .current_dir(&unpacked));
    let binary = unpacked.join(&name).join("exovet");
    let kind = run(Command::new("file").arg(&binary));
    assert!(
        kind.contains("statically linked") || kind.contains("static-pie linked"),
        "{kind}"
    );
    assert!(!kind.contains("not stripped"), "{kind}");
    // From an empty folder, with HOME unset: the bank is inside the binary.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let example = root().join("docs/examples/careful-vendor.toml");
    let scored = run(Command::new(&binary)
        .args(["score", "--format", "json"])
        .arg(&example)
        .env_remove("HOME")
        .current_dir(&empty));
    assert!(scored.contains("\"verdict\""), "{scored}");
    assert_eq!(
        std::fs::read_dir(&empty).unwrap().count(),
        0,
        "it wrote into the folder"
    );

    // The Debian package, unpacked into a scratch root and run from there.
    let deb = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb");
    let fields = run(Command::new("dpkg-deb").arg("--field").arg(&deb));
    assert!(fields.contains(&format!("Version: {version}")), "{fields}");
    assert!(fields.contains("Package: exovet"), "{fields}");
    // Static: it depends on nothing.
    assert!(!fields.contains("Depends:"), "{fields}");
    let scratch = dir.path().join("root");
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&scratch));
    let installed = scratch.join("usr/bin/exovet");
    assert_eq!(
        run(Command::new(&installed).arg("--version")).trim(),
        format!("exovet {version}")
    );
    let text = run(Command::new(&installed).arg("score").arg(&example));
    assert!(text.contains("Verdict:"), "{text}");
    for file in [
        "usr/share/man/man1/exovet.1.gz",
        "usr/share/bash-completion/completions/exovet",
        "usr/share/zsh/vendor-completions/_exovet",
        "usr/share/fish/vendor_completions.d/exovet.fish",
        "usr/share/doc/exovet/README.md",
        "usr/share/doc/exovet/copyright",
        "usr/share/doc/exovet/docs/verdict-rules.md",
    ] {
        assert!(scratch.join(file).is_file(), "{file} not in the package");
    }
    let page = run(Command::new("man")
        .arg("-l")
        .arg(scratch.join("usr/share/man/man1/exovet.1.gz"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80"));
    assert!(
        page.contains("EXAMPLES") || page.contains("Examples"),
        "{page}"
    );
    assert!(page.contains("exovet score"), "{page}");
    let completion =
        std::fs::read_to_string(scratch.join("usr/share/bash-completion/completions/exovet"))
            .unwrap();
    assert!(completion.contains("_exovet"), "{completion}");
}
