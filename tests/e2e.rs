//! The real binary's dashboard in a pseudo-terminal: `portable-pty` runs it,
//! a thread feeds its output to a `vt100::Parser`, and the tests poll the
//! parsed screen for what a user would see. Every wait is bounded polling
//! with a deadline; no sleep is an assertion. The tests read the small
//! fixture dataset (`--data`), but for one that checks the bundled data
//! opens as it should.

mod common;

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use nix::sys::termios::{FlowArg, tcflow};
use nkict::tui::{layout, views};
use portable_pty::{Child, CommandBuilder, MasterPty, PtyPair, PtySize, native_pty_system};

/// How long the dashboard may take to show something: generous, because a
/// debug build on a busy machine is slow, but a hang still fails.
const DEADLINE: Duration = Duration::from_secs(10);

const ENTER: &str = "\r";
const CTRL_U: &str = "\x15";
const ESC: &str = "\x1b";

/// The dashboard running in a pseudo-terminal.
struct Dashboard {
    /// How long to wait for what is expected: `DEADLINE` unless a test
    /// loads more than the fixture.
    deadline: Duration,
    /// The terminal's local modes before the program started (echo, line
    /// editing, signals from keys), as the terminal driver reports them.
    cooked: String,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the program wrote, for what a screen does not show (OSC 52).
    output: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

/// nkict with `args` and `env`, in a colour terminal, in the temporary folder.
fn nkict_command(args: &[&str], env: &[(&str, &str)]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nkict"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    for (key, value) in env {
        cmd.env(key, value);
    }
    // Relative export paths must not land in the source tree.
    cmd.cwd(std::env::temp_dir());
    cmd
}

impl Dashboard {
    fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::spawn(nkict_command(args, env), cols, rows)
    }

    /// Runs `cmd` in a new pseudo-terminal of `cols` x `rows`.
    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        Self::spawn_on(open_pty(cols, rows), cmd, cols, rows)
    }

    /// Runs `cmd` in `pty`, a pseudo-terminal of `cols` x `rows`.
    fn spawn_on(pty: PtyPair, cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        let cooked = local_modes(pty.master.as_ref());
        let child = pty.slave.spawn_command(cmd).expect("nkict starts");
        // Only the child holds the terminal's other end: when it exits, reads end.
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let output = Arc::new(Mutex::new(Vec::new()));
        {
            let parser = Arc::clone(&parser);
            let output = Arc::clone(&output);
            let writer = Arc::clone(&writer);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            output.lock().unwrap().extend_from_slice(&buf[..n]);
                            let mut parser = parser.lock().unwrap();
                            parser.process(&buf[..n]);
                            // Answer a cursor position request, as a terminal would.
                            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                                let (row, col) = parser.screen().cursor_position();
                                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                                let _ = writer.lock().unwrap().write_all(reply.as_bytes());
                            }
                        }
                    }
                }
            });
        }
        Self {
            deadline: DEADLINE,
            cooked,
            parser,
            output,
            writer,
            child,
            master: pty.master,
        }
    }

    /// Resizes the terminal, as a user dragging the window would (SIGWINCH).
    fn resize(&self, cols: u16, rows: u16) {
        // vt100 0.16 underflows (and panics) in Grid::col_wrap printing a
        // double-width character on a screen one column wide, or wrapping a
        // line on a screen one row high, which a real terminal takes in its
        // stride: the screen that reads the output is never smaller than
        // two columns by two rows; the pty is.
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.max(2), cols.max(2));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    fn send(&self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).expect("write to the pty");
        writer.flush().unwrap();
    }

    /// Polls the screen until `ready` holds; panics with the screen at the deadline.
    fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let start = Instant::now();
        loop {
            {
                let parser = self.parser.lock().unwrap();
                if ready(parser.screen()) {
                    return parser.screen().clone();
                }
            }
            if start.elapsed() > self.deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows every one of `texts`.
    fn wait_for_text(&self, texts: &[&str]) -> vt100::Screen {
        self.wait_for(&format!("{texts:?}"), |screen| {
            let contents = screen.contents();
            texts.iter().all(|t| contents.contains(t))
        })
    }

    /// Waits until the raw output contains `bytes`.
    fn wait_for_output(&self, what: &str, bytes: &[u8]) {
        let start = Instant::now();
        while !self.output.lock().unwrap().windows(bytes.len()).any(|w| w == bytes) {
            if start.elapsed() > self.deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// How much the program has written so far.
    fn written(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// What the program has written since `from` (a `written()`).
    fn written_since(&self, from: usize) -> Vec<u8> {
        self.output.lock().unwrap()[from..].to_vec()
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits (bounded) for the process to exit and returns whether it succeeded.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status;
            }
            if start.elapsed() > self.deadline {
                panic!("nkict did not exit; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Quits with `q` and checks the exit status and the restored terminal.
    fn quit(mut self) {
        self.send("q");
        let status = self.wait_exit();
        assert!(status.success(), "nkict exited with {status:?}");
        // Let the reader drain the last output, then check the terminal was given back.
        let screen = self.wait_for("the main screen back", |s| !s.alternate_screen());
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture is released"
        );
        assert!(!screen.hide_cursor(), "the cursor is shown again");
    }
}

impl Drop for Dashboard {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A new pseudo-terminal of `cols` x `rows`.
fn open_pty(cols: u16, rows: u16) -> PtyPair {
    native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal")
}

/// The local modes of the terminal `master` drives, as text to compare.
fn local_modes(master: &dyn MasterPty) -> String {
    format!("{:?}", master.get_termios().expect("the terminal's modes").local_flags)
}

/// Whether any cell of `screen` has a colour.
fn coloured(screen: &vt100::Screen) -> bool {
    let (rows, cols) = screen.size();
    (0..rows).any(|r| {
        (0..cols).any(|c| {
            screen
                .cell(r, c)
                .is_some_and(|cell| cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default)
        })
    })
}

/// The fixture's path, as an argument.
fn fixture() -> String {
    common::fixture_path().to_str().expect("a UTF-8 path").to_owned()
}

/// The dashboard on the fixture, with `args` after `--data`.
fn on_fixture(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Dashboard {
    let fixture = fixture();
    let mut all = vec!["--data", fixture.as_str()];
    all.extend(args);
    Dashboard::start(&all, cols, rows, env)
}

/// The first column of the tab of the view at `position`, on a screen
/// `width` columns wide.
fn tab_column(position: usize, width: u16) -> u16 {
    let titles = || views::ALL.iter().map(|v| v.title());
    (0..width)
        .find(|&c| layout::tab_at(titles(), width, c) == Some(position))
        .expect("the tab has a column")
}

/// Whether the tab of the view at `position` is drawn as the active one
/// (reversed, in colour or not).
fn tab_is_active(screen: &vt100::Screen, position: usize) -> bool {
    let column = tab_column(position, screen.size().1) + 2;
    screen.cell(0, column).is_some_and(|cell| cell.inverse())
}

fn header(screen: &vt100::Screen) -> String {
    screen.rows(0, screen.size().1).take(2).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_dashboard_switches_views_filters_exports_and_quits() {
    let dash = on_fixture(&[], 100, 30, &[]);
    let screen = dash.wait_for_text(&["Overview", "36 of 36 records"]);
    assert!(screen.alternate_screen(), "the dashboard takes the whole screen");
    assert!(tab_is_active(&screen, 0), "{}", header(&screen));
    assert!(!tab_is_active(&screen, 1));

    dash.send("2");
    dash.wait_for("the Timeline tab", |s| tab_is_active(s, 1));
    dash.send("5");
    let screen = dash.wait_for_text(&["sorted by date"]);
    assert!(tab_is_active(&screen, 4) && !tab_is_active(&screen, 1));

    // Years through the prompt: twelve of the fixture's records are of the
    // 2000s (one placed at its source's date, c. 2010).
    dash.send("t");
    dash.wait_for_text(&["1990-2002, 1995-, -2000, 1997 or 1990s"]);
    dash.send("2000-2010");
    dash.send(ENTER);
    let screen = dash.wait_for_text(&["Years 2000-2010", "12 of 36 records"]);
    assert!(tab_is_active(&screen, 4));

    // Export the view to a file in a temporary folder.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-the-dashboard.json");
    dash.send("e");
    dash.wait_for_text(&["nkict_2000-2010.json", "Writes JSON"]);
    dash.send(CTRL_U);
    dash.send(path.to_str().expect("a UTF-8 temp path"));
    dash.send(ENTER);
    dash.wait_for_text(&["Exported 12 records"]);
    dash.quit();
    assert_same_records_as_the_command_line(&path, &["--from", "2000", "--to", "2010"], 12);
}

#[test]
fn the_dashboard_exports_a_csv_in_the_records_views_order() {
    let dash = on_fixture(&["--from", "2000", "--to", "2010"], 80, 24, &[]);
    dash.wait_for_text(&["12 of 36 records"]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date"]);
    dash.send("S");
    dash.wait_for_text(&["descending"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-the-dashboard.csv");
    dash.send("e");
    dash.wait_for_text(&["nkict_2000-2010.json"]);
    dash.send(CTRL_U);
    dash.send(path.to_str().expect("a UTF-8 temp path"));
    dash.wait_for_text(&["Writes CSV, one row per record"]);
    dash.send(ENTER);
    dash.wait_for_text(&["Exported 12 records"]);
    dash.quit();

    let written = std::fs::read(&path).expect("the dashboard wrote the file");
    let text = written
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a CSV file starts with a byte order mark");
    let output = Command::new(env!("CARGO_BIN_EXE_nkict"))
        .args([
            "--data",
            &fixture(),
            "--from",
            "2000",
            "--to",
            "2010",
            "list",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let rows = |csv: &[u8]| -> Vec<Vec<String>> {
        let mut reader = csv::Reader::from_reader(csv);
        let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
        let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect());
        std::iter::once(header).chain(rows).collect()
    };
    let (from_dashboard, mut from_cli) = (rows(text), rows(&output.stdout));
    assert_eq!(from_dashboard.len(), 13, "a header and twelve records");
    // Sorted by date, descending: the command line's rows the other way round.
    from_cli[1..].reverse();
    assert_eq!(from_dashboard, from_cli);
}

/// The dashboard's export holds the records `nkict <filter> export` prints.
fn assert_same_records_as_the_command_line(path: &Path, filter: &[&str], count: usize) {
    let written = std::fs::read(path).expect("the dashboard wrote the file");
    let from_dashboard: serde_json::Value = serde_json::from_slice(&written).expect("JSON");
    let output = Command::new(env!("CARGO_BIN_EXE_nkict"))
        .args(["--data", &fixture()])
        .args(filter)
        .arg("export")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let from_cli: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON from the command line");
    let ids = |doc: &serde_json::Value| -> Vec<String> {
        doc["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&from_dashboard).len(), count);
    assert_eq!(ids(&from_dashboard), ids(&from_cli));
    assert_eq!(from_dashboard["filter"], from_cli["filter"]);
    // An export is itself a dataset (`nkict --data FILE` reads it).
    if let Err(err) = nkict::data::parse(&written, path) {
        panic!("the export does not load back as a dataset: {err}");
    }
}

#[test]
fn years_given_on_the_command_line_show_in_the_header() {
    let dash = on_fixture(&["--from", "2000", "--to", "2010"], 100, 30, &[]);
    dash.wait_for_text(&["Years 2000-2010", "12 of 36 records"]);
    dash.quit();
}

#[test]
fn colour_is_used_unless_no_color_is_set() {
    // The bundled data, as a user first opens it.
    let total = common::bundled().records.len();
    let ready = format!("{total} of {total} records");

    let dash = Dashboard::start(&[], 100, 30, &[]);
    let screen = dash.wait_for_text(&["Overview", &ready]);
    assert!(coloured(&screen), "a colour terminal gets colour");
    dash.quit();

    let dash = Dashboard::start(&[], 100, 30, &[("NO_COLOR", "1")]);
    let screen = dash.wait_for_text(&["Overview", &ready]);
    assert!(
        !coloured(&screen),
        "NO_COLOR=1 draws without colour:\n{}",
        screen.contents()
    );
    // Still legible: the active tab stands out by emphasis alone.
    assert!(tab_is_active(&screen, 0));
    dash.send("5");
    let screen = dash.wait_for_text(&["sorted by date"]);
    assert!(!coloured(&screen));
    dash.quit();
}

#[test]
fn a_terminal_too_small_shows_a_note_and_q_still_quits() {
    let dash = on_fixture(&[], 40, 10, &[]);
    dash.wait_for_text(&["needs more room", "enlarge", "40x10"]);
    dash.quit();
}

#[test]
fn the_dashboard_follows_the_terminal_size() {
    let ready = "36 of 36 records";
    let dash = on_fixture(&[], 100, 30, &[]);
    dash.wait_for_text(&["Overview", ready]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date"]);
    dash.resize(50, 12);
    dash.wait_for_text(&["needs more room", "50x12"]);
    dash.resize(120, 40);
    let screen = dash.wait_for_text(&["sorted by date", ready]);
    assert!(!screen.contents().contains("needs more room"));
    // The whole height is used: the footer is on the last row.
    dash.wait_for("the footer on row 40", |s| {
        s.rows(0, 120).nth(39).is_some_and(|row| row.contains("quit"))
    });
    dash.quit();
}

#[test]
fn y_puts_the_citation_on_the_clipboard_with_osc_52() {
    use base64::Engine;
    // The record the Records view selects first: the institute's founding.
    let citation = "Sample Computing Institute founded (1965-04-02). Ada Example, “Telecoms in Northland: \
                    A Review”, Journal of Imaginary Networks, 2012 (journal article), \
                    https://example.org/alpha-review, Section 1. “The Sample Computing Institute was \
                    founded in Testville on 2 April 1965.”";
    let encoded = base64::engine::general_purpose::STANDARD.encode(citation);

    let dash = on_fixture(&[], 100, 30, &[]);
    dash.wait_for_text(&["Overview"]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date"]);
    dash.send("y");
    dash.wait_for_text(&["Sent to the terminal's clipboard (OSC 52): the citation"]);
    dash.wait_for_output("the OSC 52 sequence", format!("\x1b]52;c;{encoded}\x07").as_bytes());
    dash.quit();
}

#[test]
fn without_a_terminal_the_dashboard_refuses_with_a_hint() {
    Command::new(env!("CARGO_BIN_EXE_nkict"))
        .assert()
        .failure()
        .code(1)
        .stderr(predicates::str::contains("interactive terminal"))
        .stderr(predicates::str::contains("nkict list"));
}

#[test]
fn a_listing_in_a_terminal_is_cut_to_its_width() {
    // A listing short enough to fit the 30 rows whole. Piped, it is wider
    // than 60 columns (its titles are whole).
    let args = ["list", "--category", "mobile", "--to", "2005"];
    let piped = Command::new(env!("CARGO_BIN_EXE_nkict")).args(args).output().unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert!(piped.lines().count() < 28, "{piped}");
    assert!(piped.lines().any(|line| line.chars().count() > 60), "{piped}");
    let mut listing = Dashboard::start(&args, 60, 30, &[]);
    assert!(listing.wait_exit().success());
    // The table (standard output, flushed at the end) comes after the count.
    let screen = listing.wait_for_text(&["--category mobile)", "DATE "]);
    let rows: Vec<String> = screen.rows(0, 60).collect();
    // The count goes to standard error, unbuffered: it may come first.
    assert!(rows.iter().any(|row| row.starts_with("DATE ")), "{rows:?}");
    assert!(rows.iter().any(|row| row.contains('…')), "titles are cut: {rows:?}");
    for row in 0..30 {
        assert!(!screen.row_wrapped(row), "row {row} wrapped: {}", listing.contents());
    }
}

// ------------------------------------------------ signals, sizes, hostile data

/// The process whose parent is `parent`, once there is one: nkict under a
/// shell. Read from /proc (Linux).
fn child_of(parent: u32) -> u32 {
    let start = Instant::now();
    loop {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // `pid (name) state ppid ...`: the name may hold spaces.
            let after_name = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
            let ppid = after_name.split(' ').nth(1).and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) {
                return stat.split(' ').next().unwrap().parse().unwrap();
            }
        }
        assert!(start.elapsed() < DEADLINE, "no child of {parent}");
        thread::sleep(Duration::from_millis(20));
    }
}

/// Sends SIG`name` to `pid`.
fn kill(name: &str, pid: u32) {
    let sent = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{name} {pid}");
}

#[test]
fn an_ending_signal_gives_the_terminal_back_and_ends_nkict_by_it() {
    let fixture = fixture();
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        // Under a shell that says how nkict ended, as `$?` shows it.
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", r#""$0" "$@"; echo "status $?""#, env!("CARGO_BIN_EXE_nkict")]);
        cmd.args(["--data", &fixture]);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(std::env::temp_dir());
        let mut dash = Dashboard::spawn(cmd, 100, 30);
        // A frame's text may come before the cursor is hidden: wait for both.
        dash.wait_for("the dashboard drawn, the cursor hidden, the mouse reported", |s| {
            s.contents().contains(" records")
                && s.alternate_screen()
                && s.hide_cursor()
                && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
        });
        assert_ne!(local_modes(dash.master.as_ref()), dash.cooked, "raw mode");
        let before = dash.written();
        kill(signal, child_of(dash.child.process_id().expect("the shell's pid")));
        let screen = dash.wait_for_text(&[&format!("status {status}")]);
        assert!(dash.wait_exit().success());
        // What it wrote on the way out, as crossterm writes it.
        let last = String::from_utf8_lossy(&dash.written_since(before)).into_owned();
        for sequence in [
            "\x1b[?1000l",
            "\x1b[?1002l",
            "\x1b[?1003l",
            "\x1b[?1006l",
            "\x1b[?1049l",
            "\x1b[?25h",
        ] {
            assert!(last.contains(sequence), "SIG{signal}: no {sequence:?} in {last:?}");
        }
        assert!(!screen.alternate_screen(), "SIG{signal}: the main screen is back");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(!screen.hide_cursor(), "SIG{signal}: the cursor shows");
        assert_eq!(
            local_modes(dash.master.as_ref()),
            dash.cooked,
            "SIG{signal}: raw mode is left"
        );
    }
}

#[test]
fn a_resize_storm_down_to_one_cell_and_back_while_keys_arrive() {
    let dash = on_fixture(&[], 100, 30, &[]);
    dash.wait_for_text(&["Overview", " records"]);
    // Every size from 100x30 down to 1x1 and back, with a key between two
    // resizes: views, moves, year shifts, the help opened and closed. No
    // prompt (it would take the keys after it as text) and no Esc (a key
    // right behind it makes it Alt): the state after the storm is known.
    let keys = [
        "5", "j", "?", "?", "2", "G", "3", "l", "h", "4", "k", "6", "g", "1", "]", "{", "u", "\t",
    ];
    let sizes = (1..=30u16)
        .rev()
        .chain(1..=30)
        .map(|rows| ((rows * 10 / 3).max(1), rows));
    let sent: Vec<&str> = sizes
        .zip(keys.iter().cycle())
        .map(|((cols, rows), key)| {
            dash.resize(cols, rows);
            dash.send(key);
            *key
        })
        .collect();
    assert_eq!(
        sent.iter().filter(|k| **k == "?").count() % 2,
        0,
        "the help ends closed"
    );
    // Down to one cell and back between two frames, and no Ctrl-L: the
    // dashboard draws everything again by itself. (Under load the storm
    // began while the first frame was still being written, before nkict
    // caught SIGWINCH: every resize was lost, and the cells that frame had
    // drawn before the terminal went down to one cell stayed blank.)
    dash.resize(1, 1);
    dash.resize(100, 30);
    dash.send("r");
    dash.send("5");
    let screen = dash.wait_for_text(&["sorted by date", "Years all"]);
    assert!(!screen.contents().contains("needs more room"));
    dash.quit();
}

/// Whether process `pid` catches SIGWINCH, by its mask of caught signals.
fn catches_sigwinch(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (signal_hook::consts::SIGWINCH - 1)) != 0)
}

#[test]
fn a_resize_while_the_first_frame_is_written_is_heard() {
    // The terminal's output stopped before nkict starts (tcflow, as Ctrl-S
    // does with flow control): it blocks on its first write. A resize from
    // then on can take away what that first frame drew, so nkict must
    // already catch SIGWINCH, or the resize is lost (ignored by default) and
    // the lost cells are never drawn again.
    let pty = open_pty(100, 30);
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::fcntl::OFlag::O_NOCTTY.bits())
        .open(pty.master.tty_name().expect("the terminal's name"))
        .expect("the terminal's other end");
    tcflow(&slave, FlowArg::TCOOFF).expect("output stopped");
    let dash = Dashboard::spawn_on(pty, nkict_command(&["--data", &fixture()], &[]), 100, 30);
    let pid = dash.child.process_id().expect("nkict's pid");
    dash.wait_for("SIGWINCH caught, nothing written", |_| catches_sigwinch(pid));
    assert_eq!(dash.written(), 0, "the output is stopped");
    tcflow(&slave, FlowArg::TCOON).expect("output resumed");
    // Only nkict may hold the terminal when it ends, or reads never end.
    drop(slave);
    dash.wait_for_text(&["Overview", "Years all", " records"]);
    dash.quit();
}

#[test]
fn ctrl_l_draws_again_what_the_terminal_lost() {
    let dash = on_fixture(&[], 100, 30, &[]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date", "Years all", "5 Records"]);
    // Another program cleared the screen (a background job, a `wall`
    // message): the terminal lost the frame, and nkict was not told.
    dash.parser.lock().unwrap().process(b"\x1b[2J");
    assert!(!dash.contents().contains("Years all"), "the screen is cleared");
    dash.send("\x0c");
    dash.wait_for_text(&["sorted by date", "Years all", "5 Records"]);
    dash.quit();
}

/// What each text of the hostile dataset holds: a window title set, a
/// screen cleared, a one-character CSI, a bidi override and a bell.
const HOSTILE: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil";

/// 50,000 records whose texts are `HOSTILE`, the first (the earliest) with a
/// 2 MB title, summary and quote.
fn hostile_dataset(dir: &Path) -> String {
    let huge = format!("{HOSTILE} {}", "sixteen letters ".repeat(2 << 20 >> 4));
    let doc = common::fixture_grown_to(50_000, |n, record| {
        let text = if n == 0 { huge.clone() } else { format!("{HOSTILE} {n}") };
        for field in ["title", "summary", "quote"] {
            record[field] = text.clone().into();
        }
        if n == 0 {
            record["date"] = "1900".into();
        }
    });
    let path = dir.join("hostile.json");
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// Where `bytes` holds a character of the dataset the terminal would act
/// on: none of these is ever written by the dashboard itself.
fn raw_dataset_controls(bytes: &[u8]) -> Vec<&'static str> {
    let found = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    [
        ("OSC 0 (window title)", &b"\x1b]0;"[..]),
        ("OSC 52 (clipboard)", b"\x1b]52;"),
        ("BEL", b"\x07"),
        ("U+009B CSI", "\u{9b}".as_bytes()),
        ("U+202E bidi override", "\u{202e}".as_bytes()),
    ]
    .into_iter()
    .filter(|(_, needle)| found(needle))
    .map(|(name, _)| name)
    .collect()
}

#[test]
fn the_dashboard_on_a_hostile_dataset_shows_its_escapes_and_sends_none() {
    let dir = tempfile::tempdir().unwrap();
    let data = hostile_dataset(dir.path());
    let mut dash = Dashboard::start(&["--data", &data], 120, 40, &[]);
    // Fifty thousand records take a debug build a while to load.
    dash.deadline = Duration::from_secs(120);
    dash.wait_for_text(&["Overview", "of 50"]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date", r"│▶ 1900       \u{1b}]0;PWNED\u{7}"]);
    dash.send(ENTER);
    dash.wait_for_text(&["┌ Detail", "sixteen letters sixteen letters"]);
    dash.send("G");
    dash.wait_for_text(&["(2,097,1", "characters)", "Record    record-0"]);
    dash.send(ESC);
    dash.wait_for("the detail closed", |s| !s.contents().contains("characters)"));
    for view in ["2", "3", "4", "6", "1"] {
        dash.send(view);
        dash.send("j");
    }
    dash.resize(60, 15);
    dash.resize(200, 60);
    dash.send("5");
    // The table cuts the title; the detail beside it shows it whole, escaped.
    dash.wait_for_text(&[
        "sorted by date",
        r"\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil sixteen",
    ]);
    let everything = dash.written_since(0);
    assert_eq!(raw_dataset_controls(&everything), Vec::<&str>::new());
    dash.quit();
}

#[test]
fn term_dumb_is_refused_with_a_reason() {
    let mut dash = on_fixture(&[], 100, 30, &[("TERM", "dumb")]);
    let status = dash.wait_exit();
    assert_eq!(status.exit_code(), 1);
    let screen = dash.wait_for_text(&["TERM=dumb", "nkict list"]);
    assert!(!screen.alternate_screen());
    assert!(!String::from_utf8_lossy(&dash.written_since(0)).contains("\x1b[?1049h"));
}

#[test]
fn a_file_that_fails_at_once_is_told_before_any_screen() {
    let dir = tempfile::tempdir().unwrap();
    let not_json = dir.path().join("notes.json");
    std::fs::write(&not_json, "not json").unwrap();
    let missing = dir.path().join("missing.json");
    for file in [&not_json, &missing] {
        let mut dash = Dashboard::start(&["--data", file.to_str().unwrap()], 100, 30, &[]);
        assert_ne!(dash.wait_exit().exit_code(), 0, "{file:?}");
        dash.wait_for_text(&["nkict: error: "]);
        let written = String::from_utf8_lossy(&dash.written_since(0)).into_owned();
        assert!(written.contains("nkict: error: "), "{written:?}");
        assert!(
            !written.contains("\x1b[?1049h"),
            "a screen before the error: {written:?}"
        );
    }
}

#[test]
fn without_term_the_dashboard_draws_without_colour() {
    let mut cmd = nkict_command(&["--data", &fixture()], &[]);
    cmd.env_remove("TERM");
    let dash = Dashboard::spawn(cmd, 100, 30);
    let screen = dash.wait_for_text(&["Overview", " records"]);
    assert!(!coloured(&screen), "{}", screen.contents());
    assert!(tab_is_active(&screen, 0), "still legible by emphasis");
    dash.quit();
}

#[test]
fn csv_to_a_terminal_is_escaped_and_exact_through_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let doc = common::fixture_grown_to(2, |_, record| record["title"] = HOSTILE.into());
    let data = dir.path().join("hostile.json");
    std::fs::write(&data, serde_json::to_vec(&doc).unwrap()).unwrap();
    let data = data.to_str().unwrap();
    for args in [
        &["list", "--format", "csv"][..],
        &["export", "--format", "csv"],
        &["entities", "--format", "csv"],
    ] {
        let mut listing = Dashboard::start(&[&["--data", data][..], args].concat(), 200, 30, &[]);
        assert!(listing.wait_exit().success());
        let written = listing.written_since(0);
        assert_eq!(raw_dataset_controls(&written), Vec::<&str>::new(), "{args:?}");
        if args[0] != "entities" {
            listing.wait_for_text(&[r"\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil"]);
        }
    }
    let piped = Command::new(env!("CARGO_BIN_EXE_nkict"))
        .args(["--data", data, "list", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(piped.stdout).unwrap().contains(HOSTILE),
        "exact in a pipe"
    );
}

/// The state letter of process `pid` (`S` sleeping, `T` stopped...).
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The Records table's position label on its bottom border: `24/36`.
fn position_label(screen: &vt100::Screen) -> Option<String> {
    let contents = screen.contents();
    let bottom = contents.lines().rev().find(|line| line.starts_with('└'))?;
    let label = bottom.trim_end_matches(['┘', ' ', '─']).rsplit(['─', ' ']).next()?;
    label.contains('/').then(|| label.to_owned())
}

#[test]
fn a_resize_and_a_key_at_once_are_both_read() {
    // A key and a resize that arrive together, while nkict is busy (here:
    // stopped): crossterm's default reader (mio, edge-triggered) acted on
    // the key and lost the resize for good, so the dashboard kept paging by
    // the old height. nkict reads with crossterm's poll(2) reader instead.
    let dash = on_fixture(&[], 100, 30, &[]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date", "1/"]);
    let pid = dash.child.process_id().expect("nkict's pid");
    kill("STOP", pid);
    dash.wait_for("nkict stopped", |_| process_state(pid) == Some('T'));
    dash.resize(100, 60);
    dash.send("j");
    kill("CONT", pid);
    dash.wait_for("the second row selected", |s| {
        position_label(s).is_some_and(|l| l.starts_with("2/"))
    });
    // Paging by the new height: every record of the fixture fits, so a
    // page down from the top reaches the last.
    dash.send("g");
    dash.wait_for("the first row selected", |s| {
        position_label(s).is_some_and(|l| l.starts_with("1/"))
    });
    dash.send("\x1b[6~");
    let total = common::fixture().records.len();
    dash.wait_for(&format!("the last row selected, {total}/{total}"), |s| {
        position_label(s).is_some_and(|l| l == format!("{total}/{total}"))
    });
    dash.quit();
}

#[test]
fn a_terminal_shrunk_to_one_cell_and_back_unseen_is_drawn_again() {
    // Down to 1x1 and back while nkict is busy (stopped): it sees one
    // resize, to the size it had, but the terminal lost what it showed.
    let dash = on_fixture(&[], 100, 30, &[]);
    dash.send("5");
    dash.wait_for_text(&["sorted by date", "Years all"]);
    let pid = dash.child.process_id().expect("nkict's pid");
    kill("STOP", pid);
    dash.wait_for("nkict stopped", |_| process_state(pid) == Some('T'));
    dash.resize(1, 1);
    dash.resize(100, 30);
    kill("CONT", pid);
    dash.wait_for_text(&["sorted by date", "Years all", "5 Records"]);
    dash.quit();
}
