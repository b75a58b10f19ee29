//! The file name the export prompt proposes: what the view is (its years,
//! categories, search and other filters) in a name that is safe on any
//! file system, so that two views never propose the same name.
//!
//! `nkict_all.json`, `nkict_1990-2002_fiber+mobile.csv`,
//! `nkict_from-1995_search-optical-cable.jsonl`. Parts are joined with `_`,
//! values within a part with `+`; a value keeps its letters, digits, `-` and
//! `.`. Where a value had to be changed (spaces, quotes, slashes) or the
//! name cut short, a hash of the exact filter follows, so that two filters
//! that read alike still differ.

use std::path::Path;

use crate::export;
use crate::model::Filter;
use crate::tui::action::Facet;
use crate::tui::picker;

/// Longest the descriptive part of a name may grow, in characters.
const LONGEST: usize = 80;

/// The name proposed for an export of the view `filter` selects, with
/// `extension` (no dot).
pub fn proposed(filter: &Filter, extension: &str) -> String {
    let mut parts = vec!["nkict".to_owned()];
    let mut changed = false;
    let mut part = |prefix: &str, values: &[String]| {
        if values.is_empty() {
            return;
        }
        let safe: Vec<String> = values.iter().map(|v| safe(v)).collect();
        changed |= safe.iter().zip(values).any(|(s, v)| s != v);
        parts.push(format!("{prefix}{}", safe.join("+")));
    };
    part("", &years(filter).into_iter().collect::<Vec<_>>());
    if filter.include_undated {
        part("", &["with-undated".to_owned()]);
    }
    if filter.own_dates_only {
        part("", &["own-dates".to_owned()]);
    }
    part("", &picker::values(filter, Facet::Category));
    part("kind-", &picker::values(filter, Facet::Kind));
    part("source-", &picker::values(filter, Facet::Source));
    part("entity-", &picker::values(filter, Facet::Entity));
    part("indicator-", &picker::values(filter, Facet::Indicator));
    part(
        "search-",
        &[filter.search.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>(),
    );
    if parts.len() == 1 {
        parts.push("all".to_owned());
    }
    let mut name = parts.join("_");
    if name.chars().count() > LONGEST {
        name = name
            .chars()
            .take(LONGEST)
            .collect::<String>()
            .trim_end_matches(['-', '.', '+', '_'])
            .to_owned();
        changed = true;
    }
    if changed {
        name.push_str(&format!("_{:08x}", fnv1a(&filter.to_args().join("\0"))));
    }
    format!("{name}.{extension}")
}

/// `name` with the extension of the format after the one it asks for, in
/// the registry's order, round again after the last (`view.json` →
/// `view.csv`); a name that asks for none gets the default's (`notes` →
/// `notes.json`, which is what it would be written as).
pub fn with_next_format(name: &str) -> String {
    let name = name.trim_end();
    let Some(current) = export::format_of(Path::new(name)) else {
        return format!("{name}.{}", export::default_format().extension());
    };
    let next = export::formats_after(current).next().unwrap_or(current);
    format!("{}.{}", Path::new(name).with_extension("").display(), next.extension())
}

/// The year range as a name part: `1990-2002`, `1997`, `from-1995`, `to-2000`.
fn years(filter: &Filter) -> Option<String> {
    match (filter.from, filter.to) {
        (Some(from), Some(to)) if from == to => Some(from.to_string()),
        (Some(from), Some(to)) => Some(format!("{from}-{to}")),
        (Some(from), None) => Some(format!("from-{from}")),
        (None, Some(to)) => Some(format!("to-{to}")),
        (None, None) => None,
    }
}

/// `value` with anything but letters, digits, `-` and `.` turned into `-`,
/// runs of `-` made one, and no `-` or `.` at either end (no hidden files).
fn safe(value: &str) -> String {
    let mut text = String::new();
    for c in value.chars() {
        let c = if c.is_alphanumeric() || c == '.' { c } else { '-' };
        if !(c == '-' && text.ends_with('-')) {
            text.push(c);
        }
    }
    text.trim_matches(['-', '.']).to_owned()
}

/// The 32-bit FNV-1a hash: small, stable from run to run and build to build.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Category, RecordKind};

    #[test]
    fn names_say_what_the_view_is() {
        let name = |filter: Filter| proposed(&filter, "csv");
        assert_eq!(name(Filter::default()), "nkict_all.csv");
        assert_eq!(
            name(Filter {
                from: Some(1990),
                to: Some(2002),
                categories: vec![Category::Fiber, Category::Mobile],
                ..Filter::default()
            }),
            "nkict_1990-2002_fiber+mobile.csv"
        );
        assert_eq!(
            name(Filter {
                from: Some(1997),
                to: Some(1997),
                include_undated: true,
                ..Filter::default()
            }),
            "nkict_1997_with-undated.csv"
        );
        assert_eq!(
            name(Filter {
                to: Some(2000),
                own_dates_only: true,
                kinds: vec![RecordKind::Observation],
                entities: vec!["kcc".into(), "dprk".into()],
                indicator: Some("it-workforce".into()),
                ..Filter::default()
            }),
            "nkict_to-2000_own-dates_kind-observation_entity-kcc+dprk_indicator-it-workforce.csv"
        );
        assert_eq!(
            name(Filter {
                sources: vec!["lee-it-progress".into(), "tjia-hermit-kingdom".into()],
                ..Filter::default()
            }),
            "nkict_source-lee-it-progress+tjia-hermit-kingdom.csv"
        );
        assert_eq!(
            name(Filter {
                from: Some(1995),
                search: "고려링크".into(),
                ..Filter::default()
            }),
            "nkict_from-1995_search-고려링크.csv",
            "Korean letters are safe"
        );
    }

    #[test]
    fn tab_goes_through_the_formats_by_extension() {
        // The registry's order: json, csv, jsonl, datapackage (.zip).
        assert_eq!(with_next_format("nkict_all.json"), "nkict_all.csv");
        assert_eq!(with_next_format("nkict_all.csv"), "nkict_all.jsonl");
        assert_eq!(with_next_format("nkict_all.jsonl"), "nkict_all.zip");
        assert_eq!(with_next_format("nkict_all.zip"), "nkict_all.json");
        assert_eq!(with_next_format("~/out/view.CSV"), "~/out/view.jsonl");
        // No format's extension: the default's, as it would be written.
        assert_eq!(with_next_format("notes"), "notes.json");
        assert_eq!(with_next_format("notes.v2"), "notes.v2.json");
    }

    #[test]
    fn names_are_safe_file_names() {
        let hostile = Filter {
            search: "../../etc/passwd \"x\" *?|:<>\\".into(),
            ..Filter::default()
        };
        let name = proposed(&hostile, "json");
        assert!(name.starts_with("nkict_search-etc-passwd-x_"), "{name}");
        assert!(
            name.chars().all(|c| c.is_alphanumeric() || "-_.+".contains(c)),
            "{name}"
        );
        assert!(!name.contains(".."), "{name}");
        let long = Filter {
            search: "a".repeat(300),
            ..Filter::default()
        };
        let name = proposed(&long, "json");
        assert!(name.chars().count() <= LONGEST + 1 + 8 + 5, "{name}");
    }

    #[test]
    fn views_that_read_alike_get_different_names() {
        let search = |text: &str| Filter {
            search: text.into(),
            ..Filter::default()
        };
        let filters = [
            search("optical cable"),
            search("optical-cable"),
            search("optical  cable"),
            search("optical/cable"),
            search("a".repeat(200).as_str()),
            search(&format!("{}b", "a".repeat(200))),
            Filter {
                from: Some(1990),
                ..Filter::default()
            },
            Filter {
                from: Some(1990),
                include_undated: true,
                ..Filter::default()
            },
            Filter {
                sources: vec!["fiber".into()],
                ..Filter::default()
            },
            Filter {
                categories: vec![Category::Fiber],
                ..Filter::default()
            },
        ];
        let names: std::collections::HashSet<String> = filters.iter().map(|f| proposed(f, "csv")).collect();
        assert_eq!(names.len(), filters.len(), "{names:?}");
        // A plain value needs no hash.
        assert_eq!(
            proposed(&search("optical-cable"), "csv"),
            "nkict_search-optical-cable.csv"
        );
    }
}
