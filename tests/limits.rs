//! Other people's files at their worst, through the real binary: too big,
//! endless, hostile text, huge lists, and standard output closed. Each
//! test asserts what happens, never how long it takes (the benchmarks
//! measure that).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nkict::terminal_text::needs_escape;
use serde_json::{Value, json};

fn nkict() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nkict"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("nkict prints UTF-8")
}

/// The first control (but a line break) or bidi override, if any.
fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| c != '\n' && needs_escape(c))
}

/// A valid dataset with one source, entity and indicator, and `records`.
fn dataset(entities: Vec<Value>, records: Vec<Value>) -> Value {
    json!({
        "schema_version": 1,
        "sources": [{ "id": "s1", "title": "Source", "authors": [], "container": "C", "published": null,
                      "url": null, "kind": "book-chapter" }],
        "indicators": [{ "id": "i1", "name": "Indicator", "unit": "people", "description": "d",
                         "category": "workforce" }],
        "entities": entities,
        "records": records,
    })
}

fn record(id: &str, title: &str, entities: Vec<String>) -> Value {
    json!({ "id": id, "kind": "fact", "category": "mobile", "title": title, "summary": "S", "date": "2000",
            "entities": entities, "source": "s1", "locator": "L", "quote": "Q" })
}

/// A valid file of one record, titled `title`, in `dir`.
fn one_record_file(dir: &Path, title: &str) -> PathBuf {
    write(dir, "data.json", &dataset(vec![], vec![record("r1", title, vec![])]))
}

fn entity(id: &str, name: &str) -> Value {
    json!({ "id": id, "name": name, "kind": "organization" })
}

fn write(dir: &Path, name: &str, document: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(document).unwrap()).unwrap();
    path
}

/// `script` run by `sh`, with nkict's path as `$0` and `args` after it.
fn shell(script: &str, args: &[&Path]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_nkict"))
        .args(args)
        .output()
        .unwrap()
}

/// The message of `nkict validate` on `file`, which must be refused as invalid.
fn refused(file: &Path) -> String {
    let output = nkict().arg("validate").arg(file).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stdout));
    text(&output.stderr)
}

fn run(args: &[&str], data: &Path) -> Output {
    nkict().arg("--data").arg(data).args(args).output().unwrap()
}

#[test]
fn a_record_of_100000_entities_is_checked_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..100_000).map(|n| format!("e{n}")).collect();
    let entities: Vec<Value> = ids.iter().map(|id| entity(id, "Some organisation")).collect();
    let document = dataset(entities.clone(), vec![record("r1", "Everyone", ids.clone())]);
    let file = write(dir.path(), "wide.json", &document);
    let output = run(&["entities", "--entity", "e99999"], &file);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    assert_eq!(table.lines().count(), 1 + 100_000, "every entity listed once");
    assert!(table.contains("\ne99999 "), "{}", &table[..200]);

    // The last id repeated: found, and named, without comparing every pair.
    let mut twice = ids.clone();
    twice.push("e0".into());
    let document = dataset(entities, vec![record("r1", "Everyone", twice)]);
    let file = write(dir.path(), "twice.json", &document);
    let stderr = refused(&file);
    assert!(
        stderr.contains("record `r1`: field `entities`: `e0` is listed twice"),
        "{stderr}"
    );
}

#[test]
fn a_million_character_id_gives_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let long = "\u{1b}[2J".to_owned() + &"x".repeat(1_048_572);
    let document = dataset(
        vec![],
        vec![record("r1", "T", vec![]), record(&long, "T", vec![long.clone()])],
    );
    let file = write(dir.path(), "long.json", &document);
    let stderr = refused(&file);
    assert!(stderr.len() < 2_000, "{} bytes", stderr.len());
    assert!(stderr.contains(r"`\u{1b}[2Jxxxxx"), "{stderr}");
    assert!(stderr.contains("…` (1,048,576 characters)"), "{stderr}");
    assert_eq!(raw_control(&stderr), None, "{stderr:?}");
}

#[test]
fn a_hundred_thousand_problems_are_listed_twenty_of_each_kind() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<Value> = (0..100_000)
        .map(|n| {
            let mut r = record("same", "T", vec![]);
            r["source"] = json!(format!("missing-{}", n % 2));
            r
        })
        .collect();
    let file = write(dir.path(), "dups.json", &dataset(vec![], records));
    let stderr = refused(&file);
    assert!(stderr.contains("(199,999 problems):"), "{}", &stderr[..300]);
    assert!(
        stderr.contains("\n  … and 99,979 more like that: duplicate record id (first at line …)"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\n  … and 99,980 more like that: unknown source `…`\n"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1 + 20 + 20 + 2, "{stderr}");
}

#[test]
fn a_different_unknown_field_in_every_record_is_still_one_kind() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<Value> = (0..1_000)
        .map(|n| {
            let mut r = record(&format!("r{n}"), "T", vec![]);
            r[format!("field-{n}")] = json!(1);
            r
        })
        .collect();
    let file = write(dir.path(), "fields.json", &dataset(vec![], records));
    let stderr = refused(&file);
    assert_eq!(stderr.lines().count(), 1 + 20 + 1, "{stderr}");
    assert!(
        stderr.contains("\n  … and 980 more like that: unknown field `…`, expected one of `…`"),
        "{stderr}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_record_file(dir.path(), "T");
    let size = std::fs::metadata(&file).unwrap().len();
    let output = nkict()
        .arg("--max-size")
        .arg("100")
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    let expected = format!(
        "nkict: error: {}: the file has {size} bytes, more than the limit of 100 bytes \
         (a larger file needs --max-size)\n",
        file.display()
    );
    assert_eq!(stderr, expected);
    let output = nkict()
        .arg("--max-size")
        .arg("1M")
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = nkict().arg("--max-size").arg("lots").arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("`lots` is not a size"));
}

#[test]
fn devices_that_never_end_are_refused_at_once() {
    let output = nkict().args(["--data", "/dev/zero", "list"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "nkict: error: /dev/zero: is a device, not a file: nkict reads regular files, pipes and FIFOs\n"
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_is_read_once_but_not_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_record_file(dir.path(), "Piped");
    // `--data /dev/stdin` with a pipe behind it: read once, to its end.
    let output = shell(r#"cat "$1" | "$0" --data /dev/stdin list"#, &[&file]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("Piped"));
    // A pipe that never ends stops at the limit.
    let output = shell(r#"yes | "$0" --max-size 64K --data /dev/stdin list"#, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "nkict: error: /dev/stdin: the input went on, more than the limit of 65,536 bytes \
         (a larger file needs --max-size)\n"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_is_an_error_but_dev_null_is_not() {
    let closed = shell(r#""$0" list >&-"#, &[]);
    assert_eq!(closed.status.code(), Some(1));
    assert_eq!(
        text(&closed.stderr),
        "nkict: error: cannot write the output: standard output is closed\n"
    );
    let null = nkict().arg("list").stdout(Stdio::null()).output().unwrap();
    assert!(null.status.success(), "{}", text(&null.stderr));
    // /dev/null opened read-write, as Python's subprocess.DEVNULL and a
    // shell's `1<>/dev/null` give it: a caller's choice, not a closed output.
    let read_write = shell(r#""$0" list 1<>/dev/null"#, &[]);
    assert!(read_write.status.success(), "{}", text(&read_write.stderr));
}

/// Every way a dataset's text reaches the terminal outside the dashboard.
#[test]
fn dataset_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{9b}31m\u{9d}0;x\u{9c}\u{202e}evil\u{7f}";
    let mut document = dataset(
        vec![entity("e1", &format!("Name {hostile}"))],
        vec![record("r1", &format!("Title {hostile}"), vec!["e1".into()])],
    );
    let mut observation = record("r2", &format!("Figure {hostile}"), vec!["e1".into()]);
    observation["kind"] = json!("observation");
    observation["indicator"] = json!("i1");
    observation["qualifier"] = json!("vague");
    observation["amount_text"] = json!(format!("many {hostile}"));
    document["records"].as_array_mut().unwrap().push(observation);
    document["sources"][0]["title"] = json!(format!("Source {hostile}"));
    document["indicators"][0]["name"] = json!(format!("Indicator {hostile}"));
    let file = write(dir.path(), "hostile.json", &document);
    for args in [
        vec!["list"],
        vec!["sources"],
        vec!["entities"],
        vec!["indicators"],
        vec!["--entity", "nope", "list"],
        vec!["--indicator", "i1", "list"],
        vec!["cite"],
        vec!["cite", "--format", "bibtex"],
        vec!["cite", "--format", "ris"],
        vec!["sources", "--format", "json"],
        vec!["--search", hostile, "list"],
    ] {
        let output = run(&args, &file);
        let refused = args.contains(&"nope");
        assert_eq!(output.status.success(), !refused, "{args:?}: {}", text(&output.stderr));
        for stream in [&output.stdout, &output.stderr] {
            // RIS ends its lines in CR LF.
            let printed = text(stream).replace("\r\n", "\n");
            assert_eq!(raw_control(&printed), None, "{args:?}: {printed:?}");
        }
    }
    let table = text(&run(&["list"], &file).stdout);
    assert!(
        table.contains(r"Title \u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{9b}31m"),
        "{table}"
    );

    // JSON stays exact for a JSON reader, with nothing raw for a terminal.
    let title = format!("Title {hostile}");
    let cases = [
        (vec!["list", "--json"], "/title", &title),
        (vec!["list", "--format", "json"], "/0/title", &title),
        (vec!["export"], "/records/0/title", &title),
    ];
    for (args, pointer, expected) in cases {
        let output = run(&args, &file);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let printed = text(&output.stdout);
        assert_eq!(raw_control(&printed), None, "{args:?}: {printed:?}");
        assert!(
            printed.contains(r"\u009b31m\u009d0;x\u009c\u202eevil\u007f"),
            "{printed}"
        );
        // JSON lines: the first line is a document of its own.
        let document = if args.get(1) == Some(&"--json") {
            printed.lines().next().unwrap()
        } else {
            &printed
        };
        let value: Value = serde_json::from_str(document).unwrap();
        assert_eq!(value.pointer(pointer), Some(&json!(expected)), "{args:?}");
    }
    let csl = text(&run(&["cite", "--format", "csl-json"], &file).stdout);
    assert_eq!(raw_control(&csl), None, "{csl:?}");
    assert!(
        csl.contains(r"Source \u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b31m"),
        "{csl}"
    );
}

#[test]
fn a_hostile_entity_id_is_escaped_in_the_filter_error() {
    let dir = tempfile::tempdir().unwrap();
    // Invalid as an id, so the file is refused; the message is escaped.
    let document = dataset(vec![entity("\u{1b}[2J", "N")], vec![record("r1", "T", vec![])]);
    let file = write(dir.path(), "bad-id.json", &document);
    let output = run(&["--entity", "nope", "list"], &file);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(r"entities[0]: field `id`: `\u{1b}[2J` is not a valid id"),
        "{stderr}"
    );
    // A name 500 entities share is refused, listing the first ten.
    let entities: Vec<Value> = (0..500)
        .map(|n| entity(&format!("e{n:03}"), "Same \u{1b}[2J"))
        .collect();
    let file = write(
        dir.path(),
        "many.json",
        &dataset(entities, vec![record("r1", "T", vec![])]),
    );
    let stderr = text(&run(&["--entity", "same \u{1b}[2J", "list"], &file).stderr);
    let listed: Vec<String> = (0..10).map(|n| format!(r"`e{n:03}` (Same \u{{1b}}[2J)")).collect();
    assert_eq!(
        stderr,
        format!(
            "nkict: error: entity `same \\u{{1b}}[2J` is ambiguous: it names {}, {} and 490 more; give the id\n",
            listed[..9].join(", "),
            listed[9]
        )
    );
}

#[test]
fn a_file_name_with_an_escape_sequence_is_escaped_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let valid = one_record_file(dir.path(), "T");
    let named = dir.path().join("data\u{1b}]0;x\u{7}.json");
    std::fs::rename(&valid, &named).unwrap();
    let output = nkict().arg("validate").arg(&named).output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let summary = text(&output.stdout);
    assert_eq!(raw_control(&summary), None, "{summary:?}");
    assert!(
        summary.contains(r"data\u{1b}]0;x\u{7}.json: a valid nkict dataset"),
        "{summary}"
    );
}
