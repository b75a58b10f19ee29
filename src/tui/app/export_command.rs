//! The command line the export prompt offers for writing the same file from
//! a shell: `nkict export`, the dataset the dashboard read (a file's
//! `--data`, with its `--max-size`), the filter's flags, then `-o` and the
//! name typed; and, when the Records view is sorted otherwise than the
//! command writes (by date), what differs.

use std::path::PathBuf;

use super::App;
use crate::model::{Filter, format};
use crate::tui::derived::Sort;

/// Where the dashboard's records came from, as its command line named them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataOrigin {
    /// The `--data` file, as given; none for the bundled dataset.
    pub file: Option<PathBuf>,
    /// `--max-size`, as a flag's value (`512M`), when it is not the default.
    pub max_size: Option<String>,
}

impl DataOrigin {
    /// The flags that read the same dataset: none for the bundled one (a
    /// size limit applies to a file alone).
    pub fn to_args(&self) -> Vec<String> {
        let Some(file) = &self.file else {
            return Vec::new();
        };
        // A name that is not UTF-8 cannot be written out exactly: the
        // command then fails to read it, rather than reading another file.
        let mut args = vec!["--data".to_owned(), not_a_flag(file.to_string_lossy().into_owned())];
        if let Some(size) = &self.max_size {
            args.extend(["--max-size".to_owned(), size.clone()]);
        }
        args
    }
}

/// The shell command the export prompt shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellCommand {
    /// The command, quoted for a shell (not yet escaped for the terminal).
    pub line: String,
    /// How its file differs from the dashboard's, if it does: the order.
    pub differs: Option<String>,
}

impl App {
    /// The command that writes the records in view to `file`, as the export
    /// prompt does.
    pub fn export_command(&self, file: &str) -> ShellCommand {
        // `~` as the dashboard reads it: quoted, a shell would not expand it.
        let file = match file.starts_with('~') {
            true => self.export_path(file).to_string_lossy().into_owned(),
            false => file.to_owned(),
        };
        shell_command(&self.origin, &self.filter, self.sort, &file)
    }
}

/// `path`, made to read as a path where it would read as a flag
/// (`-x.json`, or `-`, which `-o` takes for standard output).
fn not_a_flag(mut path: String) -> String {
    if path.starts_with('-') {
        path.insert_str(0, "./");
    }
    path
}

fn shell_command(origin: &DataOrigin, filter: &Filter, sort: Sort, file: &str) -> ShellCommand {
    let mut args = vec!["nkict".to_owned(), "export".to_owned()];
    args.extend(origin.to_args());
    args.extend(filter.to_args());
    args.extend(["-o".to_owned(), not_a_flag(file.to_owned())]);
    // `nkict export` has no sort: it writes the records by date, which is
    // the Records view's own order.
    let differs =
        (sort != Sort::default()).then(|| format!("The command writes them by date, not by {} as here", sort.label()));
    ShellCommand {
        line: format::shell_words(&args),
        differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::derived::SortColumn;

    fn search(text: &str) -> Filter {
        Filter {
            search: text.to_owned(),
            ..Filter::default()
        }
    }

    #[test]
    fn the_bundled_dataset_needs_no_data_flag() {
        let command = shell_command(&DataOrigin::default(), &search("CLEARED"), Sort::default(), "out.json");
        assert_eq!(command.line, "nkict export --search CLEARED -o out.json");
        assert_eq!(command.differs, None);
    }

    #[test]
    fn a_file_is_named_with_its_size_limit_and_quoted() {
        let origin = DataOrigin {
            file: Some(PathBuf::from("/tmp/r28 tui/hostile.json")),
            max_size: Some("1G".to_owned()),
        };
        let command = shell_command(&origin, &search("CLEARED"), Sort::default(), "out.json");
        assert_eq!(
            command.line,
            "nkict export --data '/tmp/r28 tui/hostile.json' --max-size 1G --search CLEARED -o out.json"
        );
        let plain = DataOrigin {
            file: Some(PathBuf::from("data.json")),
            max_size: None,
        };
        assert_eq!(
            shell_command(&plain, &Filter::default(), Sort::default(), "x.csv").line,
            "nkict export --data data.json -o x.csv"
        );
    }

    #[test]
    fn a_file_named_like_a_flag_is_still_read_as_a_file() {
        let origin = DataOrigin {
            file: Some(PathBuf::from("-x.json")),
            max_size: None,
        };
        assert_eq!(
            shell_command(&origin, &Filter::default(), Sort::default(), "o.json").line,
            "nkict export --data ./-x.json -o o.json"
        );
        assert_eq!(
            shell_command(&DataOrigin::default(), &Filter::default(), Sort::default(), "-").line,
            "nkict export -o ./-"
        );
    }

    #[test]
    fn a_sort_the_command_cannot_keep_is_said() {
        let by = |column, reversed| Sort { column, reversed };
        let differs = |sort| shell_command(&DataOrigin::default(), &Filter::default(), sort, "o.json").differs;
        assert_eq!(
            differs(by(SortColumn::Category, false)).as_deref(),
            Some("The command writes them by date, not by category ↑ as here")
        );
        assert_eq!(
            differs(by(SortColumn::Date, true)).as_deref(),
            Some("The command writes them by date, not by date ↓ as here")
        );
        assert_eq!(differs(by(SortColumn::Date, false)), None);
    }
}
