//! Finding a source, indicator or entity by what a person types: its id, or
//! any of its names (an entity's name, Korean name and aliases; an
//! indicator's name; a source's title), in any case, with hyphens and
//! spaces alike (`mobile subscriptions` finds `mobile-subscriptions`).
//!
//! An id given exactly always wins. A name that fits several items is
//! refused, listing them, rather than silently widening the filter; a value
//! that fits nothing gets the closest few as suggestions.

use super::format::count;
use super::search;
use crate::data::Dataset;
use crate::terminal_text::{QUOTED_LIMIT, cut, quoted};

/// What a value typed on the command line named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The position of the one item it names.
    Found(usize),
    /// Every item it names, in dataset order (two or more).
    Ambiguous(Vec<usize>),
    /// It names nothing; the closest items, best first (at most
    /// `SUGGESTIONS`, perhaps none).
    Unknown(Vec<usize>),
}

/// How many suggestions an unknown value gets.
pub const SUGGESTIONS: usize = 3;

/// How many of the items an ambiguous value names are listed.
const CANDIDATES: usize = 10;

/// One item as it can be named: its id, then its other names.
pub struct Named<'a> {
    pub id: &'a str,
    pub names: Vec<&'a str>,
}

/// Finds `value` among `items` (see the module documentation).
pub fn lookup(items: &[Named], value: &str) -> Lookup {
    if let Some(ix) = items.iter().position(|item| item.id == value) {
        return Lookup::Found(ix);
    }
    let wanted = fold_name(value);
    let named: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| keys(item).any(|key| fold_name(key) == wanted))
        .map(|(ix, _)| ix)
        .collect();
    match named.as_slice() {
        [ix] => Lookup::Found(*ix),
        [] => Lookup::Unknown(closest(items, &wanted)),
        _ => Lookup::Ambiguous(named),
    }
}

fn keys<'a>(item: &'a Named) -> impl Iterator<Item = &'a str> {
    std::iter::once(item.id).chain(item.names.iter().copied())
}

/// A name as it is compared: folded as a search is, with hyphens and
/// underscores read as spaces and white space runs as one space.
pub fn fold_name(text: &str) -> String {
    let folded = search::fold(text).replace(['-', '_'], " ");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The items nearest to `wanted` (folded), best first by edit distance:
/// those with a name holding it (or held by it), and those a few edits
/// away, never one so far off that it would be a guess.
fn closest(items: &[Named], wanted: &str) -> Vec<usize> {
    let mut scored: Vec<(usize, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(ix, item)| {
            let near = |key: &str| {
                let key = fold_name(key);
                let edits = strsim::levenshtein(&key, wanted);
                (is_part(&key, wanted) || edits <= max_edits(wanted)).then_some(edits)
            };
            keys(item).filter_map(near).min().map(|edits| (edits, ix))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(SUGGESTIONS).map(|(_, ix)| ix).collect()
}

/// Whether one of `name` and `wanted` contains the other; two letters are
/// too few to say.
fn is_part(name: &str, wanted: &str) -> bool {
    wanted.chars().count() >= 3 && (name.contains(wanted) || wanted.contains(name))
}

/// How many edits a suggestion may be away: about one in three characters,
/// at least two.
fn max_edits(wanted: &str) -> usize {
    (wanted.chars().count() / 3).max(2)
}

/// What sort of item a filter value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Source,
    Indicator,
    Entity,
}

impl ItemKind {
    fn noun(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Indicator => "indicator",
            Self::Entity => "entity",
        }
    }

    /// The command that lists every item of this kind.
    fn listing(self) -> &'static str {
        match self {
            Self::Source => "nkict sources",
            Self::Indicator => "nkict indicators",
            Self::Entity => "nkict entities",
        }
    }

    /// Every item of this kind in `dataset`, as it can be named.
    fn named(self, dataset: &Dataset) -> Vec<Named<'_>> {
        match self {
            Self::Source => (dataset.sources.iter())
                .map(|s| Named {
                    id: &s.id,
                    names: vec![&s.title],
                })
                .collect(),
            Self::Indicator => (dataset.indicators.iter())
                .map(|i| Named {
                    id: &i.id,
                    names: vec![&i.name],
                })
                .collect(),
            Self::Entity => (dataset.entities.iter())
                .map(|e| Named {
                    id: &e.id,
                    names: super::entity_names(e).collect(),
                })
                .collect(),
        }
    }

    /// The item at `ix` as a message shows it: `` `id` (name) ``.
    fn shown(self, dataset: &Dataset, ix: usize) -> String {
        let (id, name) = match self {
            Self::Source => (&dataset.sources[ix].id, &dataset.sources[ix].title),
            Self::Indicator => (&dataset.indicators[ix].id, &dataset.indicators[ix].name),
            Self::Entity => (&dataset.entities[ix].id, &dataset.entities[ix].name),
        };
        // Escaped and cut: both come from the dataset.
        format!("{} ({})", quoted(id), cut(name, QUOTED_LIMIT))
    }
}

/// A filter value that names no item, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("unknown {} {}{}; `{}` lists them all", .kind.noun(), quoted(.value), did_you_mean(.suggestions), .kind.listing())]
    Unknown {
        kind: ItemKind,
        value: String,
        /// The closest items, as `` `id` (name) ``.
        suggestions: Vec<String>,
    },
    #[error("{} {} is ambiguous: it names {}; give the id", .kind.noun(), quoted(.value), or_list(.candidates, "and"))]
    Ambiguous {
        kind: ItemKind,
        value: String,
        /// Every item it names, as `` `id` (name) ``.
        candidates: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", or_list(suggestions, "or"))
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// The id of the one item of `kind` in `dataset` that `value` names.
pub fn resolve(dataset: &Dataset, kind: ItemKind, value: &str) -> Result<String, NameError> {
    let named = kind.named(dataset);
    let shown = |ixs: Vec<usize>| ixs.into_iter().map(|ix| kind.shown(dataset, ix)).collect();
    match lookup(&named, value) {
        Lookup::Found(ix) => Ok(named[ix].id.to_owned()),
        Lookup::Ambiguous(ixs) => {
            // A name a whole dataset shares is listed by its first few.
            let more = ixs.len().saturating_sub(CANDIDATES);
            let mut candidates: Vec<String> = shown(ixs.into_iter().take(CANDIDATES).collect());
            if more > 0 {
                candidates.push(format!("{} more", count(more)));
            }
            Err(NameError::Ambiguous {
                kind,
                value: value.to_owned(),
                candidates,
            })
        }
        Lookup::Unknown(ixs) => Err(NameError::Unknown {
            kind,
            value: value.to_owned(),
            suggestions: shown(ixs),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<Named<'static>> {
        vec![
            Named {
                id: "dprk",
                names: vec!["North Korea (DPRK)", "North Korea", "DPRK"],
            },
            Named {
                id: "koryolink",
                names: vec!["Koryolink", "고려링크"],
            },
            Named {
                id: "korea-computer-center",
                names: vec!["Korea Computer Center", "KCC"],
            },
            Named {
                id: "kcc-2",
                names: vec!["Kim Chaek College", "KCC"],
            },
        ]
    }

    #[test]
    fn ids_names_and_aliases_are_found_in_any_case() {
        let items = items();
        assert_eq!(lookup(&items, "dprk"), Lookup::Found(0));
        assert_eq!(lookup(&items, "north korea"), Lookup::Found(0));
        assert_eq!(lookup(&items, "NORTH  KOREA"), Lookup::Found(0));
        assert_eq!(lookup(&items, "고려링크"), Lookup::Found(1));
        assert_eq!(lookup(&items, "Korea-Computer-Center"), Lookup::Found(2));
        assert_eq!(lookup(&items, "korea computer center"), Lookup::Found(2));
    }

    #[test]
    fn a_name_of_several_items_is_ambiguous_unless_it_is_an_id() {
        let items = items();
        assert_eq!(lookup(&items, "kcc"), Lookup::Ambiguous(vec![2, 3]));
        assert_eq!(lookup(&items, "kcc-2"), Lookup::Found(3));
    }

    #[test]
    fn unknown_values_get_the_closest_few() {
        let items = items();
        assert_eq!(lookup(&items, "Koryolnk"), Lookup::Unknown(vec![1]));
        // Names holding it, nearest first: "north korea" is six edits away.
        assert_eq!(lookup(&items, "korea"), Lookup::Unknown(vec![0, 2]));
        assert_eq!(lookup(&items, "computer"), Lookup::Unknown(vec![2]));
        assert_eq!(lookup(&items, "atlantis"), Lookup::Unknown(vec![]));
        assert_eq!(lookup(&items, ""), Lookup::Unknown(vec![]));
    }

    #[test]
    fn short_values_are_not_matched_as_parts_of_names() {
        // "ko" is in many names; two letters are no evidence.
        assert_eq!(lookup(&items(), "zz"), Lookup::Unknown(vec![]));
        assert!(!is_part("korea computer center", "ko"));
        assert!(is_part("korea computer center", "computer"));
    }
}
