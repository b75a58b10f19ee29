//! The checks that need the whole dataset: ids, references, time, numbers.

use std::collections::HashMap;

use super::date::PartialDate;
use super::error::Problem;
use super::positions::{DashboardPositions, Positions};
use super::schema::{Dashboard, Dataset, Qualifier, Record, RecordKind, SCHEMA_VERSION};

/// Which lists parsed whole. A reference into a list that lost items to type
/// errors cannot be judged, so it is not reported as unknown.
#[derive(Debug, Clone, Copy)]
pub struct Whole {
    pub sources: bool,
    pub indicators: bool,
    pub entities: bool,
}

/// Every semantic problem in `dataset`, each located at its item.
pub fn validate(dataset: &Dataset, positions: &Positions, whole: Whole) -> Vec<Problem> {
    let mut problems = Vec::new();
    if dataset.schema_version != SCHEMA_VERSION {
        problems.push(Problem {
            position: positions.schema_version,
            item: None,
            field: Some("schema_version".into()),
            message: format!(
                "schema version {} is not supported (this nkict reads version {SCHEMA_VERSION})",
                dataset.schema_version
            ),
        });
    }
    let mut check = Checker {
        problems: &mut problems,
    };
    let sources = check.unique_ids(
        "source",
        dataset.sources.iter().map(|s| s.id.as_str()),
        &positions.sources,
    );
    let indicators = check.unique_ids(
        "indicator",
        dataset.indicators.iter().map(|i| i.id.as_str()),
        &positions.indicators,
    );
    let entities = check.unique_ids(
        "entity",
        dataset.entities.iter().map(|e| e.id.as_str()),
        &positions.entities,
    );
    check.unique_ids(
        "record",
        dataset.records.iter().map(|r| r.id.as_str()),
        &positions.records,
    );
    for (index, source) in dataset.sources.iter().enumerate() {
        if let Some(file) = &source.text_file
            && !is_plain_file_name(file)
        {
            check.problems.push(Problem {
                position: positions.sources.get(index).copied(),
                item: Some(format!("source `{}`", source.id)),
                field: Some("text_file".into()),
                message: format!("`{file}` must be a plain file name, without folders"),
            });
        }
    }
    let known = Known {
        sources: whole.sources.then_some(sources),
        indicators: whole.indicators.then_some(indicators),
        entities: whole.entities.then_some(entities),
    };
    for (index, record) in dataset.records.iter().enumerate() {
        let mut at = RecordProblems {
            record,
            position: positions.records.get(index).copied(),
            problems: check.problems,
        };
        at.check(&known);
    }
    if let Some(dashboard) = &dataset.dashboard {
        check_dashboard(dashboard, &known, &positions.dashboard, check.problems);
    }
    problems
}

/// Every id the dashboard names is an indicator.
fn check_dashboard(dashboard: &Dashboard, known: &Known, positions: &DashboardPositions, problems: &mut Vec<Problem>) {
    let lists = [
        ("headline", &dashboard.headline, &positions.headline),
        ("key_figures", &dashboard.key_figures, &positions.key_figures),
    ];
    for (field, ids, positions) in lists {
        for (index, id) in ids.iter().enumerate() {
            if !may_exist(&known.indicators, id) {
                problems.push(Problem {
                    position: positions.get(index).copied(),
                    item: Some("dashboard".into()),
                    field: Some(format!("{field}[{index}]")),
                    message: format!("unknown indicator `{id}`"),
                });
            }
        }
    }
}

struct Checker<'p> {
    problems: &'p mut Vec<Problem>,
}

impl Checker<'_> {
    /// Reports empty and repeated ids; returns the set of ids.
    fn unique_ids<'d>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = &'d str>,
        positions: &[(usize, usize)],
    ) -> HashMap<&'d str, usize> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, id) in ids.enumerate() {
            let position = positions.get(index).copied();
            if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{what} #{}", index + 1)),
                    field: Some("id".into()),
                    message: format!("`{id}` is not a valid id (it must be non-empty, without spaces)"),
                });
            }
            if let Some(&first) = seen.get(id) {
                let first_line = positions
                    .get(first)
                    .map_or(String::new(), |(l, _)| format!(" (first at line {l})"));
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{what} `{id}`")),
                    field: Some("id".into()),
                    message: format!("duplicate {what} id{first_line}"),
                });
            } else {
                seen.insert(id, index);
            }
        }
        seen
    }
}

/// The ids of each list, where the list is whole.
struct Known<'d> {
    sources: Option<HashMap<&'d str, usize>>,
    indicators: Option<HashMap<&'d str, usize>>,
    entities: Option<HashMap<&'d str, usize>>,
}

/// False only when the list is whole and lacks `id`.
fn may_exist(ids: &Option<HashMap<&str, usize>>, id: &str) -> bool {
    ids.as_ref().is_none_or(|ids| ids.contains_key(id))
}

struct RecordProblems<'r, 'p> {
    record: &'r Record,
    position: Option<(usize, usize)>,
    problems: &'p mut Vec<Problem>,
}

impl RecordProblems<'_, '_> {
    fn push(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            position: self.position,
            item: Some(format!("record `{}`", self.record.id)),
            field: Some(field.into()),
            message: message.into(),
        });
    }

    fn check(&mut self, known: &Known) {
        let r = self.record;
        for (field, text) in [
            ("title", &r.title),
            ("summary", &r.summary),
            ("locator", &r.locator),
            ("quote", &r.quote),
        ] {
            if text.trim().is_empty() {
                self.push(field, format!("the {field} is empty"));
            }
        }
        if !may_exist(&known.sources, &r.source) {
            self.push("source", format!("unknown source `{}`", r.source));
        }
        for (n, entity) in r.entities.iter().enumerate() {
            if !may_exist(&known.entities, entity) {
                self.push("entities", format!("unknown entity `{entity}`"));
            } else if r.entities[..n].contains(entity) {
                self.push("entities", format!("entity `{entity}` is listed twice"));
            }
        }
        if let Some(indicator) = &r.indicator
            && !may_exist(&known.indicators, indicator)
        {
            self.push("indicator", format!("unknown indicator `{indicator}`"));
        }
        self.check_time();
        if r.kind == RecordKind::Observation {
            self.check_figures();
        } else {
            self.check_no_figures();
        }
    }

    fn check_time(&mut self) {
        let r = self.record;
        let given = [r.date.is_some(), r.period.is_some(), r.as_of.is_some()];
        match given.iter().filter(|&&g| g).count() {
            0 => self.push(
                "date",
                "no time given: set `date`, `period`, or `\"as_of\": \"source\"` if the source gives no date",
            ),
            1 => {}
            _ => self.push("date", "give only one of `date`, `period` and `as_of`"),
        }
        if let Some(period) = r.period
            && earliest(period.start) > latest(period.end)
        {
            self.push(
                "period",
                format!("the period starts ({}) after it ends ({})", period.start, period.end),
            );
        }
    }

    fn check_figures(&mut self) {
        let r = self.record;
        if r.indicator.is_none() {
            self.push("indicator", "an observation needs an indicator");
        }
        let Some(qualifier) = r.qualifier else {
            self.push(
                "qualifier",
                "an observation needs a qualifier (exact, approx, at_least, at_most or range)",
            );
            return;
        };
        if qualifier == Qualifier::Range {
            if r.low.is_none() || r.high.is_none() {
                self.push("low", "a range needs both `low` and `high`");
            }
        } else if r.value.is_none() {
            self.push(
                "value",
                format!("an observation qualified `{}` needs a value", qualifier.as_str()),
            );
        }
        if let (Some(low), Some(value)) = (r.low, r.value)
            && low > value
        {
            self.push("low", format!("low ({low}) is greater than value ({value})"));
        }
        if let (Some(value), Some(high)) = (r.value, r.high)
            && value > high
        {
            self.push("high", format!("value ({value}) is greater than high ({high})"));
        }
        if let (Some(low), Some(high)) = (r.low, r.high)
            && low > high
        {
            self.push("low", format!("low ({low}) is greater than high ({high})"));
        }
    }

    fn check_no_figures(&mut self) {
        let r = self.record;
        let figures = [
            ("indicator", r.indicator.is_some()),
            ("value", r.value.is_some()),
            ("low", r.low.is_some()),
            ("high", r.high.is_some()),
            ("qualifier", r.qualifier.is_some()),
        ];
        for (field, present) in figures {
            if present {
                self.push(
                    field,
                    format!(
                        "only observations may set `{field}` (this record is a {})",
                        r.kind.as_str()
                    ),
                );
            }
        }
    }
}

/// The first day a partial date can mean.
fn earliest(date: PartialDate) -> (i32, u8, u8) {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

/// The last day a partial date can mean.
fn latest(date: PartialDate) -> (i32, u8, u8) {
    (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31))
}

fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\'])
}
