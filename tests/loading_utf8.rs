//! A file that is not UTF-8 gets the same located error whichever reading
//! meets it: the careful loader's, a command's (`sift`, which reads with the
//! fast reader first) and the dashboard's (`whole::open`, likewise), with
//! or without a byte order mark; a bad byte in a field nkict does not read
//! counts as much as one in a record. (Guards any future move of the check
//! into the reading; `load::text_of` says why it stays whole.)

use std::path::Path;

use nkict::data::{self, LoadError};
use nkict::model::Filter;
use nkict::model::sift::{Keep, Progress, SiftError, sift};
use nkict::model::whole;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");

/// The fixture with `from` (found once) replaced by `to`.
fn fixture_with(from: &str, to: &[u8]) -> Vec<u8> {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    let at = text.find(from).unwrap();
    [&text.as_bytes()[..at], to, &text.as_bytes()[at + from.len()..]].concat()
}

/// The line and column each reading gives for `bytes`, `None` for one that
/// reads them.
fn located(bytes: &[u8]) -> [Option<(usize, usize)>; 3] {
    let path = Path::new("t.json");
    let place = |err: LoadError| match err {
        LoadError::NotUtf8 { line, column, .. } => (line, column),
        other => panic!("not the UTF-8 error: {other}"),
    };
    let sifted = |result: Result<_, SiftError>| match result {
        Ok(_) => None,
        Err(SiftError::Load(err)) => Some(place(err)),
        Err(other) => panic!("{other}"),
    };
    [
        data::parse(bytes, path).err().map(place),
        sifted(sift(bytes, path, &Filter::default(), Keep::All).map(drop)),
        sifted(whole::open(bytes, path, &Filter::default(), &Progress::default()).map(drop)),
    ]
}

#[test]
fn a_byte_that_is_not_utf8_is_located_by_every_reading() {
    // The fixture's line 131 is `      "title": "Sample Computing Institute founded",`
    // (the `u` of `Computing` is its 28th character), its line 148
    // `      "locator": "Table 3",` (`a` the 11th), its line 2
    // `  "schema_version": 2,` (22 characters).
    // Each case: the fixture's text, the same with the bad byte at `{}`,
    // the byte it stands for (the file is valid with it), where it is.
    let cases: [(&str, &str, &str, (usize, usize)); 4] = [
        // In a record's text.
        (
            r#""title": "Sample Computing"#,
            r#""title": "Sample Comp{}ting"#,
            "u",
            (131, 28),
        ),
        // In a record's field name.
        (r#""locator": "Table 3""#, r#""loc{}tor": "Table 3""#, "a", (148, 11)),
        // In a field nkict does not read: `"note": "` from the 24th.
        (
            r#""schema_version": 2,"#,
            r#""schema_version": 2, "note": "x{}","#,
            "y",
            (2, 34),
        ),
        // After a character of three bytes, counted as one.
        (
            r#""title": "Sample Computing"#,
            r#""title": "고려 Comp{}ting"#,
            "u",
            (131, 24),
        ),
    ];
    for (from, to, good, place) in cases {
        let (before, after) = to.split_once("{}").unwrap();
        let valid = fixture_with(from, format!("{before}{good}{after}").as_bytes());
        assert_eq!(located(&valid), [None; 3], "{to}: valid");
        let bad = fixture_with(from, &[before.as_bytes(), b"\xFF", after.as_bytes()].concat());
        assert_eq!(located(&bad), [Some(place); 3], "{to}");
        // A byte order mark first: the same place (it is no character of
        // the text).
        let marked = [b"\xEF\xBB\xBF".as_slice(), &bad].concat();
        assert_eq!(located(&marked), [Some(place); 3], "{to}: after a byte order mark");
    }
}

#[test]
fn a_byte_order_mark_is_read_past_by_every_reading() {
    let bytes = std::fs::read(FIXTURE).unwrap();
    let marked = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
    let path = Path::new("t.json");
    let records = data::parse(&bytes, path).unwrap().records;
    assert_eq!(data::parse(&marked, path).unwrap().records, records);
    let sifted = sift(&marked, path, &Filter::default(), Keep::All).unwrap();
    assert_eq!(sifted.model.dataset().records, records);
    let model = whole::open(&marked, path, &Filter::default(), &Progress::default())
        .unwrap()
        .model;
    assert_eq!(model.dataset().records, records);
}
