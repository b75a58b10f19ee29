// Included (`include!`) by `build.rs` and by `src/terminal_text.rs`, so
// that the two cannot drift apart: not a module of its own.

/// Whether `c` is a character a terminal acts on that JSON allows raw in a
/// string: DEL, a C1 control, a bidi override or isolate (the characters
/// of `terminal_text::needs_escape` above U+007E, which
/// `terminal_text::escape_json` escapes).
fn raw_in_json(c: char) -> bool {
    matches!(c, '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
