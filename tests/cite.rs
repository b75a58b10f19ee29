//! `nkict cite`: the citations of a hand-written fixture (every entry type,
//! names given both ways, an organisation as author, a copy of an original,
//! a data file, characters BibTeX would read as markup) and of the bundled
//! data's three seed sources, against files checked by hand against the formats' specs; then
//! each format read back by a parser of its own.
//!
//! After a deliberate change, `NKICT_WRITE_CITE=1 cargo test --test cite`
//! rewrites the expected files: read the diff before committing it.

use std::path::{Path, PathBuf};

use biblatex::{Bibliography, ChunksExt, EntryType, Person};
use serde_json::Value;

fn nkict() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("nkict")
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Stdout of `nkict ARGS cite --format FORMAT`, which must succeed.
fn cite(args: &[&str], format: &str) -> String {
    let output = nkict().args(args).args(["cite", "--format", format]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn on_fixture(format: &str) -> String {
    let fixture = manifest("tests/fixtures/cite.json");
    cite(&["--data", fixture.to_str().unwrap()], format)
}

/// `actual` equals the expected file (or rewrites it when asked to).
fn assert_matches_file(actual: &str, file: &str) {
    let path = manifest("tests/fixtures/cite").join(file);
    if std::env::var_os("NKICT_WRITE_CITE").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(
        actual == expected,
        "{file} differs:\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn the_fixtures_citations_match_the_hand_checked_files() {
    for (format, file) in [
        ("text", "fixture.txt"),
        ("bibtex", "fixture.bib"),
        ("csl-json", "fixture.json"),
        ("ris", "fixture.ris"),
    ] {
        assert_matches_file(&on_fixture(format), file);
    }
}

/// The three seed documents of the bundled data: hand-checking every later
/// web page and data file as well would not be done by hand.
const SEED_SOURCES: [&str; 6] = [
    "--source",
    "inker-connected-isolation",
    "--source",
    "lee-it-progress",
    "--source",
    "tjia-hermit-kingdom",
];

#[test]
fn the_bundled_seed_sources_citations_match_the_hand_checked_files() {
    for (format, file) in [
        ("bibtex", "bundled.bib"),
        ("csl-json", "bundled.json"),
        ("ris", "bundled.ris"),
    ] {
        assert_matches_file(&cite(&SEED_SOURCES, format), file);
    }
}

#[test]
fn bibtex_reads_back_with_the_biblatex_crate() {
    let bib = Bibliography::parse(&on_fixture("bibtex")).unwrap_or_else(|err| panic!("{err:?}"));
    let keys: Vec<&str> = bib.keys().collect();
    assert_eq!(
        keys,
        [
            "nkict",
            "tjia",
            "lee",
            "blog",
            "cia-1996",
            "nyt-repost",
            "tank-2019",
            "release",
            "country-study"
        ],
        "the dataset, then each source a record rests on, in file order; `unused` has none"
    );
    let tjia = bib.get("tjia").unwrap();
    assert_eq!(tjia.entry_type, EntryType::Article);
    assert_eq!(
        tjia.title().unwrap().format_verbatim(),
        "Inside the Hermit Kingdom: IT and Outsourcing in North Korea"
    );
    let names: Vec<(String, String)> = tjia
        .author()
        .unwrap()
        .into_iter()
        .map(|Person { name, given_name, .. }| (name, given_name))
        .collect();
    assert_eq!(
        names,
        [
            ("Tjia".to_owned(), "Paul".to_owned()),
            ("Kim".to_owned(), "Jong Su".to_owned())
        ]
    );
    assert_eq!(tjia.doi().unwrap(), "10.1145/2240236.2240245");
    assert_eq!(tjia.volume().unwrap(), biblatex::PermissiveType::Typed(55));
    let first_to_last: std::ops::Range<u32> = 22..25;
    assert_eq!(
        tjia.pages().unwrap(),
        biblatex::PermissiveType::Typed(vec![first_to_last])
    );
    assert_eq!(bib.get("lee").unwrap().entry_type, EntryType::InCollection);
    assert_eq!(bib.get("tank-2019").unwrap().entry_type, EntryType::TechReport);
    // A report's issuer is its `institution`, the one field of those that
    // the standard styles print: the publisher when there is one, else the
    // container (the series or site that issued it).
    let institution = |key: &str| bib.get(key).unwrap().get_as::<String>("institution").unwrap();
    assert_eq!(institution("tank-2019"), "Institute for Tests & Trials");
    let study = bib.get("country-study").unwrap();
    assert_eq!(study.entry_type, EntryType::TechReport);
    assert_eq!(institution("country-study"), "Country Studies Series");
    assert!(study.get("howpublished").is_none(), "the container is not given twice");
    // An organisation is one name, not a given name and a family name.
    let cia = bib.get("cia-1996").unwrap().author().unwrap();
    assert_eq!((cia.len(), cia[0].name.as_str()), (1, "Central Intelligence Agency"));
    // "and" inside a braced name does not split it.
    let smith = bib.get("tank-2019").unwrap().author().unwrap();
    assert_eq!(smith.len(), 1, "{smith:?}");
    let url = bib.get("nyt-repost").unwrap().url().unwrap();
    assert_eq!(url, "https://mirror.example/nk-network?id=7&lang=en#top");
}

#[test]
fn bibtex_escapes_every_character_latex_reads_as_markup() {
    let bib = on_fixture("bibtex");
    let title = bib
        .lines()
        .find(|line| line.contains("title = {{50"))
        .expect("the hostile title");
    assert_eq!(
        title,
        r"  title = {{50\% of \textbraceleft{}Braces\textbraceright{} \& \$costs\_\#1 \^{}\textasciitilde{}\textbackslash{} — a “hostile” title}},"
    );
    // BibTeX counts every brace, escaped or not: each entry must balance.
    for entry in bib.split("\n@") {
        let opened = entry.matches('{').count();
        assert_eq!(opened, entry.matches('}').count(), "unbalanced: {entry}");
    }
}

/// The item types of CSL 1.0.1.
const CSL_TYPES: &[&str] = &[
    "article",
    "article-magazine",
    "article-newspaper",
    "article-journal",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "dataset",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "figure",
    "graphic",
    "interview",
    "legislation",
    "legal_case",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "post",
    "post-weblog",
    "personal_communication",
    "report",
    "review",
    "review-book",
    "song",
    "speech",
    "thesis",
    "treaty",
    "webpage",
];

#[test]
fn csl_json_has_csl_types_split_names_and_integer_date_parts() {
    let items: Vec<Value> = serde_json::from_str(&on_fixture("csl-json")).unwrap();
    assert_eq!(items.len(), 9);
    for item in &items {
        let kind = item["type"].as_str().unwrap();
        assert!(CSL_TYPES.contains(&kind), "not a CSL type: {kind}");
        for date in ["issued", "accessed"] {
            if let Some(parts) = item.get(date) {
                let parts = parts["date-parts"][0].as_array().unwrap();
                assert!((1..=3).contains(&parts.len()), "{item}");
                assert!(parts.iter().all(Value::is_i64), "{item}");
            }
        }
    }
    let by_id = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    assert_eq!(by_id("tjia")["issued"]["date-parts"], serde_json::json!([[2012, 8]]));
    assert_eq!(
        by_id("blog")["accessed"]["date-parts"],
        serde_json::json!([[2024, 1, 2]])
    );
    assert_eq!(
        by_id("lee")["author"],
        serde_json::json!([{ "family": "Lee", "given": "Hyung-Seog" }])
    );
    assert_eq!(
        by_id("cia-1996")["author"],
        serde_json::json!([{ "literal": "Central Intelligence Agency" }])
    );
    assert_eq!(by_id("release")["genre"], "Press release");
    assert!(by_id("lee").get("issued").is_none(), "no date is invented");
}

#[test]
fn ris_lines_are_tags_and_values_ending_in_cr_lf() {
    let ris = on_fixture("ris");
    assert!(ris.ends_with("ER  - \r\n"), "{ris}");
    let mut references = 0;
    for line in ris.split_terminator("\r\n").filter(|line| !line.is_empty()) {
        let (tag, value) = line.split_at(2);
        assert!(
            tag.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
            "{line}"
        );
        assert!(value.starts_with("  - "), "{line}");
        assert!(!value.contains(['\r', '\n']), "{line}");
        references += usize::from(tag == "TY");
    }
    assert_eq!(references, 9);
    assert_eq!(ris.matches("ER  - \r\n").count(), 9);
}

#[test]
fn cite_follows_the_filter_and_names_sources_by_name() {
    let bib = cite(
        &[
            "--source",
            "Inside the Hermit Kingdom: IT and Outsourcing in North Korea",
        ],
        "bibtex",
    );
    let keys: Vec<&str> = bib
        .lines()
        .filter_map(|line| line.strip_prefix('@'))
        .map(|line| line.split_once('{').unwrap().1.trim_end_matches(','))
        .collect();
    assert_eq!(keys, ["nkict", "tjia-hermit-kingdom"]);
    let text = cite(&["--search", "zzzz-nothing"], "text");
    assert_eq!(text.lines().count(), 1, "only the dataset: {text}");
    assert!(text.starts_with("[nkict] "), "{text}");
}

#[test]
fn the_dataset_is_cited_by_its_own_metadata_as_the_exports_cite_it() {
    let fixture = manifest("tests/fixtures/cite.json");
    let fixture = fixture.to_str().unwrap();
    let expected = "Ada Park, Northland telecoms: a citation fixture, version 3.1, https://example.org/northland";
    let text = cite(&["--data", fixture], "text");
    assert!(text.starts_with(&format!("[nkict] {expected} (dataset;")), "{text}");
    let csv = nkict()
        .args(["--data", fixture, "list", "--format", "csv"])
        .output()
        .unwrap();
    let mut rows = csv::Reader::from_reader(csv.stdout.as_slice());
    let column = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "dataset_citation")
        .unwrap();
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[column], expected);
    // A `citation` of its own is cited as written, by both.
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("own.json");
    let mut dataset: Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    dataset["dataset"]["citation"] = "Park, A. (2026). Northland telecoms.".into();
    std::fs::write(&own, dataset.to_string()).unwrap();
    let text = cite(&["--data", own.to_str().unwrap()], "text");
    assert!(
        text.starts_with("[nkict] Park, A. (2026). Northland telecoms (dataset;"),
        "{text}"
    );
}
