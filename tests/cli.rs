//! The command line through the real binary: output, exit codes and error
//! messages (as insta snapshots, with temporary paths masked). Most read the
//! small fixture dataset (`--data tests/fixtures/small.json`), with what they
//! expect worked out by hand from it; a few read the bundled data on purpose.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

fn nkict() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("nkict")
}

/// The fixture's path.
fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/small.json")
        .to_str()
        .expect("a UTF-8 path")
        .to_owned()
}

/// `nkict` reading the fixture.
fn on_fixture() -> Command {
    let mut cmd = nkict();
    cmd.args(["--data", &fixture()]);
    cmd
}

/// Stdout of a command on the fixture that must succeed.
fn fixture_stdout(args: &[&str]) -> String {
    stdout_of(&[&["--data", fixture().as_str()], args].concat())
}

/// Stdout of a command that must succeed.
fn stdout_of(args: &[&str]) -> String {
    let output = nkict().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "nkict {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Exit code and stderr of a command that must fail.
fn failure_of(cmd: &mut Command) -> (i32, String) {
    let output = cmd.output().unwrap();
    assert!(!output.status.success(), "expected a failure");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.starts_with("nkict: error: "), "{stderr}");
    (output.status.code().unwrap(), stderr)
}

/// The table's rows, without its header.
fn rows(table: &str) -> Vec<&str> {
    table.lines().skip(1).collect()
}

/// Each JSON line's record.
fn json_lines(text: &str) -> Vec<Value> {
    text.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

fn ids(records: &[Value]) -> Vec<String> {
    records.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

/// The bundled dataset, read directly (not through nkict).
fn bundled() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nkict.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Snapshot settings that replace `dir` (a temporary folder) with `[TMP]`.
fn masking(dir: &Path) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(&regex_escape(&dir.display().to_string()), "[TMP]");
    settings
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let meta = r"\.+*?()|[]{}^$#&-~".contains(c);
            meta.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// The years a `list` date cell covers: `1990`, `1990-08`, `1987–1993`.
fn years_of(cell: &str) -> (i32, i32) {
    let year = |part: &str| {
        part[..4]
            .parse::<i32>()
            .unwrap_or_else(|_| panic!("not a date: {cell}"))
    };
    match cell.split_once('–') {
        Some((start, end)) => (year(start), year(end)),
        None => (year(cell), year(cell)),
    }
}

#[test]
fn list_keeps_only_records_of_the_years_asked_for() {
    let table = fixture_stdout(&["list", "--from", "2000", "--to", "2010"]);
    assert!(table.starts_with("DATE"), "{table}");
    let rows = rows(&table);
    assert_eq!(rows.len(), 10, "{table}");
    assert!(
        rows.iter()
            .any(|row| row.starts_with("2008-12 ") && row.contains("ExampleNet opens its 3G service")),
        "{table}"
    );
    // The army's network of the 2000s starts before the range, and is in it.
    assert!(rows[0].starts_with("2000–2009 "), "{table}");
    for row in &rows {
        let (start, end) = years_of(row.split_whitespace().next().unwrap());
        assert!(start <= 2010 && end >= 2000, "outside the 2000s: {row}");
    }
}

#[test]
fn list_shows_figures_with_their_units() {
    let table = fixture_stdout(&["list", "--indicator", "examplenet-subscribers"]);
    assert!(table.contains("200,000–300,000 subscribers"), "{table}");
    assert!(table.contains("more than 100,000 subscribers"), "{table}");
    assert_eq!(rows(&table).len(), 5, "{table}");
}

/// The display column (not byte offset) at which `line` has a cell starting
/// at `column`: the character there is not a space and the one before is.
fn cell_starts_at(line: &str, column: usize) -> bool {
    let mut width = 0;
    let mut previous = ' ';
    for c in line.chars() {
        if width == column {
            return c != ' ' && previous == ' ';
        }
        width += c.to_string().width();
        previous = c;
    }
    false
}

#[test]
fn entity_columns_line_up_after_korean_names() {
    let table = fixture_stdout(&["entities"]);
    let header = table.lines().next().unwrap();
    let aliases = header.find("ALIASES").unwrap();
    let korean_rows: Vec<&str> = rows(&table)
        .into_iter()
        .filter(|row| row.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)) && row.width() > aliases)
        .collect();
    assert!(!korean_rows.is_empty(), "{table}");
    for row in korean_rows {
        assert!(cell_starts_at(row, aliases), "misaligned: {row}\n{header}");
    }
}

#[test]
fn export_of_a_category_is_one_json_document_of_that_category() {
    let doc: Value = serde_json::from_str(&fixture_stdout(&["export", "--category", "mobile"])).unwrap();
    let records = doc["records"].as_array().unwrap();
    assert_eq!(records.len(), 10, "{records:?}");
    assert!(records.iter().all(|r| r["category"] == "mobile"), "{records:?}");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["filter"], serde_json::json!({"categories": ["mobile"]}));
    assert_eq!(doc["generator"]["name"], "nkict");
    assert_eq!(doc["generator"]["version"], env!("CARGO_PKG_VERSION"));
    chrono::DateTime::parse_from_rfc3339(doc["generated_at"].as_str().unwrap()).unwrap();
    let used: BTreeSet<&str> = records.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let listed: BTreeSet<&str> = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(used, listed);
    assert_eq!(listed, BTreeSet::from(["alpha-review", "beta-blog", "gamma-yearbook"]));
    // The dataset is cited by what its own metadata says of it.
    let citation = doc["citation"].as_str().unwrap();
    assert!(
        citation.starts_with("nkict tests, nkict test fixture, version 1. Exported "),
        "{citation}"
    );
    assert!(
        citation.contains("`nkict export --category mobile` (10 records)"),
        "{citation}"
    );
    for source in doc["sources"].as_array().unwrap() {
        assert!(citation.contains(source["title"].as_str().unwrap()), "{citation}");
    }
    assert_eq!(doc["dataset"]["title"], "nkict test fixture");
    assert_eq!(
        doc["dashboard"],
        serde_json::json!({"headline": ["coverage-share"], "key_figures": ["examplenet-subscribers"]})
    );
}

#[test]
fn an_export_reads_back_as_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mobile-2000s.json");
    let filter = [
        "--from",
        "2000",
        "--to",
        "2010",
        "--category",
        "mobile",
        "--include-undated",
    ];
    on_fixture()
        .args(["export", "-o"])
        .arg(&file)
        .args(filter)
        .assert()
        .success();
    let original = fixture_stdout(&[&["list", "--json"], &filter[..]].concat());
    let file_arg = file.to_str().unwrap();
    let reread = stdout_of(&["--data", file_arg, "list", "--json"]);
    // 2008 to 2010's three counts and the launch, then four undated records.
    assert_eq!(
        ids(&json_lines(&original)),
        [
            "subscribers-2008",
            "examplenet-launch",
            "subscribers-2009",
            "subscribers-2010",
            "coverage-undated",
            "coverage-southland",
            "network-name",
        ]
    );
    assert_eq!(reread, original);
    let summary = stdout_of(&["validate", file_arg]);
    assert!(summary.contains("a valid nkict dataset"), "{summary}");
}

#[test]
fn export_refuses_to_replace_a_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.json");
    std::fs::write(&file, "original\n").unwrap();
    let (code, stderr) = failure_of(on_fixture().args(["export", "--category", "mobile", "-o"]).arg(&file));
    assert_eq!(code, 1);
    masking(dir.path()).bind(|| insta::assert_snapshot!("export_refuses_overwrite", stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "original\n");

    on_fixture()
        .args(["export", "--category", "mobile", "--force", "-o"])
        .arg(&file)
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(
        doc["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["category"] == "mobile")
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["out.json"], "no temporary file may be left behind");
}

#[test]
fn export_to_a_bare_file_name_writes_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    on_fixture()
        .current_dir(dir.path())
        .args(["export", "-o", "all.json"])
        .assert()
        .success();
    assert!(dir.path().join("all.json").is_file());
}

const VALID: &str = r#"{
  "schema_version": 1,
  "sources": [
    {"id": "s1", "title": "T", "authors": [], "container": "C", "published": 2000, "url": null, "kind": "k"}
  ],
  "indicators": [],
  "entities": [],
  "records": [
    {"id": "r1", "kind": "fact", "category": "fiber", "title": "A", "summary": "S",
     "date": "1999", "entities": [], "source": "s1", "locator": "L", "quote": "Q one"},
    {"id": "r2", "kind": "fact", "category": "fiber", "title": "B", "summary": "S",
     "date": "2001", "entities": [], "source": "s1", "locator": "L", "quote": "Q two"}
  ]
}"#;

/// `VALID` with one change, which must apply.
fn broken(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from}");
    VALID.replacen(from, to, 1)
}

#[test]
fn invalid_data_exits_2_naming_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("syntax", broken(r#""title": "A","#, r#""title": "A""#)),
        ("type", broken(r#""date": "1999""#, r#""date": 1999"#)),
        ("duplicate_id", broken(r#""id": "r2""#, r#""id": "r1""#)),
        (
            "unknown_source",
            broken(
                r#""source": "s1", "locator": "L", "quote": "Q two""#,
                r#""source": "s9", "locator": "L", "quote": "Q two""#,
            ),
        ),
    ];
    for (name, text) in cases {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, text).unwrap();
        let (code, stderr) = failure_of(nkict().arg("--data").arg(&file).arg("list"));
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(has_location(&stderr, &file), "{name}: no file:line:column in {stderr}");
        masking(dir.path()).bind(|| insta::assert_snapshot!(format!("invalid_{name}"), stderr));
    }
}

/// Whether `text` names `file:LINE:COLUMN:`.
fn has_location(text: &str, file: &Path) -> bool {
    let prefix = format!("{}:", file.display());
    text.match_indices(&prefix).any(|(at, _)| {
        let mut parts = text[at + prefix.len()..].splitn(3, ':');
        let mut number = || {
            parts
                .next()
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        number() && number() && parts.next().is_some()
    })
}

#[test]
fn the_fixture_itself_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("valid.json");
    std::fs::write(&file, VALID).unwrap();
    let table = stdout_of(&["--data", file.to_str().unwrap(), "list"]);
    assert_eq!(rows(&table).len(), 2, "{table}");
}

#[test]
fn hostile_files_give_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        r#"{{"schema_version": 1, "sources": [], "indicators": [], "entities": [], "records": [{}{}]}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let cases: [(&str, Vec<u8>, i32); 5] = [
        ("empty", Vec::new(), 2),
        ("not-utf8", b"{\"schema_version\": 1, \"x\xff\": 0}".to_vec(), 2),
        (
            "huge-number",
            VALID
                .replacen("\"schema_version\": 1", "\"schema_version\": 1e400", 1)
                .into(),
            2,
        ),
        ("deep", deep.into_bytes(), 2),
        ("array", b"[]".to_vec(), 2),
    ];
    for (name, bytes, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let (code, stderr) = failure_of(nkict().arg("--data").arg(&file).arg("list"));
        assert_eq!(code, expected, "{name}: {stderr}");
    }
    let (code, stderr) = failure_of(nkict().arg("--data").arg(dir.path()).arg("list"));
    assert_eq!(code, 1, "a directory: {stderr}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bom.json");
    std::fs::write(&file, [b"\xEF\xBB\xBF".as_slice(), VALID.as_bytes()].concat()).unwrap();
    let table = stdout_of(&["--data", file.to_str().unwrap(), "list"]);
    assert_eq!(rows(&table).len(), 2, "{table}");
}

#[test]
fn a_missing_file_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = failure_of(nkict().arg("--data").arg(dir.path().join("missing.json")).arg("list"));
    assert_eq!(code, 1);
    masking(dir.path()).bind(|| insta::assert_snapshot!("missing_file", stderr));
    let (code, _) = failure_of(nkict().arg("validate").arg(dir.path().join("missing.json")));
    assert_eq!(code, 1);
}

#[test]
fn an_unknown_category_fails_listing_the_valid_ones() {
    let (code, stderr) = failure_of(nkict().args(["list", "--category", "fibre"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("unknown_category", stderr);
}

#[test]
fn bad_filters_fail_before_anything_runs() {
    let (code, stderr) = failure_of(nkict().args(["list", "--from", "2000", "--to", "1990"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("backwards_years", stderr);
    let (code, stderr) = failure_of(on_fixture().args(["sources", "--source", "nope"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("unknown_source_filter", stderr);
    // The dashboard checks its filter the same way, before it needs a terminal.
    let (code, stderr) = failure_of(on_fixture().args(["--entity", "atlantis"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown entity `atlantis`"), "{stderr}");
}

#[test]
fn search_finds_a_place_under_its_other_spelling() {
    // Testville's zone is quoted as "Tesuville"; its founding as "Testville".
    let records = json_lines(&fixture_stdout(&["list", "--json", "--search", "Testville"]));
    assert!(ids(&records).contains(&"tesuville-zone".to_owned()), "{records:?}");
    let other = json_lines(&fixture_stdout(&["list", "--json", "--search", "Tesuville"]));
    assert_eq!(
        ids(&other),
        [
            "institute-founded",
            "first-exchange",
            "examplenet-launch",
            "tesuville-zone"
        ]
    );
}

/// On the bundled data on purpose: its Korean names must keep working.
#[test]
fn search_in_korean_finds_the_koryolink_records() {
    let found: BTreeSet<String> = ids(&json_lines(&stdout_of(&["list", "--json", "--search", "고려링크"])))
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = bundled()["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["entities"].as_array().unwrap().iter().any(|e| e == "koryolink"))
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert!(
        found.is_superset(&expected),
        "missing: {:?}",
        expected.difference(&found)
    );
}

#[test]
fn sources_lists_every_source_with_its_count() {
    let table = fixture_stdout(&["sources"]);
    let listed: BTreeMap<String, usize> = rows(&table)
        .iter()
        .map(|row| {
            let mut cells = row.split_whitespace();
            (cells.next().unwrap().to_owned(), cells.next().unwrap().parse().unwrap())
        })
        .collect();
    let expected = BTreeMap::from([
        ("alpha-review".to_owned(), 13),
        ("beta-blog".to_owned(), 8),
        ("gamma-yearbook".to_owned(), 10),
    ]);
    assert_eq!(listed, expected, "{table}");
}

/// On the bundled data on purpose: the counts add up whatever it holds.
#[test]
fn sources_counts_follow_the_filter() {
    let table = stdout_of(&["sources", "--category", "fiber"]);
    let fiber = stdout_of(&["list", "--json", "--category", "fiber"]);
    let total: usize = rows(&table)
        .iter()
        .map(|r| r.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, json_lines(&fiber).len(), "{table}");
}

#[test]
fn completions_are_printed_for_bash() {
    let script = stdout_of(&["completions", "bash"]);
    assert!(script.contains("_nkict()"), "{script}");
    assert!(script.contains("--category"), "{script}");
}

#[test]
fn a_closed_stdout_ends_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    std::fs::write(&file, big_dataset(5_000)).unwrap();
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_nkict"))
        .arg("--data")
        .arg(&file)
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("DATE"), "{first}");
    // The reader is gone: the next writes fail with a broken pipe.
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(stderr, "", "no message, and above all no panic");
    assert!(status.success(), "{status:?}");
}

/// A valid dataset of `count` records: far more output than a pipe holds.
fn big_dataset(count: usize) -> String {
    let records: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"{{"id": "r{i}", "kind": "fact", "category": "fiber", "title": "Record number {i} with a long enough title",
                "summary": "S", "date": "{}", "entities": [], "source": "s1", "locator": "L", "quote": "Q"}}"#,
                1950 + i % 60
            )
        })
        .collect();
    VALID.replace(
        &VALID[VALID.find("\"records\"").unwrap()..VALID.rfind(']').unwrap() + 1],
        &format!("\"records\": [{}]", records.join(",\n")),
    )
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

#[test]
fn every_bundled_quote_is_in_its_seed_text() {
    let seeds = seeds_dir();
    if !seeds.is_dir() {
        println!("skipped: no seed texts at {}", seeds.display());
        return;
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nkict.json");
    let summary = stdout_of(&["validate", data.to_str().unwrap(), "--quotes", seeds.to_str().unwrap()]);
    assert!(summary.contains("quotes: all"), "{summary}");
}

#[test]
fn a_quote_missing_from_its_text_is_reported_by_record() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s1.txt"), "Here is Q\n one, and more.").unwrap();
    let text = VALID.replacen(r#""kind": "k"}"#, r#""kind": "k", "text_file": "s1.txt"}"#, 1);
    let file = dir.path().join("data.json");
    std::fs::write(&file, text).unwrap();
    let (code, stderr) = failure_of(nkict().arg("validate").arg(&file).arg("--quotes").arg(dir.path()));
    assert_eq!(code, 1);
    masking(dir.path()).bind(|| insta::assert_snapshot!("quote_not_found", stderr));
}

#[test]
fn validate_summarizes_a_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.json");
    std::fs::write(&file, VALID).unwrap();
    let summary = stdout_of(&["validate", file.to_str().unwrap()]);
    masking(dir.path()).bind(|| insta::assert_snapshot!("validate_summary", summary));
}
