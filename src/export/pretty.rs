//! serde_json's pretty layout (two spaces a level, `"key": value`), with
//! each line's break and indent written at once: `PrettyFormatter` writes
//! an indent two spaces at a time, a write per level, and a JSON export is
//! mostly short lines three or four levels deep (a tenth of the work of
//! writing the bundled dataset's export went to indenting).
//!
//! Its strings are written with DEL, C1 controls and bidi overrides as
//! `\u009b` (`terminal_text::escape_json`): the same strings to a JSON
//! reader, inert when the file is printed to a terminal. Only the text of
//! strings is looked at, where serde_json hands it over: the raw JSON an
//! export copies (the bundled dataset's records, which hold none of these
//! characters: `build.rs`) is not searched again, as the whole output was
//! (a tenth of the bundled dataset's export).

use std::io::{self, Write};

use serde_json::ser::Formatter;

use crate::terminal_text::escape_json;

/// A comma, a line break and the indent of the deepest lines written at
/// once (deeper ones take more writes).
const LINE: &[u8] = b",\n                                                                ";

/// Where the spaces of `LINE` start.
const INDENT: usize = 2;

/// A pretty layout, byte for byte that of `serde_json::ser::PrettyFormatter::new()`,
/// its strings' characters that a terminal acts on escaped.
#[derive(Debug, Default)]
pub struct Pretty {
    depth: usize,
    /// Whether the array or object just closed held anything: an empty one
    /// closes on its own line.
    has_value: bool,
}

impl Pretty {
    /// The layout of a value `depth` levels deep, as a document's
    /// serializer writes it there (`json::write_document` writes a
    /// document's last fields apart).
    pub fn within(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

    /// A line break (after a comma unless the line starts a list) and the
    /// indent of the current depth.
    fn new_line<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        let mut spaces = 2 * self.depth;
        let now = spaces.min(LINE.len() - INDENT);
        out.write_all(&LINE[usize::from(first)..INDENT + now])?;
        spaces -= now;
        while spaces > 0 {
            let now = spaces.min(LINE.len() - INDENT);
            out.write_all(&LINE[INDENT..INDENT + now])?;
            spaces -= now;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(out, true)?;
        }
        out.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.new_line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.new_line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    /// A run of a string's characters that JSON writes as they are (a key's
    /// too): those a terminal acts on written as escapes instead.
    fn write_string_fragment<W: ?Sized + Write>(&mut self, out: &mut W, fragment: &str) -> io::Result<()> {
        out.write_all(escape_json(fragment).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn written(value: &Value) -> String {
        let mut out = Vec::new();
        serde::Serialize::serialize(
            value,
            &mut serde_json::Serializer::with_formatter(&mut out, Pretty::default()),
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lists_objects_and_empty_ones_are_laid_out_as_serde_json_lays_them_out() {
        let value = json!({
            "a": [1, [], {}, [[]], {"b": {}}],
            "c": {"d": [true, null, "e"], "f": {"g": 1.5}},
            "h": [],
            "i": {}
        });
        assert_eq!(
            written(&value),
            "{\n  \"a\": [\n    1,\n    [],\n    {},\n    [\n      []\n    ],\n    {\n      \"b\": {}\n    }\n  ],\n  \
             \"c\": {\n    \"d\": [\n      true,\n      null,\n      \"e\"\n    ],\n    \"f\": {\n      \"g\": 1.5\n    }\n  },\n  \
             \"h\": [],\n  \"i\": {}\n}"
        );
        assert_eq!(written(&json!([])), "[]");
        assert_eq!(written(&json!(7)), "7");
    }

    proptest::proptest! {
        #[test]
        fn strings_and_keys_are_written_as_serde_json_encodes_them_escaped_for_a_terminal(
            text in "[a \"\\\\\n\t\u{1}\u{7f}\u{80}-\u{a0}\u{2028}-\u{2070}é고]{0,24}",
        ) {
            let value = json!({ text.clone(): [text.clone(), {"k": text}] });
            let encoded = serde_json::to_string_pretty(&value).unwrap();
            proptest::prop_assert_eq!(written(&value), escape_json(&encoded).into_owned());
        }
    }

    /// The characters escaped, written out by hand: keys and strings alike,
    /// DEL, a C1 control, bidi overrides and isolates as `\uXXXX` (lower
    /// case hex), their neighbours (`~`, U+00A0, U+2029, U+202F, U+2065,
    /// U+206A) as they are, C0 controls as serde_json escapes them.
    #[test]
    fn the_characters_a_terminal_acts_on_are_escaped_and_no_others() {
        let value = json!({ "\u{202e}k\u{7f}": ["\u{9b}31m\u{85}", "\u{202a}\u{2066}\u{2069}", "~\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}", "\u{1b}\u{7}\n"] });
        assert_eq!(
            written(&value),
            "{\n  \"\\u202ek\\u007f\": [\n    \"\\u009b31m\\u0085\",\n    \"\\u202a\\u2066\\u2069\",\n    \
             \"~\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}\",\n    \"\\u001b\\u0007\\n\"\n  ]\n}"
        );
    }

    #[test]
    fn lines_deeper_than_one_write_of_spaces_are_indented_whole() {
        let mut value = json!("deep");
        for _ in 0..45 {
            value = json!([value, 1]);
        }
        assert_eq!(written(&value), serde_json::to_string_pretty(&value).unwrap());
        let deepest = written(&value)
            .lines()
            .map(|line| line.len() - line.trim_start().len())
            .max();
        assert_eq!(deepest, Some(90));
    }
}
