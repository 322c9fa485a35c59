//! Helpers for the integration tests in `tests/tests/`: they run the real example binaries.
//!
//! `cargo test --workspace` builds the examples only in test-harness form, so the first call of
//! [`bin`] runs `cargo build --workspace --bins` (same profile as the tests) once per test
//! binary; a stale example binary is therefore never tested.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

/// No example should take anywhere near this long; a hung example fails its test instead of
/// hanging the test run.
pub const TIMEOUT: Duration = Duration::from_secs(300);

/// Path of the example binary `name`, built by this workspace's cargo if needed.
pub fn bin(name: &str) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let mut dir = std::env::current_exe().expect("path of the test binary");
        dir.pop(); // <target>/<profile>/deps
        if dir.ends_with("deps") {
            dir.pop(); // <target>/<profile>
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet", "--workspace", "--bins"])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
        if dir.ends_with("release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("run cargo build");
        assert!(status.success(), "cargo build --workspace --bins failed");
        dir
    });
    let path = dir.join(name);
    assert!(path.exists(), "no binary {}", path.display());
    path
}

/// What a finished run gave.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts a zero exit status and returns stdout.
    pub fn ok(&self) -> &str {
        assert!(
            self.status.success(),
            "exit status {:?}; stderr:\n{}",
            self.status,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "stderr: {}", self.stderr);
        &self.stdout
    }

    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Runs example `name` with `args` to completion (killed after [`TIMEOUT`]).
pub fn run(name: &str, args: &[&str]) -> Run {
    let mut cmd = Command::new(bin(name));
    cmd.args(args);
    run_command(&mut cmd)
}

/// Runs any command to completion (killed after [`TIMEOUT`]), capturing stdout and stderr.
pub fn run_command(cmd: &mut Command) -> Run {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let status = wait_with_timeout(&mut child, cmd);
    Run {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).expect("read output");
        String::from_utf8(bytes).expect("output is UTF-8")
    })
}

fn wait_with_timeout(child: &mut Child, cmd: &Command) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {TIMEOUT:?}: killed");
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Bad input: exit status 2, one line naming `bad` then the usage line on stderr, no panic.
pub fn assert_usage_error(name: &str, args: &[&str], bad: &str) {
    let r = run(name, args);
    let what = format!("{name} {args:?}");
    assert_eq!(
        r.status.code(),
        Some(2),
        "{what}: status {:?}, stderr {}",
        r.status,
        r.stderr
    );
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "{what}: stderr should be an error line and the usage line: {:?}",
        r.stderr
    );
    assert!(
        lines[0].contains(bad),
        "{what}: '{}' does not name '{bad}'",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!("usage: {name}")),
        "{what}: second line is not the usage: {}",
        lines[1]
    );
    assert!(
        !r.stderr.contains("panicked") && !r.stdout.contains("panicked"),
        "{what}: panicked"
    );
    assert!(
        r.stdout.is_empty(),
        "{what}: printed on stdout: {}",
        r.stdout
    );
}

/// The usual bad values for a program whose first argument is a count: `abc`, 0, -3, a number
/// beyond 64 bits, and one argument too many (`extra` must be a full valid argument list).
pub fn assert_bad_counts_refused(name: &str, valid_args: &[&str]) {
    for bad in ["abc", "0", "-3", "99999999999999999999999", "1.5", ""] {
        assert_usage_error(name, &[bad], &format!("'{bad}'"));
    }
    let mut too_many: Vec<&str> = valid_args.to_vec();
    too_many.push("7");
    assert_usage_error(name, &too_many, "'7'");
}

/// `--help` and `-h`: exit 0, the usage line first on stdout.
pub fn assert_help(name: &str) {
    for flag in ["--help", "-h"] {
        let r = run(name, &[flag]);
        let out = r.ok();
        assert!(
            out.starts_with(&format!("usage: {name}")),
            "{name} {flag}: {out}"
        );
    }
}

/// `name args | head -1`: the program ends quietly (nothing on stderr; exit 0 or SIGPIPE).
/// `args` must make the program print more than a pipe holds (64 KiB) so that it does write to
/// the closed pipe.
pub fn assert_quiet_when_stdout_closed(name: &str, args: &[&str]) {
    let mut cmd = Command::new(bin(name));
    cmd.args(args);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let stderr = read_in_background(child.stderr.take().unwrap());
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .expect("read the first line");
    // The reader is dropped here: the pipe is closed, as `head -1` does.
    let status = wait_with_timeout(&mut child, &cmd);
    let stderr = stderr.join().unwrap();
    assert!(!first.is_empty(), "{name}: no first line");
    assert!(
        stderr.is_empty(),
        "{name} {args:?} | head -1: stderr not empty: {stderr}"
    );
    assert!(
        status.success() || status.signal() == Some(13),
        "{name} {args:?} | head -1: status {status:?}"
    );
}

/// Parses a printed Python-style list of floats, `[0.5, 100.25]`, where `None` becomes `None`.
pub fn parse_list(text: &str) -> Vec<Option<f64>> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or_else(|| panic!("not a list: {text}"));
    if inner.trim().is_empty() {
        return Vec::new();
    }
    inner
        .split(", ")
        .map(|item| match item {
            "None" => None,
            v => Some(v.parse().unwrap_or_else(|_| panic!("not a number: {v}"))),
        })
        .collect()
}

/// The thread (or process) that owns slot `i` of `n` split among `workers` as in the course,
/// with the remainder going to the last one.
pub fn owner(i: usize, n: usize, workers: usize) -> usize {
    match i.checked_div(n / workers) {
        Some(part) => part.min(workers - 1),
        None => workers - 1, // fewer slots than workers: the last one takes them all
    }
}

/// `name args` started with a stdout that is already closed (its reader gone): the program ends
/// quietly, killed by SIGPIPE at its first line, with nothing on stderr. For programs that print
/// less than a pipe holds, which `| head -1` would never make write to a closed pipe.
pub fn assert_quiet_when_stdout_closed_at_start(name: &str, args: &[&str]) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = Command::new(bin(name));
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start");
    let stderr = read_in_background(child.stderr.take().unwrap());
    let status = wait_with_timeout(&mut child, &cmd);
    let stderr = stderr.join().unwrap();
    assert!(
        stderr.is_empty(),
        "{name} {args:?} >&-: stderr not empty: {stderr}"
    );
    assert_eq!(
        status.signal(),
        Some(13),
        "{name} {args:?} >&-: status {status:?}, not SIGPIPE"
    );
}
