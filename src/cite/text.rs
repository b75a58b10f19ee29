//! Citations for people: one reference a line, after its key in brackets
//! (the key the other formats use), as the dashboard words them.

use super::{Work, one_line};

pub fn write(works: &[Work]) -> String {
    works
        .iter()
        .map(|work| format!("[{}] {}\n", work.key, one_line(&work.reference)))
        .collect()
}
