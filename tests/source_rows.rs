//! Records that rest on web pages and data files have no `text_file` to check
//! their quotes against; their text is the rows of the tables in
//! `../shared/sources/` (later-facts.md, cia-factbook.md). Each such record's
//! quote must stand in the quote cell of a row whose source cell names the
//! record's source: its `url`, or `repository:path` for a data file.
//!
//! Both sides are compared after collapsing white space, reading `\|` as `|`
//! and dropping backticks (the tables' way of writing a data-file line).

use std::path::Path;

use serde_json::{Value, json};

/// The tables whose rows the bundled records were taken from.
const ROW_FILES: [&str; 2] = ["later-facts.md", "cia-factbook.md"];

/// One row of a source table: where the quote stands, and the quote.
struct Row {
    address: String,
    quote: String,
}

/// The rows of a markdown table with the columns date | topic | claim | value
/// | unit | source | quote. Section headings (`| **Mobile** | | ...`), the
/// header and its rule are not rows.
fn table_rows(markdown: &str) -> Vec<Row> {
    markdown
        .lines()
        .filter(|line| line.starts_with("| "))
        .map(cells)
        .filter(|cells| cells.len() == 7 && cells[0] != "date" && !cells[0].starts_with("**"))
        .map(|cells| Row {
            address: cell_address(&cells[5]).to_string(),
            quote: normalise(&cells[6]),
        })
        .collect()
}

/// The cells of a table line, split at `|` but not at an escaped `\|`.
fn cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push_str("\\|");
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    // The text before the first `|` and after the last one is not a cell.
    let last = cells.len().saturating_sub(1).max(1);
    cells[1..last].iter().map(|cell| cell.trim().to_string()).collect()
}

/// The address a source cell names, without its comments: a URL before
/// ` (retrieved via ...)`, or `owner/repo:path` from `github:owner/repo:path@commit (...)`.
fn cell_address(cell: &str) -> &str {
    match cell.strip_prefix("github:") {
        Some(file) => file.split('@').next().unwrap_or(file),
        None => cell.split(" (").next().unwrap_or(cell),
    }
    .trim()
}

fn normalise(text: &str) -> String {
    text.replace("\\|", "|")
        .replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a source appears in the tables: `repository:path` for a data file, else its URL.
fn source_address(source: &Value) -> Option<String> {
    match (source["repository"].as_str(), source["path"].as_str()) {
        (Some(repository), Some(path)) => Some(format!("{repository}:{path}")),
        _ => source["url"].as_str().map(str::to_string),
    }
}

/// Ids of the records (of sources without a `text_file`) whose quote is in no
/// row of their source.
fn unmatched_records(dataset: &Value, rows: &[Row]) -> Vec<String> {
    let sources = dataset["sources"].as_array().expect("sources is a list");
    let address_of = |id: &str| {
        sources
            .iter()
            .find(|source| source["id"] == id)
            .filter(|source| source["text_file"].is_null())
            .map(source_address)
    };
    let records = dataset["records"].as_array().expect("records is a list");
    records
        .iter()
        .filter_map(|record| {
            let address = address_of(record["source"].as_str()?)?;
            let quote = normalise(record["quote"].as_str()?);
            let found = address.is_some_and(|address| {
                rows.iter()
                    .any(|row| row.address == address && row.quote.contains(&quote))
            });
            (!found).then(|| record["id"].as_str().unwrap_or("?").to_string())
        })
        .collect()
}

#[test]
fn records_from_pages_and_data_files_quote_a_row_of_their_source() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources");
    if !dir.is_dir() {
        println!("skipped: no source tables at {}", dir.display());
        return;
    }
    let mut rows = Vec::new();
    for name in ROW_FILES {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        rows.extend(table_rows(&text));
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nkict.json");
    let dataset: Value = serde_json::from_str(&std::fs::read_to_string(data).unwrap()).unwrap();
    assert_eq!(unmatched_records(&dataset, &rows), Vec::<String>::new());
}

/// A table in the files' format: a section heading, a web page's row and a
/// data file's row whose quote has an escaped pipe and backticks.
const TABLE: &str = r#"
| date | topic | claim | value | unit | source URL (or repo:path) | exact quote (<= 30 words) |
|---|---|---|---|---|---|---|
| **Mobile** | | | | | | |
| 2012-02 | Subscribers | Koryolink signed up its millionth subscriber. | 1,000,000 | subscribers | https://example.org/p?a=1 (via proxy) | "Koryolink has signed up its   millionth subscriber." |
| 2015 | Lines | A data line. | 5 | per 100 | github:owner/repo:data/lines (per 100).csv@abc1234 (a note) | `"Korea"\|"KP"\|2015\|5` |
"#;

fn fixture(records: Vec<Value>) -> Value {
    json!({
        "sources": [
            { "id": "page", "url": "https://example.org/p?a=1" },
            { "id": "file", "url": null, "repository": "owner/repo", "path": "data/lines (per 100).csv" },
            { "id": "other-page", "url": "https://example.org/p?a=12" },
            { "id": "seed", "url": null, "text_file": "seed.txt" },
        ],
        "records": records,
    })
}

fn quoting(id: &str, source: &str, quote: &str) -> Value {
    json!({ "id": id, "source": source, "quote": quote })
}

#[test]
fn quotes_are_matched_to_rows_of_their_own_source_only() {
    let rows = table_rows(TABLE);
    assert_eq!(rows.len(), 2, "the heading, header and rule are not rows");
    let records = vec![
        quoting(
            "whole-cell",
            "page",
            "Koryolink has signed up its millionth subscriber.",
        ),
        quoting("part-of-cell", "page", "its millionth"),
        quoting("data-line", "file", "\"Korea\"|\"KP\"|2015|5"),
        quoting(
            "tampered",
            "page",
            "Koryolink has signed up its two millionth subscriber.",
        ),
        quoting("tampered-line", "file", "\"Korea\"|\"KP\"|2015|6"),
        quoting("another-source", "other-page", "its millionth"),
        quoting("checked-elsewhere", "seed", "not in any row"),
    ];
    assert_eq!(
        unmatched_records(&fixture(records), &rows),
        ["tampered", "tampered-line", "another-source"]
    );
}

#[test]
fn a_source_cell_names_its_address_without_comments() {
    assert_eq!(
        cell_address("https://example.org/x (Wikipedia copy)"),
        "https://example.org/x"
    );
    assert_eq!(
        cell_address("github:o/r:a (b).csv@f0b7169 (OWID export)"),
        "o/r:a (b).csv"
    );
    assert_eq!(cells(r#"| a | b \| c | d |"#), ["a", r"b \| c", "d"]);
}
