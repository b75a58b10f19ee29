//! How records read in a table cell, a detail panel or a citation. Shared by
//! the command line and the dashboard so both say the same thing.

use unicode_width::UnicodeWidthStr;

use crate::data::{Entity, Qualifier, Record, Source};

/// A figure for people, whatever its size:
/// - `1200000` → `1,200,000` and `4.6` → `4.6`: thousands grouped, at most
///   two decimals, or two significant digits below 0.1 (`0.0012`);
/// - from 10^15 up and below 10^-6, scientific notation with at most four
///   significant digits: `1e21`, `1.798e308`, `5e-324`, `2.5e-7`.
///
/// Zero is `0` whatever its sign (the loader refuses a figure written `-0`).
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    let magnitude = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    if !(SMALLEST_PLAIN..LARGEST_PLAIN).contains(&magnitude) {
        return format!("{sign}{}", scientific(magnitude));
    }
    // Two significant digits for small values: 0.0012, not 0.
    let exponent = decimal_exponent(magnitude);
    let decimals = usize::try_from(1 - exponent).unwrap_or(0).max(2);
    let text = format!("{magnitude:.decimals$}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let grouped = group_thousands(int);
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Below this, figures are written in scientific notation.
const SMALLEST_PLAIN: f64 = 1e-6;
/// From this up, figures are written in scientific notation.
const LARGEST_PLAIN: f64 = 1e15;

/// The power of ten of `magnitude`'s first significant digit, once rounded
/// to two significant digits (0.0999 counts as 0.10, so -1).
fn decimal_exponent(magnitude: f64) -> i32 {
    let text = format!("{magnitude:.1e}");
    text.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0)
}

/// `1e21`, `1.798e308`: the shortest form that reads back as `magnitude`,
/// rounded to four significant digits when that is longer.
fn scientific(magnitude: f64) -> String {
    let shortest = format!("{magnitude:e}");
    let (mantissa, _) = shortest.split_once('e').unwrap_or((&shortest, ""));
    if mantissa.len() <= 5 {
        return shortest;
    }
    let rounded = format!("{magnitude:.3e}");
    let (mantissa, exponent) = rounded.split_once('e').unwrap_or((&rounded, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}e{exponent}")
}

/// A count with thousands grouped: `99812` → `99,812`.
pub fn count(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// `1234567` → `1,234,567`, for a string of ASCII digits.
fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The figure as the source words it, without the unit: `about 100,000`,
/// `1,000–1,500`, `more than 1,000`. `None` for records without a figure.
pub fn figure(record: &Record) -> Option<String> {
    let qualifier = record.qualifier?;
    let value = record.value.map(number);
    let text = match (qualifier, value) {
        (Qualifier::Range, _) => match (record.low, record.high) {
            (Some(low), Some(high)) => format!("{}–{}", number(low), number(high)),
            _ => return None,
        },
        (Qualifier::Exact, Some(v)) => v,
        (Qualifier::Approx, Some(v)) => format!("about {v}"),
        (Qualifier::AtLeast, Some(v)) => format!("more than {v}"),
        (Qualifier::AtMost, Some(v)) => format!("up to {v}"),
        (_, None) => return None,
    };
    Some(text)
}

/// The figure with its unit: `4.6%`, `about 100,000 people`.
pub fn figure_with_unit(record: &Record, unit: &str) -> Option<String> {
    Some(format!("{}{}", figure(record)?, unit_suffix(unit)))
}

/// What follows a figure to give its unit: `%` joined, a word after a space.
pub fn unit_suffix(unit: &str) -> String {
    if unit == "%" || unit.is_empty() {
        unit.to_owned()
    } else {
        format!(" {unit}")
    }
}

/// When, compactly: `1997`, `2001-05-12`, `1987–1993`, or `undated`.
pub fn when(record: &Record) -> String {
    match (record.date, record.period) {
        (Some(date), _) => date.to_string(),
        (None, Some(p)) if p.start == p.end => p.start.to_string(),
        (None, Some(p)) => format!("{}–{}", p.start, p.end),
        (None, None) => "undated".to_owned(),
    }
}

/// When, in full, with the source's own words for a loose time.
pub fn when_long(record: &Record, source: &Source) -> String {
    let base = if record.date.is_none() && record.period.is_none() {
        match source.published {
            Some(year) => format!("undated: as of the source ({year})"),
            None => "undated: as of the source (itself undated)".to_owned(),
        }
    } else {
        when(record)
    };
    match &record.date_text {
        Some(words) => format!("{base} (“{words}”)"),
        None => base,
    }
}

/// `1 record`, `3 records`, `2 entities`.
pub fn plural(count: usize, noun: &str) -> String {
    match noun.strip_suffix('y') {
        _ if count == 1 => format!("{count} {noun}"),
        Some(stem) => format!("{count} {stem}ies"),
        None => format!("{count} {noun}s"),
    }
}

/// The shortest name the dataset knows an entity by: `DPRK`, `ROK`, `KCC`.
pub fn short_name(entity: &Entity) -> &str {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .min_by_key(|name| name.width())
        .map_or("", String::as_str)
}

/// The source as a reference: authors, title, container, year, kind.
pub fn source_reference(source: &Source) -> String {
    let authors = if source.authors.is_empty() {
        "Anonymous".to_owned()
    } else {
        source.authors.join(", ")
    };
    let year = source.published.map_or("n.d.".to_owned(), |y| y.to_string());
    let mut text = format!(
        "{authors}, “{}”, {}, {year} ({})",
        source.title, source.container, source.kind
    );
    if let Some(url) = &source.url {
        text.push_str(&format!(", {url}"));
    }
    text
}

/// The full citation of one record, with its locator and quote: what `y`
/// copies and what the detail panel ends with.
pub fn citation(record: &Record, source: &Source, unit: Option<&str>) -> String {
    let mut text = record.title.clone();
    if let Some(figure) = unit.and_then(|u| figure_with_unit(record, u)) {
        text.push_str(&format!(": {figure}"));
    }
    text.push_str(&format!(
        " ({}). {}, {}. “{}”",
        when(record),
        source_reference(source),
        record.locator,
        record.quote
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_read_as_english() {
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(2, "entity"), "2 entities");
        assert_eq!(plural(0, "record"), "0 records");
    }

    #[test]
    fn numbers_group_thousands_and_trim_decimals() {
        assert_eq!(number(1_200_000.0), "1,200,000");
        assert_eq!(number(4.6), "4.6");
        assert_eq!(number(65.10), "65.1");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1000.0), "1,000");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.126), "0.13");
        assert_eq!(number(999_999_999_999_999.0), "999,999,999,999,999");
    }

    #[test]
    fn numbers_at_the_extremes_stay_readable() {
        assert_eq!(number(1e308), "1e308");
        assert_eq!(number(f64::MAX), "1.798e308");
        assert_eq!(number(1e300), "1e300");
        assert_eq!(number(1e21), "1e21");
        assert_eq!(number(-2.5e20), "-2.5e20");
        assert_eq!(number(1e15), "1e15");
        assert_eq!(number(9_007_199_254_740_993.0), "9.007e15");
        assert_eq!(number(5e-324), "5e-324");
        assert_eq!(number(f64::MIN_POSITIVE), "2.225e-308");
        assert_eq!(number(2.5e-7), "2.5e-7");
        assert_eq!(number(-1.23456e-9), "-1.235e-9");
        assert_eq!(number(9.9e-7), "9.9e-7");
    }

    #[test]
    fn small_numbers_keep_two_significant_digits() {
        assert_eq!(number(0.001), "0.001");
        assert_eq!(number(0.0012), "0.0012");
        assert_eq!(number(0.012345), "0.012");
        assert_eq!(number(0.000001), "0.000001");
        assert_eq!(number(-0.0047), "-0.0047");
        // 0.0999 is 0.10 to two significant digits: two decimals suffice.
        assert_eq!(number(0.0999), "0.1");
        assert_eq!(number(0.05), "0.05");
    }

    #[test]
    fn zero_has_no_sign() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(99_812), "99,812");
        assert_eq!(count(1_048_576), "1,048,576");
    }
}
