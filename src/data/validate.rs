//! The checks that need the whole dataset: ids, references, time, numbers.

use std::collections::HashMap;
use std::ops::Deref;

use super::date::PartialDate;
use super::error::{Problem, Problems};
use super::positions::{DashboardPositions, ListedId, Position, Positions, Unread};
use super::schema::{
    Dashboard, Dataset, InfoAsOf, Metadata, OLDEST_READABLE_VERSION, Qualifier, RecordKind, RecordOf, SCHEMA_VERSION,
    Source,
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
/// `problems`. The ids of the items that did not parse (`unread`) count in
/// the check that each id is given once.
pub fn validate(dataset: &Dataset, positions: &Positions, unread: &Unread, whole: Whole, problems: &mut Problems) {
    let ids = ListIds::check(dataset, positions, unread, problems);
    Checker { problems }.unique_ids(
        ("records", "record"),
        unread
            .records
            .with_parsed(dataset.records.iter().map(|r| r.id.as_str()), &positions.records),
    );
    check_list_items(dataset, positions, problems);
    let known = ids.known(whole);
    for (index, record) in dataset.records.iter().enumerate() {
        let position = positions.records.get(index).copied();
        check_record(record, dataset.schema_version, position, &known, problems);
    }
    if let Some(dashboard) = &dataset.dashboard {
        check_dashboard(dashboard, &known, &positions.dashboard, problems);
    }
    if let Some(metadata) = &dataset.metadata {
        check_metadata(metadata, positions.dataset, problems);
    }
}

/// The ids of the sources, indicators and entities, each with its position
/// in its list, once checked (see `ListIds::check`).
pub struct ListIds<'d> {
    sources: IdMap<'d>,
    indicators: IdMap<'d>,
    entities: IdMap<'d>,
}

/// Ids and where each item starts in a list (where known).
pub type IdMap<'d> = HashMap<&'d str, Option<Position>, foldhash::fast::RandomState>;

impl<'d> ListIds<'d> {
    /// Checks the schema version and the ids of the sources, indicators and
    /// entities (each valid and given once, among those that did not parse
    /// too: `unread`).
    pub fn check(dataset: &'d Dataset, positions: &'d Positions, unread: &'d Unread, problems: &mut Problems) -> Self {
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
        Self {
            sources: check.unique_ids(
                ("sources", "source"),
                unread
                    .sources
                    .with_parsed(dataset.sources.iter().map(|s| s.id.as_str()), &positions.sources),
            ),
            indicators: check.unique_ids(
                ("indicators", "indicator"),
                unread
                    .indicators
                    .with_parsed(dataset.indicators.iter().map(|i| i.id.as_str()), &positions.indicators),
            ),
            entities: check.unique_ids(
                ("entities", "entity"),
                unread
                    .entities
                    .with_parsed(dataset.entities.iter().map(|e| e.id.as_str()), &positions.entities),
            ),
        }
    }

    /// The ids a record may refer to, from the lists that parsed whole.
    pub fn known(self, whole: Whole) -> Known<'d> {
        Known {
            sources: whole.sources.then_some(self.sources),
            indicators: whole.indicators.then_some(self.indicators),
            entities: whole.entities.then_some(self.entities),
        }
    }
}

/// The problems of each source's own fields, and the names people see
/// sources, indicators and entities by.
pub fn check_list_items(dataset: &Dataset, positions: &Positions, problems: &mut Problems) {
    for (index, source) in dataset.sources.iter().enumerate() {
        for (field, message) in source_problems(source) {
            problems.push(Problem {
                position: positions.sources.get(index).copied(),
                item: Some(format!("source {}", quoted(&source.id))),
                field: Some(field),
                message,
            });
        }
    }
    Checker { problems }.names_show(dataset, positions);
}

/// The problems of one record, found at `position`, in a dataset of schema
/// `version` whose lists hold the `known` ids. Its id is checked apart, with
/// the others (`unique_ids`).
pub fn check_record<T: Deref<Target = str>>(
    record: &RecordOf<T>,
    version: u32,
    position: Option<(usize, usize)>,
    known: &Known,
    problems: &mut Problems,
) {
    let mut at = RecordProblems {
        record,
        version,
        position,
        problems,
    };
    at.check(known);
}

/// The `dataset` section's problems: each of its authors' names shows
/// something (a citation of the dataset lists them), as a source's must.
pub fn check_metadata(metadata: &Metadata, position: Option<Position>, problems: &mut Problems) {
    for (field, message) in blank_names("authors", &metadata.authors) {
        problems.push(Problem {
            position,
            item: Some("dataset".into()),
            field: Some(field),
            message,
        });
    }
}

/// Every id the dashboard names is an indicator.
pub fn check_dashboard(dashboard: &Dashboard, known: &Known, positions: &DashboardPositions, problems: &mut Problems) {
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
    /// Reports invalid and repeated ids, of the `items` of a list in file
    /// order; returns the set of ids. The list is named as in the file
    /// and its item in words: `("records", "record")`. An item whose id is
    /// not valid is named by its place, `records[9]`, counted from 0 as in
    /// the file's paths (`tags[2]`) and as the loader names an item without
    /// a readable id: one numbering in every message.
    fn unique_ids<'d>(&mut self, (list, what): (&str, &str), items: impl Iterator<Item = ListedId<'d>>) -> IdMap<'d> {
        let mut seen = IdMap::default();
        for ListedId { index, id, position } in items {
            if !is_safe_id(id) {
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{list}[{index}]")),
                    field: Some("id".into()),
                    message: format!("{} is not a valid id ({ID_RULE})", quoted(id)),
                });
            }
            if let Some(&first) = seen.get(id) {
                let first_line = first.map_or(String::new(), |(l, _)| format!(" (first at line {l})"));
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{what} {}", quoted(id))),
                    field: Some("id".into()),
                    message: format!("duplicate {what} id{first_line}"),
                });
            } else {
                seen.insert(id, position);
            }
        }
        seen
    }

    /// The names people see a source, indicator or entity by show something.
    fn names_show(&mut self, dataset: &Dataset, positions: &Positions) {
        let sources = dataset.sources.iter().map(|s| ("source", &s.id, "title", &s.title));
        let indicators = dataset.indicators.iter().map(|i| ("indicator", &i.id, "name", &i.name));
        let entities = dataset.entities.iter().map(|e| ("entity", &e.id, "name", &e.name));
        // Positions may be missing (the fast reader has none): each is looked up.
        fn at(list: &[(usize, usize)], count: usize) -> impl Iterator<Item = Option<(usize, usize)>> + '_ {
            (0..count).map(move |i| list.get(i).copied())
        }
        let starts = at(&positions.sources, dataset.sources.len())
            .chain(at(&positions.indicators, dataset.indicators.len()))
            .chain(at(&positions.entities, dataset.entities.len()));
        for ((what, id, field, text), position) in sources.chain(indicators).chain(entities).zip(starts) {
            if let Some(reason) = blank_reason(text) {
                self.problems.push(Problem {
                    position,
                    item: Some(format!("{what} {}", quoted(id))),
                    field: Some(field.into()),
                    message: format!("the {field} {reason}"),
                });
            }
        }
    }
}

/// The ids of each list, where the list is whole.
pub struct Known<'d> {
    sources: Option<IdMap<'d>>,
    indicators: Option<IdMap<'d>>,
    entities: Option<IdMap<'d>>,
}

/// False only when the list is whole and lacks `id`.
fn may_exist(ids: &Option<IdMap>, id: &str) -> bool {
    ids.as_ref().is_none_or(|ids| ids.contains_key(id))
}

struct RecordProblems<'r, 'p, T> {
    record: &'r RecordOf<T>,
    version: u32,
    position: Option<(usize, usize)>,
    problems: &'p mut Problems,
}

impl<T: Deref<Target = str>> RecordProblems<'_, '_, T> {
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

/// `field[i]` and what is wrong, for each of the names listed in `field`
/// that shows nothing: citations list every name, and a blank one leaves
/// a hole in them (`author = {Kim and }`).
fn blank_names<'n>(
    field: &'n str,
    names: &'n [impl Deref<Target = str>],
) -> impl Iterator<Item = (String, String)> + 'n {
    names.iter().enumerate().filter_map(move |(index, name)| {
        blank_reason(name).map(|reason| (format!("{field}[{index}]"), format!("the name {reason}")))
    })
}

/// What is wrong with a source's own fields, by field.
fn source_problems(source: &Source) -> Vec<(String, String)> {
    let mut problems: Vec<(String, String)> = blank_names("authors", &source.authors).collect();
    if let Some(file) = &source.text_file
        && !is_plain_file_name(file)
    {
        problems.push((
            "text_file".into(),
            format!("{} must be a plain file name, without folders", quoted(file)),
        ));
    }
    if let Some(doi) = &source.doi
        && !doi.starts_with("10.")
    {
        problems.push((
            "doi".into(),
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
            "commit".into(),
            format!("{} is not a commit hash (7 to 40 hexadecimal digits)", quoted(commit)),
        ));
    }
    if let Some(repository) = &source.repository
        && !is_owner_and_name(repository)
    {
        problems.push((
            "repository".into(),
            format!("{} is not a repository: give it as `owner/name`", quoted(repository)),
        ));
    }
    if let Some(InfoAsOf::Year(year) | InfoAsOf::After(year)) = source.info_as_of
        && !(1000..=9999).contains(&year)
    {
        problems.push(("info_as_of".into(), format!("`{year}` is not a four-digit year")));
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
