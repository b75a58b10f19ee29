//! Other programs read the exports as they are: pandas (`read_csv`,
//! `read_json(lines=True)`, no options), the `frictionless` validator (the
//! Data Package, and a broken copy of it), and R's `read.csv` where R is
//! installed.
//!
//! pandas and frictionless live in a virtual environment under the target
//! folder (`target/tmp/python-interop`). Installing it takes about a minute
//! and needs the package index; the first `cargo test` does it. Once
//! installed, every `cargo test` uses it (a few seconds). Offline, or with
//! `NKICT_PYTHON_TESTS=0`, each test prints why it did not run and passes.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// What the environment holds, and a mark that it was installed whole.
const REQUIREMENTS: &[&str] = &["pandas>=2.2,<4", "frictionless>=5.18,<6"];

fn venv_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("python-interop")
}

fn bin(name: &str) -> PathBuf {
    venv_dir().join("bin").join(name)
}

/// The environment's Python, installed on first use when allowed; else why
/// the tests that need it cannot run.
fn python() -> Result<PathBuf, String> {
    static READY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    READY.get_or_init(prepare).clone()
}

fn prepare() -> Result<PathBuf, String> {
    let marker = venv_dir().join("nkict-requirements.txt");
    let wanted = REQUIREMENTS.join("\n");
    if std::fs::read_to_string(&marker).is_ok_and(|found| found == wanted) {
        return Ok(bin("python"));
    }
    if std::env::var_os("NKICT_PYTHON_TESTS").is_some_and(|v| v == "0") {
        return Err(format!(
            "NKICT_PYTHON_TESTS=0: pandas and frictionless are not installed in {}",
            venv_dir().display()
        ));
    }
    run_setup(Command::new("python3").args(["-m", "venv", "--clear"]).arg(venv_dir()))?;
    let pip = Command::new(bin("pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--timeout",
            "10",
            "--retries",
            "0",
        ])
        .args(REQUIREMENTS)
        .output();
    run_setup_output(pip, "pip install")?;
    std::fs::write(&marker, wanted).map_err(|err| format!("cannot write {}: {err}", marker.display()))?;
    Ok(bin("python"))
}

fn run_setup(command: &mut Command) -> Result<(), String> {
    let what = format!("{command:?}");
    run_setup_output(command.output(), &what)
}

fn run_setup_output(output: std::io::Result<Output>, what: &str) -> Result<(), String> {
    match output {
        Err(err) => Err(format!("{what} could not start: {err}")),
        Ok(out) if !out.status.success() => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let last = stderr
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("no message");
            Err(format!("{what} failed (offline?): {last}"))
        }
        Ok(_) => Ok(()),
    }
}

/// Runs `test` with the environment's Python, or says why it cannot.
fn with_python(test: &str, run: impl FnOnce(&Path)) {
    match python() {
        Ok(python) => run(&python),
        Err(reason) => eprintln!("skipped {test}: {reason}"),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Writes an export of `dataset` to `dir/name` with the real binary.
fn export(dataset: Option<&Path>, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut command = Command::new(env!("CARGO_BIN_EXE_nkict"));
    if let Some(dataset) = dataset {
        command.arg("--data").arg(dataset);
    }
    let out = command.arg("export").arg("-o").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

/// Runs a Python script with arguments; its standard output, or a failure
/// with everything it said.
fn run_python(python: &Path, script: &str, args: &[&Path]) -> String {
    let out = Command::new(python).arg("-c").arg(script).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the script failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// What the README's snippets do, with checks of what they read, worked out
/// by hand from `tests/fixtures/small.json`.
const PANDAS: &str = r#"
import json, sys
import pandas as pd

csv_path, jsonl_path, json_path = sys.argv[1:4]
df = pd.read_csv(csv_path)
lines = pd.read_json(jsonl_path, lines=True)
with open(json_path, encoding="utf-8") as f:
    records = pd.DataFrame(json.load(f)["records"])

assert df.columns[0] == "id", df.columns[0]          # no byte order mark glued on
assert len(df.columns) == 32 and len(df) == 36, df.shape
pd.testing.assert_frame_equal(df, lines, check_dtype=False)
assert list(records["id"]) == list(df["id"])
for frame in (df, lines):
    dates = [c for c, t in frame.dtypes.items() if "datetime" in str(t)]
    assert not dates, dates

rows = df.set_index("id")
assert rows.loc["subscribers-2011", "start"] == "2011-06"
assert rows.loc["subscribers-2011", "low"] == 200000 and rows.loc["subscribers-2011", "high"] == 300000
assert pd.isna(rows.loc["subscribers-2011", "value"])
assert rows.loc["cable-length-2005", "value"] == 1234
assert rows.loc["cable-length-2005", "unit"] == "km"
assert rows.loc["programmers-thousands", "vague"] == True
assert rows.loc["programmers-thousands", "amount_text"] == "thousands"
assert rows.loc["network-name", "quote"] == "가입자들은 이 망을 예시망이라고 부른다."
assert rows.loc["satellite-station", "date_precision"] == "year"
assert rows.loc["satellite-station", "end"] == "1989"
assert df["vague"].dtype == bool and df["time_approximate"].dtype == bool
assert (df["dataset_citation"] == "nkict tests, nkict test fixture, version 1").all()
print(len(df))
"#;

#[test]
fn pandas_reads_the_csv_and_json_exports_without_options() {
    with_python("pandas_reads_the_csv_and_json_exports_without_options", |python| {
        let dir = tempfile::tempdir().unwrap();
        let small = fixture("small.json");
        let csv = export(Some(&small), dir.path(), "view.csv");
        let jsonl = export(Some(&small), dir.path(), "view.jsonl");
        let json = export(Some(&small), dir.path(), "view.json");
        assert_eq!(run_python(python, PANDAS, &[&csv, &jsonl, &json]).trim(), "36");
    });
}

/// `frictionless validate --json` on `package`: whether it is valid, and
/// each error's type and note.
fn validate(package: &Path) -> (bool, Vec<(String, String)>) {
    let out = Command::new(bin("frictionless"))
        .args(["validate", "--json"])
        .arg(package)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(&out.stderr)));
    let errors = report["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|task| task["errors"].as_array().unwrap())
        .map(|e| {
            (
                e["type"].as_str().unwrap().to_owned(),
                e["note"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (report["valid"] == true, errors)
}

/// A copy of the zip `package` in which `change` rewrote `records.csv`.
fn with_records_changed(package: &Path, target: &Path, change: impl Fn(&str) -> String) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(package).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        if name == "records.csv" {
            text = change(&text);
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    std::fs::write(target, writer.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn frictionless_validates_the_data_package_and_catches_a_broken_one() {
    with_python(
        "frictionless_validates_the_data_package_and_catches_a_broken_one",
        |_| {
            let dir = tempfile::tempdir().unwrap();
            for (dataset, name) in [(Some(fixture("small.json")), "small.zip"), (None, "bundled.zip")] {
                let package = export(dataset.as_deref(), dir.path(), name);
                let (valid, errors) = validate(&package);
                assert!(valid && errors.is_empty(), "{name}: {errors:?}");
            }
            let package = dir.path().join("small.zip");

            // A record naming a source the package does not hold.
            let broken = dir.path().join("broken-key.zip");
            with_records_changed(&package, &broken, |csv| {
                csv.replacen(",alpha-review,\"Ada Example", ",no-such-source,\"Ada Example", 1)
            });
            let (valid, errors) = validate(&broken);
            assert!(!valid);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].0, "foreign-key");
            assert!(errors[0].1.contains("no-such-source"), "{errors:?}");

            // A figure that is not a number.
            let broken = dir.path().join("broken-type.zip");
            with_records_changed(&package, &broken, |csv| csv.replacen(",1234,", ",about 1234,", 1));
            let (valid, errors) = validate(&broken);
            assert!(!valid);
            assert_eq!(errors.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["type-error"]);
        },
    );
}

#[test]
fn r_reads_the_csv_without_options() {
    if Command::new("Rscript").arg("--version").output().is_err() {
        eprintln!("skipped r_reads_the_csv_without_options: Rscript is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = export(Some(&fixture("small.json")), dir.path(), "view.csv");
    let script = r#"d <- read.csv(commandArgs(TRUE)[1]); stopifnot(names(d)[1] == "id", nrow(d) == 36, ncol(d) == 32); cat(d$quote[d$id == "network-name"])"#;
    let out = Command::new("Rscript").args(["-e", script]).arg(&csv).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "가입자들은 이 망을 예시망이라고 부른다."
    );
}
