//! The checks that need the whole dataset: ids, references, time, numbers.

use std::collections::HashMap;

use super::date::PartialDate;
use super::error::{Problem, Problems};
use super::positions::{DashboardPositions, Positions};
use super::schema::{
    Dashboard, Dataset, InfoAsOf, OLDEST_READABLE_VERSION, Qualifier, Record, RecordKind, SCHEMA_VERSION, Source,
};
use super::text::{ID_RULE, blank_reason, is_safe_id};
use crate::terminal_text::quoted;

/// Which lists parsed whole. A reference into a list that lost items to type
/// errors cannot be judged, so it is not reported as unknown.
#[derive(Debug, Clone, Copy)]
pub struct Whole {
    pub sources: bool,
    pub indicators: bool,
    pub entities: bool,
}

/// Every semantic problem in `dataset`, each located at its item, added to
/// `problems`.
pub fn validate(dataset: &Dataset, positions: &Positions, whole: Whole, problems: &mut Problems) {
    if !(OLDEST_READABLE_VERSION..=SCHEMA_VERSION).contains(&dataset.schema_version) {
        problems.push(Problem {
            position: positions.schema_version,
            item: None,
            field: Some("schema_version".into()),
            message: format!(
                "schema version {} is not supported (this nkict reads versions {OLDEST_READABLE_VERSION} to {SCHEMA_VERSION})",
                dataset.schema_version
            ),
        });
    }
    let mut check = Checker { problems };
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
        for (field, message) in source_problems(source) {
            check.problems.push(Problem {
                position: positions.sources.get(index).copied(),
                item: Some(format!("source {}", quoted(&source.id))),
                field: Some(field.into()),
                message,
            });
        }
    }
    check.names_show(dataset, positions);
    let known = Known {
        sources: whole.sources.then_some(sources),
        indicators: whole.indicators.then_some(indicators),
        entities: whole.entities.then_some(entities),
    };
    for (index, record) in dataset.records.iter().enumerate() {
        let mut at = RecordProblems {
            record,
            version: dataset.schema_version,
            position: positions.records.get(index).copied(),
            problems: check.problems,
        };
        at.check(&known);
    }
    if let Some(dashboard) = &dataset.dashboard {
        check_dashboard(dashboard, &known, &positions.dashboard, check.problems);
    }
}

/// Every id the dashboard names is an indicator.
fn check_dashboard(dashboard: &Dashboard, known: &Known, positions: &DashboardPositions, problems: &mut Problems) {
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
                    message: format!("unknown indicator {}", quoted(id)),
                });
            }
        }
    }
}

struct Checker<'p> {
    problems: &'p mut Problems,
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
            if !is_safe_id(id) {
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{what} #{}", index + 1)),
                    field: Some("id".into()),
                    message: format!("{} is not a valid id ({ID_RULE})", quoted(id)),
                });
            }
            if let Some(&first) = seen.get(id) {
                let first_line = positions
                    .get(first)
                    .map_or(String::new(), |(l, _)| format!(" (first at line {l})"));
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{what} {}", quoted(id))),
                    field: Some("id".into()),
                    message: format!("duplicate {what} id{first_line}"),
                });
            } else {
                seen.insert(id, index);
            }
        }
        seen
    }

    /// The names people see a source, indicator or entity by show something.
    fn names_show(&mut self, dataset: &Dataset, positions: &Positions) {
        let sources = dataset.sources.iter().map(|s| ("source", &s.id, "title", &s.title));
        let indicators = dataset.indicators.iter().map(|i| ("indicator", &i.id, "name", &i.name));
        let entities = dataset.entities.iter().map(|e| ("entity", &e.id, "name", &e.name));
        let starts = positions
            .sources
            .iter()
            .chain(&positions.indicators)
            .chain(&positions.entities);
        for ((what, id, field, text), &position) in sources.chain(indicators).chain(entities).zip(starts) {
            if let Some(reason) = blank_reason(text) {
                self.problems.push(Problem {
                    position: Some(position),
                    item: Some(format!("{what} {}", quoted(id))),
                    field: Some(field.into()),
                    message: format!("the {field} {reason}"),
                });
            }
        }
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
    version: u32,
    position: Option<(usize, usize)>,
    problems: &'p mut Problems,
}

impl RecordProblems<'_, '_> {
    fn push(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            position: self.position,
            item: Some(format!("record {}", quoted(&self.record.id))),
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
            if let Some(reason) = blank_reason(text) {
                self.push(field, format!("the {field} {reason}"));
            }
        }
        if !may_exist(&known.sources, &r.source) {
            self.push("source", format!("unknown source {}", quoted(&r.source)));
        }
        // Each entity is listed once: the schema's `distinct` list checks that.
        for entity in &r.entities {
            if !may_exist(&known.entities, entity) {
                self.push("entities", format!("unknown entity {}", quoted(entity)));
            }
        }
        if let Some(indicator) = &r.indicator
            && !may_exist(&known.indicators, indicator)
        {
            self.push("indicator", format!("unknown indicator {}", quoted(indicator)));
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
                "no time given: set `date`, `period`, or `as_of` (`\"source\"` where the text speaks of the present, \
                 `\"unknown\"` where it gives no time)",
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
        // Version 1 had no subjects: its observations may name no entity.
        if r.entities.is_empty() && self.version >= 2 {
            self.push(
                "entities",
                "an observation needs at least one entity: the first is what it measures",
            );
        }
        if let Some(reason) = r.amount_text.as_deref().and_then(blank_reason) {
            self.push("amount_text", format!("the amount_text {reason}"));
        }
        let Some(qualifier) = r.qualifier else {
            self.push(
                "qualifier",
                "an observation needs a qualifier (exact, approx, at_least, at_most, range or vague)",
            );
            return;
        };
        if qualifier == Qualifier::Range {
            if r.low.is_none() || r.high.is_none() {
                self.push("low", "a range needs both `low` and `high`");
            }
        } else if qualifier == Qualifier::Vague {
            self.check_vague();
        } else if r.value.is_none() {
            self.push(
                "value",
                format!("an observation qualified `{}` needs a value", qualifier.as_str()),
            );
        }
        if let (Some(low), Some(value)) = (r.low, r.value)
            && low > value
        {
            self.push(
                "low",
                format!("low ({}) is greater than value ({})", exact(low), exact(value)),
            );
        }
        if let (Some(value), Some(high)) = (r.value, r.high)
            && value > high
        {
            self.push(
                "high",
                format!("value ({}) is greater than high ({})", exact(value), exact(high)),
            );
        }
        if let (Some(low), Some(high)) = (r.low, r.high)
            && low > high
        {
            self.push(
                "low",
                format!("low ({}) is greater than high ({})", exact(low), exact(high)),
            );
        }
    }

    /// A vague amount keeps the source's words and never a point value.
    fn check_vague(&mut self) {
        let r = self.record;
        if r.value.is_some() {
            self.push(
                "value",
                "a vague amount has no `value`: keep the source's words in `amount_text`, and a bound in `low` or `high` only where the words imply one",
            );
        }
        if r.amount_text.is_none() {
            self.push(
                "amount_text",
                "a vague amount needs `amount_text`: the source's words for it (\"millions\")",
            );
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
            ("amount_text", r.amount_text.is_some()),
            ("status", r.status.is_some()),
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

/// A figure as written, digit for digit (`1.004`, not `1`), in scientific
/// notation when that is shorter (`1e300`).
fn exact(figure: f64) -> String {
    if (1e-5..1e16).contains(&figure.abs()) || figure == 0.0 {
        figure.to_string()
    } else {
        format!("{figure:e}")
    }
}

/// What is wrong with a source's own fields, by field.
fn source_problems(source: &Source) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if let Some(file) = &source.text_file
        && !is_plain_file_name(file)
    {
        problems.push((
            "text_file",
            format!("{} must be a plain file name, without folders", quoted(file)),
        ));
    }
    if let Some(doi) = &source.doi
        && !doi.starts_with("10.")
    {
        problems.push((
            "doi",
            format!(
                "{} is not a DOI: give it alone, starting `10.` (without `https://doi.org/`)",
                quoted(doi)
            ),
        ));
    }
    if let Some(commit) = &source.commit
        && (!(7..=40).contains(&commit.len()) || !commit.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        problems.push((
            "commit",
            format!("{} is not a commit hash (7 to 40 hexadecimal digits)", quoted(commit)),
        ));
    }
    if let Some(repository) = &source.repository
        && !is_owner_and_name(repository)
    {
        problems.push((
            "repository",
            format!("{} is not a repository: give it as `owner/name`", quoted(repository)),
        ));
    }
    if let Some(InfoAsOf::Year(year) | InfoAsOf::After(year)) = source.info_as_of
        && !(1000..=9999).contains(&year)
    {
        problems.push(("info_as_of", format!("`{year}` is not a four-digit year")));
    }
    problems
}

/// `owner/name`: two non-empty parts without spaces.
fn is_owner_and_name(text: &str) -> bool {
    let mut parts = text.split('/');
    let ok = |part: Option<&str>| part.is_some_and(|p| !p.is_empty() && !p.contains(char::is_whitespace));
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
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
