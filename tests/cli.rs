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

/// `nkict` reading the small fixture.
fn on_small() -> Command {
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

/// The years a `list` date cell covers: `1990`, `1990-08`, `1987–1993`,
/// `c. 2002`.
fn years_of(cell: &str) -> (i32, i32) {
    let cell = cell.strip_prefix("c. ").unwrap_or(cell);
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
    // Ten with their own dates, and the survey's count placed at its date, c. 2010.
    assert_eq!(rows.len(), 12, "{table}");
    assert!(rows.iter().any(|row| row.starts_with("c. 2010 ")), "{table}");
    assert!(
        rows.iter()
            .any(|row| row.starts_with("2008-12 ") && row.contains("ExampleNet opens its 3G service")),
        "{table}"
    );
    // The army's network of the 2000s starts before the range, and is in it.
    assert!(rows[0].starts_with("2000–2009 "), "{table}");
    for row in &rows {
        let (start, end) = years_of(row.split("  ").next().unwrap());
        assert!(start <= 2010 && end >= 2000, "outside the 2000s: {row}");
    }
}

#[test]
fn list_shows_figures_with_their_units() {
    let table = fixture_stdout(&["list", "--indicator", "examplenet-subscribers"]);
    assert!(table.contains("200,000–300,000 subscribers"), "{table}");
    assert!(table.contains("more than 100,000 subscribers"), "{table}");
    assert!(
        table.contains("hundreds of thousands of subscribers (200,000–999,999)"),
        "{table}"
    );
    assert_eq!(rows(&table).len(), 8, "{table}");
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
    assert_eq!(records.len(), 13, "{records:?}");
    assert!(records.iter().all(|r| r["category"] == "mobile"), "{records:?}");
    assert_eq!(doc["schema_version"], 2, "exports write the current version");
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
    assert_eq!(
        listed,
        BTreeSet::from(["alpha-review", "beta-blog", "delta-survey", "gamma-yearbook"])
    );
    // The dataset is cited by what its own metadata says of it.
    let citation = doc["citation"].as_str().unwrap();
    assert!(
        citation.starts_with("nkict tests, nkict test fixture, version 1. Exported "),
        "{citation}"
    );
    assert!(
        citation.contains("`nkict export --category mobile` (13 records)"),
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

/// Exports the small fixture's view of `filter` to `file`.
fn export_small_to(file: &Path, filter: &[&str]) {
    on_small()
        .args(["export", "-o"])
        .arg(file)
        .args(filter)
        .assert()
        .success();
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
    export_small_to(&file, &filter);
    let original = fixture_stdout(&[&["list", "--json"], &filter[..]].concat());
    let file_arg = file.to_str().unwrap();
    let reread = stdout_of(&["--data", file_arg, "list", "--json"]);
    // 2008 to 2010's five counts (one placed at its source's date, c. 2010)
    // and the launch, then three undated records.
    assert_eq!(
        ids(&json_lines(&original)),
        [
            "subscribers-2008",
            "examplenet-launch",
            "subscribers-2009",
            "subscribers-2010",
            "subscribers-2010-gamma",
            "subscribers-delta",
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
    let (code, stderr) = failure_of(on_small().args(["export", "--category", "mobile", "-o"]).arg(&file));
    assert_eq!(code, 1);
    masking(dir.path()).bind(|| insta::assert_snapshot!("export_refuses_overwrite", stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "original\n");

    on_small()
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
    on_small()
        .current_dir(dir.path())
        .args(["export", "-o", "all.json"])
        .assert()
        .success();
    assert!(dir.path().join("all.json").is_file());
}

#[test]
fn export_csv_is_the_list_csv_and_a_file_of_it_opens_in_excel_as_utf8() {
    let filter = ["--category", "mobile"];
    let listed = fixture_stdout(&[&["list", "--format", "csv"][..], &filter].concat());
    let exported = fixture_stdout(&[&["export", "--format", "csv"][..], &filter].concat());
    assert_eq!(exported, listed, "one builder, the same rows");
    assert_eq!(exported.lines().count(), 14, "a header and the thirteen mobile records");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mobile.csv");
    export_small_to(&file, &filter);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte order mark for spreadsheets");
    assert_eq!(&bytes[3..], exported.as_bytes());
}

#[test]
fn the_format_follows_the_extension_unless_format_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let written = |name: &str, extra: &[&str]| {
        let file = dir.path().join(name);
        let out = on_small()
            .args(["export", "-o"])
            .arg(&file)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (std::fs::read(&file).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (jsonl, note) = written("v.ndjson", &[]);
    assert_eq!(String::from_utf8(jsonl).unwrap().lines().count(), 36);
    assert!(note.ends_with("(JSON Lines, one record per line)\n"), "{note}");
    let (zip, _) = written("v.zip", &[]);
    assert_eq!(&zip[..4], b"PK\x03\x04", "a zip archive");
    let (csv, _) = written("v.txt", &["--format", "csv"]);
    assert!(csv.starts_with(b"\xEF\xBB\xBFid,kind,"));
    let (json, _) = written("v.data", &[]);
    serde_json::from_slice::<Value>(&json).expect("an unknown extension writes the default, JSON");
    let (code, stderr) = failure_of(on_small().args(["export", "--format", "xml"]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[possible values: json, csv, jsonl, datapackage]"),
        "{stderr}"
    );
}

#[test]
fn export_all_writes_every_record_whatever_the_filter() {
    let out = on_small()
        .args([
            "--from",
            "2000",
            "export",
            "--all",
            "--format",
            "jsonl",
            "--category",
            "fiber",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 36);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "--all: exporting every record, not only those of --from 2000 --category fiber\n"
    );
    let doc: Value = serde_json::from_str(&fixture_stdout(&["export", "--all", "--search", "cable"])).unwrap();
    assert_eq!(doc["records"].as_array().unwrap().len(), 36);
    assert_eq!(
        doc["filter"],
        serde_json::json!({}),
        "the export says no filter made it"
    );
}

const VALID: &str = r#"{
  "schema_version": 1,
  "sources": [
    {"id": "s1", "title": "T", "authors": [], "container": "C", "published": 2000, "url": null, "kind": "web page"}
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
fn a_refused_value_is_quoted_as_typed_with_its_escape_sequences_shown() {
    // clap's own message stripped the sequence, quoting a valid-looking
    // `1999`; no raw ESC reaches the terminal either.
    let (code, stderr) = failure_of(nkict().args(["list", "--from", "19\u{1b}[31m99"]));
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "nkict: error: invalid value '19\\u{1b}[31m99' for '--from <YEAR>': `19\\u{1b}[31m99` is not a \
         four-digit year\n\nFor more information, try '--help'.\n"
    );
    let (_, stderr) = failure_of(nkict().args(["list", "--bogus\u{1b}[1m"]));
    assert!(
        stderr.starts_with("nkict: error: unexpected argument '--bogus\\u{1b}[1m' found\n"),
        "{stderr}"
    );
}

#[test]
fn bad_filters_fail_before_anything_runs() {
    let (code, stderr) = failure_of(nkict().args(["list", "--from", "2000", "--to", "1990"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("backwards_years", stderr);
    let (code, stderr) = failure_of(on_small().args(["sources", "--source", "nope"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("unknown_source_filter", stderr);
    // The dashboard checks its filter the same way, before it needs a terminal.
    let (code, stderr) = failure_of(on_small().args(["--entity", "atlantis"]));
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
        ("alpha-review".to_owned(), 15),
        ("beta-blog".to_owned(), 9),
        ("gamma-yearbook".to_owned(), 11),
        ("delta-survey".to_owned(), 1),
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
fn records_of_a_source_without_text_are_counted_not_failed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s2.txt"), "Here is Q one.").unwrap();
    let text = VALID
        .replacen(
            r#""kind": "web page"}"#,
            r#""kind": "web page"},
    {"id": "s2", "title": "T2", "authors": [], "container": "C", "published": null, "url": null, "kind": "book chapter", "text_file": "s2.txt"}"#,
            1,
        )
        .replacen(r#""source": "s1", "locator": "L", "quote": "Q one""#, r#""source": "s2", "locator": "L", "quote": "Q one""#, 1);
    let file = dir.path().join("data.json");
    std::fs::write(&file, text).unwrap();
    let summary = stdout_of(&[
        "validate",
        file.to_str().unwrap(),
        "--quotes",
        dir.path().to_str().unwrap(),
    ]);
    assert!(summary.contains("quotes: all 1 found in the source texts"), "{summary}");
    assert!(
        summary.contains("not checked: 1 record from sources without a text file"),
        "{summary}"
    );
}

#[test]
fn a_quote_missing_from_its_text_is_reported_by_record() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s1.txt"), "Here is Q\n one, and more.").unwrap();
    let text = VALID.replacen(
        r#""kind": "web page"}"#,
        r#""kind": "web page", "text_file": "s1.txt"}"#,
        1,
    );
    let file = dir.path().join("data.json");
    std::fs::write(&file, text).unwrap();
    let output = nkict()
        .arg("validate")
        .arg(&file)
        .arg("--quotes")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "",
        "a file whose quotes fail is not called valid"
    );
    let (code, stderr) = failure_of(nkict().arg("validate").arg(&file).arg("--quotes").arg(dir.path()));
    assert_eq!(code, 2, "a quote not in its text is invalid data: {stderr}");
    assert!(has_location(&stderr, &file), "no file:line:column in {stderr}");
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

// ------------------------------------ series, approximate times, latest values

/// A hand-written dataset: sources whose "at present" is about 2002 (`lee`),
/// about 2012 (`tjia`), after 2017 (`blog`) or unknown (`itu`); a mobile
/// series from two sources; staff of two organisations; a vague amount.
fn series_fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/series.json")
        .display()
        .to_string()
}

/// Stdout of `nkict --data <the series fixture> ARGS`, ARGS split at spaces.
fn on_fixture(args: &str) -> String {
    let fixture = series_fixture();
    let args: Vec<&str> = ["--data", fixture.as_str()]
        .into_iter()
        .chain(args.split(' '))
        .collect();
    stdout_of(&args)
}

/// The non-empty cells of each row (cells are set apart by two or more
/// spaces), header included.
fn cells(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// A row's cells, written `a|b|c`.
fn row(cells: &str) -> Vec<String> {
    cells.split('|').map(str::to_owned).collect()
}

#[test]
fn list_of_one_indicator_is_its_series_with_every_sources_points() {
    assert_eq!(
        cells(&on_fixture("list --indicator mobile-per-100")),
        [
            row("ABOUT|DATE|VALUE|SOURCE|TITLE"),
            row("DPRK|2008|0 subscriptions per 100 people|itu|Mobile per 100, 2008, ITU"),
            row("DPRK|2010|1.8 subscriptions per 100 people|itu|Mobile per 100, 2010, ITU"),
            row("DPRK|2010|about 4 subscriptions per 100 people|tjia|Mobile per 100, 2010, Tjia"),
            row("DPRK|c. 2012|more than 4 subscriptions per 100 people|tjia|Mobile per 100 at present, Tjia"),
        ]
    );
}

#[test]
fn a_year_range_lists_records_placed_by_their_sources_date_as_circa() {
    assert_eq!(
        cells(&on_fixture("--from 2000 --to 2005 list")),
        [
            row("DATE|CATEGORY|TITLE|VALUE|SOURCE"),
            row("c. 2002|policy|Lee fact at present|lee"),
            row("c. 2002|telephony|Fixed lines at present|1,100,000 lines|lee"),
            row("c. 2002|organizations|KCC researchers|800 people|lee"),
        ]
    );
    let own = on_fixture("--from 2000 --to 2005 --own-dates list");
    assert_eq!(
        rows(&own),
        Vec::<&str>::new(),
        "no record has its own date in 2000-2005"
    );
    let json = on_fixture("--own-dates --from 1990 --to 2011 list --json");
    assert_eq!(
        ids(&json_lines(&json)),
        [
            "lines-1997",
            "lee-1999",
            "mob-2008-itu",
            "mob-2010-itu",
            "mob-2010-tjia"
        ]
    );
}

#[test]
fn own_dates_with_undated_records_lists_source_dated_ones_as_undated() {
    let args = "--from 2000 --to 2005 --own-dates --include-undated list";
    assert_eq!(
        ids(&json_lines(&on_fixture(&format!("{args} --json")))),
        [
            "lee-now",
            "lines-now",
            "staff-kcc-lee",
            "mob-2012-tjia",
            "staff-kcc-tjia",
            "staff-sek-tjia",
            "lee-rate",
            "blog-now",
            "blog-users"
        ]
    );
    let table = on_fixture(args);
    assert!(rows(&table).iter().all(|row| row.starts_with("undated ")), "{table}");
}

#[test]
fn indicators_show_the_latest_claim_about_each_entity_with_every_tie() {
    let per_100 = "Mobile subscriptions per 100 people";
    assert_eq!(
        cells(&on_fixture("indicators")),
        [
            row("ID|RECORDS|ABOUT|LATEST|DATE|SOURCE|NAME"),
            row(&format!(
                "mobile-per-100|4|DPRK|more than 4 subscriptions per 100 people|c. 2012|tjia|{per_100}"
            )),
            row("fixed-lines|2|DPRK|1,100,000 lines|c. 2002|lee|Fixed lines"),
            row("staff|3|KCC|more than 1,000 people|c. 2012|tjia|Organisation staff"),
            row("staff|3|SEK Studio|more than 1,600 people|c. 2012|tjia|Organisation staff"),
            row("mobile-users|1|DPRK|millions of users|undated|blog|Mobile users"),
        ]
    );
    // By own dates: 2010 has two claims, and the staff claims are all undated.
    assert_eq!(
        cells(&on_fixture("--own-dates indicators"))[1..],
        [
            row(&format!(
                "mobile-per-100|4|DPRK|1.8 subscriptions per 100 people|2010|itu|{per_100}"
            )),
            row(&format!(
                "mobile-per-100|4|DPRK|about 4 subscriptions per 100 people|2010|tjia|{per_100}"
            )),
            row("fixed-lines|2|DPRK|about 1,200,000 lines|1997|lee|Fixed lines"),
            row("staff|3|KCC|800 people|undated|lee|Organisation staff"),
            row("staff|3|KCC|more than 1,000 people|undated|tjia|Organisation staff"),
            row("staff|3|SEK Studio|more than 1,600 people|undated|tjia|Organisation staff"),
            row("mobile-users|1|DPRK|millions of users|undated|blog|Mobile users"),
        ]
    );
}

#[test]
fn sources_show_kind_publication_and_information_as_of() {
    assert_eq!(
        cells(&on_fixture("sources")),
        [
            row("ID|RECORDS|KIND|PUBLISHED|AS OF|AUTHORS|TITLE"),
            row("lee|6|book chapter|2002|c. 2002|H. Lee|Lee chapter"),
            row("tjia|4|journal article|2012-08|c. 2012|P. Tjia|Tjia article"),
            row("blog|2|blog essay|undated|after c. 2017|Blog essay"),
            row("itu|2|data file|undated|International Telecommunication Union|ITU table"),
        ]
    );
}

#[test]
fn validate_counts_records_dated_only_by_their_source() {
    let fixture = series_fixture();
    let summary = stdout_of(&["validate", &fixture]);
    assert!(
        summary.ends_with("  years 1997–2012; 6 dated only by their source (c.), 3 undated\n"),
        "{summary}"
    );
}

#[test]
fn the_bundled_chapter_of_2002_is_listed_at_c_2002() {
    let table = stdout_of(&["--from", "2000", "--to", "2005", "list"]);
    assert!(
        rows(&table)
            .iter()
            .any(|row| row.starts_with("c. 2002 ") && row.contains("Only two digital switchboards in Pyongyang")),
        "{table}"
    );
    let own = stdout_of(&["--from", "2000", "--to", "2005", "--own-dates", "list"]);
    assert!(!own.contains("c. 2002"), "{own}");
}

// ------------------------------------------- names, formats, widths, completions

/// The ids of the records `nkict list --format jsonl ARGS` prints.
fn listed_ids(args: &[&str]) -> Vec<String> {
    ids(&json_lines(&stdout_of(
        &[&["list", "--format", "jsonl"], args].concat(),
    )))
}

#[test]
fn filters_take_names_and_aliases_in_any_case() {
    let cases = [
        (&["--entity", "Koryolink"][..], &["--entity", "koryolink"][..]),
        (&["--entity", "KCC"], &["--entity", "korea-computer-center"]),
        (&["--entity", "north korea"], &["--entity", "dprk"]),
        (&["--entity", "고려링크"], &["--entity", "koryolink"]),
        (&["--indicator", "IT workforce"], &["--indicator", "it-workforce"]),
        (
            &["--source", "communications of the acm"],
            &["--source", "tjia-hermit-kingdom"],
        ),
        (
            &[
                "--source",
                "Inside the Hermit Kingdom: IT and Outsourcing in North Korea",
            ],
            &["--source", "tjia-hermit-kingdom"],
        ),
    ];
    for (by_name, by_id) in cases {
        let expected = listed_ids(by_id);
        assert!(!expected.is_empty(), "{by_id:?}");
        if by_name[1] == "communications of the acm" {
            // A container is not a name of the source: refused, with the source suggested.
            let (code, stderr) = failure_of(nkict().arg("list").args(by_name));
            assert_eq!(code, 1);
            assert!(
                stderr.contains("unknown source `communications of the acm`"),
                "{stderr}"
            );
            continue;
        }
        assert_eq!(listed_ids(by_name), expected, "{by_name:?}");
    }
    // The export records the ids the names stood for.
    let doc: Value = serde_json::from_str(&stdout_of(&["export", "--entity", "KCC"])).unwrap();
    assert_eq!(
        doc["filter"],
        serde_json::json!({ "entities": ["korea-computer-center"] })
    );
}

#[test]
fn an_unknown_name_gets_the_closest_few_not_every_id() {
    let (code, stderr) = failure_of(nkict().args(["list", "--entity", "Koryolnk"]));
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "nkict: error: unknown entity `Koryolnk` (did you mean `koryolink` (Koryolink)?); \
         `nkict entities` lists them all\n"
    );
    let (_, stderr) = failure_of(nkict().args(["sources", "--entity", "korea"]));
    assert!(
        stderr.contains(
            "(did you mean `dprk` (North Korea (DPRK)), `rok` (South Korea (ROK)) or `korea-telecom` (Korea Telecom)?)"
        ),
        "three suggestions, not the 111 ids: {stderr}"
    );
}

#[test]
fn a_name_of_two_entities_is_refused_listing_both() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.json");
    let text = VALID.replacen(
        r#""entities": [],"#,
        r#""entities": [
            {"id": "kcc", "name": "Korea Computer Center", "kind": "organization", "aliases": ["KCC"]},
            {"id": "kcc-college", "name": "Kim Chaek College", "kind": "organization", "aliases": ["KCC"]}
          ],"#,
        1,
    );
    std::fs::write(&file, text).unwrap();
    let data = file.to_str().unwrap();
    let (code, stderr) = failure_of(
        nkict()
            .args(["--data", data, "list", "--entity", "kcc"])
            .arg("--entity")
            .arg("KCC"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "nkict: error: entity `KCC` is ambiguous: it names `kcc` (Korea Computer Center) and \
         `kcc-college` (Kim Chaek College); give the id\n"
    );
}

#[test]
fn listings_print_every_field_as_json_and_csv() {
    let bundled = bundled();
    // JSON: the items as in the dataset file, with their record counts.
    let sources: Vec<Value> = serde_json::from_str(&stdout_of(&["sources", "--format", "json"])).unwrap();
    for (listed, source) in sources.iter().zip(bundled["sources"].as_array().unwrap()) {
        let mut without_count = listed.clone();
        without_count.as_object_mut().unwrap().remove("records");
        assert_eq!(&without_count, source);
    }
    let entities = json_lines(&stdout_of(&["entities", "--format", "jsonl"]));
    assert_eq!(entities.len(), bundled["entities"].as_array().unwrap().len());
    // CSV: a header, then one row per item, read back by a CSV reader.
    let csv_text = stdout_of(&["indicators", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, ["id", "records", "name", "unit", "category", "description"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let indicators = bundled["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), indicators.len());
    for (row, indicator) in rows.iter().zip(indicators) {
        assert_eq!(&row[0], indicator["id"].as_str().unwrap());
        assert_eq!(&row[3], indicator["unit"].as_str().unwrap());
    }
}

#[test]
fn list_as_csv_has_a_row_per_record_with_the_json_values() {
    let args = ["--category", "workforce"];
    let records = json_lines(&stdout_of(&[&["list", "--format", "jsonl"][..], &args].concat()));
    let csv_text = stdout_of(&[&["list", "--format", "csv"][..], &args].concat());
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(&records) {
        assert_eq!(&row[column("id")], record["id"].as_str().unwrap());
        assert_eq!(&row[column("quote")], record["quote"].as_str().unwrap());
        let number = |field: &str| record.get(field).map_or(String::new(), Value::to_string);
        assert_eq!(row[column("value")], number("value"), "{record}");
        assert_eq!(row[column("low")], number("low"), "{record}");
        let entities: Vec<&str> = record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert_eq!(&row[column("entities")], entities.join(";"));
    }
    // No records: still the header, so that other programs see the columns.
    let empty = stdout_of(&["list", "--format", "csv", "--search", "zzzz-nothing"]);
    assert_eq!(empty.lines().count(), 1);
    assert!(empty.starts_with("id,kind,category,title,"), "{empty}");
}

#[test]
fn list_json_is_the_same_as_format_jsonl_and_conflicts_with_format() {
    assert_eq!(
        stdout_of(&["list", "--json", "--category", "mobile"]),
        stdout_of(&["list", "--format", "jsonl", "--category", "mobile"])
    );
    let (code, _) = failure_of(nkict().args(["list", "--json", "--format", "csv"]));
    assert_eq!(code, 1);
}

#[test]
fn tables_fit_the_width_asked_for_and_piped_ones_are_whole() {
    for command in ["list", "sources", "indicators", "entities"] {
        let table = stdout_of(&[command, "--width", "100"]);
        for line in table.lines() {
            assert!(line.width() <= 100, "{command}: {} columns: {line}", line.width());
        }
        assert!(table.contains('…'), "{command}: something had to be cut:\n{table}");
    }
    // Piped, without --width: every title whole.
    let table = stdout_of(&["list"]);
    assert!(!table.contains('…'), "{table}");
    let longest = bundled()["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_owned())
        .max_by_key(|t| t.width())
        .unwrap();
    assert!(table.contains(&longest), "{longest}");
}

#[test]
fn indicators_cut_names_and_ids_before_the_latest_figures() {
    // Whole, the fixture's table is 125 columns; at 100 the names and ids
    // give the 25 and every figure, date and source stays whole.
    let table = fixture_stdout(&["indicators", "--width", "100"]);
    for whole in [
        "41.5 lines per 100 people",
        "1,000,000 subscribers",
        "up to 50,000 computers",
        "1,234 km (est.)",
        "2005-03-15",
        "gamma-yearbook",
    ] {
        assert!(table.contains(whole), "{whole} cut:\n{table}");
    }
    assert!(table.contains("Telephone…"), "the names give way:\n{table}");
    assert!(table.lines().all(|line| line.width() <= 100), "{table}");
}

#[test]
fn records_tables_cut_titles_and_categories_before_figures_and_never_inside_a_number() {
    // Whole, the fixture's listing is 153 columns: DATE 10, CATEGORY 19,
    // TITLE 48, VALUE 54, SOURCE 14 and four gaps of 2. Of the 19 figures,
    // 18 (nine in ten, rounded up) fit in 29 columns; one takes 54.
    // At 100 (53 to give): the title gives 28 (to 20), then the figure 25
    // (to 29), before the title goes below 20.
    let table = fixture_stdout(&["list", "--width", "100"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "DATE        CATEGORY             TITLE                 VALUE{}SOURCE",
            " ".repeat(26)
        )
    );
    // `(200,000–999,999)` would be cut inside it: the cut moves before it.
    // A title is cut before its number too: `ExampleNet has…`, not
    // `ExampleNet has 120,…`.
    for row in [
        "2011        mobile               Hundreds of thousan…  hundreds of thousands of sub…  alpha-review",
        "2010        mobile               ExampleNet has…       120,000 subscribers            gamma-yearbook",
        "2010        mobile               More than 100,000 E…  more than 100,000 subscribers  alpha-review",
    ] {
        assert!(lines.contains(&row), "{row}:\n{table}");
    }
    // At 80 (73 to give): then the title 10 more (to 10), the category 9
    // (to 10), the figure 1 more (to 28); the unit's word is cut, the
    // number kept whole, and the titles' cuts move before their numbers.
    let table = fixture_stdout(&["list", "--width", "80"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        format!("DATE        CATEGORY    TITLE       VALUE{}SOURCE", " ".repeat(25))
    );
    for row in [
        "2010        mobile      More than…  more than 100,000 subscribe…  alpha-review",
        "2009        mobile      About…      about 10,000 subscribers      gamma-yearbook",
        "2011-06     mobile      200,000 t…  200,000–300,000 subscribers   gamma-yearbook",
    ] {
        assert!(lines.contains(&row), "{row}:\n{table}");
    }
}

#[test]
fn completions_offer_the_bundled_ids_for_the_filter_flags() {
    let script = stdout_of(&["completions", "bash"]);
    let entity_case = script.split("--entity)").nth(1).expect("an --entity case");
    let values = entity_case.lines().nth(1).unwrap();
    for id in ["koryolink", "dprk", "korea-computer-center"] {
        assert!(values.contains(&format!(" {id} ")), "{id} missing from {values}");
    }
    for (flag, value) in [
        ("--source", "tjia-hermit-kingdom"),
        ("--indicator", "it-workforce"),
        ("--category", "fiber"),
        ("--kind", "milestone"),
    ] {
        let case = script
            .split(&format!("{flag})"))
            .nth(1)
            .unwrap_or_else(|| panic!("no {flag} case"));
        assert!(case.lines().nth(1).unwrap().contains(value), "{flag}: {value}");
    }
    // Each shell that is installed reads its script without a syntax error.
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell]);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nkict.completion");
        std::fs::write(&file, &script).unwrap();
        match StdCommand::new(shell).arg("-n").arg(&file).output() {
            Ok(output) => assert!(
                output.status.success(),
                "{shell}: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(err) => println!("skipped the {shell} syntax check: {shell} cannot run ({err})"),
        }
    }
}

#[test]
fn validate_refuses_filter_flags_given_before_it() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nkict.json");
    let (code, stderr) = failure_of(nkict().args(["--category", "fiber", "validate"]).arg(&data));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`--category` does not apply to `nkict validate`"),
        "{stderr}"
    );
    let (code, _) = failure_of(nkict().arg("validate").arg(&data).args(["--category", "fiber"]));
    assert_eq!(code, 1, "nor after it");
}

/// The JSON export copies a bundled record's text from the data file; a
/// file's record with a bundled id but other content is its own.
#[test]
fn a_files_record_with_a_bundled_id_is_exported_from_its_own_fields() {
    let mut data = bundled();
    let record = &mut data["records"][0];
    let id = record["id"].as_str().unwrap().to_owned();
    let bundled_title = record["title"].as_str().unwrap().to_owned();
    record["title"] = Value::from("Another title");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.json");
    std::fs::write(&file, serde_json::to_string_pretty(&data).unwrap()).unwrap();
    let export: Value =
        serde_json::from_str(&stdout_of(&["--data", file.to_str().unwrap(), "export", "-o", "-"])).unwrap();
    let exported = export["records"].as_array().unwrap();
    let titles: Vec<&str> = exported
        .iter()
        .filter(|record| record["id"] == id.as_str())
        .map(|record| record["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Another title"], "bundled: {bundled_title}");
    // The bundled dataset's export still has the bundled title.
    let export: Value = serde_json::from_str(&stdout_of(&["export", "-o", "-"])).unwrap();
    let bundled = export["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|record| record["id"] == id.as_str());
    assert_eq!(bundled.unwrap()["title"], bundled_title.as_str());
}

#[test]
fn titles_of_emoji_shown_as_pictures_are_cut_to_the_width_asked_for() {
    // `❤` takes a column, with U+FE0F (show it as a picture) two: a title
    // of them, counted a character at a time, was cut wider than its
    // column, and the table padded it with a negative count of spaces
    // (a panic, or in a release build spaces without end).
    let mut dataset: Value = serde_json::from_str(&std::fs::read_to_string(fixture()).unwrap()).unwrap();
    dataset["records"][0]["title"] = Value::from("❤\u{fe0f}".repeat(40));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hearts.json");
    std::fs::write(&file, dataset.to_string()).unwrap();
    for width in [40, 60, 100] {
        let table = stdout_of(&["--data", file.to_str().unwrap(), "list", "--width", &width.to_string()]);
        // In 40 the headers alone take 42 columns: no column gives more.
        let header = table.lines().next().unwrap();
        let widest = width.max(header.width());
        assert_eq!(widest, if width == 40 { 42 } else { width });
        assert!(table.lines().all(|line| line.width() <= widest), "{width}:\n{table}");
        let hearts = table.lines().find(|line| line.contains('❤')).expect("the title shows");
        assert!(
            hearts.contains("❤\u{fe0f}…") || hearts.contains("❤…"),
            "{width}: {hearts}"
        );
        // The cells after it stay in their columns: the source lines up
        // with its header.
        let source_at =
            |line: &str| line[..line.find(if line == header { "SOURCE" } else { "alpha" }).unwrap()].width();
        assert_eq!(source_at(hearts), source_at(header), "{width}:\n{table}");
    }
}
