//! The command line: the global filter flags, the subcommands, and what each
//! one prints. `main` parses, calls `run`, and turns a `CliError` into a
//! message and an exit code.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand};
use clap_complete::Shell;
use unicode_width::UnicodeWidthStr;

use crate::data::{self, Category, Dataset, LoadError, RecordKind};
use crate::export::{self, ExportDocument, ExportError};
use crate::model::format::plural;
use crate::model::years::parse_year;
use crate::model::{Filter, Model, RecordIx, YearError, YearRange, format};
use crate::quotes::{self, QuoteProblem};
use crate::tui::{self, TuiError};

#[derive(Debug, Parser)]
#[command(
    name = "nkict",
    version,
    about = "North Korea's information and communications technology, every figure with its source",
    after_help = "Without a command, nkict starts the dashboard.\n\
                  Exit status: 0 on success, 2 when a dataset file is invalid, 1 on any other failure."
)]
pub struct Cli {
    /// Read this dataset file instead of the one built in.
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The flags that narrow the dataset, for every command.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filter")]
pub struct FilterArgs {
    /// Keep records that reach this year or later.
    #[arg(long, global = true, value_name = "YEAR", value_parser = parse_year)]
    pub from: Option<i32>,
    /// Keep records that start in this year or earlier.
    #[arg(long, global = true, value_name = "YEAR", value_parser = parse_year)]
    pub to: Option<i32>,
    /// Keep records of this category (repeatable).
    #[arg(long = "category", global = true, value_name = "C", help = category_help())]
    pub categories: Vec<Category>,
    /// Keep records of this kind: milestone, observation or fact (repeatable).
    #[arg(long = "kind", global = true, value_name = "K")]
    pub kinds: Vec<RecordKind>,
    /// Keep records from this source id (repeatable).
    #[arg(long = "source", global = true, value_name = "S")]
    pub sources: Vec<String>,
    /// Keep records about this entity id (repeatable).
    #[arg(long = "entity", global = true, value_name = "E")]
    pub entities: Vec<String>,
    /// Keep observations of this indicator id.
    #[arg(long, global = true, value_name = "I")]
    pub indicator: Option<String>,
    /// Keep records whose text, or the names of whose entities, contain TEXT (any case).
    #[arg(long, global = true, value_name = "TEXT")]
    pub search: Option<String>,
    /// Keep undated records even when --from or --to is given.
    #[arg(long, global = true)]
    pub include_undated: bool,
}

fn category_help() -> String {
    format!("Keep records of this category (repeatable): {}", Category::slugs())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The filtered records as a table: date, category, title, value, source.
    List {
        /// One JSON object per line: each record as in the dataset file.
        #[arg(long)]
        json: bool,
    },
    /// The filtered records as one JSON document, with their sources and a
    /// citation; `--data` reads it back.
    Export {
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Check a dataset file and summarize it. The filter flags do not apply.
    Validate {
        file: PathBuf,
        /// Also check each quote against its source's `text_file` in DIR.
        #[arg(long, value_name = "DIR")]
        quotes: Option<PathBuf>,
    },
    /// The sources, with how many filtered records rest on each.
    Sources,
    /// The indicators, with how many filtered observations each has.
    Indicators,
    /// The entities, with their Korean names, aliases and record counts.
    Entities,
    /// Print a shell completion script.
    Completions { shell: Shell },
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line could not be parsed (clap's message, without its
    /// `error: ` prefix).
    #[error("{0}")]
    Usage(String),
    #[error("--from {from} is after --to {to}")]
    YearRange { from: i32, to: i32 },
    /// A filter names an id the dataset lacks (`Model::check_filter`).
    #[error("{0}")]
    UnknownId(String),
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
}

impl CliError {
    /// From a clap error that is not help or version output.
    pub fn usage(err: &clap::Error) -> Self {
        let text = err.to_string();
        let text = text.strip_prefix("error: ").unwrap_or(&text);
        Self::Usage(text.trim_end().to_owned())
    }

    /// Standard output was closed by its reader (`nkict list | head -1`):
    /// not a failure worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Output(err) if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

fn export_message(err: &ExportError) -> String {
    match err {
        ExportError::Exists { .. } => format!("{err}; use --force to replace it"),
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
        text.push_str(&format!("\n  {problem}"));
    }
    text
}

impl FilterArgs {
    /// The filter these flags describe.
    pub fn to_filter(&self) -> Result<Filter, CliError> {
        let years = YearRange::new(self.from, self.to).map_err(|err| match err {
            YearError::Backwards { from, to } => CliError::YearRange { from, to },
            // Each year already passed `parse_year`.
            other => CliError::Usage(other.to_string()),
        })?;
        Ok(Filter {
            from: years.from(),
            to: years.to(),
            include_undated: self.include_undated,
            categories: self.categories.clone(),
            kinds: self.kinds.clone(),
            sources: self.sources.clone(),
            entities: self.entities.clone(),
            indicator: self.indicator.clone(),
            search: self.search.clone().unwrap_or_default(),
        })
    }
}

/// Runs one command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let filter = cli.filter.to_filter()?;
    let data = cli.data.as_deref();
    match cli.command {
        // The dashboard filters for itself: only check the filter's ids here.
        None => {
            let model = Model::new(load(data)?);
            model.check_filter(&filter).map_err(CliError::UnknownId)?;
            Ok(tui::run(model, filter)?)
        }
        Some(Command::List { json }) => list(&View::open(data, filter)?, json, out),
        Some(Command::Export { output, force }) => export(&View::open(data, filter)?, output.as_deref(), force, out),
        Some(Command::Validate { file, quotes }) => validate(&file, quotes.as_deref(), out),
        Some(Command::Sources) => sources(&View::open(data, filter)?, out),
        Some(Command::Indicators) => indicators(&View::open(data, filter)?, out),
        Some(Command::Entities) => entities(&View::open(data, filter)?, out),
        Some(Command::Completions { shell }) => completions(shell, out),
    }
}

/// The dataset at `data`, or the embedded one.
fn load(data: Option<&Path>) -> Result<Dataset, CliError> {
    Ok(match data {
        Some(path) => data::load_file(path)?,
        None => data::load_embedded()?,
    })
}

/// A loaded dataset and the records the filter keeps.
pub struct View {
    pub model: Model,
    pub filter: Filter,
    pub records: Vec<RecordIx>,
}

impl View {
    /// Loads `data` (or the embedded dataset) and applies `filter`.
    pub fn open(data: Option<&Path>, filter: Filter) -> Result<Self, CliError> {
        let model = Model::new(load(data)?);
        model.check_filter(&filter).map_err(CliError::UnknownId)?;
        let records = model.filter(&filter);
        Ok(Self { model, filter, records })
    }

    /// `16 of 270 records (--category fiber)`.
    fn summary(&self) -> String {
        let mut text = format!("{} of {}", self.records.len(), plural(self.model.len(), "record"));
        if !self.filter.is_empty() {
            text.push_str(&format!(" ({})", export::shell_words(&self.filter.to_args())));
        }
        text
    }
}

/// A line for the reader on standard error, beside the output proper.
fn note(text: &str) {
    let _ = writeln!(io::stderr(), "{text}");
}

fn list(view: &View, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        for &ix in &view.records {
            serde_json::to_writer(&mut *out, view.model.record(ix)).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["DATE", "CATEGORY", "TITLE", "VALUE", "SOURCE"]);
    for &ix in &view.records {
        let record = view.model.record(ix);
        let value = view
            .model
            .indicator_of(ix)
            .and_then(|indicator| format::figure_with_unit(record, &indicator.unit));
        table.push(vec![
            format::when(record),
            record.category.as_str().to_owned(),
            record.title.clone(),
            value.unwrap_or_default(),
            record.source.clone(),
        ]);
    }
    table.write(out)?;
    note(&view.summary());
    Ok(())
}

fn export(view: &View, output: Option<&Path>, force: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let doc = ExportDocument::new(&view.model, &view.records, &view.filter);
    match output {
        None => out.write_all(&export::default_format().encode(&doc)?)?,
        Some(path) => {
            let written = export::write_to_path(&doc, export::format_for(path), path, force)?;
            note(&format!("wrote {} to {}", view.summary(), written.display()));
        }
    }
    Ok(())
}

/// Under a filter, only the items the filtered records use; else all.
fn in_view<T>(view: &View, counts: Vec<(T, usize)>) -> Vec<(T, usize)> {
    let filtered = !view.filter.is_empty();
    counts.into_iter().filter(|&(_, n)| !filtered || n > 0).collect()
}

/// Writes `table` and notes how many of `total` items it shows.
fn write_listing(view: &View, table: &Table, noun: &str, total: usize, out: &mut dyn Write) -> Result<(), CliError> {
    table.write(out)?;
    note(&format!(
        "{} of {}, for {}",
        table.rows.len(),
        plural(total, noun),
        view.summary()
    ));
    Ok(())
}

fn sources(view: &View, out: &mut dyn Write) -> Result<(), CliError> {
    let mut table = Table::new(&["ID", "RECORDS", "YEAR", "AUTHORS", "TITLE"]);
    for (source, count) in in_view(view, view.model.counts_by_source(&view.records)) {
        table.push(vec![
            source.id.clone(),
            count.to_string(),
            source.published.map_or("n.d.".to_owned(), |y| y.to_string()),
            source.authors.join(", "),
            source.title.clone(),
        ]);
    }
    write_listing(view, &table, "source", view.model.dataset().sources.len(), out)
}

fn indicators(view: &View, out: &mut dyn Write) -> Result<(), CliError> {
    let mut table = Table::new(&["ID", "RECORDS", "UNIT", "CATEGORY", "NAME"]);
    for (indicator, count) in in_view(view, view.model.counts_by_indicator(&view.records)) {
        table.push(vec![
            indicator.id.clone(),
            count.to_string(),
            indicator.unit.clone(),
            indicator.category.as_str().to_owned(),
            indicator.name.clone(),
        ]);
    }
    write_listing(view, &table, "indicator", view.model.dataset().indicators.len(), out)
}

fn entities(view: &View, out: &mut dyn Write) -> Result<(), CliError> {
    let mut table = Table::new(&["ID", "RECORDS", "KIND", "NAME", "KOREAN", "ALIASES"]);
    for (entity, count) in in_view(view, view.model.counts_by_entity(&view.records)) {
        table.push(vec![
            entity.id.clone(),
            count.to_string(),
            entity.kind.as_str().to_owned(),
            entity.name.clone(),
            entity.korean.clone().unwrap_or_default(),
            entity.aliases.join(", "),
        ]);
    }
    write_listing(view, &table, "entity", view.model.dataset().entities.len(), out)
}

fn validate(file: &Path, quotes_dir: Option<&Path>, out: &mut dyn Write) -> Result<(), CliError> {
    let model = Model::new(data::load_file(file)?);
    write_validation_summary(file, &model, out)?;
    let Some(dir) = quotes_dir else {
        return Ok(());
    };
    let problems = quotes::check_quotes(model.dataset(), dir);
    if !problems.is_empty() {
        return Err(CliError::Quotes {
            file: file.to_owned(),
            dir: dir.to_owned(),
            problems,
        });
    }
    writeln!(
        out,
        "  quotes: all {} found in the source texts in {}",
        model.len(),
        dir.display()
    )?;
    Ok(())
}

fn write_validation_summary(file: &Path, model: &Model, out: &mut dyn Write) -> io::Result<()> {
    let dataset = model.dataset();
    let by_kind: Vec<String> = RecordKind::ALL
        .iter()
        .map(|&kind| {
            let count = dataset.records.iter().filter(|r| r.kind == kind).count();
            plural(count, kind.as_str())
        })
        .collect();
    let all = model.all();
    let undated = all.iter().filter(|&&ix| model.span(ix).is_none()).count();
    let years = model.overall_span().map_or("no dated records".to_owned(), |s| {
        format!("years {}–{}", s.start, s.end)
    });
    writeln!(
        out,
        "{}: a valid nkict dataset (schema version {})",
        file.display(),
        dataset.schema_version
    )?;
    writeln!(out, "  {}: {}", plural(model.len(), "record"), by_kind.join(", "))?;
    writeln!(
        out,
        "  {}, {}, {}",
        plural(dataset.sources.len(), "source"),
        plural(dataset.indicators.len(), "indicator"),
        plural(dataset.entities.len(), "entity")
    )?;
    writeln!(out, "  {years}; {undated} undated (as of their source)")
}

fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), CliError> {
    // clap_complete panics on a failed write, so write through a buffer.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "nkict", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Columns aligned by display width (a Korean character takes two).
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<String>) {
        self.rows.push(row.iter().map(|cell| one_line(cell)).collect());
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let mut line = String::new();
            for (cell, width) in row.iter().zip(&widths) {
                line.push_str(cell);
                line.push_str(&" ".repeat(width - cell.width() + 2));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// A cell on one line: control characters (line breaks, escapes) become
/// spaces, so a dataset cannot break the table or drive the terminal.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_text(table: &Table) -> String {
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tables_align_korean_by_display_width() {
        let mut table = Table::new(&["NAME", "KOREAN", "N"]);
        table.push(vec!["Koryolink".into(), "고려링크".into(), "7".into()]);
        table.push(vec!["KCC".into(), "조선컴퓨터센터".into(), "12".into()]);
        let text = table_text(&table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME       KOREAN          N");
        assert_eq!(lines[1], "Koryolink  고려링크        7");
        assert_eq!(lines[2], "KCC        조선컴퓨터센터  12");
    }

    #[test]
    fn cells_cannot_break_lines_or_send_escapes() {
        let mut table = Table::new(&["A", "B"]);
        table.push(vec!["two\nlines".into(), "\u{1b}[31mred".into()]);
        let text = table_text(&table);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn flags_make_the_filter_and_reject_a_backwards_year_range() {
        let cli = Cli::try_parse_from([
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
        let filter = cli.filter.to_filter().unwrap();
        assert_eq!(filter.to_args().join(" "), "--from 1990 --category fiber --search x");
        let cli = Cli::try_parse_from(["nkict", "--from", "2000", "--to", "1990"]).unwrap();
        let err = cli.filter.to_filter().unwrap_err();
        assert_eq!(err.to_string(), "--from 2000 is after --to 1990");
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn unknown_categories_list_the_valid_slugs() {
        let err = Cli::try_parse_from(["nkict", "--category", "fibre"]).unwrap_err();
        let message = CliError::usage(&err).to_string();
        assert!(message.contains("unknown category `fibre`"), "{message}");
        assert!(message.contains("fiber, international-links"), "{message}");
        assert!(!message.starts_with("error:"), "{message}");
    }
}
