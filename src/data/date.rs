//! Partial ISO dates (`1997`, `1990-08`, `2001-05-12`): the precision the
//! sources give, never more.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::terminal_text::quoted;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub const fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }
}

/// A text that is not a partial date. The text is kept quoted for messages:
/// escaped and cut (see `terminal_text::quoted`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text} is not a date: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    text: String,
    reason: &'static str,
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        plain(text.as_bytes()).map_or_else(|| checked(text), Ok)
    }
}

/// The date `text` is, if it is a plain one: `YYYY`, `YYYY-MM`, or
/// `YYYY-MM-DD` with a day every month has (1 to 28). Read in one look at
/// each byte, where `checked`'s splitting and calendar took a quarter of
/// the work of handing over the bundled records (301 dates). `None` for
/// any other text, which `checked` reads (or refuses, saying why).
fn plain(text: &[u8]) -> Option<PartialDate> {
    let number = |from: usize, count: usize| digits(text.get(from..from + count)?);
    let part = |at: usize| if text[at - 1] == b'-' { number(at, 2) } else { None };
    let (month, day) = match text.len() {
        4 => (None, None),
        7 => (Some(part(5)?), None),
        10 => (Some(part(5)?), Some(part(8)?)),
        _ => return None,
    };
    let year = number(0, 4)? as i32;
    let within = |part: Option<u32>, last: u32| part.is_none_or(|part| (1..=last).contains(&part));
    (within(month, 12) && within(day, 28)).then(|| PartialDate {
        year,
        month: month.map(|month| month as u8),
        day: day.map(|day| day as u8),
    })
}

/// The date `text` is, every rule checked, or why it is none.
fn checked(text: &str) -> Result<PartialDate, DateError> {
    let fail = |reason| DateError {
        text: quoted(text),
        reason,
    };
    let mut parts = text.split('-');
    let year = parse_digits(parts.next(), 4).ok_or_else(|| fail("the year must have four digits"))?;
    let month = match parts.next() {
        None => None,
        Some(m) => Some(parse_digits(Some(m), 2).ok_or_else(|| fail("the month must have two digits"))?),
    };
    let day = match parts.next() {
        None => None,
        Some(d) => Some(parse_digits(Some(d), 2).ok_or_else(|| fail("the day must have two digits"))?),
    };
    if parts.next().is_some() {
        return Err(fail("too many parts"));
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(fail("there is no such month"));
    }
    if let (Some(m), Some(d)) = (month, day)
        && NaiveDate::from_ymd_opt(year as i32, m, d).is_none()
    {
        return Err(fail("there is no such day in that month"));
    }
    Ok(PartialDate {
        year: year as i32,
        month: month.map(|m| m as u8),
        day: day.map(|d| d as u8),
    })
}

/// Exactly `width` ASCII digits.
fn parse_digits(part: Option<&str>, width: usize) -> Option<u32> {
    digits(part.filter(|part| part.len() == width)?.as_bytes())
}

/// The number `bytes` write, if they are all ASCII digits (a few: a
/// date's part).
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0, |number: u32, &byte| {
        byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0'))
    })
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written whole where it can be (`ascii`): three numbers formatted
        // apart were a twentieth of a bundled listing's instructions.
        if let Some(ascii) = self.ascii() {
            return f.write_str(ascii.as_str());
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    /// Written whole where it can be: `collect_str` hands a serializer the
    /// text piece by piece (`1990`, `-08`), each escaped and written alone,
    /// and an export writes three dates a record.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.ascii() {
            Some(ascii) => s.serialize_str(ascii.as_str()),
            None => s.collect_str(self),
        }
    }
}

impl PartialDate {
    /// As `Display` writes it, for years 0 to 9999 (all a file can give)
    /// and months and days below 100 (a parsed date's are 1 to 31; the
    /// fields are public, and 123 needs three digits).
    pub(crate) fn ascii(&self) -> Option<AsciiDate> {
        let year = u16::try_from(self.year).ok().filter(|&year| year <= 9999)?;
        let mut text = [b'-'; 10];
        // Two digits at a time: a digit at a time was 75 instructions a
        // date, 0.08 M for the bundled export's `record_times`.
        [text[0], text[1]] = two_digits((year / 100) as u8)?;
        [text[2], text[3]] = two_digits((year % 100) as u8)?;
        let mut length = 4;
        for part in [self.month, self.day].into_iter().flatten() {
            [text[length + 1], text[length + 2]] = two_digits(part)?;
            length += 3;
        }
        Some(AsciiDate { text, length })
    }
}

/// `n`'s two decimal digits, if it has no more.
fn two_digits(n: u8) -> Option<[u8; 2]> {
    (n < 100).then(|| [b'0' + n / 10, b'0' + n % 10])
}

/// A date's text as `Display` writes it (`PartialDate::ascii`): ASCII
/// digits and dashes.
pub(crate) struct AsciiDate {
    text: [u8; 10],
    length: usize,
}

impl AsciiDate {
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).expect("ASCII digits and dashes are UTF-8")
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.text[..self.length]
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A partial ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD.",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["1997", "1990-08", "2001-05-12", "2000-02-29"] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
        }
    }

    proptest::proptest! {
        #[test]
        fn prints_zero_padded_year_month_and_day(
            year in -20_000..20_000i32,
            month in proptest::option::of(1..=12u8),
            day in proptest::option::of(1..=31u8),
        ) {
            let date = PartialDate { year, month, day: month.and(day) };
            let mut expected = format!("{year:04}");
            for part in [date.month, date.day].into_iter().flatten() {
                expected.push_str(&format!("-{part:02}"));
            }
            proptest::prop_assert_eq!(date.to_string(), expected);
        }
    }

    proptest::proptest! {
        /// A plain date read in one look is the date every rule reads.
        #[test]
        fn a_plain_date_reads_as_every_rule_reads_it(
            year in 0..=9999u32,
            month in proptest::option::of(0..=13u32),
            day in proptest::option::of(0..=32u32),
        ) {
            let mut text = format!("{year:04}");
            for part in [month, month.and(day)].into_iter().flatten() {
                text.push_str(&format!("-{part:02}"));
            }
            let read = checked(&text).ok();
            let plain_day = day.is_none_or(|day| day <= 28) || month.is_none();
            if plain_day {
                proptest::prop_assert_eq!(plain(text.as_bytes()), read);
            } else {
                proptest::prop_assert_eq!(plain(text.as_bytes()), None);
            }
            proptest::prop_assert_eq!(text.parse::<PartialDate>().ok(), read);
        }

        /// Any other text is left to the careful reading.
        #[test]
        fn any_text_read_in_one_look_reads_as_every_rule_reads_it(text in "[0-9]{4}([0-9a-][0-9]{2}){0,2}|[0-9a-]{0,11}|.{0,11}") {
            let plain = plain(text.as_bytes());
            proptest::prop_assert!(plain.is_none() || plain == checked(&text).ok(), "{:?}", plain);
            proptest::prop_assert_eq!(text.parse::<PartialDate>().ok(), checked(&text).ok());
        }
    }

    #[test]
    fn serializes_as_it_prints() {
        for (date, json) in [
            (PartialDate::year(1997), r#""1997""#),
            (PartialDate::year(42), r#""0042""#),
            ("1990-08".parse().unwrap(), r#""1990-08""#),
            ("2001-05-12".parse().unwrap(), r#""2001-05-12""#),
            (PartialDate::year(12345), r#""12345""#),
            (PartialDate::year(-5), r#""-005""#),
        ] {
            assert_eq!(serde_json::to_string(&date).unwrap(), json);
        }
    }

    /// Every year a file can give, with months and days of one and two
    /// digits or none, written as `format!` pads the numbers.
    #[test]
    fn each_date_is_written_in_ascii_as_padded_numbers() {
        for year in 0..=9999 {
            for (month, day) in [(None, None), (Some(1), None), (Some(12), Some(9)), (Some(7), Some(31))] {
                let date = PartialDate { year, month, day };
                let mut expected = format!("{year:04}");
                for part in [month, day].into_iter().flatten() {
                    expected.push_str(&format!("-{part:02}"));
                }
                assert_eq!(date.ascii().map(|ascii| ascii.as_str().to_owned()), Some(expected));
            }
        }
        assert!(PartialDate::year(10_000).ascii().is_none());
        assert!(PartialDate::year(-1).ascii().is_none());
    }

    /// The fields are public: a month or day of three digits (no parsed
    /// date has one) is written whole, not cut to two.
    #[test]
    fn a_month_or_day_of_three_digits_is_written_whole() {
        for (month, day, text) in [
            (Some(123), None, "2000-123"),
            (Some(5), Some(100), "2000-05-100"),
            (Some(255), Some(255), "2000-255-255"),
            (Some(99), Some(99), "2000-99-99"),
        ] {
            let date = PartialDate { year: 2000, month, day };
            assert_eq!(date.to_string(), text);
            assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{text}\""));
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "",
            "97",
            "19970",
            "1997-13",
            "1997-00",
            "1997-1",
            "2001-02-29",
            "2001-04-31",
            "1997-05-12-01",
            "199a",
            "+997",
            "1997-05-",
            "１９９７",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text} should be rejected");
        }
    }

    #[test]
    fn orders_by_year_then_month_then_day_with_less_precise_first() {
        let dates: Vec<PartialDate> = ["2001", "2001-05", "2001-05-12", "2002"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
    }
}
