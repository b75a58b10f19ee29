//! The module graph of `src/`, read from each file's `use` items and paths:
//! the dashboard's state side never reaches the drawing side, the layers
//! below the dashboard never reach up (data → model → export, cite → cli),
//! and no module depends on itself through others. (A module may use what
//! its parent module declares: a trait its children implement, a type they
//! share. That is Rust's usual shape, not a cycle between peers.) The
//! checker is tested on small made-up sources too, so a broken rule is known
//! to fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules by path (`tui::app::update`), with their source.
type Sources = BTreeMap<String, String>;

/// Every `.rs` file under `src/`, by module path.
fn read_src() -> Sources {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Sources::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&root).unwrap().with_extension("");
                let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                    parts.pop();
                }
                // `main.rs` is its own crate: it uses the library as `nkict::`.
                if parts == ["main"] {
                    continue;
                }
                sources.insert(parts.join("::"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    sources
}

/// The code of a file without comments, string and character literals, and
/// `#[cfg(test)]` modules (tests may look anywhere).
fn code_of(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let at = |k: usize| chars.get(k).copied().unwrap_or(' ');
        match chars[i] {
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                    i += 1;
                }
                i += 2;
            }
            'r' if (at(i + 1) == '"' || at(i + 1) == '#') && !is_ident(chars.get(i.wrapping_sub(1)).copied()) => {
                // A raw string: r"..." or r#"..."#.
                let mut hashes = 0;
                let mut j = i + 1;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    out.push(chars[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                while j < chars.len() && !chars[j..].iter().collect::<String>().starts_with(&close) {
                    j += 1;
                }
                out.push_str("\"\"");
                i = j + close.chars().count();
            }
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
                i += 1;
            }
            // A character literal ('x', '\n', '\u{1b}'), not a lifetime ('a).
            '\'' if at(i + 1) == '\\' || at(i + 2) == '\'' => {
                i += 1;
                while i < chars.len() && chars[i] != '\'' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("' '");
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    without_test_modules(&out)
}

fn is_ident(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

fn without_test_modules(code: &str) -> String {
    let mut code = code.to_owned();
    while let Some(at) = code.find("#[cfg(test)]") {
        let Some(open) = code[at..].find('{').map(|o| at + o) else {
            break;
        };
        let mut depth = 0;
        let mut end = code.len();
        for (k, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        code.replace_range(at..end, "");
    }
    code
}

/// The paths a `use` tree names: `a::{b, c::{d, e as f}}` is `a::b`,
/// `a::c::d` and `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        // `a::b as c` names `a::b`.
        let path = tree.split_whitespace().next().unwrap_or_default();
        return vec![path.to_owned()];
    };
    let prefix: String = tree[..open].chars().filter(|c| !c.is_whitespace()).collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| match p {
            "self" => vec![prefix.trim_end_matches("::").to_owned()],
            p => expand(&format!("{prefix}{p}")),
        })
        .collect()
}

/// Every path the code names: its `use` items, and paths written out
/// (`crate::x::y`, `super::z`, `child::item`).
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code.to_owned();
    // `use` items first, then taken out.
    while let Some(at) = find_word(&rest, "use") {
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e);
        found.extend(expand(&rest[at + 3..end]));
        rest.replace_range(at..end, "");
    }
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(Some(chars[i]))
            && !is_ident(chars.get(i.wrapping_sub(1)).copied())
            && (i == 0 || chars[i - 1] != '$')
        {
            let mut j = i;
            while j < chars.len() && (is_ident(Some(chars[j])) || (chars[j] == ':' && chars.get(j + 1) == Some(&':'))) {
                j += if chars[j] == ':' { 2 } else { 1 };
            }
            let path: String = chars[i..j].iter().collect();
            if path.contains("::") {
                found.push(path.trim_end_matches("::").to_owned());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

fn find_word(code: &str, word: &str) -> Option<usize> {
    code.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        !is_ident(before) && after.is_some_and(char::is_whitespace)
    })
}

/// The module `path`, written in `module`, refers to; `None` for what is
/// outside the crate (std, other crates, enum variants, types).
fn resolve(module: &str, path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    match segments[0] {
        "crate" => {
            base.clear();
            segments.remove(0);
        }
        "self" => {
            segments.remove(0);
        }
        "super" => {
            while segments.first() == Some(&"super") {
                base.pop();
                segments.remove(0);
            }
        }
        // A child module of this one, named without `self::`.
        first if modules.contains(&join(&base, &[first])) => {}
        _ => return None,
    }
    // The deepest module the path goes through.
    (0..=segments.len())
        .rev()
        .map(|n| join(&base, &segments[..n]))
        .find(|m| modules.contains(m))
}

fn join(base: &[&str], rest: &[&str]) -> String {
    base.iter().chain(rest).copied().collect::<Vec<_>>().join("::")
}

/// Which modules each module refers to.
fn graph(sources: &Sources) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(module, source)| {
            let uses = paths(&code_of(source))
                .iter()
                .filter_map(|p| resolve(module, p, &modules))
                .filter(|m| m != module)
                .collect();
            (module.clone(), uses)
        })
        .collect()
}

/// Everything `module` reaches, directly or through others, following only
/// the edges `follow` allows.
fn reach(
    graph: &BTreeMap<String, BTreeSet<String>>,
    module: &str,
    follow: impl Fn(&str, &str) -> bool,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![module.to_owned()];
    while let Some(m) = todo.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if follow(&m, next) && seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

fn under(module: &str, prefix: &str) -> bool {
    module == prefix || module.starts_with(&format!("{prefix}::"))
}

/// The layers and who may not reach whom: (modules, what they must not reach).
const RULES: &[(&[&str], &[&str])] = &[
    // The dashboard's state side: no drawing.
    (
        &[
            "tui::action",
            "tui::app",
            "tui::axis",
            "tui::cursor",
            "tui::derived",
            "tui::detail",
            "tui::effect",
            "tui::keys",
            "tui::layout",
            "tui::text",
            "tui::theme",
        ],
        &["tui::views", "tui::widgets", "tui::render"],
    ),
    // The one escaper for text on its way to a terminal, and what an ending
    // signal undoes: used by every layer, using none.
    (
        &["terminal_text", "signals"],
        &["data", "model", "export", "cite", "cli", "tui", "quotes"],
    ),
    (&["data"], &["model", "export", "cli", "tui", "quotes"]),
    (&["model"], &["export", "cli", "tui", "quotes"]),
    (&["export"], &["cli", "tui"]),
    (&["cite"], &["cli", "tui", "export"]),
];

/// Every broken rule and every cycle, as sentences.
fn problems(sources: &Sources) -> Vec<String> {
    let graph = graph(sources);
    let mut problems = Vec::new();
    for module in graph.keys() {
        let reached = reach(&graph, module, |_, _| true);
        for (layer, forbidden) in RULES {
            if !layer.iter().any(|l| under(module, l)) {
                continue;
            }
            for bad in reached.iter().filter(|r| forbidden.iter().any(|f| under(r, f))) {
                problems.push(format!("{module} reaches {bad}"));
            }
        }
        // A child using its parent's items closes no loop between peers.
        let peers = reach(&graph, module, |from, to| !under(from, to));
        if peers.contains(module) {
            problems.push(format!("{module} depends on itself through others"));
        }
    }
    problems
}

#[test]
fn the_state_side_never_draws_the_layers_never_reach_up_and_nothing_is_circular() {
    let sources = read_src();
    assert!(sources.contains_key("tui::app") && sources.contains_key("tui::views::records"));
    let problems = problems(&sources);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_graph_sees_what_the_dashboard_uses() {
    let graph = graph(&read_src());
    let uses = |m: &str| graph.get(m).cloned().unwrap_or_default();
    // `use super::{App, ...}` in a child, `use crate::tui::keys::{self, Hint}`.
    assert!(uses("tui::app::update").contains("tui::app"));
    assert!(uses("tui::views::records").contains("tui::keys"));
    // The registry's macro names each view's module.
    assert!(uses("tui::views").contains("tui::views::overview"));
    // `pub use filter::Filter` in `model`.
    assert!(uses("model").contains("model::filter"));
}

fn made_up(files: &[(&str, &str)]) -> Sources {
    files.iter().map(|(m, s)| (m.to_string(), s.to_string())).collect()
}

#[test]
fn a_state_module_that_imports_a_view_breaks_the_rule() {
    let sources = made_up(&[
        ("tui", "pub mod app; pub mod views;"),
        (
            "tui::app",
            "// use crate::tui::views; in a comment is fine\nuse super::views::{records::Records, self};",
        ),
        ("tui::views", "pub mod records;"),
        ("tui::views::records", "use crate::tui::app::App;"),
    ]);
    let problems = problems(&sources);
    assert!(
        problems.contains(&"tui::app reaches tui::views".to_owned()),
        "{problems:#?}"
    );
    assert!(
        problems.contains(&"tui::app reaches tui::views::records".to_owned()),
        "{problems:#?}"
    );
    assert!(
        problems.contains(&"tui::app depends on itself through others".to_owned()),
        "{problems:#?}"
    );
}

#[test]
fn data_that_reaches_up_breaks_the_rule_even_through_a_written_out_path() {
    let sources = made_up(&[
        ("data", "pub mod load;\npub use load::parse;"),
        (
            "data::load",
            "fn f() { let _ = crate::model::format::plural(1, \"x\"); }",
        ),
        ("model", "pub mod format;"),
        (
            "model::format",
            "use crate::data::Record; const S: &str = \"crate::tui\";",
        ),
    ]);
    let problems = problems(&sources);
    assert_eq!(
        problems,
        [
            "data reaches model::format",
            "data depends on itself through others",
            "data::load reaches model::format",
            "data::load depends on itself through others",
            "model::format depends on itself through others",
        ]
    );
}

#[test]
fn a_child_may_use_its_parent_but_peers_may_not_use_each_other() {
    let sources = made_up(&[
        ("cite", "pub mod csl;\npub use csl::Csl;\npub struct Work;"),
        ("cite::csl", "use super::Work;\npub struct Csl;"),
        ("data", "pub mod load;\npub mod validate;"),
        ("data::load", "use super::validate::check;"),
        ("data::validate", "use super::load::Positions;"),
    ]);
    assert_eq!(
        problems(&sources),
        [
            "data::load depends on itself through others",
            "data::validate depends on itself through others",
        ]
    );
}

#[test]
fn tests_strings_and_lifetimes_are_not_dependencies() {
    let code = code_of(
        "fn f<'a>(x: &'a str) -> char { 'x' }\n\
         const S: &str = r#\"use crate::tui;\"#;\n\
         #[cfg(test)]\nmod tests { use crate::tui::views; }\n\
         use super::keys::{self, Hint as H};",
    );
    assert_eq!(paths(&code), ["super::keys", "super::keys::Hint"]);
}
