//! The dashboard's year prompt (`t`): any text gives a range or a reason,
//! and a range it accepts reads back the same from its own label.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nkict::model::YearRange;

fuzz_target!(|text: &str| {
    if let Ok(range) = YearRange::parse(text) {
        if let (Some(a), Some(b)) = (range.from(), range.to()) {
            assert!(a <= b, "{text:?} gave {a} > {b}");
        }
        let label = range.label().unwrap_or_default();
        assert_eq!(YearRange::parse(&label), Ok(range), "{text:?} -> {label:?}");
    }
});
