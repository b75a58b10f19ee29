//! The export document: a filtered view written out as a dataset of its own,
//! with who made it, from which filter, and how to cite it. The command line
//! (`nkict export`) and the dashboard both write it through this module.
//!
//! The document is itself a valid nkict dataset: the loader ignores the extra
//! top-level fields, so `nkict --data export.json list` reads it back.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use tempfile::NamedTempFile;

use crate::data::{Entity, Indicator, Record, Source};
use crate::model::format::{plural, source_reference};
use crate::model::{Filter, Model, RecordIx};

/// What wrote the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

impl Generator {
    /// This build of nkict.
    pub fn this() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// One exported view, in the order its fields are written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportDocument {
    pub schema_version: u32,
    /// RFC 3339, UTC.
    pub generated_at: String,
    pub generator: Generator,
    /// The filter that made the view, in the command line's terms.
    pub filter: Filter,
    /// How to cite the export and each source its records rest on.
    pub citation: String,
    pub sources: Vec<Source>,
    pub indicators: Vec<Indicator>,
    pub entities: Vec<Entity>,
    pub records: Vec<Record>,
}

impl ExportDocument {
    /// The records of `view` (from `model.filter(filter)`), stamped now.
    pub fn new(model: &Model, view: &[RecordIx], filter: &Filter) -> Self {
        Self::at(model, view, filter, Utc::now())
    }

    /// As `new`, stamped with a given time (for reproducible output).
    pub fn at(model: &Model, view: &[RecordIx], filter: &Filter, time: DateTime<Utc>) -> Self {
        let subset = model.subset(view);
        let generated_at = time.to_rfc3339_opts(SecondsFormat::Secs, true);
        let generator = Generator::this();
        let citation = citation(&generator, &generated_at, filter, subset.records.len(), &subset.sources);
        Self {
            schema_version: subset.schema_version,
            generated_at,
            generator,
            filter: filter.clone(),
            citation,
            sources: subset.sources,
            indicators: subset.indicators,
            entities: subset.entities,
            records: subset.records,
        }
    }

    /// The document as pretty-printed JSON, ending in a newline.
    pub fn to_json_string(&self) -> Result<String, ExportError> {
        let mut json = serde_json::to_string_pretty(self).map_err(ExportError::Serialize)?;
        json.push('\n');
        Ok(json)
    }
}

/// How to cite an export: the dataset, the view, then every source used.
fn citation(generator: &Generator, generated_at: &str, filter: &Filter, records: usize, sources: &[Source]) -> String {
    let args: Vec<String> = ["nkict", "export"]
        .map(String::from)
        .into_iter()
        .chain(filter.to_args())
        .collect();
    let command = shell_words(&args);
    let mut text = format!(
        "{} {}: a dataset of North Korea's information and communications technology, \
         each record quoting its source. Exported {generated_at} with `{command}` ({}). \
         Cite the source of each figure you use:",
        generator.name,
        generator.version,
        plural(records, "record"),
    );
    for source in sources {
        text.push_str(&format!("\n[{}] {}", source.id, source_reference(source)));
    }
    text
}

/// Arguments as a shell command line: each quoted when it holds anything
/// but plain characters (`--search 'optical cable'`).
pub fn shell_words(args: &[String]) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./:=,+".contains(c);
    let word = |arg: &String| {
        if !arg.is_empty() && arg.chars().all(plain) {
            arg.clone()
        } else {
            format!("'{}'", arg.replace('\'', r"'\''"))
        }
    };
    args.iter().map(word).collect::<Vec<_>>().join(" ")
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot encode the export as JSON: {0}")]
    Serialize(#[source] serde_json::Error),
    /// The file exists and the caller did not ask to replace it.
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `doc` to `path` atomically: into a temporary file in the same
/// folder, then renamed over `path`. Without `overwrite` an existing file is
/// left untouched and `ExportError::Exists` returned. Returns the path written.
pub fn write_to_path(doc: &ExportDocument, path: &Path, overwrite: bool) -> Result<PathBuf, ExportError> {
    let json = doc.to_json_string()?;
    let write_error = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(ExportError::Exists { path: path.to_owned() });
    }
    let mut file = temp_file_beside(path).map_err(write_error)?;
    file.write_all(json.as_bytes()).map_err(write_error)?;
    file.flush().map_err(write_error)?;
    file.as_file().sync_all().map_err(write_error)?;
    let persisted = if overwrite {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(path.to_owned()),
        Err(err) if !overwrite && err.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ExportError::Exists { path: path.to_owned() })
        }
        Err(err) => Err(write_error(err.error)),
    }
}

/// A temporary file in `path`'s folder (so the final rename cannot cross
/// file systems), readable as a normally created file would be.
fn temp_file_beside(path: &Path) -> std::io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nkict-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The process umask still applies, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}
