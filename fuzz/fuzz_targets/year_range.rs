//! The dashboard's year prompt (`t`): any text gives a range or a reason,
//! and a range it accepts reads back the same from its own label.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nkict::model::{Filter, parse_year_range};

fuzz_target!(|text: &str| {
    if let Ok((from, to)) = parse_year_range(text) {
        if let (Some(a), Some(b)) = (from, to) {
            assert!(a <= b, "{text:?} gave {a} > {b}");
        }
        let label = Filter {
            from,
            to,
            ..Filter::default()
        }
        .years_label()
        .unwrap_or_default();
        assert_eq!(parse_year_range(&label), Ok((from, to)), "{text:?} -> {label:?}");
    }
});
