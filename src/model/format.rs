//! How records read in a table cell, a detail panel or a citation. Shared by
//! the command line and the dashboard so both say the same thing.

use unicode_width::UnicodeWidthStr;

use crate::data::{Entity, Qualifier, Record, Source};

/// `1200000` → `1,200,000`; `4.6` → `4.6`; at most two decimals.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
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
    }
}
