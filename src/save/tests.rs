use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use super::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_replaces_the_file_whole_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    answers(&path, "one").unwrap();
    answers(&path, "two").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
    assert_eq!(names(dir.path()), ["a.toml"]);
}

#[test]
fn new_answers_are_private_and_a_saved_file_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    answers(&path, "new").unwrap();
    assert_eq!(mode(&path), 0o600);
    for kept in [0o600, 0o640, 0o604] {
        std::fs::set_permissions(&path, Permissions::from_mode(kept)).unwrap();
        answers(&path, "again").unwrap();
        assert_eq!(mode(&path), kept);
    }
}

#[test]
fn a_saved_file_keeps_its_owner_and_group_where_the_system_allows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    answers(&path, "one").unwrap();
    // Only root may give a file away; elsewhere there is nothing to check.
    if std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_err() {
        return;
    }
    std::fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
    answers(&path, "two").unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o777),
        (4321, 4321, 0o640)
    );
}

#[test]
fn an_output_is_no_more_readable_than_what_it_is_made_from() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.toml");
    let shared = dir.path().join("shared.toml");
    std::fs::write(&private, "").unwrap();
    std::fs::write(&shared, "").unwrap();
    std::fs::set_permissions(&private, Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(&shared, Permissions::from_mode(0o644)).unwrap();
    let from = |path| {
        [Input {
            path,
            what: "answers file",
        }]
    };
    let out = dir.path().join("out.html");
    output(&out, "x", &from(&private)).unwrap();
    assert_eq!(mode(&out), 0o600);
    // An output that was readable by all loses that when made from private answers again.
    std::fs::set_permissions(&out, Permissions::from_mode(0o644)).unwrap();
    output(&out, "x", &from(&private)).unwrap();
    assert_eq!(mode(&out), 0o600);
    // From shared answers an existing output keeps its mode, less what the answers do not allow.
    for (before, after) in [(0o644, 0o644), (0o600, 0o600), (0o666, 0o644)] {
        std::fs::set_permissions(&out, Permissions::from_mode(before)).unwrap();
        output(&out, "x", &from(&shared)).unwrap();
        assert_eq!(mode(&out), after, "{before:o}");
    }
}

#[test]
fn a_symbolic_link_is_saved_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("answers.toml");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("real/answers.toml", &link).unwrap();
    answers(&link, "new").unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    assert_eq!(names(&real_dir), ["answers.toml"], "temp beside the target");
    // A link to a file not made yet makes the file.
    let dangling = dir.path().join("dangling.toml");
    std::os::unix::fs::symlink("real/later.toml", &dangling).unwrap();
    answers(&dangling, "later").unwrap();
    assert_eq!(
        std::fs::read_to_string(real_dir.join("later.toml")).unwrap(),
        "later"
    );
    assert_eq!(mode(&real_dir.join("later.toml")), 0o600);
}

#[test]
fn an_output_never_replaces_a_file_it_is_made_from_under_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.toml");
    std::fs::write(&input, "answers").unwrap();
    let hard = dir.path().join("hard.toml");
    std::fs::hard_link(&input, &hard).unwrap();
    let soft = dir.path().join("soft.toml");
    std::os::unix::fs::symlink("a.toml", &soft).unwrap();
    let dotted = dir.path().join(".").join("a.toml");
    for out in [&input, &hard, &soft, &dotted] {
        let err = output(
            out,
            "summary",
            &[Input {
                path: &input,
                what: "answers file",
            }],
        )
        .unwrap_err();
        assert!(matches!(err, SaveError::IsInput("answers file")), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "answers");
}

#[test]
fn a_folder_a_disk_and_for_answers_a_fifo_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        output(dir.path(), "x", &[]).unwrap_err(),
        SaveError::Folder
    ));
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let err = output(&socket, "x", &[]).unwrap_err();
    assert!(matches!(err, SaveError::NotAFile("a socket")), "{err}");
    // A disk device of the test's own (root only), never opened: refused from its type.
    let disk = dir.path().join("disk");
    let made = std::process::Command::new("mknod")
        .arg(&disk)
        .args(["b", "7", "250"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let err = output(&disk, "x", &[]).unwrap_err();
        assert_eq!(err.to_string(), "it is a disk device, not a file");
        assert!(
            std::fs::metadata(&disk)
                .unwrap()
                .file_type()
                .is_block_device()
        );
    }
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let err = answers(&fifo, "x").unwrap_err();
        assert!(matches!(err, SaveError::NotAFile(_)), "{err}");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}

#[test]
fn answers_exovet_could_not_read_back_are_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    answers(&path, "small").unwrap();
    let big = "x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap() + 1);
    let err = answers(&path, &big).unwrap_err();
    assert!(
        err.to_string()
            .contains("over exovet's limit of 4194304 bytes (4 MiB)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "small");
}

#[test]
fn a_new_answers_file_does_not_replace_one_that_appears_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let (tmp, _) = temp::create(&path, 0o600).unwrap();
    std::fs::write(&path, "someone else's").unwrap();
    assert!(matches!(
        create_new(&tmp, &path).unwrap_err(),
        SaveError::Exists
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "someone else's");
}

#[test]
fn a_character_device_is_written_into_and_stays_a_device() {
    let dev_null = Path::new("/dev/null");
    if !dev_null.exists() {
        return;
    }
    output(dev_null, "nothing", &[]).unwrap();
    assert!(
        std::fs::symlink_metadata(dev_null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    let dev_full = Path::new("/dev/full");
    if dev_full.exists() {
        let err = output(dev_full, "x", &[]).unwrap_err();
        assert_eq!(err.to_string(), "no space left on device");
        assert_eq!(err.io_kind(), Some(io::ErrorKind::StorageFull));
    }
}
