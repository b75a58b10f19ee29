//! Opening a dataset for one filter: only the records the filter keeps are
//! held, so that `nkict export --from 1990 --to 2000` over a million records
//! costs one pass over the file and the memory of what it writes.
//!
//! The file is read by `data::fast` (one pass, records borrowed from it and
//! handed over one at a time, checked here as they are tested); a file it
//! does not take, invalid or unusual, is read by the careful loader, which
//! reports every problem, or loads it whole to be sifted the same way.
//! Either way every record is checked, the same records are kept, and
//! `Model::filter` on the model of the kept ones gives them in the order
//! it gives them in the whole dataset (its order depends only on each
//! record's own date and place in the file).
//!
//! A search's tests (folding each record's text, looking for the terms)
//! cost about as much as the reading: with a second core, they and the
//! checks are made on a thread of their own, batch by batch, while the
//! reader goes on; so is what the model works out of each record kept
//! (`Columns`), and what a command does with it (`OnEachKept`).

use std::cell::OnceCell;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::search::Query;
use super::{Columns, Filter, Kept, Model, NameError, Placed, RecordIx, Sieve, Time, YearSpan};
use crate::data::embedded;
use crate::data::fast::{self, Checks, RecordRef, Sink};
use crate::data::load::text_of;
use crate::data::load::{EMBEDDED, EMBEDDED_NAME};
use crate::data::text::{StaticText, Text};
use crate::data::{Dataset, Indicator, LoadError, Record, RecordKind, Source};

/// Which records to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Those the filter keeps.
    Filtered,
    /// Those the filter keeps, with only what a table of them shows
    /// (`nkict list`): their id, summary, locator, quote, note and tags
    /// are left empty, which spares copying most of each record's text.
    Listed,
    /// None of those the filter keeps: each is handed, as `Listed` keeps
    /// it but without its entities (a table's row names none), to the
    /// command's `OnEachKept` (a table makes its row of it),
    /// and the model holds only the lists. The view numbers them as they
    /// were handed over, in the order `Model::filter` gives them. Holding
    /// the bundled dataset's records was 209 KB of memory written (368
    /// bytes a record), a fifth of `nkict list`'s page faults. So
    /// `model.record(ix)` is out of range for the view's numbers.
    Handed,
    /// As `Handed`, each record handed with its id, its texts left empty:
    /// the JSON export of the bundled dataset writes each one's own text in
    /// the data file and its time as `build.rs` wrote it, both found by its
    /// id (`embedded::exported_by_id`), and holds no record (the bundled
    /// dataset's records took 164 KB, 40 page faults).
    HandedById,
    /// Every record, whatever the filter (`export --all`).
    All,
    /// None: only count them (`validate`).
    None,
}

impl Keep {
    /// Whether the filter decides which records are kept (or handed over).
    fn filters(self) -> bool {
        matches!(self, Keep::Filtered | Keep::Listed | Keep::Handed | Keep::HandedById)
    }

    /// Whether what is kept of each record says where its entities are:
    /// not a row handed to a table, which names none, nor a count; the
    /// JSON export's (`HandedById`) marks the entities its records use.
    fn places_entities(self) -> bool {
        !matches!(self, Keep::Handed | Keep::None)
    }

    /// Whether the records kept are handed over, not held.
    fn hands(self) -> bool {
        matches!(self, Keep::Handed | Keep::HandedById)
    }
}

/// A dataset opened for one filter.
pub struct Sifted {
    /// The dataset's lists and the records kept.
    pub model: Model,
    /// The filter, names resolved to ids.
    pub filter: Filter,
    /// The records kept, in `Model::filter`'s order. For `Keep::Handed`,
    /// the rows handed over, numbered as they were: `model` holds none of
    /// them.
    pub view: Vec<RecordIx>,
    /// What the whole file holds.
    pub tally: Tally,
}

/// Counts over every record of a file, kept or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub records: usize,
    /// By `RecordKind::ALL`.
    pub by_kind: [usize; RecordKind::ALL.len()],
    /// Placed only by their source's "at present" (c. 2002).
    pub approximate: usize,
    pub undated: usize,
    /// The years the dated records cover.
    pub years: Option<YearSpan>,
}

impl Tally {
    /// The tally of a model's records.
    pub fn of(model: &Model) -> Self {
        let mut tally = Self::default();
        for (ix, record) in model.dataset().records.iter().enumerate() {
            tally.add(record.kind, model.time(ix));
        }
        tally
    }

    fn add(&mut self, kind: RecordKind, time: Time) {
        self.records += 1;
        self.by_kind[kind as usize] += 1;
        self.approximate += usize::from(time.is_approximate());
        match time.span() {
            Some(span) => YearSpan::widen(&mut self.years, span),
            None => self.undated += 1,
        }
    }
}

/// What a command does with each record as it is kept: on the thread
/// beside the reading when a search is read there, while the record's text
/// is at hand, not in a pass over the kept records, far apart in memory,
/// after the reading.
pub trait OnEachKept: Send {
    /// Takes the next record kept: they come numbered from 0, as the model
    /// of the kept records numbers them (`RecordIx`); `standing` is where
    /// it stands against the dataset's lists.
    fn kept(&mut self, record: &Record, standing: Standing<'_>);
    /// Room for `records` records, made at once.
    fn reserve(&mut self, records: usize);
    /// Forgets every record taken: the records are read again, by the
    /// careful loader.
    fn clear(&mut self);
}

/// Where a record kept stands against the dataset's lists.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'l> {
    lists: &'l Dataset,
    placed: Placed,
    entities: &'l [u32],
}

impl<'l> Standing<'l> {
    /// Where the record `ix` of `model` stands against its lists, as its
    /// columns say: as it was handed over when kept.
    #[cfg(test)]
    pub(crate) fn in_model(model: &'l Model, ix: RecordIx) -> Self {
        let placed = Placed {
            source: model.source_of[ix],
            indicator: model.indicator_of[ix],
            time: model.time(ix),
        };
        Self {
            lists: model.dataset(),
            placed,
            entities: model.entity_ixs(ix),
        }
    }

    /// The dataset's lists.
    pub fn lists(&self) -> &'l Dataset {
        self.lists
    }

    /// The source it names.
    pub fn source(&self) -> &'l Source {
        &self.lists.sources[self.source_at()]
    }

    /// Where the source it names is in the lists' sources.
    pub fn source_at(&self) -> usize {
        self.placed.source as usize
    }

    /// The indicator it names, if any.
    pub fn indicator(&self) -> Option<&'l Indicator> {
        self.indicator_at().map(|at| &self.lists.indicators[at])
    }

    /// Where the indicator it names is in the lists' indicators.
    pub fn indicator_at(&self) -> Option<usize> {
        self.placed.indicator.map(|at| at as usize)
    }

    /// Where its entities are in the lists' entities.
    pub fn entities(&self) -> &'l [u32] {
        self.entities
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SiftError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Name(#[from] NameError),
}

/// Reads `bytes` (the file `path`, named in errors) keeping what `keep`
/// says. Problems in the data come first; a filter that names nothing is
/// an error only for a valid file.
pub fn sift(bytes: &[u8], path: &Path, filter: &Filter, keep: Keep) -> Result<Sifted, SiftError> {
    sift_reporting(bytes, path, filter, keep, &Progress::default())
}

/// How far a reading has come, for another thread to show.
#[derive(Debug)]
pub struct Progress {
    read: AtomicUsize,
    /// Bytes read by a second reading at once, from where it started
    /// (records read in two parts: `data::fast::in_two`), and where that
    /// is (`usize::MAX` when there is none).
    read_beside: AtomicUsize,
    beside_from: AtomicUsize,
    total: AtomicUsize,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            read: AtomicUsize::new(0),
            read_beside: AtomicUsize::new(0),
            beside_from: AtomicUsize::new(usize::MAX),
            total: AtomicUsize::new(0),
        }
    }
}

impl Progress {
    /// Bytes read so far, and of how many (0 when not known yet).
    pub fn get(&self) -> (usize, usize) {
        let read = self.read.load(Ordering::Relaxed);
        // Once the first reading is past where the second started, the
        // second's counts for nothing (it stopped).
        let read = match read < self.beside_from.load(Ordering::Relaxed) {
            true => read + self.read_beside.load(Ordering::Relaxed),
            false => read,
        };
        let total = self.total.load(Ordering::Relaxed);
        (read.min(total), total)
    }

    /// Notes that `read` bytes of `total` are read, by one reading.
    pub fn set(&self, read: usize, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.read_beside.store(0, Ordering::Relaxed);
        self.beside_from.store(usize::MAX, Ordering::Relaxed);
        self.read.store(read, Ordering::Relaxed);
    }

    /// Notes, every few thousand records, how far into `text` the reading
    /// of the record numbered `index` is: where its id is (an id with
    /// escapes, copied out of the text, tells nothing and is skipped).
    pub fn note_record(&self, index: usize, record: &RecordRef<'_>, text: &str) {
        if let Some(at) = place_to_note(index, record, text) {
            self.total.store(text.len(), Ordering::Relaxed);
            self.read.store(at, Ordering::Relaxed);
        }
    }

    /// As `note_record`, for a second reading of `text` at once, from
    /// its record numbered 0 on.
    pub fn note_record_beside(&self, index: usize, record: &RecordRef<'_>, text: &str) {
        if let Some(at) = place_to_note(index, record, text) {
            if index == 0 {
                self.beside_from.store(at, Ordering::Relaxed);
            }
            let from = self.beside_from.load(Ordering::Relaxed);
            self.read_beside.store(at.saturating_sub(from), Ordering::Relaxed);
        }
    }
}

/// Where the id of `record`, numbered `index`, is in `text`, if the record
/// is one to note (every `NOTE_EVERY`) and its id is the text's own (one
/// with escapes, copied out of the text, tells nothing).
fn place_to_note(index: usize, record: &RecordRef<'_>, text: &str) -> Option<usize> {
    let id = record.id.borrowed().filter(|_| index.is_multiple_of(NOTE_EVERY))?;
    Some(id.as_ptr() as usize - text.as_ptr() as usize)
}

/// As `sift`, noting in `progress` how many bytes are read as it goes (by
/// the fast reader; the careful one, reading a file it refuses or an
/// unusual one, says nothing until it is done).
pub fn sift_reporting(
    bytes: &[u8],
    path: &Path,
    filter: &Filter,
    keep: Keep,
    progress: &Progress,
) -> Result<Sifted, SiftError> {
    sift_text(bytes, path, filter, keep, progress, None, |text, sieve| {
        fast::read(text, sieve)
    })
}

/// As `sift_reporting`, for bytes kept until the process ends (a command's
/// file, read once for the command's one model): the records kept borrow
/// their text from them instead of copying it, which spares allocating
/// and copying each one's texts (a listing of 282,192 records spent a
/// twentieth of its time there). `on_kept`, if given, takes each record
/// kept.
pub fn sift_lasting(
    bytes: &'static [u8],
    path: &Path,
    filter: &Filter,
    keep: Keep,
    progress: &Progress,
    on_kept: Option<&mut dyn OnEachKept>,
) -> Result<Sifted, SiftError> {
    sift_text(bytes, path, filter, keep, progress, on_kept, |text, sieve| {
        fast::read(text, &mut Lasting(sieve))
    })
}

/// As `sift_reporting`, the fast reader's reading of the checked text
/// done by `read`.
fn sift_text<'b>(
    bytes: &'b [u8],
    path: &Path,
    filter: &Filter,
    keep: Keep,
    progress: &Progress,
    on_kept: Option<&mut dyn OnEachKept>,
    read: impl FnOnce(&'b str, &mut Sifter<'_>) -> Result<Dataset, fast::NotFast>,
) -> Result<Sifted, SiftError> {
    progress.set(0, bytes.len());
    let text = text_of(bytes, path)?;
    let mut sieve = Sifter::new(filter, keep);
    sieve.progress = Some((progress, text));
    sieve.room = fast::records_at_most(text.len());
    sieve.on_kept = on_kept.map(|on_kept| on_kept as &mut dyn OnEachKept);
    let lists = match read(text, &mut sieve) {
        Ok(lists) => lists,
        Err(fast::NotFast) => {
            let dataset = crate::data::parse(bytes, path)?;
            // Whether there is a core for a search, if already asked, is
            // not asked again (and a test's answer is kept).
            let beside = std::mem::take(&mut sieve.beside);
            let on_kept = sieve.take_on_kept();
            sieve = Sifter::new(filter, keep);
            (sieve.beside, sieve.on_kept) = (beside, on_kept);
            sift_loaded(dataset, &mut sieve)
        }
    };
    progress.set(text.len(), text.len());
    sieve.finish(lists)
}

/// As `sift_reporting`, for the bundled dataset: read from the form
/// `build.rs` prepared (no JSON to parse, nothing to check: a test proves
/// it is the JSON), or from the JSON when this build has none. `on_kept`,
/// if given, takes each record kept.
pub fn sift_embedded(
    filter: &Filter,
    keep: Keep,
    progress: &Progress,
    on_kept: Option<&mut dyn OnEachKept>,
) -> Result<Sifted, SiftError> {
    let mut sieve = Sifter::new(filter, keep);
    sieve.on_kept = on_kept.map(|on_kept| on_kept as &mut dyn OnEachKept);
    // Room for every record at once: the kept ones are not copied as the
    // lists grow, and room never used is never touched.
    sieve.room = embedded::records();
    let read = embedded::lists().and_then(|lists| {
        // The lists are this reading's own: the model that resolves the
        // filter takes them, and gives them back (no copy of them to make
        // and free, as for a file's, which the reader keeps).
        let model = Model::new(lists);
        sieve.sift(&model, Text::held, embedded::each_record)?;
        Ok(model.into_dataset())
    });
    match read {
        Ok(lists) => {
            progress.set(EMBEDDED.len(), EMBEDDED.len());
            // The lists as `embedded::lists` read them, through two models
            // that change nothing in them.
            let sifted = sieve.finish(lists)?;
            Ok(Sifted {
                model: sifted.model.with_bundled_lists(),
                ..sifted
            })
        }
        Err(fast::NotFast) => {
            let on_kept = sieve.take_on_kept();
            sift_lasting(
                EMBEDDED.as_bytes(),
                Path::new(EMBEDDED_NAME),
                filter,
                keep,
                progress,
                on_kept,
            )
        }
    }
}

/// Passes a loaded dataset (checked by the careful loader) through
/// `sieve`; returns its lists.
fn sift_loaded(mut dataset: Dataset, sieve: &mut Sifter<'_>) -> Dataset {
    let records = std::mem::take(&mut dataset.records);
    sieve.room = records.len();
    sieve.sift(&Model::new(dataset.clone()), Text::copied, |_, each| {
        for (index, record) in records.into_iter().enumerate() {
            each(index, record.map_text(Text::from));
        }
    });
    dataset
}

/// A `Sink` that tests each record and keeps some.
struct Sifter<'p> {
    filter: Filter,
    keep: Keep,
    /// Where to note how far the reading of a text is.
    progress: Option<(&'p Progress, &'p str)>,
    /// The filter resolved against the lists, once they are read.
    resolved: Option<Result<Filter, NameError>>,
    /// The records kept and what the model works out of each, worked out
    /// as it is kept (on the thread beside the reading, if a search is read
    /// there): made once the lists are read.
    kept: Option<Held>,
    /// How many records to make room for.
    room: usize,
    /// What takes each record kept, if anything does.
    on_kept: Option<&'p mut dyn OnEachKept>,
    tally: Tally,
    /// How many records at a time a search's tests take on a thread of
    /// their own, beside the reading (`None`: on the reading thread); set
    /// by `batch_if_cores` when a search first needs it (or by a test).
    beside: OnceCell<Option<usize>>,
}

impl<'p> Sifter<'p> {
    fn new(filter: &Filter, keep: Keep) -> Self {
        Self {
            filter: filter.clone(),
            keep,
            progress: None,
            resolved: None,
            kept: None,
            room: 0,
            on_kept: None,
            tally: Tally::default(),
            beside: OnceCell::new(),
        }
    }

    /// What takes the records kept, having forgotten them: the records
    /// are to be read again.
    fn take_on_kept(&mut self) -> Option<&'p mut dyn OnEachKept> {
        let on_kept = self.on_kept.take()?;
        on_kept.clear();
        Some(on_kept)
    }

    fn finish(self, mut lists: Dataset) -> Result<Sifted, SiftError> {
        let filter = self.resolved.unwrap_or(Ok(self.filter))?;
        let in_order = |model: &Model| match self.keep {
            // Every record kept passed the search already, by the same
            // test against the same lists: searching again would fold each
            // one's text a second time.
            keep if keep.filters() => model.filter(&Filter {
                search: String::new(),
                ..filter.clone()
            }),
            Keep::All => model.filter(&Filter::default()),
            _ => Vec::new(),
        };
        let (model, view) = match self.kept {
            Some(Held::Records(kept)) => {
                let model = kept.into_model(lists);
                let view = in_order(&model);
                (model, view)
            }
            // The rows' order is that of a model of them without their
            // records, which the filter's scan does not read (it has no
            // search); the model kept is one of the lists alone.
            Some(Held::Rows(columns)) => {
                let rows = columns.into_model(lists);
                let view = in_order(&rows);
                let lists_alone = Columns::beside(&rows, 0);
                (lists_alone.into_model(rows.into_dataset()), view)
            }
            // Nothing was read, or kept.
            None => {
                lists.records.clear();
                let model = Model::new(lists);
                let view = in_order(&model);
                (model, view)
            }
        };
        Ok(Sifted {
            model,
            filter,
            view,
            tally: self.tally,
        })
    }
}

/// How many records pass between two notes of progress.
const NOTE_EVERY: usize = 1 << 12;

impl<'a> Sink<'a> for Sifter<'_> {
    fn records<R>(
        &mut self,
        lists: &Dataset,
        checks: &Checks<'_>,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R {
        self.sift_read(lists, checks, Text::copied, read)
    }
}

/// A `Sifter` reading a text that lasts as long as the process: the
/// records it keeps borrow their text from it.
struct Lasting<'s, 'p>(&'s mut Sifter<'p>);

impl Sink<'static> for Lasting<'_, '_> {
    fn records<R>(
        &mut self,
        lists: &Dataset,
        checks: &Checks<'_>,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'static>)) -> R,
    ) -> R {
        self.0.sift_read(lists, checks, Text::held, read)
    }
}

impl Sifter<'_> {
    /// As `sift`, for the fast reader (`Sink::records`): each record
    /// passed through `checks`, which the reading gives up by.
    fn sift_read<'a, R>(
        &mut self,
        lists: &Dataset,
        checks: &Checks<'_>,
        hold: impl Fn(Text<'a>) -> StaticText + Copy + Send,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R {
        // A file's reader hands every record whole, whatever is read of it.
        let read = |_: embedded::Lists, each: &mut dyn FnMut(usize, RecordRef<'a>)| read(each);
        let mut checker = checks.checker();
        let check = move |record: &RecordRef<'a>| checker.pass(record);
        let give_up = || checks.give_up();
        self.sift_checking(&Model::new(lists.clone()), hold, check, give_up, read)
    }

    /// Tests and tallies each record `read` hands over, checked already,
    /// keeping some, their text as `hold` holds it; `model` is one of the
    /// dataset's lists, to resolve the filter's names and place each
    /// record in time. `read` is told which of each record's lists the
    /// sifting reads (`lists_read`): it may hand the others empty.
    fn sift<'a, R>(
        &mut self,
        model: &Model,
        hold: impl Fn(Text<'a>) -> StaticText + Copy + Send,
        read: impl FnOnce(embedded::Lists, &mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R {
        self.sift_checking(model, hold, |_: &RecordRef<'a>| true, || {}, read)
    }

    /// As `sift`, each record passed through `check` (`fast::Checks`)
    /// before it is tested; one that fails it is neither kept nor counted.
    /// `give_up` tells the reading to stop (`Checks::give_up`): the thread
    /// testing the records beside it has died.
    fn sift_checking<'a, R>(
        &mut self,
        model: &Model,
        hold: impl Fn(Text<'a>) -> StaticText + Copy + Send,
        check: impl FnMut(&RecordRef<'a>) -> bool + Send,
        give_up: impl Fn(),
        read: impl FnOnce(embedded::Lists, &mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R {
        let resolved = model.resolve_filter(&self.filter);
        // A filter that names nothing keeps nothing: its error comes once
        // every record is checked.
        let keep = match (&resolved, self.keep) {
            (Err(_), keep) if keep.filters() => Keep::None,
            (_, keep) => keep,
        };
        let kept = self.take_kept(model, keep);
        let filter = resolved.as_ref().unwrap_or(&self.filter);
        let room = match &kept {
            Held::Records(kept) => kept.capacity(),
            Held::Rows(_) => self.room,
        };
        let on_kept = self.on_kept.as_deref_mut().map(|on_kept| {
            on_kept.reserve(room);
            on_kept as &mut dyn OnEachKept
        });
        let sieve = Sieve::new(model, filter, keep.places_entities());
        let lists = lists_read(&sieve, keep);
        let mut sifting = Sifting {
            tests: Tests {
                check,
                sieve,
                keep,
                tally: std::mem::take(&mut self.tally),
            },
            hold,
            kept: Keeping {
                kept,
                on_kept,
                lists: model.dataset(),
            },
        };
        let progress = self.progress;
        let note = move |index: usize, record: &RecordRef<'a>| {
            if let Some((progress, text)) = progress {
                progress.note_record(index, record, text);
            }
        };
        // Only a kept record's search is wanted: `Keep::All` keeps them all.
        let searches = keep.filters() && Query::parse(&filter.search).is_some();
        let batch = searches.then(|| *self.beside.get_or_init(batch_if_cores)).flatten();
        let result = if let Some(batch) = batch {
            let (result, done) = sift_beside(sifting, batch, give_up, |each| {
                read(lists, &mut |index, record| {
                    note(index, &record);
                    each(record);
                })
            });
            sifting = done;
            result
        } else {
            read(lists, &mut |index, record| {
                note(index, &record);
                sifting.take(&record);
            })
        };
        (self.kept, self.tally) = (Some(sifting.kept.kept), sifting.tests.tally);
        self.resolved = Some(resolved);
        result
    }

    /// The records of a dataset kept so far, if any; else room made for
    /// those `keep` keeps. `lists` is a model of the dataset's lists.
    fn take_kept(&mut self, lists: &Model, keep: Keep) -> Held {
        self.kept.take().unwrap_or_else(|| match keep {
            Keep::None => Held::Records(Kept::beside(lists, 0)),
            keep if keep.hands() => Held::Rows(Columns::beside(lists, self.room)),
            _ => Held::Records(Kept::beside(lists, self.room)),
        })
    }
}

/// How many records at a time a search's tests take beside the reading,
/// if this machine has a core for them besides the reader's: folding and
/// testing each record's text took about as long again as reading and
/// checking it (0.7-1.1 s against 1.3 s at a million records). Asked only
/// for a search: the answer costs some twenty system calls (cgroup files).
fn batch_if_cores() -> Option<usize> {
    (crate::threads::cores() > 1).then_some(BATCH)
}

/// What decides, record by record, what is kept and counted, and keeps it.
struct Sifting<'m, C, H> {
    tests: Tests<'m, C>,
    /// How a record kept holds its text.
    hold: H,
    kept: Keeping<'m>,
}

/// What is held of the records kept.
enum Held {
    /// The records, with the model's columns of them.
    Records(Kept),
    /// The model's columns alone, which order them (`Keep::Handed`,
    /// `Keep::HandedById`).
    Rows(Columns),
}

/// The records kept, with the model's columns of them, and what takes
/// each.
struct Keeping<'m> {
    /// The columns worked out as each record is kept, while it is at hand
    /// (in a pass afterwards, on the reading thread, each record was far
    /// away: 0.13 s of the reader's time at a million records, of which
    /// 282,192 were kept).
    kept: Held,
    on_kept: Option<&'m mut dyn OnEachKept>,
    /// The dataset's lists, to place each record in time and find what it names.
    lists: &'m Dataset,
}

impl Keeping<'_> {
    /// Keeps `record`, `placed` by the filter's test, its entities at
    /// `entities` in the lists (or only its columns, and hands it over).
    fn push(&mut self, record: Record, placed: Placed, entities: &[u32]) {
        let standing = Standing {
            lists: self.lists,
            placed,
            entities,
        };
        match &mut self.kept {
            Held::Records(kept) => {
                let kept = kept.push_placed(record, placed, entities);
                if let Some(on_kept) = &mut self.on_kept {
                    on_kept.kept(kept.record, standing);
                }
            }
            Held::Rows(columns) => {
                columns.push_placed(&record, placed, entities);
                if let Some(on_kept) = &mut self.on_kept {
                    on_kept.kept(&record, standing);
                }
            }
        }
    }
}

/// What checks, tests and counts each record.
struct Tests<'m, C> {
    check: C,
    sieve: Sieve<'m>,
    keep: Keep,
    tally: Tally,
}

impl<'a, C: FnMut(&RecordRef<'a>) -> bool> Tests<'_, C> {
    /// Tallies `record` if it passes its checks; where it stands against
    /// the lists if it is to be kept (its entities then `Sieve::entities`).
    fn keeps(&mut self, record: &RecordRef<'a>) -> Option<Placed> {
        if !(self.check)(record) {
            return None;
        }
        let (placed, keeps) = self.sieve.keeps(record);
        self.tally.add(record.kind, placed.time);
        let kept = match self.keep {
            keep if keep.filters() => keeps,
            keep => keep == Keep::All,
        };
        kept.then_some(placed)
    }
}

impl<'a, C: FnMut(&RecordRef<'a>) -> bool, H: Fn(Text<'a>) -> StaticText + Copy> Sifting<'_, C, H> {
    /// Tests and tallies `record`, keeping it if the filter and `keep` say.
    fn take(&mut self, record: &RecordRef<'a>) {
        if let Some(placed) = self.tests.keeps(record) {
            let record = held(record, self.tests.keep, self.hold);
            self.kept.push(record, placed, self.tests.sieve.entities());
        }
    }
}

/// As much of `record` as `keep` says to keep, its text as `hold` holds it:
/// made in one go from the record's fields, each text not kept left empty
/// and not copied. (Cut to what a table shows, then to what a row shows,
/// then moved whole into a `Record`, each record was moved three times: a
/// tenth of sifting the bundled dataset for `nkict list`.) Read, not taken:
/// a text kept is cloned, which for one borrowed from the file (almost
/// all) copies nothing, and the record stays where it was read (the
/// thread beside the reading cloned each record kept from its batch).
fn held<'a>(record: &RecordRef<'a>, keep: Keep, hold: impl Fn(Text<'a>) -> StaticText) -> Record {
    let texts = Texts::of(keep);
    let text = |kept: bool, text: &Text<'a>| match kept {
        true => hold(text.clone()),
        false => StaticText::default(),
    };
    let optional = |kept: bool, text: &Option<Text<'a>>| text.as_ref().filter(|_| kept).map(|text| hold(text.clone()));
    // Copied to a list of its exact size, as `RecordOf::map_text` copies
    // a record's lists (and for the same reason).
    let list = |kept: bool, list: &[Text<'a>]| match kept {
        true => {
            let mut exact = Vec::with_capacity(list.len());
            exact.extend(list.iter().map(|text| hold(text.clone())));
            exact
        }
        false => Vec::new(),
    };
    Record {
        id: text(texts.id, &record.id),
        kind: record.kind,
        category: record.category,
        title: text(texts.row, &record.title),
        summary: text(texts.long, &record.summary),
        date: record.date,
        period: record.period,
        as_of: record.as_of,
        date_text: optional(texts.row, &record.date_text),
        entities: list(texts.entities, &record.entities),
        indicator: optional(texts.row, &record.indicator),
        value: record.value,
        low: record.low,
        high: record.high,
        qualifier: record.qualifier,
        amount_text: optional(texts.row, &record.amount_text),
        status: record.status,
        source: text(texts.row, &record.source),
        locator: text(texts.long, &record.locator),
        quote: text(texts.long, &record.quote),
        note: optional(texts.long, &record.note),
        tags: list(texts.long, &record.tags),
    }
}

/// Which of a record's texts are held, by what reads them.
struct Texts {
    /// Its id: the JSON export of the bundled dataset finds the record's
    /// own text by it (`Keep::HandedById`); no table shows it.
    id: bool,
    /// What a table's row shows (`Keep::Listed`, `Keep::Handed`): title,
    /// loose date, indicator, vague amount, source.
    row: bool,
    /// The long texts no table shows: summary, locator, quote, note, tags.
    long: bool,
    /// Its entities' ids: a row handed over names none (where the filter
    /// or the export needs them, the model's columns have their places:
    /// `Keep::places_entities`).
    entities: bool,
}

impl Texts {
    fn of(keep: Keep) -> Self {
        match keep {
            Keep::Listed => Self {
                id: false,
                row: true,
                long: false,
                entities: true,
            },
            Keep::Handed => Self {
                id: false,
                row: true,
                long: false,
                entities: false,
            },
            Keep::HandedById => Self {
                id: true,
                row: false,
                long: false,
                entities: false,
            },
            Keep::Filtered | Keep::All => Self {
                id: true,
                row: true,
                long: true,
                entities: true,
            },
            // Nothing is kept, only counted.
            Keep::None => Self {
                id: false,
                row: false,
                long: false,
                entities: false,
            },
        }
    }
}

/// Which of a record's lists sifting it reads, for `keep`: those `sieve`
/// tests (`Sieve::lists_read`) and those the record kept holds. A bundled
/// record is made without the others (`embedded::each_record`): a list
/// allocated for each record, then dropped unread, was a tenth of
/// `nkict list`'s handing over.
fn lists_read(sieve: &Sieve<'_>, keep: Keep) -> embedded::Lists {
    let (tested, texts) = (sieve.lists_read(), Texts::of(keep));
    embedded::Lists {
        entities: tested.entities || texts.entities,
        tags: tested.tags || texts.long,
    }
}

/// How many records go to the sifting thread at once: few enough that
/// their texts, just read, are still in the cache when it folds them. At
/// a million records, batches of 256 took 2.2-2.4 s of CPU, of 4,096
/// 2.7 s, of 65,536 3.2 s; the thread's waking for each batch costs less.
const BATCH: usize = 1 << 8;

/// How many batches may wait for the sifting thread before the reader
/// waits for it: memory stays bounded if the sifting is the slower, and
/// the reader goes on while the sifting thread is not given a core.
const BATCHES_WAITING: usize = 64;

/// Runs `read`, whose `each` is given the records in order, with `sifting`
/// taking them in batches of `size` on a thread of its own, in the same
/// order, while the reading goes on (on the reading thread, one at a
/// time, if the system gives no thread); returns what `read` returns and
/// the sifting, once it has taken every record handed over. `give_up` is
/// called if that thread has died: the reading should then stop.
fn sift_beside<'a, R, C, H>(
    sifting: Sifting<'_, C, H>,
    size: usize,
    give_up: impl Fn(),
    read: impl FnOnce(&mut dyn FnMut(RecordRef<'a>)) -> R,
) -> (R, Sifting<'_, C, H>)
where
    C: FnMut(&RecordRef<'a>) -> bool + Send,
    H: Fn(Text<'a>) -> StaticText + Copy + Send,
{
    // The sifting waits here for its thread, which takes it: if none is
    // started, it is still here, for the reading thread.
    let mut waiting = Some(sifting);
    let beside = std::thread::scope(|scope| {
        let waiting = &mut waiting;
        let (full, to_sift) = mpsc::sync_channel::<Vec<RecordRef<'a>>>(BATCHES_WAITING);
        // The emptied batches come back, to be filled again: new ones would
        // each be memory touched for the first time (page faults).
        let (emptied, to_fill) = mpsc::channel();
        let started = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut sifting = waiting.take()?;
            for batch in to_sift {
                let keep = sifting.tests.keep;
                // The batch is only read here: a record kept is copied
                // (its text still borrowed), not moved out, which moved the
                // others down the batch, so the reader drops records this
                // core did not write to (at a million records the reader
                // took 1.39-1.57 s of CPU so, 1.50-1.71 s before: five
                // runs each).
                for record in &batch {
                    if let Some(placed) = sifting.tests.keeps(record) {
                        let record = held(record, keep, sifting.hold);
                        sifting.kept.push(record, placed, sifting.tests.sieve.entities());
                    }
                }
                // The records go back to be dropped by the reader, which
                // made their lists: memory freed by another thread costs
                // locks and leaves the reader's free lists to refill
                // (`_int_malloc` took 5.9% of the reader's time, not 1.5%).
                // The reader may be done and gone: the batch is then not wanted.
                let _ = emptied.send(batch);
            }
            Some(sifting)
        });
        let Ok(thread) = started else {
            return Err(read);
        };
        let mut batch = Vec::with_capacity(size);
        // The records of a batch sifted and not kept, dropped one for each
        // record read: the memory of one is then soon used again for the
        // next, as when each record was sifted as soon as it was read.
        let mut spent = Vec::new();
        let result = read(&mut |record| {
            batch.push(record);
            drop(spent.pop());
            if batch.len() == size {
                // `spent` is empty (as many records were read since it came
                // back as it held): it takes the next records.
                let next = std::mem::replace(&mut spent, to_fill.try_recv().unwrap_or_default());
                // Fails only if the sifting thread panicked, which `join`
                // passes on: the rest of the file is not worth reading.
                if full.send(std::mem::replace(&mut batch, next)).is_err() {
                    give_up();
                }
            }
        });
        let _ = full.send(batch);
        drop(full);
        match thread.join() {
            Ok(sifting) => Ok((result, sifting)),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    match (beside, waiting) {
        (Ok((result, Some(sifting))), _) => (result, sifting),
        (Err(read), Some(mut sifting)) => {
            let result = read(&mut |record| sifting.take(&record));
            (result, sifting)
        }
        _ => unreachable!("the sifting is with its thread if, and only if, it started"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of `record`, by name.
    fn texts(record: &Record) -> Vec<(&'static str, &StaticText)> {
        let mut texts = vec![
            ("id", &record.id),
            ("title", &record.title),
            ("summary", &record.summary),
            ("source", &record.source),
            ("locator", &record.locator),
            ("quote", &record.quote),
        ];
        let optional = [
            ("date_text", &record.date_text),
            ("indicator", &record.indicator),
            ("amount_text", &record.amount_text),
            ("note", &record.note),
        ];
        texts.extend(
            optional
                .into_iter()
                .filter_map(|(name, text)| Some((name, text.as_ref()?))),
        );
        texts.extend(record.entities.iter().map(|entity| ("entities", entity)));
        texts.extend(record.tags.iter().map(|tag| ("tags", tag)));
        texts
    }

    #[test]
    fn the_bundled_records_borrow_their_text_from_the_binary_and_a_files_own_theirs() {
        for keep in [Keep::All, Keep::Filtered, Keep::Listed] {
            let sifted = sift_embedded(&Filter::default(), keep, &Progress::default(), None).unwrap();
            let records = &sifted.model.dataset().records;
            assert_eq!(records.len(), embedded::records(), "{keep:?}");
            let texts: Vec<_> = records.iter().flat_map(texts).collect();
            assert!(texts.len() >= 6 * records.len(), "{keep:?}: {} texts", texts.len());
            for (name, text) in texts {
                assert!(text.borrowed().is_some(), "{keep:?}: a copied {name}: {text}");
            }
        }
        let file = sift(
            EMBEDDED.as_bytes(),
            Path::new("copy.json"),
            &Filter::default(),
            Keep::All,
        )
        .unwrap();
        let records = &file.model.dataset().records;
        assert_eq!(records.len(), embedded::records());
        for (name, text) in records.iter().flat_map(texts) {
            assert!(text.borrowed().is_none(), "a borrowed {name}: {text}");
        }
    }

    #[test]
    fn a_lasting_files_records_borrow_what_it_holds_as_written_and_sift_as_copies_do() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
        let bytes: &'static [u8] = std::fs::read(&path).unwrap().leak();
        let verbatim = |text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
        let filter = Filter {
            search: "cable".to_owned(),
            ..Filter::default()
        };
        for keep in [Keep::All, Keep::Filtered, Keep::Listed] {
            let lasting = sift_lasting(bytes, &path, &filter, keep, &Progress::default(), None).unwrap();
            let copied = sift(bytes, &path, &filter, keep).unwrap();
            assert_eq!(lasting.view, copied.view, "{keep:?}");
            assert_eq!(lasting.tally, copied.tally, "{keep:?}");
            let records = &lasting.model.dataset().records;
            assert_eq!(records, &copied.model.dataset().records, "{keep:?}");
            let mut borrowed = 0;
            for (name, text) in records.iter().flat_map(texts).filter(|(_, text)| !text.is_empty()) {
                match text.borrowed() {
                    Some(text) => {
                        assert!(bytes.as_ptr_range().contains(&text.as_ptr()), "{keep:?}: {name} {text}");
                        borrowed += 1;
                    }
                    // Written with escapes: read into a text of its own.
                    None => assert!(!verbatim(text), "{keep:?}: a copied {name}: {text}"),
                }
            }
            assert!(borrowed > 3 * records.len(), "{keep:?}: {borrowed} texts borrowed");
        }
    }

    /// Sifts `bytes` with a search's tests made beside the reading in
    /// batches of `batch` records (`None`: on the reading thread, as with
    /// one core).
    fn sifted_beside(bytes: &[u8], filter: &Filter, keep: Keep, batch: Option<usize>) -> Result<Sifted, SiftError> {
        let path = Path::new("beside.json");
        sift_text(bytes, path, filter, keep, &Progress::default(), None, |text, sieve| {
            sieve.beside = OnceCell::from(batch);
            fast::read(text, sieve)
        })
    }

    /// A record as a table is given it (`Keep::Listed`), worked out here.
    fn as_listed(record: &Record) -> Record {
        Record {
            id: StaticText::default(),
            summary: StaticText::default(),
            locator: StaticText::default(),
            quote: StaticText::default(),
            note: None,
            tags: Vec::new(),
            ..record.clone()
        }
    }

    /// What the model `sifted` of the records kept works out of each of
    /// them (`kept`, in its view's order) is what `whole`, the model of
    /// every record, works out of the same records (`same`).
    fn assert_same_columns(sifted: &Model, kept: &[RecordIx], whole: &Model, same: &[RecordIx], at: &str) {
        assert_eq!(kept.len(), same.len(), "{at}");
        let ids = |model: &Model, ix| -> Vec<String> { model.entities_of(ix).map(|e| e.id.to_string()).collect() };
        for (&ix, &whole_ix) in kept.iter().zip(same) {
            assert_eq!(sifted.time(ix), whole.time(whole_ix), "{at}");
            assert_eq!(sifted.source_index(ix), whole.source_index(whole_ix), "{at}");
            assert_eq!(sifted.indicator_index(ix), whole.indicator_index(whole_ix), "{at}");
            assert_eq!(sifted.subject_index(ix), whole.subject_index(whole_ix), "{at}");
            assert_eq!(ids(sifted, ix), ids(whole, whole_ix), "{at}");
        }
    }

    /// Searching on a thread beside the reading, in batches of any size
    /// (one record; a few, the last one short; the bundled dataset's 568
    /// records in two and more), or on the reading thread (one core),
    /// keeps what the whole dataset's model keeps, in its order, and
    /// counts every record: every combination, each dataset parsed once.
    #[test]
    fn a_search_beside_the_reading_keeps_what_the_whole_models_filter_keeps() {
        let small = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json")).unwrap();
        let searches = [
            "optical cable",
            "cable",
            "examplenet subscribers",
            "“optical cable”",
            "net",
            "a",
            "zzzz",
            "광",
        ];
        let batches = [None, Some(BATCH)].into_iter().chain((1..8).map(Some));
        let batches: Vec<Option<usize>> = batches.collect();
        for bytes in [EMBEDDED.as_bytes(), &small] {
            let whole = Model::new(crate::data::parse(bytes, Path::new("whole.json")).unwrap());
            let records =
                |ixs: &[RecordIx]| -> Vec<Record> { ixs.iter().map(|&ix| whole.record(ix).clone()).collect() };
            // Every record for `Keep::All`, in the order of a filter of nothing.
            let every = whole.filter(&Filter::default());
            for search in searches {
                let filter = Filter {
                    search: search.to_owned(),
                    ..Filter::default()
                };
                let found = whole.filter(&filter);
                let listed: Vec<Record> = records(&found).iter().map(as_listed).collect();
                let cases = [
                    (Keep::Filtered, &found, records(&found)),
                    (Keep::Listed, &found, listed),
                    (Keep::All, &every, records(&every)),
                ];
                for (keep, whole_ixs, expected) in &cases {
                    for &batch in &batches {
                        let at = format!("{search:?} {keep:?} {batch:?}");
                        let sifted = sifted_beside(bytes, &filter, *keep, batch).unwrap();
                        let kept: Vec<&Record> = sifted.view.iter().map(|&ix| sifted.model.record(ix)).collect();
                        let expected: Vec<&Record> = expected.iter().collect();
                        assert_eq!(kept, expected, "{at}");
                        assert_eq!(sifted.tally, Tally::of(&whole), "{at}");
                        assert_same_columns(&sifted.model, &sifted.view, &whole, whole_ixs, &at);
                    }
                }
            }
        }
    }

    /// Says which record, source and indicator each one taken was.
    #[derive(Default)]
    struct Named(Vec<(String, String, Option<String>)>);

    impl OnEachKept for Named {
        fn kept(&mut self, record: &Record, standing: Standing<'_>) {
            let indicator = standing.indicator().map(|indicator| indicator.id.to_string());
            self.0
                .push((record.title.to_string(), standing.source().id.to_string(), indicator));
        }

        fn reserve(&mut self, records: usize) {
            self.0.reserve(records);
        }

        fn clear(&mut self) {
            self.0.clear();
        }
    }

    /// What `Named` should have been given of the records of `model`, in
    /// its order: each one's title, and the ids of the source and the
    /// indicator as the record itself names them (not as the model's
    /// columns resolved them).
    fn named_in(model: &Model) -> Vec<(String, String, Option<String>)> {
        let named = |record: &Record| {
            let indicator = record.indicator.as_ref().map(|indicator| indicator.to_string());
            (record.title.to_string(), record.source.to_string(), indicator)
        };
        (0..model.len()).map(|ix| named(model.record(ix))).collect()
    }

    /// `handed` (sifted by `Keep::Handed`) holds no record, and its view
    /// is that of `listed` (`Keep::Listed`, the same filter), which holds
    /// the records `named` says were handed over, in that order.
    fn assert_handed_as_listed(handed: Sifted, listed: &Sifted, named: &Named, at: &str) {
        assert_eq!(handed.model.len(), 0, "{at}");
        assert_eq!(handed.view, listed.view, "{at}");
        assert_eq!(handed.tally, listed.tally, "{at}");
        assert_eq!(named.0, named_in(&listed.model), "{at}");
    }

    /// Each record kept is taken with its source and its indicator, in the
    /// order the model of the kept records numbers them, whether the search
    /// is made beside the reading (batches of any size) or not; handed
    /// over and not held (`Keep::Handed`), they are in the view as held.
    #[test]
    fn the_records_kept_are_each_taken_with_what_they_name_in_the_models_order() {
        let small = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json")).unwrap();
        for bytes in [EMBEDDED.as_bytes(), &small] {
            for search in ["cable", "a", ""] {
                let filter = Filter {
                    search: search.to_owned(),
                    ..Filter::default()
                };
                for batch in [None, Some(1), Some(3), Some(BATCH)] {
                    let mut named = Named::default();
                    let read = |text, sieve: &mut Sifter<'_>| {
                        sieve.beside = OnceCell::from(batch);
                        fast::read(text, sieve)
                    };
                    let path = Path::new("taken.json");
                    let sifted = sift_text(
                        bytes,
                        path,
                        &filter,
                        Keep::Listed,
                        &Progress::default(),
                        Some(&mut named),
                        read,
                    );
                    let listed = sifted.unwrap();
                    let expected = named_in(&listed.model);
                    assert!(!expected.is_empty(), "{search:?} {batch:?}");
                    // Some with an indicator, some without.
                    assert!(
                        expected.iter().any(|(_, _, indicator)| indicator.is_some()),
                        "{search:?} {batch:?}"
                    );
                    assert_eq!(named.0, expected, "{search:?} {batch:?}");
                    let mut handed_over = Named::default();
                    let keep = Keep::Handed;
                    let handed = sift_text(
                        bytes,
                        path,
                        &filter,
                        keep,
                        &Progress::default(),
                        Some(&mut handed_over),
                        read,
                    );
                    let at = format!("handed {search:?} {batch:?}");
                    assert_handed_as_listed(handed.unwrap(), &listed, &handed_over, &at);
                }
            }
        }
        // A reading given up after every record was handed over: the
        // careful loader's reading takes the records again, each once.
        let mut named = Named::default();
        let given_up = |text, sieve: &mut Sifter<'_>| fast::read(text, sieve).and(Err(fast::NotFast));
        let path = Path::new("again.json");
        let filter = Filter::default();
        let sifted = sift_text(
            &small,
            path,
            &filter,
            Keep::Handed,
            &Progress::default(),
            Some(&mut named),
            given_up,
        );
        let listed = sift(&small, path, &filter, Keep::Listed).unwrap();
        assert_handed_as_listed(sifted.unwrap(), &listed, &named, "given up");
    }

    /// The bundled dataset as `build.rs` prepared it, searched beside the
    /// reading where this machine has a second core (on the reading
    /// thread where not): each record kept is taken as from a file.
    #[test]
    fn the_bundled_datasets_records_kept_by_a_search_are_each_taken_with_what_they_name() {
        // "time-series" is found in the tags of 55 records alone, "Naguib
        // Sawiris" only by the entity 6 records name: a bundled record made
        // without the list a search reads (`lists_read`) would be missed.
        let by_entity = Filter {
            entities: vec!["naguib-sawiris".to_owned()],
            ..Filter::default()
        };
        let searches = ["cable", "", "time-series", "Naguib Sawiris"].map(|search| Filter {
            search: search.to_owned(),
            ..Filter::default()
        });
        for filter in searches.into_iter().chain([by_entity]) {
            let search = &format!("{:?}", filter.to_args());
            let mut named = Named::default();
            let sifted = sift_embedded(&filter, Keep::Listed, &Progress::default(), Some(&mut named)).unwrap();
            let expected = named_in(&sifted.model);
            assert!(!expected.is_empty(), "{search}");
            assert_eq!(named.0, expected, "{search}");
            // The same records as the file's reading keeps.
            let file = sift(EMBEDDED.as_bytes(), Path::new("bundled.json"), &filter, Keep::Listed).unwrap();
            assert_eq!(named.0, named_in(&file.model), "{search}");
            // Handed over, not held: the same view.
            let mut handed_over = Named::default();
            let handed = sift_embedded(&filter, Keep::Handed, &Progress::default(), Some(&mut handed_over)).unwrap();
            assert_handed_as_listed(handed, &file, &handed_over, search);
            // Handed by id, as the JSON export takes them: the same view.
            let by_id = sift_embedded(&filter, Keep::HandedById, &Progress::default(), None).unwrap();
            assert_eq!(by_id.view, file.view, "{search}");
        }
    }

    #[test]
    fn a_lasting_files_search_beside_the_reading_keeps_borrowed_records_and_no_records_sift_to_none() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
        let bytes: &'static [u8] = std::fs::read(&path).unwrap().leak();
        let whole = Model::new(crate::data::parse(bytes, &path).unwrap());
        let filter = Filter {
            search: "cable".to_owned(),
            ..Filter::default()
        };
        let found: Vec<Record> = whole
            .filter(&filter)
            .into_iter()
            .map(|ix| whole.record(ix).clone())
            .collect();
        assert!(!found.is_empty());
        let listed: Vec<Record> = found.iter().map(as_listed).collect();
        // `list --search` on a file: the `Lasting` sink, with the thread beside.
        for (keep, expected) in [(Keep::Filtered, &found), (Keep::Listed, &listed)] {
            for batch in [Some(1), Some(2), Some(BATCH)] {
                let read = |text, sieve: &mut Sifter<'_>| {
                    sieve.beside = OnceCell::from(batch);
                    fast::read(text, &mut Lasting(sieve))
                };
                let sifted = sift_text(bytes, &path, &filter, keep, &Progress::default(), None, read).unwrap();
                let kept: Vec<&Record> = sifted.view.iter().map(|&ix| sifted.model.record(ix)).collect();
                assert_eq!(kept, expected.iter().collect::<Vec<_>>(), "{keep:?} {batch:?}");
                assert_eq!(sifted.tally, Tally::of(&whole), "{keep:?} {batch:?}");
                for record in kept {
                    let Some(title) = record.title.borrowed() else {
                        panic!("{keep:?} {batch:?}: a copied title {}", record.title);
                    };
                    assert!(bytes.as_ptr_range().contains(&title.as_ptr()), "{keep:?} {batch:?}");
                }
            }
        }
        // The same file with no records: its lists, nothing kept or counted.
        let text = std::str::from_utf8(bytes).unwrap();
        let opened = "\"records\": [";
        let (start, end) = (text.find(opened).unwrap() + opened.len(), text.rfind(']').unwrap());
        let empty = [&text[..start], &text[end..]].concat();
        for keep in [Keep::Filtered, Keep::Listed] {
            for batch in [None, Some(1), Some(BATCH)] {
                let sifted = sifted_beside(empty.as_bytes(), &filter, keep, batch).unwrap();
                assert!(sifted.view.is_empty() && sifted.model.is_empty(), "{keep:?} {batch:?}");
                assert_eq!(sifted.tally, Tally::default(), "{keep:?} {batch:?}");
                let sources = &sifted.model.dataset().sources;
                assert_eq!(sources, &whole.dataset().sources, "{keep:?} {batch:?}");
            }
        }
    }

    #[test]
    fn only_a_search_that_decides_what_is_kept_asks_for_a_thread_beside_the_reading() {
        let filter = Filter {
            search: "cable".to_owned(),
            ..Filter::default()
        };
        // `Keep::All` keeps every record whatever the search finds.
        for (keep, asks) in [
            (Keep::All, false),
            (Keep::None, false),
            (Keep::Filtered, true),
            (Keep::Listed, true),
            (Keep::Handed, true),
        ] {
            let mut sieve = Sifter::new(&filter, keep);
            fast::read(EMBEDDED, &mut sieve).unwrap();
            assert_eq!(sieve.beside.get().is_some(), asks, "{keep:?}");
        }
    }

    #[test]
    fn a_thread_beside_the_reading_that_dies_stops_the_reading_and_its_panic_is_passed_on() {
        let whole = Model::new(crate::data::parse(EMBEDDED.as_bytes(), Path::new("whole.json")).unwrap());
        let filter = Filter {
            search: "cable".to_owned(),
            ..Filter::default()
        };
        let found = whole.record(whole.filter(&filter)[0]).clone();
        let mut sieve = Sifter::new(&filter, Keep::Filtered);
        sieve.beside = OnceCell::from(Some(1));
        let (stopped, handed) = (std::cell::Cell::new(false), std::cell::Cell::new(0));
        let many = 100_000;
        let sifting = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let hold = |_: Text<'_>| -> StaticText { panic!("the thread beside the reading dies") };
            let give_up = || stopped.set(true);
            sieve.sift_checking(
                &whole,
                hold,
                |_: &RecordRef<'_>| true,
                give_up,
                |_, each| {
                    while !stopped.get() && handed.get() < many {
                        each(handed.get(), found.clone().map_text(Text::from));
                        handed.set(handed.get() + 1);
                    }
                },
            );
        }));
        assert!(sifting.is_err(), "the panic is passed on");
        assert!(stopped.get(), "the reading is told to stop");
        // The first record kept kills the thread; at most the batches then
        // waiting for it, and one more, are handed over before it is missed.
        assert!(handed.get() <= BATCHES_WAITING + 3, "{} records handed", handed.get());
    }

    #[test]
    fn a_search_beside_the_reading_leaves_a_bad_file_to_the_loader_and_reports_a_bad_name_as_alone() {
        let bundled = EMBEDDED.as_bytes();
        let search = |extra: Filter| Filter {
            search: "cable".to_owned(),
            ..extra
        };
        // The last two records (past many batches) name unknown sources:
        // the careful loader reports both, where they are.
        let sources: Vec<usize> = EMBEDDED
            .match_indices("\"source\": \"")
            .map(|(at, s)| at + s.len())
            .collect();
        let [.., one, two] = sources[..] else {
            panic!("the bundled records name their sources");
        };
        let unknown = b"no-such-";
        let bad = [&bundled[..one], unknown, &bundled[one..two], unknown, &bundled[two..]].concat();
        let expected = crate::data::parse(&bad, Path::new("beside.json"))
            .unwrap_err()
            .to_string();
        assert!(expected.contains("(2 problems)"), "{expected}");
        for batch in [None, Some(1), Some(5), Some(BATCH)] {
            let Err(SiftError::Load(err)) = sifted_beside(&bad, &search(Filter::default()), Keep::Listed, batch) else {
                panic!("a bad file sifts ({batch:?})");
            };
            assert_eq!(err.to_string(), expected, "{batch:?}");
        }
        // A good file, a filter naming an entity it lacks: that error alone.
        let unknown = search(Filter {
            entities: vec!["no-such-entity".to_owned()],
            ..Filter::default()
        });
        for batch in [None, Some(3)] {
            let Err(SiftError::Name(err)) = sifted_beside(bundled, &unknown, Keep::Listed, batch) else {
                panic!("an unknown entity sifts ({batch:?})");
            };
            assert!(err.to_string().contains("no-such-entity"), "{batch:?}: {err}");
        }
    }

    #[test]
    fn progress_ends_at_the_whole_text_and_a_bad_file_is_the_loaders_to_report() {
        let text = crate::data::load::EMBEDDED.as_bytes();
        let progress = Progress::default();
        let sifted = sift_reporting(text, Path::new("bundled"), &Filter::default(), Keep::None, &progress).unwrap();
        assert_eq!(progress.get(), (text.len(), text.len()));
        assert!(sifted.view.is_empty() && sifted.model.is_empty() && sifted.tally.records > 0);
        let bad =
            br#"{"schema_version": 2, "sources": [], "indicators": [], "entities": [], "records": [{"id": "x"}]}"#;
        let Err(SiftError::Load(err)) = sift(bad, Path::new("bad.json"), &Filter::default(), Keep::All) else {
            panic!("a bad file sifts");
        };
        assert!(
            err.to_string().starts_with("bad.json is not a valid nkict dataset"),
            "{err}"
        );
    }

    /// The record of `text` whose id is `id`, read from where it starts.
    fn record_with_id<'t>(text: &'t str, id: &str) -> RecordRef<'t> {
        let id_at = text.find(&format!("\"id\": \"{id}\"")).unwrap();
        let start = text[..id_at].rfind('{').unwrap();
        let mut records = serde_json::Deserializer::from_str(&text[start..]).into_iter::<RecordRef<'t>>();
        records.next().unwrap().unwrap()
    }

    #[test]
    fn progress_adds_what_a_second_reading_read_from_its_first_record() {
        let text = include_str!("../../tests/fixtures/small.json");
        let at = |id: &str| text.find(&format!("\"id\": \"{id}\"")).unwrap() + 7;
        let progress = Progress::default();
        progress.set(0, text.len());
        progress.note_record(0, &record_with_id(text, "institute-founded"), text);
        let front = at("institute-founded");
        assert_eq!(progress.get(), (front, text.len()));
        // A second reading from the record "first-exchange", which it
        // numbers 0: then as far as the last, numbered at a note.
        progress.note_record_beside(0, &record_with_id(text, "first-exchange"), text);
        assert_eq!(progress.get(), (front, text.len()));
        let last = record_with_id(text, "lines-per-100-southland-1999");
        progress.note_record_beside(NOTE_EVERY, &last, text);
        let beside = at("lines-per-100-southland-1999") - at("first-exchange");
        assert_eq!(progress.get(), (front + beside, text.len()));
        // Records between notes say nothing.
        progress.note_record_beside(1, &record_with_id(text, "first-exchange"), text);
        assert_eq!(progress.get(), (front + beside, text.len()));
        // Once the first reading is past where the second started (which
        // then stopped), the second counts for nothing.
        let past = record_with_id(text, "subscribers-2012");
        progress.note_record(NOTE_EVERY, &past, text);
        assert!(at("subscribers-2012") > at("first-exchange"));
        assert_eq!(progress.get(), (at("subscribers-2012"), text.len()));
        progress.set(text.len(), text.len());
        assert_eq!(progress.get(), (text.len(), text.len()));
    }
}
