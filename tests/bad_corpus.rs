//! The corpus of bad datasets in `tests/bad/`: each file is run through
//! `nkict validate`, and its exit code and whole output are snapshotted
//! (`tests/snapshots/bad_corpus__NAME.snap`). After a deliberate change to a
//! message: `INSTA_UPDATE=always cargo test --test bad_corpus`, then read
//! the diffs. Every file must fail, without a panic, and print nothing a
//! terminal would act on.

use std::path::Path;

use assert_cmd::Command;

/// Each file of `tests/bad`, by name, in order.
fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/bad")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// What `nkict validate tests/bad/NAME` exits with and prints.
fn validate(name: &str) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_nkict"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["validate", &format!("tests/bad/{name}")])
        .output()
        .expect("nkict runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("nkict prints UTF-8");
    (
        output.status.code().expect("an exit code, not a signal"),
        text(output.stdout),
        text(output.stderr),
    )
}

/// Controls (but line breaks) and bidi overrides: what must never be printed raw.
fn raw_control(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c != '\n' && nkict::terminal_text::needs_escape(c))
}

#[test]
fn the_corpus_is_large_enough() {
    assert!(corpus().len() >= 40, "{} files", corpus().len());
}

#[test]
fn every_bad_dataset_gets_its_message_and_exit_code() {
    for name in corpus() {
        let (code, stdout, stderr) = validate(&name);
        assert_ne!(code, 0, "{name} was accepted:\n{stdout}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(stderr.starts_with("nkict: error: tests/bad/"), "{name}: {stderr}");
        assert_eq!(raw_control(&stderr), None, "{name}: {stderr:?}");
        assert!(stderr.len() < 8_000, "{name}: {} bytes of message", stderr.len());
        let report = format!("exit code: {code}\nstdout:\n{stdout}stderr:\n{stderr}");
        insta::assert_snapshot!(name.trim_end_matches(".json"), report);
    }
}

/// The one-pass reader (`data::fast`) leaves every bad file to the careful
/// loader, which reports it: it never takes one.
#[test]
fn the_one_pass_reader_takes_no_bad_file() {
    struct Count(usize);

    impl<'a> nkict::data::fast::Sink<'a> for Count {
        fn records<R>(
            &mut self,
            _lists: &nkict::data::Dataset,
            checks: &nkict::data::fast::Checks<'_>,
            read: impl FnOnce(&mut dyn FnMut(usize, nkict::data::fast::RecordRef<'a>)) -> R,
        ) -> R {
            let mut checker = checks.checker();
            read(&mut |_, record| self.0 += usize::from(checker.pass(&record)))
        }
    }

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    for name in corpus() {
        let bytes = std::fs::read(dir.join(&name)).expect("a bad file");
        let Ok(text) = nkict::data::load::text_of(&bytes, Path::new(&name)) else {
            continue; // not UTF-8: refused before any reading
        };
        let read = nkict::data::fast::read(text, &mut Count(0));
        assert!(read.is_err(), "{name} was taken");
    }
}

/// A command that reads the data its own way (`list`: the one-pass reader,
/// then the careful loader for a file it does not take) reports each bad
/// file as `validate` does, word for word, with the same exit code.
#[test]
fn every_bad_dataset_gets_the_same_report_from_a_command_as_from_validate() {
    for name in corpus() {
        let (code, _, report) = validate(&name);
        let listed = Command::new(env!("CARGO_BIN_EXE_nkict"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--data", &format!("tests/bad/{name}"), "list"])
            .output()
            .expect("nkict runs");
        assert_eq!(listed.status.code(), Some(code), "{name}");
        assert_eq!(String::from_utf8_lossy(&listed.stderr), report, "{name}");
    }
}
