//! `nkict export -o` meeting what a real file system holds, through the real
//! binary: a folder, a device, a symbolic link, read-only and private files,
//! a read-only folder, a full disk and a kill in the middle of the write.
//! Each ends in the documented behaviour, or exit 1 with a message naming
//! the target; never a temporary file left, never an existing file damaged.
//! (A write failing midway is also tested inside `export::atomic`, whatever
//! the machine allows; the cases here that need privileges say why they
//! skip.)

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::names_in;

/// How many records the fixture holds, as every full export does.
fn fixture_len() -> usize {
    common::fixture().records.len()
}

/// `nkict --data FIXTURE export ARGS`.
fn export(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nkict"));
    command
        .arg("--data")
        .arg(common::fixture_path())
        .arg("export")
        .args(args);
    command
}

/// `nkict export FLAGS -o TARGET`.
fn export_to(target: &Path, flags: &[&str]) -> Output {
    export(flags).arg("-o").arg(target).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Asserts `output` failed with exit 1 and exactly this message.
fn refused_with(output: &Output, message: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), format!("nkict: error: {message}\n"));
}

/// The record ids of a JSON export.
fn ids(json: &[u8]) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_slice(json).expect("a JSON export");
    let records = doc["records"].as_array().expect("records");
    records.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_folder_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("out.json");
    std::fs::create_dir(&folder).unwrap();
    for flags in [&[][..], &["--force"], &["--replace-read-only"]] {
        let output = export_to(&folder, flags);
        refused_with(
            &output,
            &format!(
                "{} is a folder, not a file; give a file's name, or `-o -` for standard output",
                folder.display()
            ),
        );
    }
    assert_eq!(names_in(dir.path()), ["out.json"]);
    assert!(folder.is_dir());
}

/// Runs `program` with `args`; false when it cannot run or fails.
fn made_by(program: &str, args: &[&Path]) -> bool {
    Command::new(program).args(args).status().is_ok_and(|s| s.success())
}

#[test]
fn a_device_or_pipe_is_not_replaced_and_dash_is_standard_output() {
    // Links made here to what /dev/stdout and /dev/null are: a build with
    // the bug would replace these links, never the system's own files.
    let dir = tempfile::tempdir().unwrap();
    let stdout = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).unwrap();
    let null = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    // Standard output is a pipe here; in a terminal it is a character device.
    let output = export_to(&stdout, &["--force"]);
    let hint = "give a file's name, or `-o -` for standard output";
    refused_with(
        &output,
        &format!("{} is a named pipe, not a file; {hint}", stdout.display()),
    );
    assert!(output.stdout.is_empty());
    let output = export_to(&null, &["--replace-read-only"]);
    refused_with(
        &output,
        &format!("{} is a character device, not a file; {hint}", null.display()),
    );
    // The device and the pipe themselves, where they can be made.
    let device = dir.path().join("device");
    let fifo = dir.path().join("fifo");
    if made_by("mknod", &[&device, Path::new("c"), Path::new("1"), Path::new("3")]) {
        let output = export_to(&device, &["--force"]);
        refused_with(
            &output,
            &format!("{} is a character device, not a file; {hint}", device.display()),
        );
    } else {
        eprintln!("skipped a device node: mknod is not permitted here");
    }
    assert!(made_by("mkfifo", &[&fifo]), "mkfifo");
    refused_with(
        &export_to(&fifo, &[]),
        &format!("{} is a named pipe, not a file; {hint}", fifo.display()),
    );
    assert!(std::fs::symlink_metadata(&stdout).unwrap().is_symlink());
    assert!(std::fs::symlink_metadata(&null).unwrap().is_symlink());

    let dash = export_to(Path::new("-"), &["--force"]);
    assert!(dash.status.success(), "{}", text(&dash.stderr));
    let plain = export(&[]).output().unwrap();
    assert_eq!(ids(&dash.stdout), ids(&plain.stdout));
    assert_eq!(ids(&dash.stdout).len(), fixture_len());
}

#[test]
fn a_symbolic_link_is_refused_naming_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("real.json");
    let link = dir.path().join("out.json");
    std::fs::write(&file, "keep me").unwrap();
    let dangling = dir.path().join("dangling.json");
    let nowhere = dir.path().join("nowhere.json");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
    // The link is named first, with or without --force: advice to use
    // --force would only lead to this refusal.
    for (link, target) in [(&link, &file), (&dangling, &nowhere)] {
        for flags in [&[][..], &["--force"], &["--replace-read-only"]] {
            refused_with(
                &export_to(link, flags),
                &format!(
                    "{} is a symbolic link (to {}); nkict does not write through links: give the file itself",
                    link.display(),
                    target.display()
                ),
            );
        }
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(names_in(dir.path()), ["dangling.json", "out.json", "real.json"]);
    // The file itself is written as asked.
    assert!(export_to(&file, &["--force"]).status.success());
    assert_eq!(ids(&std::fs::read(&file).unwrap()).len(), fixture_len());
}

#[test]
fn a_read_only_file_is_replaced_only_with_replace_read_only_and_stays_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.json");
    std::fs::write(&file, "keep me").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused_with(
        &export_to(&file, &["--force"]),
        &format!(
            "{} is read-only; --force does not replace it, --replace-read-only does",
            file.display()
        ),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    assert_eq!(names_in(dir.path()), ["out.json"]);

    let replaced = export_to(&file, &["--replace-read-only"]);
    assert!(replaced.status.success(), "{}", text(&replaced.stderr));
    assert_eq!(ids(&std::fs::read(&file).unwrap()).len(), fixture_len());
    assert_eq!(mode_of(&file), 0o444);
    assert_eq!(names_in(dir.path()), ["out.json"]);
}

#[test]
fn a_replaced_file_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o600, 0o640, 0o664] {
        let file = dir.path().join(format!("out-{mode:o}.json"));
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let output = export_to(&file, &["--force"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert_eq!(mode_of(&file), mode, "{}", file.display());
        assert_eq!(ids(&std::fs::read(&file).unwrap()).len(), fixture_len());
    }
    assert_eq!(names_in(dir.path()), ["out-600.json", "out-640.json", "out-664.json"]);
}

/// The user id this process runs as: the owner of a file it creates.
fn own_uid() -> u32 {
    tempfile::tempfile().unwrap().metadata().unwrap().uid()
}

#[test]
fn a_read_only_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    let existing = folder.join("out.json");
    std::fs::write(&existing, "keep me").unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut command = export(&["--force", "-o"]);
    command.arg(&existing);
    if own_uid() == 0 {
        // Root writes anywhere: run as nobody (65534), as a user would.
        command.uid(65534).gid(65534);
    } else if std::fs::File::create(folder.join("probe")).is_ok() {
        eprintln!("skipped: this user may write in a read-only folder (CAP_DAC_OVERRIDE)");
        return;
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(err) => {
            eprintln!("skipped: cannot run nkict as another user: {err}");
            return;
        }
    };
    if text(&output.stderr).contains("fixtures") {
        eprintln!(
            "skipped: the unprivileged user cannot read the fixture: {}",
            text(&output.stderr)
        );
        return;
    }
    refused_with(
        &output,
        &format!("cannot write {}: Permission denied (os error 13)", existing.display()),
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    assert_eq!(names_in(&folder), ["out.json"]);
}

#[test]
fn a_full_file_system_keeps_the_old_file_and_leaves_nothing() {
    // A 16 KiB tmpfs in a mount namespace of its own, holding the file to
    // replace; the export of the fixture (25 KB) does not fit.
    let dir = tempfile::tempdir().unwrap();
    let script = r#"
        mount -t tmpfs -o size=16k tmpfs "$1" || exit 99
        echo "keep me" > "$1/out.json"
        "$0" --data "$2" export --force -o "$1/out.json"
        echo "exit $?"
        ls -A "$1"
        cat "$1/out.json"
    "#;
    let output = Command::new("unshare")
        .args(["--mount", "sh", "-c", script])
        .arg(env!("CARGO_BIN_EXE_nkict"))
        .arg(dir.path())
        .arg(common::fixture_path())
        .output();
    let output = match output {
        Ok(output) if output.status.code() != Some(99) && output.status.success() => output,
        Ok(output) => {
            eprintln!("skipped: no tmpfs can be mounted here: {}", text(&output.stderr));
            return;
        }
        Err(err) => {
            eprintln!("skipped: unshare cannot run: {err}");
            return;
        }
    };
    let target = dir.path().join("out.json");
    assert_eq!(
        text(&output.stderr),
        format!(
            "nkict: error: cannot write {}: No space left on device (os error 28)\n",
            target.display()
        )
    );
    assert_eq!(text(&output.stdout), "exit 1\nout.json\nkeep me\n");
}

/// A dataset of `count` records, each quote made longer, so that writing
/// its export takes a while.
fn large_dataset(dir: &Path, count: usize) -> PathBuf {
    let filler = " and so on".repeat(100);
    let doc = common::fixture_grown_to(count, |_, record| {
        record["quote"] = format!("{}{filler}", record["quote"].as_str().unwrap()).into();
    });
    let path = dir.join("large.json");
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    path
}

/// Whether `dir` holds an export's temporary file.
fn temp_file_in(dir: &Path) -> bool {
    names_in(dir).iter().any(|name| name.starts_with(".nkict-export-"))
}

/// The number of the signal named `name`.
fn number_of(name: &str) -> i32 {
    match name {
        "TERM" => 15,
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        _ => unreachable!("{name}"),
    }
}

#[test]
fn a_kill_during_the_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = large_dataset(dir.path(), 10_000);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("out.json");
    std::fs::write(&target, "keep me").unwrap();
    // The temporary file lives some tens of milliseconds: the signal is
    // sent as soon as it shows. Should the export finish first on a fast
    // machine, that signal is tried again (the file is replaced each time).
    let mut pending = vec!["TERM", "HUP", "INT", "QUIT"];
    for attempt in 0..20 {
        let Some(&signal) = pending.first() else {
            return;
        };
        // No core file from SIGQUIT, wherever the system would put it.
        let mut child = Command::new("sh")
            .args(["-c", r#"ulimit -c 0; exec "$0" --data "$1" export --force -o "$2""#])
            .arg(env!("CARGO_BIN_EXE_nkict"))
            .arg(&data)
            .arg(&target)
            .current_dir(dir.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        while !temp_file_in(out.path()) && child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "the export neither wrote nor ended");
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status();
        let status = child.wait().unwrap();
        assert_eq!(names_in(out.path()), ["out.json"], "attempt {attempt}, SIG{signal}");
        let kept = std::fs::read(&target).unwrap();
        assert!(kept == b"keep me" || ids(&kept).len() == 10_000, "never half a file");
        if status.signal().is_some() {
            // Ended by the signal itself, as a shell reports it: 128 + its number.
            assert_eq!(status.signal(), Some(number_of(signal)), "{status:?}");
            pending.remove(0);
        }
    }
    panic!("SIG{pending:?} never came while the temporary file existed");
}

/// The dashboard exporting its whole view over what `prepare` puts at the
/// name it proposes (`nkict_all.json`), answering `answer` to whether to
/// replace it: the footer's message, and the path.
fn dashboard_export_over(prepare: impl FnOnce(&Path), answer: &str) -> (String, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nkict_all.json");
    prepare(&path);
    let mut app = common::app();
    app.export_dir = dir.path().to_owned();
    common::press(&mut app, "e");
    common::enter(&mut app);
    common::press(&mut app, answer);
    let message = app.message.as_ref().expect("a message").text.clone();
    (message, path, dir)
}

#[test]
fn the_dashboards_export_keeps_permissions_and_refuses_what_the_command_line_does() {
    let (message, path, dir) = dashboard_export_over(
        |path| {
            std::fs::write(path, "old").unwrap();
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
        },
        "y",
    );
    assert!(message.starts_with("Exported"), "{message}");
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(ids(&std::fs::read(&path).unwrap()).len(), fixture_len());
    assert_eq!(names_in(dir.path()), ["nkict_all.json"]);

    let (message, path, dir) = dashboard_export_over(
        |path| {
            std::fs::write(path, "keep me").unwrap();
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
        },
        "y",
    );
    assert_eq!(message, format!("Export failed: {} is read-only", path.display()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    assert_eq!(names_in(dir.path()), ["nkict_all.json"]);

    // A link is refused at once: no question whose `y` would be refused.
    let (message, path, dir) = dashboard_export_over(
        |path| {
            std::os::unix::fs::symlink("elsewhere.json", path).unwrap();
        },
        "",
    );
    assert_eq!(
        message,
        format!(
            "Export failed: {} is a symbolic link (to elsewhere.json); nkict does not write through links: \
             give the file itself",
            path.display()
        )
    );
    assert_eq!(names_in(dir.path()), ["nkict_all.json"]);
}

#[test]
fn an_existing_file_is_refused_before_the_dataset_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "keep me").unwrap();
    // A dataset that does not load: refused for the file first, unread.
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_nkict"))
        .args(["--data", missing, "export", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    refused_with(
        &output,
        &format!("{} already exists; use --force to replace it", out.display()),
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}
