//! Everything about one record, as plain lines with their roles, ending
//! with where it comes from: the verbatim quote and the full citation. The
//! detail widget styles these lines; `layout` counts how they wrap, so the
//! popup's size and its scroll limit never need the styled text.

use std::ops::Range;

use ratatui::layout::Rect;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::text;
use crate::data::Qualifier;
use crate::model::{Model, RecordIx, format};

/// What a line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    /// A labelled field: `When      1997`.
    Field,
    /// The figure, with its qualifier and indicator aside.
    Figure,
    Text,
    Note,
    /// A heading over what follows (`Quote`, `Source`).
    Heading,
    Quote,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    /// The field's name, padded to `LABEL_WIDTH` when drawn; empty for none.
    pub label: &'static str,
    pub text: String,
    /// Said after the text, quieter.
    pub aside: String,
}

/// Columns a field's label takes.
pub const LABEL_WIDTH: usize = 10;

/// The label of a field's continued rows: blank, so that they start under
/// the value, not under the label.
const HANGING: &str = "          ";

/// A value keeps at least this much room beside its label to hang there;
/// narrower, it wraps as it comes.
const VALUE_MIN: usize = 8;

impl Line {
    fn new(role: Role, text: impl Into<String>) -> Self {
        Self {
            role,
            label: "",
            text: text.into(),
            aside: String::new(),
        }
    }

    fn field(label: &'static str, text: String) -> Self {
        Self {
            label,
            ..Self::new(Role::Field, text)
        }
    }

    /// The line as it reads, without styles.
    pub fn plain(&self) -> String {
        if self.label.is_empty() {
            format!("{}{}", self.text, self.aside)
        } else {
            format!("{:<LABEL_WIDTH$}{}{}", self.label, self.text, self.aside)
        }
    }
}

/// The record's detail, line by line (each wraps on screen).
pub fn lines(model: &Model, ix: RecordIx) -> Vec<Line> {
    let record = model.record(ix);
    let source = model.source_of(ix);
    let mut lines = vec![
        Line::new(Role::Title, record.title.clone()),
        Line::field("When", format::when_long(record, source)),
        Line::field(
            "Kind",
            format!("{} · {}", record.kind.as_str(), record.category.label()),
        ),
    ];
    if let Some(indicator) = model.indicator_of(ix) {
        // The figure reads as its source words it ("up to", "about",
        // "millions"); what it is (an estimate, vague) follows in words.
        let mut aside: Vec<&str> = record.status.map(|s| s.as_str()).into_iter().collect();
        if record.qualifier == Some(Qualifier::Vague) {
            aside.push("a vague amount, in the source's words");
        }
        lines.push(Line {
            role: Role::Figure,
            label: "Figure",
            text: format::amount_with_unit(record, format::Unit::of(indicator)).unwrap_or_default(),
            aside: aside.iter().map(|a| format!(" · {a}")).collect(),
        });
        lines.push(Line::field(
            "Measures",
            format!("{} ({})", indicator.name, indicator.unit),
        ));
    }
    let entities: Vec<String> = model
        .entities_of(ix)
        .map(|e| match &e.korean {
            Some(korean) => format!("{} ({korean})", e.name),
            None => e.name.to_string(),
        })
        .collect();
    if !entities.is_empty() {
        lines.push(Line::field("About", entities.join(", ")));
    }
    lines.push(Line::new(Role::Blank, ""));
    lines.push(Line::new(Role::Text, record.summary.clone()));
    if let Some(note) = &record.note {
        lines.push(Line::new(Role::Note, format!("Note: {note}")));
    }
    lines.push(Line::new(Role::Blank, ""));
    lines.push(Line::new(Role::Heading, "Quote"));
    lines.push(Line::new(Role::Quote, format!("“{}”", record.quote)));
    lines.push(Line::new(Role::Blank, ""));
    lines.push(Line::new(Role::Heading, "Source"));
    lines.push(Line::new(Role::Text, format::source_reference(source)));
    lines.push(Line::field("Kind", format::kind_and_as_of(source)));
    lines.push(Line::field("Where", record.locator.to_string()));
    lines.push(Line::field("Record", record.id.to_string()));
    lines
}

/// `lines` for a panel `width` columns wide inside, each labelled field
/// too long for a row broken into rows whose value hangs at the value
/// column (`Where      Electronic Warfare and` / `           Capabilities`).
/// Drawing and counting rows both go through it, so they agree.
pub fn hanging(lines: &[Line], width: usize) -> Vec<Line> {
    let room = width.saturating_sub(LABEL_WIDTH);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let value = format!("{}{}", line.text, line.aside);
        if line.label.is_empty() || room < VALUE_MIN || value.width() <= room {
            out.push(line.clone());
            continue;
        }
        // The text and its aside share the rows; each keeps its own part.
        let split = line.text.len();
        let part = |of: &str, row: &Range<usize>, from: usize| {
            let within = |at: usize| at.clamp(from, from + of.len()) - from;
            of[within(row.start)..within(row.end)].to_owned()
        };
        for (i, row) in wrap_ranges(&value, room).iter().enumerate() {
            out.push(Line {
                role: line.role,
                label: if i == 0 { line.label } else { HANGING },
                text: part(&line.text, row, 0),
                aside: part(&line.aside, row, split),
            });
        }
    }
    out
}

/// Byte ranges of `text`'s rows wrapped in `width` columns (at least 1):
/// at the last space that fits, which starts no row; a word longer than a
/// row is broken.
fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut used, mut space) = (0, 0, None);
    for (i, c) in text.char_indices() {
        let columns = c.width().unwrap_or(0);
        if used + columns > width && i > start {
            if c == ' ' {
                rows.push(start..i);
                (start, used, space) = (i + 1, 0, None);
                continue;
            }
            match space.take() {
                Some(at) => {
                    rows.push(start..at);
                    start = at + 1;
                    used = text[start..i].width();
                }
                None => {
                    rows.push(start..i);
                    (start, used) = (i, 0);
                }
            }
        }
        if c == ' ' {
            space = Some(i);
        }
        used += columns;
    }
    rows.push(start..text.len());
    rows
}

/// The record's detail as a panel of `area` (or any smaller one) shows it:
/// each text escaped, and past what `area` holds at once, cut with its
/// length, so that a 2 MB quote is laid out as one screenful.
pub fn lines_within(model: &Model, ix: RecordIx, area: Rect) -> Vec<Line> {
    let cells = usize::from(area.width) * usize::from(area.height);
    let cut = |text: &str| text::screenful(text, cells).into_owned();
    lines(model, ix)
        .into_iter()
        .map(|line| Line {
            text: cut(&line.text),
            aside: cut(&line.aside),
            ..line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::plain).collect()
    }

    #[test]
    fn a_wrapped_value_hangs_at_the_value_column() {
        let place = "Electronic Warfare and Electronic Intelligence Warfare Capabilities".to_owned();
        let lines = [Line::field("Where", place)];
        // 40 columns inside leave the value 30.
        assert_eq!(
            plain(&hanging(&lines, 40)),
            [
                "Where     Electronic Warfare and",
                "          Electronic Intelligence",
                "          Warfare Capabilities",
            ]
        );
    }

    #[test]
    fn the_aside_keeps_its_own_part_of_the_rows() {
        let line = Line {
            role: Role::Figure,
            label: "Figure",
            text: "about 10,000 people".into(),
            aside: " · estimate · a vague amount".into(),
        };
        let rows = hanging(&[line], 30);
        let parts: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|l| (l.label, l.text.as_str(), l.aside.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                ("Figure", "about 10,000 people", ""),
                (HANGING, "", "· estimate · a vague"),
                (HANGING, "", "amount"),
            ]
        );
        assert!(rows.iter().all(|l| l.role == Role::Figure));
    }

    #[test]
    fn what_fits_has_no_label_or_no_room_is_left_as_it_is() {
        let lines = [
            Line::field("When", "1997".into()),
            Line::new(Role::Text, "a summary long enough to wrap on its own, unlabelled"),
            Line::field("About", "Korean People's Army, Soviet Union".into()),
        ];
        // 10 + 34 columns fit in 44; the unlabelled text is Paragraph's to wrap.
        assert_eq!(hanging(&lines, 44), lines);
        // 17 inside leave the value 7, under the 8 it needs to hang.
        assert_eq!(hanging(&lines[2..], 17), lines[2..]);
    }

    #[test]
    fn rows_break_at_spaces_and_inside_words_too_long() {
        let rows = |text: &str, width| -> Vec<String> {
            wrap_ranges(text, width)
                .into_iter()
                .map(|r| text[r].to_owned())
                .collect()
        };
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("ab cd ef", 5), ["ab cd", "ef"]);
        assert_eq!(rows("고려링크", 3), ["고", "려", "링", "크"]);
        assert_eq!(rows("고려 링크", 4), ["고려", "링크"]);
    }
}
