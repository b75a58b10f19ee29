//! The quantities with observations in view: one row per indicator and
//! subject (the entity an observation measures, its first), so that claims
//! about different things (two organisations' staff, two products' prices)
//! are never one series; each with its latest claims, its series and
//! whether it is contested.

use std::cell::OnceCell;

use unicode_width::UnicodeWidthStr;

use super::Fixed;
use super::claims::{ClaimFacts, ClaimTable, ClaimText, ClaimTexts, ClaimWidth, Quantity, QuantityIds, Widest};
use super::series::Series;
use crate::data::Indicator;
use crate::model::search::Positions;
use crate::model::{Filter, Model, RecordIx, YearSpan, format};
use crate::tui::text::{shown, truncate, truncate_figure};

/// One indicator about one subject, with observations in view.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// Its position in the dataset's indicators.
    pub indicator: usize,
    /// The position in the dataset's entities of what it measures; `None`
    /// for observations without entities (only a version 1 file has them).
    pub subject: Option<usize>,
    /// Its observations in view, in the view's order (dated ones by date).
    pub observations: Vec<RecordIx>,
    /// How many of them are dated: the points of its series.
    pub dated: usize,
    /// The years they cover.
    pub years: Option<YearSpan>,
    /// Whether every dated one is placed only by its source's date.
    pub years_approximate: bool,
    /// The latest claims: of the latest year any reaches, every one on a
    /// tie; every undated one when none is dated.
    pub latest: Vec<RecordIx>,
    /// Whether its claims disagree or are uncertain (see `Model::is_contest`).
    pub contested: bool,
    /// The widest texts of its observations, and their values; zeros
    /// in `rows`' (only `measured` works them out).
    pub widest: Widest,
    /// The widths of its first latest claim's texts (zeros likewise).
    latest_widths: ClaimWidth,
    /// Its series, worked out when first drawn (`IndicatorRow::series`):
    /// only the selected row's chart and the Overview's sparklines show one.
    /// Boxed: a row without one is smaller by a third (tens of thousands of
    /// rows are new memory at a filter change, each page a fault).
    series: OnceCell<Box<Series>>,
}

/// The rows of `view` (observations in view, in view order) for the
/// indicators `wanted` marks (by position), by the dataset's order of
/// indicators, then of subjects (none last); without their texts' widths
/// (`widest` and the latest claim's are zeros): the Overview's, which
/// draws no column of them. The Indicators view's are `measured`.
pub fn rows(model: &Model, filter: &Filter, view: &InView, fixed: &Fixed, wanted: &[bool]) -> Vec<IndicatorRow> {
    let visit = Visit::for_view(view.observations, fixed.claims(model));
    gather(model, filter, view, fixed, None, wanted, visit)
}

/// The rows of every indicator in `view` as `rows` gives them, with
/// their texts' widths (`widest` and the latest claim's), and what the
/// Indicators table's columns must hold: worked out together, so that
/// the widths are never read from rows without them.
pub fn measured(model: &Model, filter: &Filter, view: &[RecordIx], fixed: &Fixed) -> (Vec<IndicatorRow>, Needs) {
    let visit = Visit::for_view(view, fixed.claims(model));
    let every = vec![true; model.dataset().indicators.len()];
    let rows = gather(
        model,
        filter,
        &InView::new(model, filter, view),
        fixed,
        Some(fixed.claim_texts(model)),
        &every,
        visit,
    );
    let needs = needs(model, &rows);
    (rows, needs)
}

/// Which quantities `gather` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    /// Every quantity wanted, each claim checked against the view.
    Every,
    /// Only those of the view's records, found from them: for a view many
    /// times smaller than the model's claims (a search while typing keeps
    /// tens of records: at a million, reading every claim took 2.3-3 ms,
    /// the Overview's rows 1-2 ms; their own quantities', 0.1-0.5 ms).
    ViewsOwn,
}

impl Visit {
    /// How many times smaller than the model's claims a view must be to
    /// be read by its own quantities.
    const SMALL_VIEW: usize = 16;

    fn for_view(view: &[RecordIx], claims: &ClaimTable) -> Self {
        if view.len().saturating_mul(Self::SMALL_VIEW) < claims.claim_count() {
            Self::ViewsOwn
        } else {
            Self::Every
        }
    }
}

/// The rows, as `rows` says, of the quantities `visit` says, and with
/// `texts`, each row's `widest` and latest widths. Each quantity's claims
/// are read in the table's order (`Model::all`'s), which is the view's:
/// the view is a subsequence of it, but with `own_dates_only`, those
/// without a date of their own come after the rest, so those are read
/// after the rest.
fn gather(
    model: &Model,
    filter: &Filter,
    view: &InView,
    fixed: &Fixed,
    texts: Option<&ClaimTexts>,
    wanted: &[bool],
    visit: Visit,
) -> Vec<IndicatorRow> {
    let (claims, ids) = (fixed.claims(model), fixed.quantity_ids(model));
    let own_dates_only = filter.own_dates_only;
    // Whether a claim comes in the first part of a view.
    let leads = |facts: &ClaimFacts| !own_dates_only || facts.time.own_span().is_some();
    let every = || ids.of_indicators(wanted);
    let own = (visit == Visit::ViewsOwn).then(|| own_quantities(view.observations, ids, wanted));
    // Room for a row per quantity at once: growing would copy the rows and
    // touch twice their memory (new pages, each a fault); room left unused
    // is never touched.
    let mut rows = Vec::with_capacity(own.as_ref().map_or_else(|| every().count(), Vec::len));
    let mut gathering = Gathering::new(own_dates_only);
    let mut read = |q: usize| {
        let quantity = claims.quantity(q);
        let all = quantity.records.iter().zip(quantity.facts).enumerate();
        let trailing = if own_dates_only { usize::MAX } else { 0 };
        let in_order = (all.clone().filter(|(_, (_, facts))| leads(facts)))
            .chain(all.take(trailing).filter(|(_, (_, facts))| !leads(facts)))
            .filter(|(_, (ix, facts))| view.holds(**ix, facts));
        for (i, (&ix, facts)) in in_order {
            gathering.add(ix as RecordIx, facts, texts.map(|t| t.at(quantity.start + i)));
        }
        rows.extend(gathering.take_row((quantity.indicator, quantity.subject)));
    };
    match own {
        Some(numbers) => numbers.into_iter().for_each(&mut read),
        None => every().for_each(&mut read),
    }
    rows
}

/// A row's observations in view and what they say, gathered one claim at
/// a time in view order.
struct Gathering {
    own_dates_only: bool,
    observations: Vec<RecordIx>,
    dated: usize,
    years: Option<YearSpan>,
    /// Whether every dated one so far is placed only by its source's date.
    approximate: bool,
    /// The claims reaching the latest year so far, and that year.
    latest: Vec<RecordIx>,
    latest_end: Option<i32>,
    latest_widths: ClaimWidth,
    /// The first claim's source and widths.
    first: Option<(u32, ClaimWidth)>,
    contested: bool,
    widest: Widest,
}

impl Gathering {
    fn new(own_dates_only: bool) -> Self {
        Self {
            own_dates_only,
            observations: Vec::new(),
            dated: 0,
            years: None,
            approximate: true,
            latest: Vec::new(),
            latest_end: None,
            latest_widths: ClaimWidth::default(),
            first: None,
            contested: false,
            widest: Widest::default(),
        }
    }

    /// Adds claim `ix`, the next in view order. Its rules repeat the
    /// model's, one claim at a time: contested as `Model::is_contest`
    /// says, dated as `Model::span_under`, the latest as
    /// `Model::latest_of` (the tests hold them to those).
    fn add(&mut self, ix: RecordIx, facts: &ClaimFacts, text: Option<ClaimText>) {
        let text = text.unwrap_or_default();
        self.observations.push(ix);
        let (first_source, _) = *self.first.get_or_insert((facts.source, text.widths));
        self.contested |= facts.source != first_source || facts.ranged;
        self.widest.add(text);
        let Some(span) = facts.time.placed(self.own_dates_only) else {
            return;
        };
        self.dated += 1;
        YearSpan::widen(&mut self.years, span);
        self.approximate &= facts.time.is_approximate();
        // `None` (nothing dated yet) is before any year.
        match self.latest_end.cmp(&Some(span.end)) {
            std::cmp::Ordering::Less => {
                self.latest.clear();
                self.latest.push(ix);
                self.latest_end = Some(span.end);
                self.latest_widths = text.widths;
            }
            std::cmp::Ordering::Equal => self.latest.push(ix),
            std::cmp::Ordering::Greater => {}
        }
    }

    /// The row of `quantity` from what was gathered since the last, if
    /// anything was. Its lists are copies at their lengths, one allocation
    /// each (tens of thousands of rows); the gathering's are kept for the
    /// next.
    fn take_row(&mut self, (indicator, subject): Quantity) -> Option<IndicatorRow> {
        let mut observations = std::mem::take(&mut self.observations);
        let mut latest = std::mem::take(&mut self.latest);
        let gathered = std::mem::replace(self, Self::new(self.own_dates_only));
        let row = (!observations.is_empty()).then(|| {
            // None dated: every one is of the latest.
            let (latest, latest_widths) = if gathered.dated == 0 {
                (
                    observations.to_vec(),
                    gathered.first.map(|(_, w)| w).unwrap_or_default(),
                )
            } else {
                (latest.to_vec(), gathered.latest_widths)
            };
            IndicatorRow {
                indicator,
                subject,
                dated: gathered.dated,
                years: gathered.years,
                years_approximate: gathered.approximate && !gathered.own_dates_only,
                latest,
                contested: gathered.contested,
                widest: gathered.widest,
                latest_widths,
                series: OnceCell::new(),
                observations: observations.to_vec(),
            }
        });
        observations.clear();
        latest.clear();
        self.observations = observations;
        self.latest = latest;
        row
    }
}

/// The quantities of the indicators `wanted` marks that the records of
/// a small `view` measure, each once, in order.
fn own_quantities(view: &[RecordIx], ids: &QuantityIds, wanted: &[bool]) -> Vec<usize> {
    let mut numbers: Vec<usize> = view.iter().filter_map(|&ix| ids.wanted(ix, wanted)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The observations in view under a filter, and which claims are among
/// them: worked out once for all that a filter change reads of them.
pub struct InView<'v> {
    observations: &'v [RecordIx],
    by: Membership,
}

/// How a claim is told to be in view.
enum Membership {
    /// By its time, under a filter of years alone (placing records by
    /// their own or their sources' dates alike): nothing a record is read,
    /// neither the view's records nor a bit for each (a year nudge with
    /// every record in view read 375 KiB of them, twice, for the Overview).
    Years {
        from: Option<i32>,
        to: Option<i32>,
        undated: bool,
    },
    /// By the records of the view, one bit a record: read for every claim
    /// of every quantity, it stays in the processor's cache (a million
    /// records, 125 KiB).
    Records(Positions),
}

impl<'v> InView<'v> {
    /// `observations` must be those `filter` keeps, in view order.
    pub fn new(model: &Model, filter: &Filter, observations: &'v [RecordIx]) -> Self {
        let by = if filter.is_told_by_time_alone() {
            Membership::Years {
                from: filter.from,
                to: filter.to,
                undated: filter.shows_undated(),
            }
        } else {
            let mut bits = Positions::none(model.len());
            observations.iter().for_each(|&ix| bits.insert(ix));
            Membership::Records(bits)
        };
        Self { observations, by }
    }

    /// Whether any claim of quantity `q` is in view: under a filter of
    /// years alone, most often told by what its claims reach.
    fn holds_any(&self, claims: &ClaimTable, q: usize) -> bool {
        if let Membership::Years { from, to, undated } = self.by
            && let Some(told) = claims.reach(q).tells(from, to, undated)
        {
            return told;
        }
        let quantity = claims.quantity(q);
        (quantity.records.iter().zip(quantity.facts)).any(|(&ix, facts)| self.holds(ix, facts))
    }

    /// Whether claim `ix`, of `facts`, is in view.
    fn holds(&self, ix: u32, facts: &ClaimFacts) -> bool {
        match &self.by {
            Membership::Years { from, to, undated } => {
                (facts.time.span()).map_or(*undated, |span| span.overlaps(*from, *to))
            }
            Membership::Records(bits) => bits.contains(ix as usize),
        }
    }
}

/// How many rows `view` (observations in view) has for the indicators
/// `wanted` marks, without working them out. A large view is read by
/// the wanted quantities' claims, each only until one in view (most
/// quantities' first is): looking up each record's quantity read the
/// whole 4 MB list of them at a million records, most of the memory a
/// year nudge touched, costly when the dashboard has idled.
pub fn count_of(model: &Model, view: &InView, fixed: &Fixed, wanted: &[bool]) -> usize {
    let (claims, ids) = (fixed.claims(model), fixed.quantity_ids(model));
    if Visit::for_view(view.observations, claims) == Visit::ViewsOwn {
        return own_quantities(view.observations, ids, wanted).len();
    }
    let shown = |q: usize| view.holds_any(claims, q);
    ids.of_indicators(wanted).filter(|&q| shown(q)).count()
}

/// What a row without a subject is about.
const NO_SUBJECT: &str = "—";

impl IndicatorRow {
    /// The indicator the row is about.
    pub fn indicator<'m>(&self, model: &'m Model) -> &'m Indicator {
        &model.dataset().indicators[self.indicator]
    }

    /// Its dated observations as a series; `filter` must be the one the
    /// row was made with.
    pub fn series(&self, model: &Model, filter: &Filter) -> &Series {
        self.series.get_or_init(|| {
            let dated: Vec<RecordIx> = (self.observations.iter().copied())
                .filter(|&ix| model.span_under(ix, filter).is_some())
                .collect();
            Box::new(Series::of(model, filter, &dated))
        })
    }

    /// Who or what it measures, by its shortest name: `DPRK`, `Koryolink`.
    pub fn about<'m>(&self, model: &'m Model) -> &'m str {
        self.subject
            .map_or(NO_SUBJECT, |e| format::short_name(&model.dataset().entities[e]))
    }

    /// `1990–2024`, `2005`, `c. 2002` (placed only by their sources'
    /// dates), or `undated`. As wide as `years_width` says.
    pub fn years_text(&self) -> String {
        let about = if self.years_approximate { "c. " } else { "" };
        match self.years {
            Some(span) if span.start == span.end => format!("{about}{}", span.start),
            Some(span) => format!("{about}{}–{}", span.start, span.end),
            None => "undated".to_owned(),
        }
    }

    /// How wide `years_text` is, without writing it (for every row, at
    /// every filter change).
    fn years_width(&self) -> usize {
        // A year's decimal digits, and its minus sign.
        let digits =
            |year: i32| year.unsigned_abs().checked_ilog10().map_or(1, |d| d as usize + 1) + usize::from(year < 0);
        let about = if self.years_approximate { "c. ".len() } else { 0 };
        match self.years {
            Some(span) if span.start == span.end => about + digits(span.start),
            Some(span) => about + digits(span.start) + "–".width() + digits(span.end),
            None => "undated".len(),
        }
    }

    /// The latest claims' figures as worded, without the unit, each once
    /// and in order: more than one when sources disagree about the latest
    /// year (equal figures from two sources are one).
    pub fn latest_figures(&self, model: &Model) -> Vec<String> {
        let mut figures: Vec<String> = Vec::new();
        for figure in self.latest.iter().filter_map(|&ix| format::figure(model.record(ix))) {
            if !figures.contains(&figure) {
                figures.push(figure);
            }
        }
        figures
    }

    /// The latest figures whole: `1,200,000`, or, when the latest year's
    /// claims disagree, `1,200,000 ≠ 1,180,000`.
    pub fn latest_figure(&self, model: &Model) -> String {
        self.latest_figures(model).join(DISAGREE)
    }

    /// `latest_figure` escaped and fitted into `width` columns so that a
    /// disagreement always shows (see `figures_in`).
    pub fn latest_figure_in(&self, model: &Model, width: usize) -> String {
        figures_in(&self.latest_figures(model), width)
    }

    /// The width of `latest_figure`: that of the first latest claim's
    /// figure, looked up, unless the latest year's claims disagree.
    fn latest_figure_width(&self, model: &Model) -> usize {
        match self.latest.len() {
            0 | 1 => self.latest_widths.figure.into(),
            _ => shown(&self.latest_figure(model)).width(),
        }
    }

    /// When the latest claim holds: `2022`, `c. 2012`, `undated`.
    pub fn latest_when(&self, model: &Model) -> String {
        self.latest.first().map_or(String::new(), |&ix| {
            format::when_short(model.record(ix), model.source_of(ix))
        })
    }

    /// The latest claim's source, and how many more claims tie with it:
    /// `cia-factbook-2025`, `alpha-review +2 more`.
    pub fn latest_source(&self, model: &Model) -> String {
        let Some(&first) = self.latest.first() else {
            return String::new();
        };
        format!("{}{}", model.record(first).source, self.more_latest())
    }

    /// `latest_source` escaped and fitted into `width` columns: where it
    /// does not fit whole, the id is cut and the count of the others kept
    /// (`cia-factb… +1`), so that a tie never hides.
    pub fn latest_source_in(&self, model: &Model, width: usize) -> String {
        let whole = self.latest_source(model);
        let others = self.latest.len().saturating_sub(1);
        if others == 0 || shown(&whole).width() <= width {
            return truncate(&whole, width);
        }
        let count = format!(" +{others}");
        match width.checked_sub(count.width()) {
            Some(room) if room >= 2 => {
                let id = &model.record(self.latest[0]).source;
                format!("{}{count}", truncate(id, room))
            }
            _ => truncate(&whole, width),
        }
    }

    /// What `latest_source` adds to the source's id: ` +2 more`, or nothing.
    fn more_latest(&self) -> String {
        match self.latest.len() {
            0 | 1 => String::new(),
            n => format!(" +{} more", n - 1),
        }
    }
}

/// Between figures of the latest year that disagree.
const DISAGREE: &str = " ≠ ";

/// `figures` (of one year, each once), escaped, in `width` columns: all of
/// them if they fit (`1,200,000 ≠ 1,180,000`), else as many whole as fit
/// and a mark for the rest (`more than 100,000 ≠ …`), else the first cut
/// short before its number and the mark (`more than… ≠`): two figures never show as one.
fn figures_in(figures: &[String], width: usize) -> String {
    let shown_width = |text: &str| shown(text).width();
    let whole = figures.join(DISAGREE);
    if figures.len() < 2 || shown_width(&whole) <= width {
        return truncate_figure(&whole, width);
    }
    let rest = format!("{}…", DISAGREE);
    for kept in (1..figures.len()).rev() {
        let text = format!("{}{rest}", figures[..kept].join(DISAGREE));
        if shown_width(&text) <= width {
            return shown(&text).into_owned();
        }
    }
    let mark = DISAGREE.trim_end();
    match width.checked_sub(mark.width()) {
        Some(room) if room >= 2 => format!("{}{mark}", truncate_figure(&figures[0], room)),
        _ => truncate(mark.trim_start(), width),
    }
}

/// What the Indicators table's columns must hold, from every row, so that
/// columns stay put while scrolling. Worked out once per filter change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub name: usize,
    pub unit: usize,
    pub about: usize,
    pub years: usize,
    pub latest: usize,
    pub when: usize,
    pub source: usize,
    /// Of the observation lists: their widest source id (their dates are
    /// measured as drawn, those on screen only).
    pub observation_source: usize,
}

/// From rows worked out with the claims' texts (`measured`): their
/// widths are looked up, not formatted again for every filter (formatting
/// each row's latest figure and source took most of the time at a million
/// records). Names are measured once for each indicator and subject.
fn needs(model: &Model, rows: &[IndicatorRow]) -> Needs {
    let dataset = model.dataset();
    let mut named = vec![false; dataset.indicators.len()];
    let mut about = vec![false; dataset.entities.len()];
    let mut unnamed = false;
    for row in rows {
        named[row.indicator] = true;
        match row.subject {
            Some(e) => about[e] = true,
            None => unnamed = true,
        }
    }
    let indicators = || {
        (dataset.indicators.iter().zip(&named))
            .filter(|(_, n)| **n)
            .map(|(i, _)| i)
    };
    let subjects = (dataset.entities.iter().zip(&about))
        .filter(|(_, a)| **a)
        .map(|(e, _)| format::short_name(e));
    let widest = |f: &dyn Fn(&IndicatorRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
    Needs {
        name: indicators().map(|i| i.name.width()).max().unwrap_or(0),
        unit: indicators().map(|i| i.unit.width()).max().unwrap_or(0),
        about: (subjects.map(UnicodeWidthStr::width))
            .chain(unnamed.then(|| NO_SUBJECT.width()))
            .max()
            .unwrap_or(0),
        years: widest(&|r| r.years_width()),
        latest: widest(&|r| r.latest_figure_width(model)),
        when: widest(&|r| r.latest_widths.when_listed.into()),
        source: widest(&|r| usize::from(r.latest_widths.source) + r.more_latest().width()),
        observation_source: widest(&|r| r.widest.widths.source.into()),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::tui::derived::{Derived, Fixed, Sort};
    use crate::tui::testing::fixture;

    /// What a row holds that `rows` works out, by the model's own queries
    /// of one quantity's claims in view: its indicator and subject, its
    /// observations, how many are dated, its years, its latest claims and
    /// whether it is contested.
    type Expected = (
        usize,
        Option<usize>,
        Vec<RecordIx>,
        usize,
        Option<YearSpan>,
        Vec<RecordIx>,
        bool,
    );

    fn expected(model: &Model, filter: &Filter) -> Vec<Expected> {
        let view = model.filter(filter);
        let mut rows = Vec::new();
        for indicator in &model.dataset().indicators {
            for group in model.claims_by_subject(&view, &indicator.id) {
                let spans: Vec<YearSpan> = (group.claims.iter())
                    .filter_map(|&ix| model.span_under(ix, filter))
                    .collect();
                let years = spans.iter().copied().reduce(|a, b| YearSpan {
                    start: a.start.min(b.start),
                    end: a.end.max(b.end),
                });
                rows.push((
                    group.indicator,
                    group.subject,
                    group.claims.clone(),
                    spans.len(),
                    years,
                    model.latest_of(&group.claims, filter.own_dates_only),
                    model.is_contest(&group.claims),
                ));
            }
        }
        rows
    }

    /// The rows `gather` works out, reading the quantities `visit` says.
    fn worked_out(model: &Model, filter: &Filter, visit: Visit) -> Vec<Expected> {
        let fixed = Fixed::default();
        let derived = Derived::new(model, filter, Sort::default());
        let every = vec![true; model.dataset().indicators.len()];
        let in_view = InView::new(model, filter, &derived.observations);
        let rows = gather(model, filter, &in_view, &fixed, None, &every, visit);
        (rows.into_iter())
            .map(|r| {
                (
                    r.indicator,
                    r.subject,
                    r.observations,
                    r.dated,
                    r.years,
                    r.latest,
                    r.contested,
                )
            })
            .collect()
    }

    fn years(from: i32, to: i32) -> Filter {
        Filter {
            from: Some(from),
            to: Some(to),
            ..Filter::default()
        }
    }

    fn own(filter: Filter) -> Filter {
        Filter {
            own_dates_only: true,
            ..filter
        }
    }

    fn undated(filter: Filter) -> Filter {
        Filter {
            include_undated: true,
            ..filter
        }
    }

    /// Filters on the fixture: year ranges, with the undated and by own
    /// dates only; a search, a source; one keeping a single observation
    /// (read by its own quantity: `Visit::ViewsOwn`) and one keeping none.
    pub(in crate::tui::derived) fn filters() -> Vec<Filter> {
        let search = |text: &str| Filter {
            search: text.into(),
            ..Filter::default()
        };
        vec![
            Filter::default(),
            years(2000, 2009),
            years(2010, 2011),
            undated(years(2010, 2011)),
            own(Filter::default()),
            own(years(2010, 2011)),
            own(undated(years(2010, 2011))),
            search("subscribers"),
            own(search("subscribers")),
            search("Southland"),
            search("computers"),
            // The institute's staff alone: one claim dated by a year (four
            // columns), two undated (seven).
            search("staff"),
            search("nothing-holds-this"),
            Filter {
                sources: vec!["beta-blog".into()],
                ..Filter::default()
            },
        ]
    }

    #[test]
    fn the_rows_counted_are_the_quantities_with_a_claim_in_view() {
        let model = Model::new(fixture());
        let fixed = Fixed::default();
        let indicators = &model.dataset().indicators;
        for filter in filters() {
            let view = model.filter(&filter);
            let derived = Derived::new(&model, &filter, Sort::default());
            for chosen in 0..=indicators.len() {
                // One indicator, or (`chosen` past the last) every one.
                let wanted: Vec<bool> = (0..indicators.len())
                    .map(|i| chosen == i || chosen == indicators.len())
                    .collect();
                let expected: usize = (indicators.iter().enumerate())
                    .filter(|(i, _)| wanted[*i])
                    .map(|(_, indicator)| model.claims_by_subject(&view, &indicator.id).len())
                    .sum();
                let in_view = InView::new(&model, &filter, &derived.observations);
                let counted = count_of(&model, &in_view, &fixed, &wanted);
                assert_eq!(counted, expected, "{filter:?}, indicator {chosen}");
            }
        }
    }

    fn ids(model: &Model, records: &[RecordIx]) -> Vec<String> {
        records.iter().map(|&ix| model.record(ix).id.to_string()).collect()
    }

    #[test]
    fn each_row_holds_its_quantitys_observations_in_view_order_with_its_latest_claims() {
        let model = Model::new(fixture());
        let claims = Fixed::default().claims(&model).claim_count();
        let mut visits = Vec::new();
        for filter in &filters() {
            let expected = expected(&model, filter);
            // Either way of reading the claims, whichever the view's size picks.
            for visit in [Visit::Every, Visit::ViewsOwn] {
                assert_eq!(worked_out(&model, filter, visit), expected, "{filter:?} {visit:?}");
            }
            let observations = Derived::new(&model, filter, Sort::default()).observations;
            visits.push(Visit::for_view(&observations, Fixed::default().claims(&model)));
        }
        // A single observation of the fixture's 19 is read by its own
        // quantity; two are not.
        assert_eq!(claims, 19);
        assert!(
            visits.contains(&Visit::ViewsOwn) && visits.contains(&Visit::Every),
            "{visits:?}"
        );
        // Worked out by hand from the fixture: ExampleNet's subscribers in
        // 2010 and 2011 by their own dates, with the undated. The survey's
        // count, placed in 2010 only by the survey's date, comes after the
        // dated claims, as undated; the latest are both of 2011.
        let filter = own(undated(years(2010, 2011)));
        let derived = Derived::new(&model, &filter, Default::default());
        let rows = &derived.quantities(&model, &filter, &Fixed::default()).indicators;
        let row = &rows[0];
        assert_eq!(row.indicator(&model).id, "examplenet-subscribers");
        assert_eq!(ids(&model, &row.observations).last().unwrap(), "subscribers-delta");
        assert_eq!((row.observations.len(), row.dated), (5, 4));
        assert_eq!(row.years, Some(YearSpan { start: 2010, end: 2011 }));
        let mut latest = ids(&model, &row.latest);
        latest.sort();
        assert_eq!(latest, ["subscribers-2011", "subscribers-2011-vague"]);
        assert!(row.contested, "subscribers-2011 is a range");
        // Without `own_dates_only`, the survey's count is dated 2010.
        let filter = years(2010, 2011);
        let derived = Derived::new(&model, &filter, Default::default());
        let row = &derived.quantities(&model, &filter, &Fixed::default()).indicators[0];
        assert_eq!((row.observations.len(), row.dated), (5, 5));
        assert_ne!(ids(&model, &row.observations).last().unwrap(), "subscribers-delta");
    }

    #[test]
    fn the_years_width_is_that_of_the_years_text() {
        let row = |years: Option<(i32, i32)>, approximate: bool| IndicatorRow {
            indicator: 0,
            subject: None,
            observations: vec![0],
            dated: 1,
            years: years.map(|(start, end)| YearSpan { start, end }),
            years_approximate: approximate,
            latest: vec![0],
            contested: false,
            widest: Widest::default(),
            latest_widths: ClaimWidth::default(),
            series: OnceCell::new(),
        };
        // `c. 1990–2024`, `2005`, `-50–3`, `c. 9`, `undated`.
        for (years, approximate, width) in [
            (Some((1990, 2024)), true, 12),
            (Some((2005, 2005)), false, 4),
            (Some((-50, 3)), false, 5),
            (Some((9, 9)), true, 4),
            (None, false, 7),
        ] {
            let row = row(years, approximate);
            assert_eq!(row.years_width(), width, "{}", row.years_text());
            assert_eq!(row.years_text().width(), width);
        }
    }

    /// Whether `part` appears in `whole` in the same order.
    fn is_subsequence(part: &[RecordIx], whole: &[RecordIx]) -> bool {
        let mut rest = whole.iter();
        part.iter().all(|ix| rest.any(|w| w == ix))
    }

    #[test]
    fn a_view_keeps_the_order_of_every_record_but_with_own_dates_only_puts_the_rest_last() {
        // The order `gather` reads each quantity's claims in. The check first:
        assert!(is_subsequence(&[1, 3], &[1, 2, 3]));
        assert!(!is_subsequence(&[3, 1], &[1, 2, 3]));
        let model = Model::new(fixture());
        let mut reordered = 0;
        for filter in filters() {
            let view = model.filter(&filter);
            let (lead, rest) = if filter.own_dates_only {
                let own = view
                    .iter()
                    .take_while(|&&ix| model.time(ix).own_span().is_some())
                    .count();
                view.split_at(own)
            } else {
                (&view[..], &[][..])
            };
            assert!(
                rest.iter().all(|&ix| model.time(ix).own_span().is_none()),
                "{filter:?}: the records without a date of their own come last"
            );
            assert!(is_subsequence(lead, model.all()), "{filter:?}");
            assert!(is_subsequence(rest, model.all()), "{filter:?}");
            reordered += usize::from(!is_subsequence(&view, model.all()));
        }
        // Under `own_dates_only`, a record placed by its source's date
        // moves after the rest: the tail is set aside for a reason.
        assert!(reordered > 0);
    }

    #[test]
    fn the_needs_are_the_widest_texts_the_indicators_view_draws() {
        let model = Model::new(fixture());
        let fixed = Fixed::default();
        for filter in filters() {
            let derived = Derived::new(&model, &filter, Sort::default());
            let quantities = derived.quantities(&model, &filter, &fixed);
            let rows = &quantities.indicators;
            let widest = |texts: &mut dyn Iterator<Item = String>| texts.map(|t| t.width()).max().unwrap_or(0);
            let of_rows = |text: &dyn Fn(&IndicatorRow) -> String| widest(&mut rows.iter().map(text));
            let of_observations = |text: &dyn Fn(RecordIx) -> String| {
                widest(&mut rows.iter().flat_map(|r| r.observations.iter().map(|&ix| text(ix))))
            };
            let expected = Needs {
                name: of_rows(&|r| r.indicator(&model).name.to_string()),
                unit: of_rows(&|r| r.indicator(&model).unit.to_string()),
                about: of_rows(&|r| r.about(&model).to_owned()),
                years: of_rows(&|r| r.years_text()),
                latest: of_rows(&|r| r.latest_figure(&model)),
                when: of_rows(&|r| r.latest_when(&model)),
                source: of_rows(&|r| r.latest_source(&model)),
                observation_source: of_observations(&|ix| model.record(ix).source.to_string()),
            };
            assert_eq!(quantities.indicator_needs, expected, "{filter:?}");
            if filter == Filter::default() {
                // Not all zeros, as rows without the claims' texts would give.
                let e = expected;
                let widths = [e.latest, e.when, e.source, e.observation_source];
                assert!(widths.iter().all(|&w| w > 0), "{e:?}");
            }
        }
    }

    /// The ExampleNet row of the fixture under years 2010 by own dates:
    /// the yearbook's 120,000 and the review's more than 100,000 (the
    /// survey's c. 2010 has no date of its own), with `edit` made first.
    fn examplenet_in_2010(edit: impl FnOnce(&mut crate::data::Dataset)) -> (Model, IndicatorRow) {
        let mut dataset = fixture();
        edit(&mut dataset);
        let model = Model::new(dataset);
        let filter = own(years(2010, 2010));
        let derived = Derived::new(&model, &filter, Sort::default());
        let quantities = derived.quantities(&model, &filter, &Fixed::default());
        let row = (quantities.indicators.iter())
            .find(|r| r.indicator(&model).id.as_str() == "examplenet-subscribers")
            .expect("a row of ExampleNet subscribers")
            .clone();
        (model, row)
    }

    #[test]
    fn the_latest_figures_of_a_year_in_dispute_are_all_shown() {
        let (model, row) = examplenet_in_2010(|_| {});
        assert_eq!(row.latest_figure(&model), "more than 100,000 ≠ 120,000");
        assert_eq!(row.latest_source(&model), "alpha-review +1 more");
        assert_eq!(row.latest_figure_in(&model, 30), "more than 100,000 ≠ 120,000");
        // 27 columns exactly, then one short: the first and the mark.
        assert_eq!(row.latest_figure_in(&model, 27), "more than 100,000 ≠ 120,000");
        assert_eq!(row.latest_figure_in(&model, 26), "more than 100,000 ≠ …");
        // 20 is narrower than `more than 100,000 ≠ …` (21): the first and
        // the mark (19); in 18 the first is cut before its number (never
        // `100,0…`), still marked.
        assert_eq!(row.latest_figure_in(&model, 20), "more than 100,000 ≠");
        assert_eq!(row.latest_figure_in(&model, 18), "more than… ≠");
        // The source's id gives way before the count of the others.
        assert_eq!(row.latest_source_in(&model, 20), "alpha-review +1 more");
        assert_eq!(row.latest_source_in(&model, 19), "alpha-review +1");
        assert_eq!(row.latest_source_in(&model, 10), "alpha-… +1");
    }

    #[test]
    fn equal_figures_from_two_sources_are_not_a_dispute() {
        // The review says 120,000 as well.
        let (model, row) = examplenet_in_2010(|dataset| {
            let review = (dataset.records.iter_mut())
                .find(|r| r.id.as_str() == "subscribers-2010")
                .expect("the review's 2010 count");
            review.qualifier = Some(crate::data::Qualifier::Exact);
            review.amount_text = None;
            review.value = Some(120_000.0);
        });
        assert_eq!(row.latest.len(), 2);
        assert_eq!(row.latest_figure(&model), "120,000");
        assert_eq!(row.latest_figure_in(&model, 10), "120,000");
        // Both sources still counted.
        assert_eq!(row.latest_source(&model), "alpha-review +1 more");
    }

    #[test]
    fn a_disputed_latest_cell_is_as_wide_as_it_shows() {
        let (model, row) = examplenet_in_2010(|dataset| {
            let review = (dataset.records.iter_mut())
                .find(|r| r.id.as_str() == "subscribers-2010")
                .expect("the review's 2010 count");
            review.qualifier = Some(crate::data::Qualifier::Vague);
            review.amount_text = Some("\u{1b}[31mmany".into());
            (review.value, review.low, review.high) = (None, None, None);
        });
        // `\u{1b}` (6) + `[31mmany` (8) + ` ≠ ` (3) + `120,000` (7).
        assert_eq!(row.latest_figure_in(&model, 24), r"\u{1b}[31mmany ≠ 120,000");
        assert_eq!(row.latest_figure_width(&model), 24);
    }

    #[test]
    fn figures_in_a_width_never_show_two_as_one() {
        let two = ["1,200,000".to_owned(), "1,180,000".to_owned()];
        assert_eq!(figures_in(&two, 30), "1,200,000 ≠ 1,180,000");
        assert_eq!(figures_in(&two, 21), "1,200,000 ≠ 1,180,000");
        assert_eq!(figures_in(&two, 20), "1,200,000 ≠ …");
        assert_eq!(figures_in(&two, 13), "1,200,000 ≠ …");
        assert_eq!(figures_in(&two, 12), "1,200,000 ≠");
        assert_eq!(figures_in(&two, 11), "1,200,000 ≠");
        // No number is cut into another: only the mark is left.
        assert_eq!(figures_in(&two, 10), "… ≠");
        assert_eq!(figures_in(&two, 4), "… ≠");
        assert_eq!(figures_in(&two, 3), "≠");
        assert_eq!(figures_in(&two, 1), "≠");
        assert_eq!(figures_in(&two, 0), "");
        // Three: as many whole as fit, and the mark for the rest.
        let three = ["more than 100,000", "120,000", "about 150,000"].map(String::from);
        assert_eq!(figures_in(&three, 43), "more than 100,000 ≠ 120,000 ≠ about 150,000");
        assert_eq!(figures_in(&three, 31), "more than 100,000 ≠ 120,000 ≠ …");
        assert_eq!(figures_in(&three, 30), "more than 100,000 ≠ …");
        // One figure is cut before its number, never into another (`8…`); a
        // dataset's controls are escaped.
        assert_eq!(figures_in(&["800".to_owned()], 2), "…");
        let hostile = ["\u{1b}[31m5".to_owned(), "6".to_owned()];
        // `\u{1b}[31m5` shows in 11 columns: with ` ≠ 6`, 15.
        assert_eq!(figures_in(&hostile, 15), r"\u{1b}[31m5 ≠ 6");
        assert_eq!(figures_in(&hostile, 14), r"\u{1b}[31m5 ≠");
    }
}
