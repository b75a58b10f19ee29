//! Everything about one record, as plain lines with their roles, ending
//! with where it comes from: the verbatim quote and the full citation. The
//! detail widget styles these lines; `layout` counts how they wrap, so the
//! popup's size and its scroll limit never need the styled text.

use ratatui::layout::Rect;

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
