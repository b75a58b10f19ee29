//! The command line: the global filter flags, the subcommands, and what each
//! one prints. `main` parses, calls `run`, and turns a `CliError` into a
//! message and an exit code.

mod fit;
mod table;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::styling::Styles;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use ratatui::crossterm::terminal;
use serde::Serialize;

use crate::cite;
use crate::data::{self, Category, Dataset, Indicator, LoadError, Record, RecordKind, Source, embedded};
use crate::export::csv::write_rows as write_csv;
use crate::export::json::{BundledRecords, Json};
use crate::export::{self, Destination, ExportDocument, ExportError, ExportFormat, Replace};
use crate::model::format::plural;
use crate::model::rows::{EntityRow, IndicatorRow, SourceRow, record_rows};
use crate::model::sift::{Keep, OnEachKept, Progress, SiftError, Sifted, Standing, Tally, sift_embedded, sift_lasting};
use crate::model::years::parse_year;
use crate::model::{Filter, Model, NameError, RecordIx, YearError, YearRange, format, whole};
use crate::quotes::{self, QuoteProblem};
use crate::terminal_text::{escape, escape_json, escape_keeping_line_ends, escape_owned};
use crate::tui::{self, DataOrigin, Failure, TuiError};
use table::Table;

#[derive(Debug, Parser)]
#[command(
    name = "nkict",
    version,
    about = "North Korea's information and communications technology, every figure with its source",
    after_help = "Without a command, nkict starts the dashboard. The dataset and filter flags go before or \
                  after the command's name: `nkict --from 1990 list` is `nkict list --from 1990` (a flag \
                  of one value goes in one place; repeatable ones add up).\n\
                  Exit status: 0 on success, 2 when a dataset file is invalid, 1 on any other failure."
)]
pub struct Cli {
    /// The dataset and filter of the dashboard, or of the command that follows.
    #[command(flatten)]
    pub view: ViewArgs,
    /// Refuse a dataset file larger than SIZE (bytes, or with K, M or G: 512M, 1G).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size, default_value = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Which dataset to read and which of its records to keep: for the
/// dashboard and every command that shows records.
#[derive(Debug, Clone, Default, Args)]
pub struct ViewArgs {
    /// Read this dataset file instead of the one built in.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// The flags that narrow the dataset. Sources, entities and indicators are
/// named by id, name or alias, in any case.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filter")]
pub struct FilterArgs {
    /// Keep records that reach this year or later.
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub from: Option<i32>,
    /// Keep records that start in this year or earlier.
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub to: Option<i32>,
    /// Keep records of this category (repeatable).
    #[arg(long = "category", value_name = "C", help = category_help())]
    pub categories: Vec<Category>,
    /// Keep records of this kind: milestone, observation or fact (repeatable).
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<RecordKind>,
    /// Keep records from this source: id or title (repeatable).
    #[arg(long = "source", value_name = "S")]
    pub sources: Vec<String>,
    /// Keep records about this entity: id, name or alias (repeatable).
    #[arg(long = "entity", value_name = "E")]
    pub entities: Vec<String>,
    /// Keep observations of this indicator: id or name.
    #[arg(long, value_name = "I")]
    pub indicator: Option<String>,
    /// Keep records holding every word of TEXT, each where a word starts (`work`: workers, not network), and any "quoted phrase" whole, in any case; their entities', category's and indicator's names count too.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Keep undated records even when --from or --to is given.
    #[arg(long)]
    pub include_undated: bool,
    /// Place records by their own dates only: one dated only by its
    /// source's "at present" (c. 2002) counts as undated.
    #[arg(long)]
    pub own_dates: bool,
}

/// `--max-size` when it is not given.
const DEFAULT_MAX_SIZE: &str = "256M";

/// `bytes` as `--max-size` reads it back, in the largest unit that holds it
/// whole: 536,870,912 → `512M`, 1,000 → `1000`.
fn size_text(bytes: u64) -> String {
    let units = [(30, "G"), (20, "M"), (10, "K")];
    units
        .iter()
        .find(|(shift, _)| bytes != 0 && bytes.is_multiple_of(1 << shift))
        .map_or_else(
            || bytes.to_string(),
            |(shift, unit)| format!("{}{unit}", bytes >> shift),
        )
}

/// `512M` → 536,870,912 bytes: a count of bytes, or of KiB, MiB or GiB.
fn parse_size(text: &str) -> Result<u64, String> {
    let upper = text.trim().to_ascii_uppercase();
    let number = upper.trim_end_matches("IB").trim_end_matches('B');
    let (digits, shift) = match number.char_indices().last() {
        Some((at, 'K')) => (&number[..at], 10),
        Some((at, 'M')) => (&number[..at], 20),
        Some((at, 'G')) => (&number[..at], 30),
        _ => (number, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("`{text}` is not a size: write bytes, or a number with K, M or G (512M)"))
}

/// The export formats' names, for `--format`.
fn export_format_names() -> PossibleValuesParser {
    PossibleValuesParser::new(
        export::FORMATS
            .iter()
            .map(|f| PossibleValue::new(f.name()).help(f.description())),
    )
}

fn category_help() -> String {
    format!("Keep records of this category (repeatable): {}", Category::slugs())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The filtered records as a table (date, category, title, value,
    /// source), or as JSON or CSV.
    List {
        #[command(flatten)]
        listing: ListingArgs,
        /// The same as `--format jsonl`, kept for scripts that use it.
        #[arg(long, conflicts_with = "format", help_heading = "Output")]
        json: bool,
    },
    /// The filtered records with their sources and how to cite them: a JSON
    /// dataset (`--data` reads it back), CSV, JSON Lines or a Data Package.
    Export {
        #[command(flatten)]
        view: ViewArgs,
        /// Write to FILE (atomically) instead of standard output (`-`); its
        /// extension picks the format: .json, .csv, .jsonl or .ndjson, .zip
        /// (a Data Package). A folder, a device or a symbolic link is refused.
        #[arg(short, long, value_name = "FILE", help_heading = "Output")]
        output: Option<PathBuf>,
        /// The format, whatever FILE's extension: json (the default), csv,
        /// jsonl, datapackage.
        #[arg(long, value_name = "FORMAT", value_parser = export_format_names(), help_heading = "Output")]
        format: Option<String>,
        /// Export every record of the dataset, whatever filter flags are given.
        #[arg(long, help_heading = "Output")]
        all: bool,
        /// Replace FILE if it exists (it keeps its permissions), unless it
        /// is read-only.
        #[arg(long, requires = "output", help_heading = "Output")]
        force: bool,
        /// Replace FILE even if it is read-only (implies --force).
        #[arg(long, requires = "output", help_heading = "Output")]
        replace_read_only: bool,
    },
    /// How to cite the dataset and the sources of the filtered records, as
    /// text or for a reference manager.
    Cite {
        #[command(flatten)]
        view: ViewArgs,
        /// How to write the citations.
        #[arg(long, value_enum, default_value_t = CiteFormat::Text, help_heading = "Output")]
        format: CiteFormat,
    },
    /// Check a dataset file and summarize it.
    Validate {
        file: PathBuf,
        /// Also check each quote against its source's `text_file` in DIR.
        #[arg(long, value_name = "DIR")]
        quotes: Option<PathBuf>,
    },
    /// The sources, their kind, publication and information dates, with how
    /// many filtered records rest on each.
    Sources(ListingArgs),
    /// The indicators, with how many filtered observations each has and
    /// the latest claim about each entity.
    Indicators(ListingArgs),
    /// The entities, with their Korean names, aliases and record counts.
    Entities(ListingArgs),
    /// Print a shell completion script; it completes the ids of the bundled
    /// dataset's sources, entities and indicators.
    Completions { shell: Shell },
}

/// The options of a command that prints a listing.
#[derive(Debug, Clone, Args)]
pub struct ListingArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// `table` for people; `json` (an array), `jsonl` (one object a line)
    /// and `csv` with every field, for other programs.
    #[arg(long, value_enum, default_value_t = ListingFormat::Table, help_heading = "Output")]
    pub format: ListingFormat,
    /// Fit tables into this many columns (0: no limit). By default, the
    /// terminal's width when the output is a terminal ($COLUMNS, else 80,
    /// if it reports none), else no limit.
    #[arg(long, value_name = "COLUMNS", help_heading = "Output")]
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListingFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// One reference a line, as the dashboard shows them.
    Text,
    /// BibTeX, for LaTeX, biblatex and reference managers.
    Bibtex,
    /// CSL-JSON, for Zotero, pandoc and other CSL processors.
    CslJson,
    /// RIS, for EndNote, Zotero and Mendeley imports.
    Ris,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line could not be parsed (clap's message, without its
    /// `error: ` prefix).
    #[error("{0}")]
    Usage(String),
    #[error("--from {from} is after --to {to}")]
    YearRange { from: i32, to: i32 },
    /// A filter value names nothing in the dataset, or several things.
    #[error(transparent)]
    Name(#[from] NameError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{}", export_message(.0))]
    Export(#[from] ExportError),
    #[error("{}", quotes_message(.file, .dir, .problems))]
    Quotes {
        file: PathBuf,
        dir: PathBuf,
        problems: Vec<QuoteProblem>,
    },
    #[error(transparent)]
    Dashboard(#[from] TuiError),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    /// What this program worked out does not agree with itself (a fault
    /// of nkict, reported rather than a panic).
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<table::OrderError> for CliError {
    fn from(err: table::OrderError) -> Self {
        match err {
            table::OrderError::Output(err) => Self::Output(err),
            fault @ table::OrderError::NotItsRows { .. } => Self::Internal(fault.to_string()),
        }
    }
}

impl From<SiftError> for CliError {
    fn from(err: SiftError) -> Self {
        match err {
            SiftError::Load(err) => Self::Load(err),
            SiftError::Name(err) => Self::Name(err),
        }
    }
}

/// Why a command line is not run: it asks for help or the version (clap's
/// output, to print as it is), or it is refused.
#[derive(Debug)]
pub enum NotRun {
    Output(clap::Error),
    Refused(CliError),
}

impl Cli {
    /// Reads `args` (the program's name first) as `try_parse_from` does.
    /// A refusal's message holds the user's text as typed: clap's `Display`
    /// strips every escape sequence, the user's too (`--from $'19\e[31m99'`
    /// was quoted as `1999`, a value that looks valid), so the line is read
    /// again by a command without styles, whose rendering then holds no
    /// escape sequence but the user's, shown as `\u{1b}` by `main` as in
    /// nkict's own messages. (Styles kept for the help, printed as clap
    /// prints it; a refused line, read twice, is not worth a faster path.)
    pub fn read(args: impl IntoIterator<Item = impl Into<std::ffi::OsString>>) -> Result<Cli, NotRun> {
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        match Cli::try_parse_from(&args) {
            Ok(cli) => Ok(cli),
            Err(err) if !err.use_stderr() => Err(NotRun::Output(err)),
            Err(err) => {
                let unstyled = Cli::command().styles(Styles::plain()).try_get_matches_from(args).err();
                let text = unstyled.map_or_else(|| err.to_string(), |err| err.render().ansi().to_string());
                Err(NotRun::Refused(CliError::usage(&text)))
            }
        }
    }
}

impl CliError {
    /// From clap's message for a refused command line.
    fn usage(text: &str) -> Self {
        let text = text.strip_prefix("error: ").unwrap_or(text);
        Self::Usage(text.trim_end().to_owned())
    }

    /// True when a dataset's content is at fault (exit code 2): it does not
    /// load, or a quote is not in its source's text.
    pub fn is_invalid_data(&self) -> bool {
        match self {
            Self::Load(err) => err.is_invalid_data(),
            Self::Quotes { problems, .. } => problems.iter().any(QuoteProblem::is_invalid_data),
            _ => false,
        }
    }

    /// Standard output was closed by its reader (`nkict list | head -1`):
    /// not a failure worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Output(err) if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// An export error, with the flag or option that would do what was meant.
fn export_message(err: &ExportError) -> String {
    match err {
        ExportError::Exists { .. } => format!("{err}; use --force to replace it"),
        ExportError::ReadOnly { .. } => format!("{err}; --force does not replace it, --replace-read-only does"),
        ExportError::NotAFile { .. } => format!("{err}; give a file's name, or `-o -` for standard output"),
        _ => err.to_string(),
    }
}

fn quotes_message(file: &Path, dir: &Path, problems: &[QuoteProblem]) -> String {
    let mut text = format!(
        "{}: {} checking quotes against the source texts in {}:",
        file.display(),
        plural(problems.len(), "problem"),
        dir.display()
    );
    for problem in problems {
        match problem.position() {
            Some((line, column)) => text.push_str(&format!("\n  {}:{line}:{column}: {problem}", file.display())),
            None => text.push_str(&format!("\n  {}: {problem}", file.display())),
        }
    }
    text
}

impl ViewArgs {
    /// These flags (given before the command's name), then `later` (given
    /// after it): lists add up, switches hold if given in either place, and
    /// a flag of one value is refused when given in both, as clap refuses
    /// it given twice in one place (else one value would silently go).
    fn then(&self, later: &ViewArgs) -> Result<ViewArgs, CliError> {
        let (a, b) = (&self.filter, &later.filter);
        Ok(ViewArgs {
            data: in_one_place("data", &self.data, &later.data)?,
            filter: FilterArgs {
                from: in_one_place("from", &a.from, &b.from)?,
                to: in_one_place("to", &a.to, &b.to)?,
                categories: [a.categories.as_slice(), &b.categories].concat(),
                kinds: [a.kinds.as_slice(), &b.kinds].concat(),
                sources: [a.sources.as_slice(), &b.sources].concat(),
                entities: [a.entities.as_slice(), &b.entities].concat(),
                indicator: in_one_place("indicator", &a.indicator, &b.indicator)?,
                search: in_one_place("search", &a.search, &b.search)?,
                include_undated: a.include_undated || b.include_undated,
                own_dates: a.own_dates || b.own_dates,
            },
        })
    }

    /// The first of these flags that was given, if any: `--data`, `--from`...
    fn first_given(&self) -> Option<String> {
        let data = self.data.as_ref().map(|_| "--data".to_owned());
        data.or_else(|| self.filter.filter().to_args().into_iter().next())
    }

    /// An error when any flag was given to a command they do not apply to.
    fn refuse_for(&self, command: &str) -> Result<(), CliError> {
        match self.first_given() {
            Some(flag) => Err(CliError::Usage(format!(
                "`{flag}` does not apply to `nkict {command}`: the dataset and filter flags \
                 go with the dashboard, list, export, cite, sources, indicators and entities"
            ))),
            None => Ok(()),
        }
    }

    /// The whole dataset these flags name (read up to `max_size` bytes),
    /// for the dashboard, which filters for itself; and their filter with
    /// every name resolved to an id. `progress` notes how far the reading is.
    fn open(&self, max_size: u64, progress: &Progress) -> Result<(Model, Filter), CliError> {
        let filter = self.filter.to_filter()?;
        let opened = match self.data.as_deref() {
            Some(path) => {
                let bytes = data::load::read_file(path, max_size)?;
                let opened = whole::open(&bytes, path, &filter, progress).map(|opened| (opened.model, opened.filter));
                // Unmapping a large file takes tens of milliseconds (30 at
                // 600 MB): not before the first screen (if no thread starts,
                // here all the same).
                let _ = std::thread::Builder::new().spawn(move || drop(bytes));
                opened
            }
            None => sift_embedded(&filter, Keep::All, progress, None).map(|sifted| (sifted.model, sifted.filter)),
        };
        Ok(opened?)
    }
}

/// The value of the one-valued flag `id` (clap's id: `search`), given
/// `before` the command's name or `after` it; given in both places, a
/// usage error in clap's words for a flag given twice.
fn in_one_place<T: Clone>(id: &str, before: &Option<T>, after: &Option<T>) -> Result<Option<T>, CliError> {
    match (before, after) {
        (Some(_), Some(_)) => {
            let mut command = Cli::command();
            // Built, as for parsing, so that the flag shows its value's name.
            command.build();
            let flag = command
                .get_arguments()
                .find(|arg| arg.get_id() == id)
                .map_or_else(|| format!("--{id}"), ToString::to_string);
            Err(CliError::Usage(format!(
                "the argument '{flag}' cannot be used multiple times: it is given both before \
                 the command's name and after it"
            )))
        }
        _ => Ok(after.clone().or_else(|| before.clone())),
    }
}

impl FilterArgs {
    /// The filter these flags describe, after checking the year range.
    pub fn to_filter(&self) -> Result<Filter, CliError> {
        YearRange::new(self.from, self.to).map_err(|err| match err {
            YearError::Backwards { from, to } => CliError::YearRange { from, to },
            // Each year already passed `parse_year`.
            other => CliError::Usage(other.to_string()),
        })?;
        Ok(self.filter())
    }

    fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            include_undated: self.include_undated,
            own_dates_only: self.own_dates,
            categories: self.categories.clone(),
            kinds: self.kinds.clone(),
            sources: self.sources.clone(),
            entities: self.entities.clone(),
            indicator: self.indicator.clone(),
            search: self.search.clone().unwrap_or_default(),
        }
    }
}

/// Runs one command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let before = &cli.view;
    let max_size = cli.max_size;
    let Some(command) = cli.command else {
        return dashboard(before, max_size);
    };
    let open = |after: &ViewArgs| View::open(before.then(after)?, max_size, Keep::Filtered, None);
    match command {
        Command::List { listing, json } => {
            let format = if json { ListingFormat::Jsonl } else { listing.format };
            match format {
                ListingFormat::Table => list_table(before.then(&listing.view)?, max_size, listing.width(), out),
                ListingFormat::Csv => list_csv(open(&listing.view)?, out),
                ListingFormat::Json | ListingFormat::Jsonl => {
                    let view = open(&listing.view)?;
                    write_json(format, view.records.iter().map(|&ix| view.model.record(ix)), out)
                }
            }
        }
        Command::Export {
            view,
            output,
            format,
            all,
            force,
            replace_read_only,
        } => {
            let view = before.then(&view)?;
            let keep = if all { Keep::All } else { Keep::Filtered };
            let target = ExportTarget::new(output.as_deref(), format.as_deref(), force, replace_read_only);
            if let Some(path) = target.path {
                export::atomic::check_target(path, target.replace)?;
            }
            if exports_bundled_json(&view, keep, &target) {
                return export_bundled_json(view, max_size, &target, out);
            }
            export(View::open(view, max_size, keep, None)?, &target, out)
        }
        Command::Cite { view, format } => cite(open(&view)?, format, out),
        Command::Validate { file, quotes } => {
            before.refuse_for("validate")?;
            validate(&file, max_size, quotes.as_deref(), out)
        }
        Command::Sources(listing) => sources(open(&listing.view)?, &listing, out),
        Command::Indicators(listing) => indicators(open(&listing.view)?, &listing, out),
        Command::Entities(listing) => entities(open(&listing.view)?, &listing, out),
        Command::Completions { shell } => {
            before.refuse_for("completions")?;
            completions(shell, out)
        }
    }
}

impl ListingArgs {
    /// The width tables must fit: as given, else the terminal's when
    /// standard output is one; `None` for no limit (piped output is never
    /// cut unless asked, so that scripts see whole cells).
    fn width(&self) -> Option<usize> {
        match self.width {
            Some(0) => None,
            Some(width) => Some(width),
            None if io::stdout().is_terminal() => {
                let reported = terminal::size().ok().map(|(columns, _)| columns);
                Some(terminal_width(reported, std::env::var("COLUMNS").ok().as_deref()))
            }
            None => None,
        }
    }
}

/// The width of a terminal that `reported` (`None` when asking failed).
/// A terminal that says 0 columns (`script`, `docker exec -t` before the
/// size arrives, serial consoles) has not been told its size: 0 there
/// means unknown, not "as narrow as possible", so `$COLUMNS` is taken when
/// it is a positive number, else 80, the width terminals start with.
fn terminal_width(reported: Option<u16>, columns_env: Option<&str>) -> usize {
    const UNKNOWN_TERMINAL_WIDTH: usize = 80;
    match reported {
        Some(columns) if columns > 0 => usize::from(columns),
        _ => columns_env
            .and_then(|text| text.trim().parse::<usize>().ok())
            .filter(|&columns| columns > 0)
            .unwrap_or(UNKNOWN_TERMINAL_WIDTH),
    }
}

/// The dashboard on the dataset of `view`, loaded while the screen shows
/// how far the reading is.
fn dashboard(view: &ViewArgs, max_size: u64) -> Result<(), CliError> {
    if !tui::is_interactive() {
        // Problems with the data are reported first, as by every command.
        view.open(max_size, &Progress::default())?;
        return Err(TuiError::NotATerminal.into());
    }
    let view = view.clone();
    let name = view
        .data
        .as_ref()
        .map_or_else(|| "the bundled dataset".to_owned(), |path| path.display().to_string());
    tui::run_loading(name, origin_of(&view, max_size), move |progress| {
        view.open(max_size, progress)
    })
    .map_err(|failure| match failure {
        Failure::Load(err) => err,
        Failure::Terminal(err) => err.into(),
    })
}

/// What the dashboard's export prompt needs to name the same dataset in a
/// command: the file of `view`, and `max_size` unless it is the default.
fn origin_of(view: &ViewArgs, max_size: u64) -> DataOrigin {
    DataOrigin {
        file: view.data.clone(),
        max_size: (parse_size(DEFAULT_MAX_SIZE) != Ok(max_size)).then(|| size_text(max_size)),
    }
}

/// Sifts the dataset file at `data`, or the bundled one, for a command
/// (nothing shows how far the reading is). A file's bytes are kept, as a
/// `View` is, until the process ends, and the records kept borrow their
/// text from them. (Not for the dashboard, which copies: the file could be
/// changed by another program under a long session, and a file cut short
/// under a mapped read stops the process.)
/// `on_kept`, if given, takes each record as it is kept.
fn sift_file(
    data: Option<&Path>,
    max_size: u64,
    filter: &Filter,
    keep: Keep,
    on_kept: Option<&mut dyn OnEachKept>,
) -> Result<Sifted, CliError> {
    let progress = &Progress::default();
    let sifted = match data {
        Some(path) => {
            let bytes: &'static [u8] = Box::leak(Box::new(data::load::read_file(path, max_size)?));
            sift_lasting(bytes, path, filter, keep, progress, on_kept)
        }
        None => sift_embedded(filter, keep, progress, on_kept),
    };
    Ok(sifted?)
}

/// The records the filter keeps, with the dataset's lists: the model holds
/// only the records kept (see `model::sift`).
pub struct View {
    pub model: Model,
    pub filter: Filter,
    pub records: Vec<RecordIx>,
    /// How many records the dataset has.
    pub total: usize,
}

impl View {
    /// Opens the dataset and applies the filter of `view` (the flags given
    /// before the command's name, then after it), keeping what `keep` says.
    ///
    /// The view is never freed: the process ends when the command is done,
    /// and returning a large file's memory to the system at exit is quicker
    /// than freeing it piece by piece (a million records took 17% of an
    /// export's time to free).
    ///
    /// `on_kept`, if given, takes each record as it is kept: the `n`th it
    /// takes is the record `n` of the view's model (for `Keep::Handed`,
    /// which holds none, the record the view numbers `n`).
    fn open(
        view: ViewArgs,
        max_size: u64,
        keep: Keep,
        on_kept: Option<&mut dyn OnEachKept>,
    ) -> Result<&'static Self, CliError> {
        let filter = view.filter.to_filter()?;
        let sifted = sift_file(view.data.as_deref(), max_size, &filter, keep, on_kept)?;
        let mut filter = sifted.filter;
        if keep == Keep::All {
            if !filter.is_empty() {
                note(&format!(
                    "--all: exporting every record, not only those of {}",
                    format::shell_words(&filter.to_args())
                ));
            }
            filter = Filter::default();
        }
        let view = Self {
            model: sifted.model,
            filter,
            records: sifted.view,
            total: sifted.tally.records,
        };
        Ok(Box::leak(Box::new(view)))
    }

    /// As `open`, for the JSON export of the bundled dataset: each record
    /// kept handed to `records` (`Keep::HandedById`), or, when the filter
    /// keeps every one, all at once, none tested, placed or ordered at run
    /// time (`BundledRecords::every_one`).
    fn open_bundled(view: ViewArgs, max_size: u64, records: &mut BundledRecords) -> Result<&'static Self, CliError> {
        if view.filter.to_filter()?.is_empty()
            && let Some(every_one) = Self::every_bundled_record(records)
        {
            return Ok(every_one);
        }
        Self::open(view, max_size, Keep::HandedById, Some(records))
    }

    /// The view of every record of the bundled dataset, as `open` opens it
    /// with no filter, the records handed to `records` at once. `None`
    /// without a prepared form.
    fn every_bundled_record(records: &mut BundledRecords) -> Option<&'static Self> {
        let model = Model::new(embedded::lists().ok()?).with_bundled_lists();
        let (every_one, in_order) = BundledRecords::every_one(model.dataset())?;
        *records = every_one;
        let view = Self {
            model,
            filter: Filter::default(),
            total: in_order.len(),
            records: in_order,
        };
        Some(Box::leak(Box::new(view)))
    }

    /// `16 of 270 records (--category fiber)`.
    fn summary(&self) -> String {
        let mut text = format!(
            "{} of {}",
            format::count(self.records.len()),
            plural(self.total, "record")
        );
        if !self.filter.is_empty() {
            text.push_str(&format!(" ({})", format::shell_words(&self.filter.to_args())));
        }
        text
    }
}

/// Writes what `write` writes: exactly, for a file or a pipe (CSV is read
/// by programs, which must get every byte the dataset holds); escaped as
/// tables are, line ends kept, when standard output is a terminal, which
/// would act on the controls. (JSON needs nothing more: `escape_json`.)
fn for_a_terminal(
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    if !io::stdout().is_terminal() {
        return write(out);
    }
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    out.write_all(escape_keeping_line_ends(&String::from_utf8_lossy(&bytes)).as_bytes())?;
    Ok(())
}

/// A line for the reader on standard error, beside the output proper.
fn note(text: &str) {
    // One write: standard error is not buffered, and `writeln!` would
    // write the text and its line end apart.
    let _ = io::stderr().write_all(format!("{}\n", escape(text)).as_bytes());
}

/// The records in view as CSV.
fn list_csv(view: &View, out: &mut dyn Write) -> Result<(), CliError> {
    for_a_terminal(out, |out| {
        Ok(write_csv(record_rows(&view.model, &view.records, &view.filter), out)?)
    })
}

/// The records of `view` (the flags) as a table: each record's row, made
/// as the record is kept (`RecordRows`), written in the view's order; or,
/// for `--indicator`, its claims as series.
fn list_table(view: ViewArgs, max_size: u64, width: Option<usize>, out: &mut dyn Write) -> Result<(), CliError> {
    // A table shows a few fields of each record (`Keep::Listed`).
    let view = if view.filter.indicator.is_some() {
        let view = View::open(view, max_size, Keep::Listed, None)?;
        // The indicator named, resolved to its id (a name that names none
        // is an error of `open`).
        let indicator = view.filter.indicator.as_deref().unwrap_or_default();
        series_table(view, indicator).write(out, width)?;
        view
    } else {
        let mut rows = RecordRows::new(view.filter.own_dates);
        let view = View::open(view, max_size, Keep::Handed, Some(&mut rows))?;
        rows.table.write_in(out, width, &view.records)?;
        view
    };
    note(&view.summary());
    Ok(())
}

/// The rows of a table of records: when, category, title, figure, source.
struct RecordRows {
    table: Table,
    /// Whether a record is placed only by its own date (`--own-dates`).
    own_dates_only: bool,
    /// Room for the cells made, used again for each row (a listing can
    /// have a million).
    when: String,
    figure: String,
}

impl RecordRows {
    fn new(own_dates_only: bool) -> Self {
        // The figure is what a reader came for: it gives last (`fit::Give`).
        // Neither it nor a title holding one (`Over 1,000 …`) is cut inside
        // a number.
        let table = Table::new(&["DATE", "CATEGORY", "TITLE", "VALUE", "SOURCE"])
            .shrinking(&["TITLE"], &["CATEGORY"], &["VALUE", "SOURCE"])
            .figures(&["TITLE", "VALUE"]);
        Self {
            table,
            own_dates_only,
            when: String::new(),
            figure: String::new(),
        }
    }
}

impl OnEachKept for RecordRows {
    fn kept(&mut self, record: &Record, standing: Standing<'_>) {
        push_when(&mut self.when, record, standing.source(), self.own_dates_only);
        push_figure(&mut self.figure, record, standing.indicator());
        let cells = [
            &self.when,
            record.category.as_str(),
            &record.title,
            &self.figure,
            &record.source,
        ];
        self.table.push(cells);
    }

    fn reserve(&mut self, rows: usize) {
        self.table.reserve(rows);
    }

    fn clear(&mut self) {
        self.table.clear();
    }
}

/// One indicator's claims as series: by the entity measured, then by time,
/// every source's points side by side.
fn series_table(view: &View, indicator: &str) -> Table {
    let mut table = Table::new(&["ABOUT", "DATE", "VALUE", "SOURCE", "TITLE"])
        .shrinking(&["TITLE"], &["ABOUT"], &["VALUE", "SOURCE"])
        .figures(&["TITLE", "VALUE"]);
    let (mut when, mut figure) = (String::new(), String::new());
    for group in view.model.claims_by_subject(&view.records, indicator) {
        for &ix in &group.claims {
            let record = view.model.record(ix);
            push_when_and_figure(&mut when, &mut figure, view, ix);
            table.push([
                &subject(view, ix),
                &when,
                &figure,
                record.source.as_str(),
                record.title.as_str(),
            ]);
        }
    }
    table
}

/// Puts in `when` and `figure` the record `ix` of `view`'s time and
/// figure (`push_when`, `push_figure`).
fn push_when_and_figure(when: &mut String, figure: &mut String, view: &View, ix: RecordIx) {
    let (model, record) = (&view.model, view.model.record(ix));
    push_when(when, record, model.source_of(ix), view.filter.own_dates_only);
    push_figure(figure, record, model.indicator_of(ix));
}

/// Puts in `out` a record's time as the filter places it: `1997`,
/// `c. 2002` (by its `source`), `undated`; only its own date with
/// `own_dates_only`.
fn push_when(out: &mut String, record: &Record, source: &Source, own_dates_only: bool) {
    out.clear();
    if own_dates_only {
        format::push_when(out, record);
    } else {
        format::push_when_short(out, record, source);
    }
}

/// Puts in `out` a record's figure with the unit of its `indicator`, or nothing.
fn push_figure(out: &mut String, record: &Record, indicator: Option<&Indicator>) {
    out.clear();
    if let Some(indicator) = indicator {
        format::push_figure_with_unit(out, record, format::Unit::of(indicator));
    }
}

/// The short name of the entity an observation measures.
fn subject(view: &View, ix: RecordIx) -> String {
    view.model
        .subject_of(ix)
        .map_or(String::new(), |e| format::short_name(e).to_owned())
}

/// Where and how `nkict export` writes.
struct ExportTarget<'a> {
    path: Option<&'a Path>,
    /// As `--format` asks, else as the path's extension does, else the
    /// default.
    format: &'static dyn ExportFormat,
    replace: Replace,
}

impl<'a> ExportTarget<'a> {
    /// The target of `-o output` (`-` is standard output), `--format
    /// format`, `--force` and `--replace-read-only`.
    fn new(output: Option<&'a Path>, format: Option<&str>, force: bool, replace_read_only: bool) -> Self {
        let path = output.filter(|path| *path != Path::new("-"));
        ExportTarget {
            path,
            format: (format.and_then(export::format_named))
                .or_else(|| path.and_then(export::format_of))
                .unwrap_or_else(export::default_format),
            replace: match (force, replace_read_only) {
                (_, true) => Replace::EvenReadOnly,
                (true, false) => Replace::Writable,
                (false, false) => Replace::No,
            },
        }
    }

    /// Whether the format to write is `Json`, the pretty JSON document.
    fn is_json(&self) -> bool {
        self.format.name() == Json.name()
    }
}

fn export(view: &View, target: &ExportTarget, out: &mut dyn Write) -> Result<(), CliError> {
    let format = target.format;
    let doc = ExportDocument::with_rows(&view.model, &view.records, &view.filter, format.writes_rows());
    write_export(view, target, |to, out| format.write_to(&doc, to, out), out)?;
    // Not freed, as the view is not (`View::open`): a copy of every record
    // kept, the process about to end.
    std::mem::forget(doc);
    Ok(())
}

/// Whether `nkict export` of `view`, keeping `keep`, to `target` is made
/// of the records handed over as they are kept (`export_bundled_json`):
/// the filtered records of the bundled dataset as JSON, in a build that
/// prepared the bundled dataset (known before any reading).
fn exports_bundled_json(view: &ViewArgs, keep: Keep, target: &ExportTarget) -> bool {
    keep == Keep::Filtered && view.data.is_none() && target.is_json() && embedded::records() > 0
}

/// `nkict export` of the bundled dataset as JSON (`target`'s format):
/// each record kept is handed over (`Keep::HandedById`), and only what
/// the export writes of it is kept (`json::BundledRecords`). Chosen only
/// when this build prepared the bundled dataset (`exports_bundled_json`);
/// should a record handed over not be one of it all the same, the export
/// is made of whole records, as any other.
fn export_bundled_json(
    view: ViewArgs,
    max_size: u64,
    target: &ExportTarget,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut records = BundledRecords::default();
    let handed = View::open_bundled(view.clone(), max_size, &mut records)?;
    match records.export(&handed.model, &handed.records, &handed.filter) {
        Some(bundled) => write_export(handed, target, |_, out| bundled.write(out), out),
        None => export(View::open(view, max_size, Keep::Filtered, None)?, target, out),
    }
}

/// Writes the export of `view` as `write` writes it to a destination,
/// where `target` says: standard output (not for a binary format on a
/// terminal), or its file, atomically, with a note of what was written.
fn write_export(
    view: &View,
    target: &ExportTarget,
    write: impl FnOnce(Destination, &mut dyn Write) -> Result<(), ExportError>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let format = target.format;
    match target.path {
        None if format.is_binary() && io::stdout().is_terminal() => Err(CliError::Usage(format!(
            "a {} is not text: write it to a file with `-o FILE.{}`, or redirect the output",
            format.description(),
            format.extension()
        ))),
        None => for_a_terminal(out, |out| {
            write(Destination::Stream, out).map_err(|err| match err {
                ExportError::Output(err) => CliError::Output(err),
                other => CliError::Export(other),
            })
        }),
        Some(path) => {
            let written = export::write_out_to_path(path, target.replace, |out| write(Destination::File, out))?;
            note(&format!(
                "wrote {} to {} ({})",
                view.summary(),
                written.display(),
                format.description()
            ));
            Ok(())
        }
    }
}

/// The dataset's citation, then its sources' that the records in view rest on.
fn cite(view: &View, format: CiteFormat, out: &mut dyn Write) -> Result<(), CliError> {
    let works = cite::works(&view.model, &view.records);
    // Escaped for the terminal: JSON exactly, the other formats line by line.
    let text = match format {
        CiteFormat::Text => escape_owned(cite::text::write(&works), escape_keeping_line_ends),
        CiteFormat::Bibtex => escape_owned(cite::bibtex::write(&works), escape_keeping_line_ends),
        CiteFormat::CslJson => escape_owned(cite::csl::write(&works), escape_json),
        CiteFormat::Ris => escape_owned(cite::ris::write(&works), escape_keeping_line_ends),
    };
    out.write_all(text.as_bytes())?;
    note(&format!(
        "the dataset and {}, for {}",
        plural(works.len() - 1, "source"),
        view.summary()
    ));
    Ok(())
}

/// Under a filter, only the items the filtered records use; else all.
fn in_view<T>(view: &View, counts: Vec<(T, usize)>) -> Vec<(T, usize)> {
    let filtered = !view.filter.is_empty();
    counts.into_iter().filter(|&(_, n)| !filtered || n > 0).collect()
}

/// Writes `table` and notes how many of `total` items it shows (`shown`;
/// one a row unless given).
fn write_listing(
    view: &View,
    (table, width): (&Table, Option<usize>),
    shown: Option<usize>,
    (noun, total): (&str, usize),
    out: &mut dyn Write,
) -> Result<(), CliError> {
    table.write(out, width)?;
    note(&format!(
        "{} of {}, for {}",
        shown.unwrap_or(table.len()),
        plural(total, noun),
        view.summary()
    ));
    Ok(())
}

/// An item of the dataset as it is in the file, with how many records in
/// view use it.
#[derive(Serialize)]
struct Counted<'a, T> {
    #[serde(flatten)]
    item: &'a T,
    records: usize,
}

/// Items with their record counts in `format`, unless it is a table:
/// JSON as in the dataset file, CSV as `row` makes it. False for a table.
fn write_for_programs<T: Serialize, R: Serialize + Default>(
    format: ListingFormat,
    items: &[(&T, usize)],
    row: impl Fn(&T, usize) -> R,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    match format {
        ListingFormat::Table => return Ok(false),
        ListingFormat::Csv => for_a_terminal(out, |out| {
            Ok(write_csv(items.iter().map(|&(item, n)| row(item, n)), out)?)
        })?,
        ListingFormat::Json | ListingFormat::Jsonl => {
            let counted = items.iter().map(|&(item, records)| Counted { item, records });
            write_json(format, counted, out)?;
        }
    }
    Ok(true)
}

/// Items as JSON: one array, or (`jsonl`) one object a line.
fn write_json<T: Serialize>(
    format: ListingFormat,
    items: impl Iterator<Item = T>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // Each written through `escape_json`: the same values, nothing raw for a terminal.
    if format == ListingFormat::Json {
        let items: Vec<T> = items.collect();
        let json = serde_json::to_string_pretty(&items).map_err(io::Error::from)?;
        writeln!(out, "{}", escape_json(&json))?;
        return Ok(());
    }
    for item in items {
        let line = serde_json::to_string(&item).map_err(io::Error::from)?;
        writeln!(out, "{}", escape_json(&line))?;
    }
    Ok(())
}

fn sources(view: &View, listing: &ListingArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let sources = in_view(view, view.model.counts_by_source(&view.records));
    if write_for_programs(listing.format, &sources, SourceRow::new, out)? {
        return Ok(());
    }
    let mut table = Table::new(&["ID", "RECORDS", "KIND", "PUBLISHED", "AS OF", "AUTHORS", "TITLE"]).shrinking(
        &["TITLE", "AUTHORS"],
        &["ID", "KIND"],
        &[],
    );
    for &(source, count) in &sources {
        table.push(vec![
            source.id.to_string(),
            count.to_string(),
            source.kind.label().to_owned(),
            source.published.map_or("undated".to_owned(), |d| d.to_string()),
            format::info_as_of(source),
            source.authors.join(", "),
            source.title.to_string(),
        ]);
    }
    let total = view.model.dataset().sources.len();
    write_listing(view, (&table, listing.width()), None, ("source", total), out)
}

/// Each indicator with its latest claim about each entity it measures (all
/// of them on a tie): the figure, its time and its source.
fn indicators(view: &View, listing: &ListingArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let indicators = in_view(view, view.model.counts_by_indicator(&view.records));
    if write_for_programs(listing.format, &indicators, IndicatorRow::new, out)? {
        return Ok(());
    }
    let mut table = Table::new(&["ID", "RECORDS", "ABOUT", "LATEST", "DATE", "SOURCE", "NAME"])
        .shrinking(&["NAME", "ABOUT"], &["ID"], &["LATEST", "SOURCE"])
        .figures(&["LATEST"]);
    for &(indicator, count) in &indicators {
        let row = |about: String, latest: String, date: String, source: String| {
            vec![
                indicator.id.to_string(),
                count.to_string(),
                about,
                latest,
                date,
                source,
                indicator.name.to_string(),
            ]
        };
        let latest = view
            .model
            .latest(&view.records, &indicator.id, view.filter.own_dates_only);
        if latest.is_empty() {
            table.push(row(String::new(), String::new(), String::new(), String::new()));
        }
        for &ix in latest.iter().flat_map(|group| &group.claims) {
            let source = view.model.record(ix).source.to_string();
            let (mut figure, mut date) = (String::new(), String::new());
            push_when_and_figure(&mut date, &mut figure, view, ix);
            table.push(row(subject(view, ix), figure, date, source));
        }
    }
    let total = view.model.dataset().indicators.len();
    let shown = Some(indicators.len());
    write_listing(view, (&table, listing.width()), shown, ("indicator", total), out)
}

fn entities(view: &View, listing: &ListingArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let entities = in_view(view, view.model.counts_by_entity(&view.records));
    if write_for_programs(listing.format, &entities, EntityRow::new, out)? {
        return Ok(());
    }
    let mut table = Table::new(&["ID", "RECORDS", "KIND", "NAME", "KOREAN", "ALIASES"]).shrinking(
        &["ALIASES", "NAME"],
        &["ID", "KOREAN"],
        &[],
    );
    for &(entity, count) in &entities {
        table.push(vec![
            entity.id.to_string(),
            count.to_string(),
            entity.kind.as_str().to_owned(),
            entity.name.to_string(),
            entity.korean.as_deref().unwrap_or_default().to_owned(),
            entity.aliases.join(", "),
        ]);
    }
    let total = view.model.dataset().entities.len();
    write_listing(view, (&table, listing.width()), None, ("entity", total), out)
}

fn validate(file: &Path, max_size: u64, quotes_dir: Option<&Path>, out: &mut dyn Write) -> Result<(), CliError> {
    let Some(dir) = quotes_dir else {
        // Counted as read, nothing held.
        let sifted = sift_file(Some(file), max_size, &Filter::default(), Keep::None, None)?;
        return Ok(write_validation_summary(
            file,
            sifted.model.dataset(),
            &sifted.tally,
            out,
        )?);
    };
    // Quote problems are placed at their records: the careful loader's positions.
    let (dataset, positions) = data::load::load_file_located(file, max_size)?;
    let model = Model::new(dataset);
    // Checked before anything is written: a file whose quotes fail is not
    // called valid, on standard output or anywhere.
    let problems = quotes::check_quotes(model.dataset(), &positions, dir);
    if !problems.is_empty() {
        return Err(CliError::Quotes {
            file: file.to_owned(),
            dir: dir.to_owned(),
            problems,
        });
    }
    write_validation_summary(file, model.dataset(), &Tally::of(&model), out)?;
    let unchecked = quotes::records_without_text(model.dataset());
    writeln!(
        out,
        "  quotes: all {} found in the source texts in {}",
        model.len() - unchecked,
        dir.display()
    )?;
    if unchecked > 0 {
        writeln!(
            out,
            "  not checked: {} from sources without a text file (web pages, data files)",
            plural(unchecked, "record")
        )?;
    }
    Ok(())
}

/// What `validate` says of a valid file: its `lists` and the `tally` of its records.
fn write_validation_summary(file: &Path, lists: &Dataset, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
    let by_kind: Vec<String> = (RecordKind::ALL.iter().zip(tally.by_kind))
        .map(|(kind, count)| plural(count, kind.as_str()))
        .collect();
    let (undated, approximate) = (tally.undated, tally.approximate);
    let years = tally.years.map_or("no dated records".to_owned(), |s| {
        format!("years {}–{}", s.start, s.end)
    });
    writeln!(
        out,
        "{}: a valid nkict dataset (schema version {})",
        escape(&file.display().to_string()),
        lists.schema_version
    )?;
    writeln!(out, "  {}: {}", plural(tally.records, "record"), by_kind.join(", "))?;
    writeln!(
        out,
        "  {}, {}, {}",
        plural(lists.sources.len(), "source"),
        plural(lists.indicators.len(), "indicator"),
        plural(lists.entities.len(), "entity")
    )?;
    writeln!(
        out,
        "  {years}; {approximate} dated only by their source (c.), {undated} undated"
    )
}

fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), CliError> {
    let mut command = with_dataset_values(Cli::command(), &completion_values(&data::load_embedded()?));
    // clap_complete panics on a failed write, so write through a buffer.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "nkict", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// The values a completion script offers for each filter flag (by its long
/// name): the dataset's ids, described by their names, and the vocabularies.
fn completion_values(dataset: &Dataset) -> Vec<(&'static str, Vec<PossibleValue>)> {
    let value = |id: &str, help: &str| PossibleValue::new(id.to_owned()).help(help.to_owned());
    vec![
        (
            "source",
            dataset.sources.iter().map(|s| value(&s.id, &s.title)).collect(),
        ),
        (
            "entity",
            dataset.entities.iter().map(|e| value(&e.id, &e.name)).collect(),
        ),
        (
            "indicator",
            dataset.indicators.iter().map(|i| value(&i.id, &i.name)).collect(),
        ),
        (
            "category",
            Category::ALL.iter().map(|c| value(c.as_str(), c.label())).collect(),
        ),
        (
            "kind",
            RecordKind::ALL.iter().map(|k| PossibleValue::new(k.as_str())).collect(),
        ),
    ]
}

/// `command` and its subcommands with `values` as the possible values of
/// their filter flags. Only the completion script sees them: the parser
/// keeps taking names and aliases too, and its errors do not list them.
fn with_dataset_values(mut command: clap::Command, values: &[(&'static str, Vec<PossibleValue>)]) -> clap::Command {
    for (long, possible) in values {
        let id = command
            .get_arguments()
            .find(|arg| arg.get_long() == Some(long))
            .map(|arg| arg.get_id().clone());
        if let Some(id) = id {
            let possible = possible.clone();
            command = command.mut_arg(id, |arg| arg.value_parser(PossibleValuesParser::new(possible)));
        }
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| with_dataset_values(sub, values));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags of `nkict --data PATH list ARGS`.
    fn list_args(path: &Path, args: &[&str]) -> ViewArgs {
        let path = path.to_str().expect("a UTF-8 path");
        let cli = Cli::try_parse_from(["nkict", "--data", path, "list"].iter().chain(args)).unwrap();
        let Some(Command::List { listing, .. }) = &cli.command else {
            panic!("not a list command: {args:?}");
        };
        cli.view.then(&listing.view).unwrap()
    }

    /// `nkict list ARGS` of the dataset file `path` as a table `width`
    /// columns wide (`list_table`: what a table shows of the records
    /// kept, each one's row made as it is kept).
    fn table_of(path: &Path, args: &[&str], width: Option<usize>) -> String {
        let mut out = Vec::new();
        list_table(list_args(path, args), u64::MAX, width, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The same table made from the whole records of the view, one row
    /// after another in the view's order.
    fn table_of_whole_records(path: &Path, args: &[&str], width: Option<usize>) -> String {
        let view = View::open(list_args(path, args), u64::MAX, Keep::Filtered, None).unwrap();
        let table = match &view.filter.indicator {
            Some(indicator) => series_table(view, indicator),
            None => {
                let mut rows = RecordRows::new(view.filter.own_dates_only);
                for &ix in &view.records {
                    let model = &view.model;
                    rows.kept(model.record(ix), Standing::in_model(model, ix));
                }
                rows.table
            }
        };
        let mut out = Vec::new();
        table.write(&mut out, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A table of the records kept with only what it shows, each row made
    /// as a record is kept (on the thread beside the reading for a
    /// search) and written in the view's order, is the table of the whole
    /// records made in the view's order, under any filter and at any width.
    fn assert_listed_as_whole(path: &Path) {
        for args in [
            &[][..],
            &["--search", "cable"],
            // Filters that test entities: by id, and by name in a search
            // (a record about Testville need not say its name).
            &["--entity", "southland"],
            &["--search", "testville"],
            &["--from", "2000", "--include-undated"],
            &["--own-dates"],
            &["--indicator", "cable-length"],
        ] {
            for width in [None, Some(200), Some(80), Some(30), Some(5)] {
                let whole = table_of_whole_records(path, args, width);
                assert_eq!(table_of(path, args, width), whole, "{args:?} {width:?}");
                assert!(whole.lines().count() > 1, "{args:?}: no rows:\n{whole}");
            }
        }
    }

    #[test]
    fn the_fixture_lists_alike_from_whole_records_and_from_what_a_table_shows() {
        assert_listed_as_whole(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json"));
    }

    /// Texts a table must escape, measure or cut with care.
    const AWKWARD: &[&str] = &[
        "cable",
        "Cable \u{1b}[2J\u{7}",
        "고려링크 cable 광케이블",
        "two\nlines\tand\r",
        "\u{9b}31m\u{202e}cable",
        "e\u{301}cole  ",
        "\u{3000}cable\u{a0}",
        "\u{200b}cable\u{fe0f}",
        "😀 cable 🇰🇷",
        "",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        #[test]
        fn awkward_records_list_alike_from_whole_records_and_from_what_a_table_shows(
            picks in proptest::collection::vec((0..AWKWARD.len(), 0..AWKWARD.len(), 0..4usize, 1900..2030i32), 1..12)
        ) {
            let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
            let mut dataset: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
            let records = dataset["records"].as_array_mut().unwrap();
            let model = records.clone();
            for (n, (title, words, shape, year)) in picks.into_iter().enumerate() {
                let mut record = model[n % model.len()].clone();
                record["id"] = format!("awkward-{n}").into();
                record["title"] = format!("{} {n}", AWKWARD[title]).into();
                record["summary"] = format!("{} said", AWKWARD[words]).into();
                record["quote"] = format!("“{}”", AWKWARD[words]).into();
                match shape {
                    0 => {
                        let fields = record.as_object_mut().unwrap();
                        for time in ["period", "as_of", "date_text"] {
                            fields.remove(time);
                        }
                        fields.insert("date".into(), year.to_string().into());
                    }
                    1 if record.get("amount_text").is_some() => record["amount_text"] = format!("{} millions", AWKWARD[words]).into(),
                    2 => record["tags"] = serde_json::json!([format!("t {}", AWKWARD[words]), "cable"]),
                    _ => {}
                }
                records.push(record);
            }
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), serde_json::to_vec(&dataset).unwrap()).unwrap();
            assert_listed_as_whole(file.path());
        }
    }

    /// `text` with each time stamp (`2026-11-30T19:41:09Z`) as `TIME`.
    fn times_masked(text: &str) -> String {
        let stamp = |at: usize| {
            let bytes = &text.as_bytes()[at..];
            bytes.len() >= 20
                && bytes[..20].iter().enumerate().all(|(i, &b)| match i {
                    4 | 7 => b == b'-',
                    10 => b == b'T',
                    13 | 16 => b == b':',
                    19 => b == b'Z',
                    _ => b.is_ascii_digit(),
                })
        };
        let (mut masked, mut at) = (String::new(), 0);
        while let Some(c) = text[at..].chars().next() {
            if stamp(at) {
                masked.push_str("TIME");
                at += 20;
            } else {
                masked.push(c);
                at += c.len_utf8();
            }
        }
        masked
    }

    /// `nkict export ARGS -o -` of the bundled dataset as JSON, made from
    /// the records handed over as they are kept (`BundledRecords`), and
    /// from the whole records of the view, time stamps masked.
    fn bundled_export_both_ways(args: &[String]) -> (String, String) {
        let cli = Cli::try_parse_from(["nkict".to_owned(), "export".to_owned()].iter().chain(args)).unwrap();
        let Some(Command::Export { view, .. }) = &cli.command else {
            panic!("not an export: {args:?}");
        };
        let mut records = BundledRecords::default();
        let handed = View::open_bundled(cli.view.then(view).unwrap(), u64::MAX, &mut records).unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        (bundled_export(&records, handed), whole_json_export(&args))
    }

    /// The JSON export of `records`, taken for `view`, time stamps masked.
    fn bundled_export(records: &BundledRecords, view: &View) -> String {
        let bundled = (records.export(&view.model, &view.records, &view.filter))
            .expect("the bundled dataset's records, as prepared");
        let mut written = Vec::new();
        bundled.write(&mut written).unwrap();
        times_masked(&String::from_utf8(written).unwrap())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        /// The records, their times, and the sources, indicators and
        /// entities they use, marked as each record is handed over, are
        /// those the whole records of the view give, under any filter.
        #[test]
        fn the_bundled_json_export_of_handed_records_is_that_of_whole_records(
            from in proptest::option::of(1940..2030i32),
            to in proptest::option::of(1940..2030i32),
            categories in proptest::sample::subsequence(Category::ALL.to_vec(), 0..3),
            kinds in proptest::sample::subsequence(RecordKind::ALL.to_vec(), 0..2),
            search in proptest::sample::select(vec!["", "cable", "mobile phone", "koryolink", "\"fiber optic\"", "zzzz"]),
            entity in proptest::sample::select(vec!["", "koryolink", "dprk"]),
            // Sources and indicators of the bundled data, many records or few.
            source in proptest::sample::select(vec!["", "lee-it-progress", "tjia-hermit-kingdom", "owid-landline-tidytuesday"]),
            indicator in proptest::sample::select(vec!["", "fixed-lines-per-100", "koryolink-subscribers", "internet-users-share", "organization-employees"]),
            include_undated: bool,
            own_dates: bool,
        ) {
            // A year range backwards is refused before any reading.
            let from = from.map(|from| from.min(to.unwrap_or(from)));
            let mut args: Vec<String> = Vec::new();
            let mut flag = |name: &str, value: String| args.extend([format!("--{name}"), value]);
            from.into_iter().for_each(|year| flag("from", year.to_string()));
            to.into_iter().for_each(|year| flag("to", year.to_string()));
            categories.iter().for_each(|c| flag("category", c.as_str().to_owned()));
            kinds.iter().for_each(|k| flag("kind", k.as_str().to_owned()));
            if !search.is_empty() {
                flag("search", search.to_owned());
            }
            if !entity.is_empty() {
                flag("entity", entity.to_owned());
            }
            if !source.is_empty() {
                flag("source", source.to_owned());
            }
            if !indicator.is_empty() {
                flag("indicator", indicator.to_owned());
            }
            args.extend(include_undated.then(|| "--include-undated".to_owned()));
            args.extend(own_dates.then(|| "--own-dates".to_owned()));
            let (handed, whole) = bundled_export_both_ways(&args);
            proptest::prop_assert!(whole.contains("\"records\": ["), "{args:?}");
            for (number, (handed, whole)) in handed.lines().zip(whole.lines()).enumerate() {
                proptest::prop_assert_eq!(handed, whole, "{:?}, line {}", args, number + 1);
            }
            proptest::prop_assert_eq!(handed.len(), whole.len(), "{:?}", args);
        }
    }

    #[test]
    fn the_bundled_json_export_of_every_record_handed_over_is_that_of_whole_records() {
        let (every_one, whole) = bundled_export_both_ways(&[]);
        assert!(whole.matches("\"quote\": ").count() > 500, "every record");
        assert_eq!(every_one, whole);
        // All at once, as an export with no filter takes them (the export
        // above would have taken them one by one without a prepared form).
        let mut records = BundledRecords::default();
        let all_at_once = View::every_bundled_record(&mut records).expect("the bundled dataset, prepared");
        assert_eq!(bundled_export(&records, all_at_once), whole);
        // Each handed over as it is kept, as under a filter.
        let mut records = BundledRecords::default();
        let handed = View::open(ViewArgs::default(), u64::MAX, Keep::HandedById, Some(&mut records)).unwrap();
        assert_eq!(bundled_export(&records, handed), whole);
    }

    /// What `nkict ARGS` writes to standard output through `run`.
    fn run_of(args: &[&str]) -> Vec<u8> {
        let cli = Cli::try_parse_from(["nkict"].iter().chain(args)).unwrap();
        let mut out = Vec::new();
        run(cli, &mut out).unwrap_or_else(|err| panic!("{args:?}: {err}"));
        out
    }

    /// The JSON export of the bundled dataset under `filter` made from the
    /// whole records of the view (as for `--data`), time stamps masked.
    fn whole_json_export(filter: &[&str]) -> String {
        let cli = Cli::try_parse_from(["nkict", "export"].iter().chain(filter)).unwrap();
        let Some(Command::Export { view, .. }) = &cli.command else {
            panic!("not an export: {filter:?}");
        };
        let whole = View::open(cli.view.then(view).unwrap(), u64::MAX, Keep::Filtered, None).unwrap();
        let doc = ExportDocument::with_rows(&whole.model, &whole.records, &whole.filter, false);
        let mut out = Vec::new();
        Json.write_to(&doc, Destination::Stream, &mut out).unwrap();
        times_masked(&String::from_utf8(out).unwrap())
    }

    /// `nkict export` of the bundled dataset as JSON, chosen by `--format`
    /// or by the extension of `-o FILE`, to standard output or to the file,
    /// writes through `run` what the whole records give.
    #[test]
    fn a_bundled_json_export_through_run_is_that_of_whole_records() {
        for filter in [&[][..], &["--category", "mobile", "--from", "2005"]] {
            let whole = whole_json_export(filter);
            assert!(whole.matches("\"quote\": ").count() > 10, "{filter:?}: records");
            let streamed = run_of(&[&["export", "--format", "json", "-o", "-"][..], filter].concat());
            assert_eq!(times_masked(&String::from_utf8(streamed).unwrap()), whole, "{filter:?}");
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("x.json");
            let path = file.to_str().expect("a UTF-8 path");
            assert!(
                run_of(&[&["export", "-o", path][..], filter].concat()).is_empty(),
                "{filter:?}"
            );
            let written = std::fs::read_to_string(&file).unwrap();
            assert_eq!(times_masked(&written), whole, "{filter:?}");
        }
    }

    /// Which exports are made of the bundled records handed over: JSON
    /// (by `--format`, else by the extension of `-o`, else the default) of
    /// the filtered records of the bundled dataset, in this build, which
    /// prepared it.
    #[test]
    fn the_bundled_json_path_is_chosen_for_json_of_the_filtered_bundled_records() {
        assert!(embedded::records() > 500, "this build prepared the bundled dataset");
        for (args, expected) in [
            (&["export"][..], true),
            (&["export", "--category", "mobile"], true),
            (&["export", "-o", "x.json"], true),
            (&["export", "--format", "json", "-o", "-"], true),
            (&["export", "--format", "json", "-o", "x.csv"], true),
            (&["export", "-o", "x.csv"], false),
            (&["export", "--format", "csv", "-o", "x.json"], false),
            (&["export", "--format", "jsonl"], false),
            (&["export", "--all", "-o", "x.json"], false),
            (&["--data", "f.json", "export", "-o", "x.json"], false),
            (&["export", "--data", "f.json"], false),
        ] {
            let cli = Cli::try_parse_from(["nkict"].iter().chain(args)).unwrap();
            let Some(Command::Export {
                view,
                output,
                format,
                all,
                force,
                replace_read_only,
            }) = &cli.command
            else {
                panic!("not an export: {args:?}");
            };
            let keep = if *all { Keep::All } else { Keep::Filtered };
            let target = ExportTarget::new(output.as_deref(), format.as_deref(), *force, *replace_read_only);
            assert_eq!(
                exports_bundled_json(&cli.view.then(view).unwrap(), keep, &target),
                expected,
                "{args:?}"
            );
        }
    }

    /// The filter of a `list` command line: its flags before and after `list`.
    fn list_filter(args: &[&str]) -> Result<Filter, CliError> {
        let cli = Cli::try_parse_from(args).unwrap();
        let Some(Command::List { listing, .. }) = &cli.command else {
            panic!("not a list command: {args:?}");
        };
        cli.view.then(&listing.view)?.filter.to_filter()
    }

    #[test]
    fn flags_make_the_filter_and_reject_a_backwards_year_range() {
        let filter = list_filter(&[
            "nkict",
            "list",
            "--from",
            "1990",
            "--category",
            "fiber",
            "--search",
            "x",
        ])
        .unwrap();
        assert_eq!(filter.to_args().join(" "), "--from 1990 --category fiber --search x");
        let err = list_filter(&["nkict", "--from", "2000", "--to", "1990", "list"]).unwrap_err();
        assert_eq!(err.to_string(), "--from 2000 is after --to 1990");
    }

    #[test]
    fn flags_before_and_after_the_command_add_up() {
        let filter = list_filter(&[
            "nkict",
            "--from",
            "1990",
            "--category",
            "fiber",
            "--own-dates",
            "list",
            "--to",
            "1995",
            "--category",
            "mobile",
            "--search",
            "a",
        ])
        .unwrap();
        assert_eq!(
            filter.to_args().join(" "),
            "--from 1990 --to 1995 --category fiber --category mobile --search a --own-dates"
        );
    }

    #[test]
    fn a_flag_of_one_value_given_before_and_after_the_command_is_refused() {
        for (flag, shown, first, second) in [
            ("--search", "--search <TEXT>", "optical", "cable"),
            ("--from", "--from <YEAR>", "1990", "1995"),
            ("--to", "--to <YEAR>", "1990", "1995"),
            ("--indicator", "--indicator <I>", "fixed-lines", "it-workforce"),
            ("--data", "--data <FILE>", "a.json", "b.json"),
        ] {
            let err = list_filter(&["nkict", flag, first, "list", flag, second]).unwrap_err();
            assert!(matches!(err, CliError::Usage(_)), "{err:?}");
            assert_eq!(
                err.to_string(),
                format!(
                    "the argument '{shown}' cannot be used multiple times: it is given both before \
                     the command's name and after it"
                )
            );
        }
        // Refused before the export's target is looked at or the data read.
        let cli = Cli::try_parse_from(["nkict", "--data", "a.json", "export", "--data", "b.json", "-o", "/"]).unwrap();
        let err = run(cli, &mut Vec::new()).unwrap_err();
        assert!(matches!(err, CliError::Usage(_)), "{err:?}");
    }

    #[test]
    fn validate_and_completions_take_no_dataset_or_filter_flags() {
        for args in [
            &["nkict", "validate", "f.json", "--from", "1990"][..],
            &["nkict", "completions", "bash", "--category", "fiber"],
            &["nkict", "validate", "f.json", "--data", "g.json"],
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument, "{args:?}");
        }
        // Given before the command's name, they are refused when it runs.
        let cli = Cli::try_parse_from(["nkict", "--from", "1990", "validate", "f.json"]).unwrap();
        let err = run(cli, &mut Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`--from` does not apply to `nkict validate`: the dataset and filter flags go with \
             the dashboard, list, export, cite, sources, indicators and entities"
        );
        let cli = Cli::try_parse_from(["nkict", "--data", "x.json", "completions", "fish"]).unwrap();
        let err = run(cli, &mut Vec::new()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("`--data` does not apply to `nkict completions`"),
            "{err}"
        );
    }

    #[test]
    fn sizes_read_in_bytes_or_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("2GB"), Ok(2 << 30));
        for bad in ["", "M", "1.5G", "-1", "1T", "99999999999999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_size_is_written_back_in_the_largest_whole_unit() {
        assert_eq!(size_text(512 << 20), "512M");
        assert_eq!(size_text(1 << 30), "1G");
        assert_eq!(size_text(3 << 10), "3K");
        assert_eq!(size_text(1000), "1000");
        assert_eq!(size_text(0), "0");
        for bytes in [512 << 20, 1 << 30, 1000, 1536 << 10] {
            assert_eq!(parse_size(&size_text(bytes)), Ok(bytes));
        }
    }

    #[test]
    fn the_dashboard_names_its_file_and_a_size_limit_not_the_default() {
        let cli = |args: &[&str]| Cli::try_parse_from([&["nkict"], args].concat()).unwrap();
        let origin = |args: &[&str]| {
            let cli = cli(args);
            origin_of(&cli.view, cli.max_size)
        };
        assert_eq!(origin(&[]), DataOrigin::default());
        assert_eq!(
            origin(&["--data", "x.json"]),
            DataOrigin {
                file: Some(PathBuf::from("x.json")),
                max_size: None
            }
        );
        assert_eq!(origin(&["--data", "x.json", "--max-size", "256MiB"]).max_size, None);
        assert_eq!(
            origin(&["--max-size", "1g", "--data", "x.json"]).max_size.as_deref(),
            Some("1G")
        );
    }

    #[test]
    fn a_terminal_reporting_no_columns_is_taken_as_unknown() {
        // A size the terminal gives is used as it is, whatever $COLUMNS says.
        assert_eq!(terminal_width(Some(132), Some("100")), 132);
        assert_eq!(terminal_width(Some(1), None), 1);
        // 0 columns, or no answer: $COLUMNS when it is a positive number ...
        assert_eq!(terminal_width(Some(0), Some("120")), 120);
        assert_eq!(terminal_width(None, Some(" 100\n")), 100);
        // ... else 80, never 0 (which would cut every cell to its header).
        for columns_env in [None, Some(""), Some("0"), Some("-5"), Some("wide"), Some("1e3")] {
            assert_eq!(terminal_width(Some(0), columns_env), 80, "{columns_env:?}");
            assert_eq!(terminal_width(None, columns_env), 80, "{columns_env:?}");
        }
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn unknown_categories_list_the_valid_slugs() {
        let Err(NotRun::Refused(err)) = Cli::read(["nkict", "--category", "fibre"]) else {
            panic!("not refused");
        };
        let message = err.to_string();
        assert!(message.contains("unknown category `fibre`"), "{message}");
        assert!(message.contains("fiber, international-links"), "{message}");
        assert!(!message.starts_with("error:"), "{message}");
    }
}
