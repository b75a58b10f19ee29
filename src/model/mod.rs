//! The in-memory dataset: records indexed by year, filtered by handing out
//! record indices (never copies), and the queries the views and commands need.

pub mod filter;
pub mod format;
pub mod search;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use filter::{Filter, parse_year_range};
use search::Needle;

use crate::data::{Category, Dataset, Entity, Indicator, PartialDate, Qualifier, Record, RecordKind, Source};

/// A record's position in the dataset's `records`.
pub type RecordIx = usize;

/// The years a record covers, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearSpan {
    pub start: i32,
    pub end: i32,
}

impl YearSpan {
    pub fn overlaps(self, from: Option<i32>, to: Option<i32>) -> bool {
        from.is_none_or(|from| self.end >= from) && to.is_none_or(|to| self.start <= to)
    }

    fn union(self, other: YearSpan) -> YearSpan {
        YearSpan {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

pub struct Model {
    dataset: Dataset,
    spans: Vec<Option<YearSpan>>,
    /// Dated records by start date (ties in file order), then undated ones.
    chronological: Vec<RecordIx>,
    /// Start year of each dated record in `chronological`, for binary search.
    starts: Vec<i32>,
    source_of: Vec<usize>,
    indicator_of: Vec<Option<usize>>,
    entities_of: Vec<Vec<usize>>,
    source_ix: HashMap<String, usize>,
    indicator_ix: HashMap<String, usize>,
    entity_ix: HashMap<String, usize>,
}

impl Model {
    /// Indexes a validated dataset (ids resolve; see `data::validate`).
    pub fn new(dataset: Dataset) -> Self {
        let index = |ids: Vec<&String>| -> HashMap<String, usize> {
            ids.into_iter().enumerate().map(|(i, id)| (id.clone(), i)).collect()
        };
        let source_ix = index(dataset.sources.iter().map(|s| &s.id).collect());
        let indicator_ix = index(dataset.indicators.iter().map(|i| &i.id).collect());
        let entity_ix = index(dataset.entities.iter().map(|e| &e.id).collect());
        let records = &dataset.records;
        let spans: Vec<Option<YearSpan>> = records.iter().map(year_span).collect();
        let mut chronological: Vec<RecordIx> = (0..records.len()).filter(|&i| spans[i].is_some()).collect();
        chronological.sort_by_key(|&i| start_date(&records[i]));
        let starts = chronological.iter().map(|&i| spans[i].map_or(0, |s| s.start)).collect();
        chronological.extend((0..records.len()).filter(|&i| spans[i].is_none()));
        let source_of = records.iter().map(|r| source_ix.get(&r.source).copied().unwrap_or(0)).collect();
        let indicator_of = records
            .iter()
            .map(|r| r.indicator.as_ref().and_then(|i| indicator_ix.get(i).copied()))
            .collect();
        let entities_of = records
            .iter()
            .map(|r| r.entities.iter().filter_map(|e| entity_ix.get(e).copied()).collect())
            .collect();
        Self {
            dataset,
            spans,
            chronological,
            starts,
            source_of,
            indicator_of,
            entities_of,
            source_ix,
            indicator_ix,
            entity_ix,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn len(&self) -> usize {
        self.dataset.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dataset.records.is_empty()
    }

    pub fn record(&self, ix: RecordIx) -> &Record {
        &self.dataset.records[ix]
    }

    pub fn span(&self, ix: RecordIx) -> Option<YearSpan> {
        self.spans[ix]
    }

    pub fn source_of(&self, ix: RecordIx) -> &Source {
        &self.dataset.sources[self.source_of[ix]]
    }

    pub fn indicator_of(&self, ix: RecordIx) -> Option<&Indicator> {
        self.indicator_of[ix].map(|i| &self.dataset.indicators[i])
    }

    pub fn entities_of(&self, ix: RecordIx) -> impl Iterator<Item = &Entity> {
        self.entities_of[ix].iter().map(|&e| &self.dataset.entities[e])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_ix.get(id).map(|&i| &self.dataset.sources[i])
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator_ix.get(id).map(|&i| &self.dataset.indicators[i])
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_ix.get(id).map(|&i| &self.dataset.entities[i])
    }

    /// An error naming the first id in `filter` that this dataset lacks.
    pub fn check_filter(&self, filter: &Filter) -> Result<(), String> {
        let unknown = |what: &str, id: &str, known: &HashMap<String, usize>| {
            let mut ids: Vec<&str> = known.keys().map(String::as_str).collect();
            ids.sort_unstable();
            format!("unknown {what} `{id}` (known: {})", ids.join(", "))
        };
        if let Some(id) = filter.sources.iter().find(|s| !self.source_ix.contains_key(*s)) {
            return Err(unknown("source", id, &self.source_ix));
        }
        if let Some(id) = filter.entities.iter().find(|e| !self.entity_ix.contains_key(*e)) {
            return Err(unknown("entity", id, &self.entity_ix));
        }
        if let Some(id) = filter.indicator.as_ref().filter(|i| !self.indicator_ix.contains_key(*i)) {
            return Err(unknown("indicator", id, &self.indicator_ix));
        }
        Ok(())
    }

    /// The records the filter keeps: dated ones by date, then undated ones.
    pub fn filter(&self, filter: &Filter) -> Vec<RecordIx> {
        let test = RecordTest::new(self, filter);
        let dated = self.starts.len();
        // Dated records are sorted by start year: none past `to` can match.
        let dated_end = filter.to.map_or(dated, |to| self.starts.partition_point(|&s| s <= to));
        let show_undated = !filter.has_year_range() || filter.include_undated;
        let undated = if show_undated { &self.chronological[dated..] } else { &[] };
        self.chronological[..dated_end]
            .iter()
            .chain(undated)
            .copied()
            .filter(|&ix| test.keeps(ix))
            .collect()
    }

    /// Every record, in the order `filter` returns them.
    pub fn all(&self) -> Vec<RecordIx> {
        self.chronological.clone()
    }

    /// The years the dataset covers.
    pub fn overall_span(&self) -> Option<YearSpan> {
        self.year_span(&self.chronological)
    }

    /// The years a set of records covers.
    pub fn year_span(&self, view: &[RecordIx]) -> Option<YearSpan> {
        view.iter().filter_map(|&ix| self.spans[ix]).reduce(YearSpan::union)
    }

    /// Dated records grouped by start year, in year order (for a timeline).
    pub fn by_year(&self, view: &[RecordIx]) -> Vec<(i32, Vec<RecordIx>)> {
        let mut years: BTreeMap<i32, Vec<RecordIx>> = BTreeMap::new();
        for &ix in view {
            if let Some(span) = self.spans[ix] {
                years.entry(span.start).or_default().push(ix);
            }
        }
        years.into_iter().collect()
    }

    /// For each year of `span`, how many records of `view` cover it.
    pub fn per_year_counts(&self, view: &[RecordIx], span: YearSpan) -> Vec<(i32, usize)> {
        let width = (span.end - span.start + 1).max(0) as usize;
        let mut counts = vec![0usize; width];
        for s in view.iter().filter_map(|&ix| self.spans[ix]) {
            let first = s.start.max(span.start);
            let last = s.end.min(span.end);
            for year in first..=last {
                counts[(year - span.start) as usize] += 1;
            }
        }
        counts.into_iter().enumerate().map(|(i, n)| (span.start + i as i32, n)).collect()
    }

    /// Non-zero counts per category, in the vocabulary's order.
    pub fn counts_by_category(&self, view: &[RecordIx]) -> Vec<(Category, usize)> {
        let mut counts = vec![0usize; Category::ALL.len()];
        for &ix in view {
            counts[self.record(ix).category as usize] += 1;
        }
        Category::ALL.iter().copied().zip(counts).filter(|&(_, n)| n > 0).collect()
    }

    /// Counts per source, for every source in the dataset (zeros included).
    pub fn counts_by_source(&self, view: &[RecordIx]) -> Vec<(&Source, usize)> {
        let mut counts = vec![0usize; self.dataset.sources.len()];
        for &ix in view {
            counts[self.source_of[ix]] += 1;
        }
        self.dataset.sources.iter().zip(counts).collect()
    }

    /// Counts of observations per indicator, for every indicator.
    pub fn counts_by_indicator(&self, view: &[RecordIx]) -> Vec<(&Indicator, usize)> {
        let mut counts = vec![0usize; self.dataset.indicators.len()];
        for i in view.iter().filter_map(|&ix| self.indicator_of[ix]) {
            counts[i] += 1;
        }
        self.dataset.indicators.iter().zip(counts).collect()
    }

    /// Record counts per entity, for every entity.
    pub fn counts_by_entity(&self, view: &[RecordIx]) -> Vec<(&Entity, usize)> {
        let mut counts = vec![0usize; self.dataset.entities.len()];
        for &ix in view {
            for &e in &self.entities_of[ix] {
                counts[e] += 1;
            }
        }
        self.dataset.entities.iter().zip(counts).collect()
    }

    /// Every observation of one indicator in `view`, side by side: the
    /// claims, in `view`'s order (dated first).
    pub fn claims(&self, view: &[RecordIx], indicator: &str) -> Vec<RecordIx> {
        let Some(&want) = self.indicator_ix.get(indicator) else {
            return Vec::new();
        };
        view.iter().copied().filter(|&ix| self.indicator_of[ix] == Some(want)).collect()
    }

    /// The dated observations of one indicator, as a time series.
    pub fn series(&self, view: &[RecordIx], indicator: &str) -> Vec<(RecordIx, YearSpan)> {
        self.claims(view, indicator)
            .into_iter()
            .filter_map(|ix| self.spans[ix].map(|s| (ix, s)))
            .collect()
    }

    /// Indicators whose claims in `view` disagree or are uncertain: claims
    /// from more than one source, or any given as a range.
    pub fn contested(&self, view: &[RecordIx]) -> Vec<&Indicator> {
        let mut sources: Vec<HashSet<usize>> = vec![HashSet::new(); self.dataset.indicators.len()];
        let mut ranged = vec![false; self.dataset.indicators.len()];
        for &ix in view {
            if let Some(i) = self.indicator_of[ix] {
                sources[i].insert(self.source_of[ix]);
                ranged[i] |= self.record(ix).qualifier == Some(Qualifier::Range);
            }
        }
        self.dataset
            .indicators
            .iter()
            .enumerate()
            .filter(|&(i, _)| sources[i].len() > 1 || ranged[i])
            .map(|(_, indicator)| indicator)
            .collect()
    }

    /// A dataset holding just `view`'s records and what they refer to.
    pub fn subset(&self, view: &[RecordIx]) -> Dataset {
        let mut sources = vec![false; self.dataset.sources.len()];
        let mut indicators = vec![false; self.dataset.indicators.len()];
        let mut entities = vec![false; self.dataset.entities.len()];
        for &ix in view {
            sources[self.source_of[ix]] = true;
            if let Some(i) = self.indicator_of[ix] {
                indicators[i] = true;
            }
            for &e in &self.entities_of[ix] {
                entities[e] = true;
            }
        }
        Dataset {
            schema_version: self.dataset.schema_version,
            sources: keep_used(&self.dataset.sources, &sources),
            indicators: keep_used(&self.dataset.indicators, &indicators),
            entities: keep_used(&self.dataset.entities, &entities),
            records: view.iter().map(|&ix| self.record(ix).clone()).collect(),
        }
    }
}

/// The items whose flag in `used` is set.
fn keep_used<T: Clone>(items: &[T], used: &[bool]) -> Vec<T> {
    items.iter().zip(used).filter(|(_, u)| **u).map(|(item, _)| item.clone()).collect()
}

/// A filter resolved against one model, ready to test records quickly.
struct RecordTest<'m> {
    model: &'m Model,
    filter: &'m Filter,
    categories: u64,
    sources: Vec<usize>,
    entities: Vec<usize>,
    indicator: Option<Option<usize>>,
    needle: Option<Needle>,
    /// Entities whose names match the search text.
    named: Vec<bool>,
}

impl<'m> RecordTest<'m> {
    fn new(model: &'m Model, filter: &'m Filter) -> Self {
        let ids = |list: &[String], index: &HashMap<String, usize>| -> Vec<usize> {
            // An unknown id matches nothing (check_filter reports it).
            list.iter().map(|id| index.get(id).copied().unwrap_or(usize::MAX)).collect()
        };
        let needle = Needle::new(&filter.search);
        let named = match &needle {
            Some(n) => model.dataset.entities.iter().map(|e| entity_matches(e, n)).collect(),
            None => Vec::new(),
        };
        Self {
            model,
            filter,
            categories: filter.categories.iter().fold(0, |mask, &c| mask | 1 << c as u64),
            sources: ids(&filter.sources, &model.source_ix),
            entities: ids(&filter.entities, &model.entity_ix),
            indicator: filter.indicator.as_ref().map(|i| model.indicator_ix.get(i).copied()),
            needle,
            named,
        }
    }

    fn keeps(&self, ix: RecordIx) -> bool {
        let m = self.model;
        let record = m.record(ix);
        let years_ok = match m.spans[ix] {
            Some(span) => span.overlaps(self.filter.from, self.filter.to),
            None => !self.filter.has_year_range() || self.filter.include_undated,
        };
        years_ok
            && (self.categories == 0 || self.categories & (1 << record.category as u64) != 0)
            && (self.filter.kinds.is_empty() || self.filter.kinds.contains(&record.kind))
            && (self.sources.is_empty() || self.sources.contains(&m.source_of[ix]))
            && (self.entities.is_empty() || m.entities_of[ix].iter().any(|e| self.entities.contains(e)))
            && self.indicator.is_none_or(|want| want.is_some() && m.indicator_of[ix] == want)
            && self.needle.as_ref().is_none_or(|n| self.text_matches(ix, record, n))
    }

    fn text_matches(&self, ix: RecordIx, record: &Record, needle: &Needle) -> bool {
        needle.is_in(&record.title)
            || needle.is_in(&record.summary)
            || needle.is_in(&record.quote)
            || record.tags.iter().any(|t| needle.is_in(t))
            || self.model.entities_of[ix].iter().any(|&e| self.named[e])
    }
}

fn entity_matches(entity: &Entity, needle: &Needle) -> bool {
    needle.is_in(&entity.name)
        || entity.korean.as_deref().is_some_and(|k| needle.is_in(k))
        || entity.aliases.iter().any(|a| needle.is_in(a))
}

fn year_span(record: &Record) -> Option<YearSpan> {
    match (record.date, record.period) {
        (Some(date), _) => Some(YearSpan {
            start: date.year,
            end: date.year,
        }),
        (None, Some(period)) => Some(YearSpan {
            start: period.start.year,
            end: period.end.year,
        }),
        (None, None) => None,
    }
}

/// The date a record starts at, for ordering.
pub fn start_date(record: &Record) -> Option<PartialDate> {
    record.date.or(record.period.map(|p| p.start))
}

/// True for records that carry a figure.
pub fn is_observation(record: &Record) -> bool {
    record.kind == RecordKind::Observation
}
