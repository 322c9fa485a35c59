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

/// `name args` with a stdout nobody reads (the reading end is closed before the program starts):
/// the program and every process it forks meet the closed pipe at their first write. It must
/// end quietly: nothing on stderr, exit 0 or killed by SIGPIPE.
pub fn assert_quiet_when_stdout_closed_at_start(name: &str, args: &[&str]) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = Command::new(bin(name));
    cmd.args(args);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let stderr = read_in_background(child.stderr.take().unwrap());
    let status = wait_with_timeout(&mut child, &cmd);
    let stderr = stderr.join().unwrap();
    assert!(
        stderr.is_empty(),
        "{name} {args:?} >closed pipe: stderr not empty: {stderr}"
    );
    assert!(
        status.success() || status.signal() == Some(13),
        "{name} {args:?} >closed pipe: status {status:?}"
    );
}

/// The pids of the children of process `pid` (Linux: `/proc/PID/task/PID/children`).
pub fn children_of(pid: u32) -> Vec<u32> {
    let list =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    list.split_whitespace()
        .map(|p| p.parse().expect("a pid"))
        .collect()
}

/// Starts `cmd`, waits until it has forked `count` children, kills them all with SIGKILL and
/// returns how the program ended. `cmd` must keep its children busy until they are killed.
pub fn run_and_kill_children(cmd: &mut Command, count: usize) -> (Run, Vec<u32>) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let start = Instant::now();
    let mut kids = children_of(child.id());
    while kids.len() < count {
        if start.elapsed() > TIMEOUT || child.try_wait().expect("wait").is_some() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?}: {} children seen, not {count}", kids.len());
        }
        thread::sleep(Duration::from_millis(2));
        kids = children_of(child.id());
    }
    for kid in &kids {
        let killed = Command::new("kill")
            .args(["-KILL", &kid.to_string()])
            .status()
            .expect("run kill");
        assert!(killed.success(), "kill -KILL {kid} failed");
    }
    let status = wait_with_timeout(&mut child, cmd);
    let run = Run {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (run, kids)
}

/// Path of `name` in this profile's target directory if it is there, without building anything
/// (for binaries of another workspace, such as `examples-mpi/`, which `bin` does not build).
/// Looks in `<target>/<profile>/` first, then in `examples-mpi/target/<profile>/`.
pub fn built(name: &str) -> Option<PathBuf> {
    let mut dir = std::env::current_exe().expect("path of the test binary");
    dir.pop(); // <target>/<profile>/deps
    if dir.ends_with("deps") {
        dir.pop(); // <target>/<profile>
    }
    let profile = dir.file_name().map(PathBuf::from).unwrap_or_default();
    let mpi_dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples-mpi/target"
    ));
    [dir.join(name), mpi_dir.join(profile).join(name)]
        .into_iter()
        .find(|path| path.is_file())
}

/// Runs example `name` with `args` under the `peak-rss` tool (its stdout sent to /dev/null),
/// asserts that it succeeds and returns its peak resident memory in KiB: `ru_maxrss` of the
/// program and of the children it reaped, what `/usr/bin/time -v` calls "Maximum resident set
/// size". The tool, a small single-threaded process, starts the program: started from a test
/// binary, the program's peak would include the test binary's memory.
pub fn peak_rss_kib(name: &str, args: &[&str]) -> i64 {
    let mut cmd = Command::new(bin("peak-rss"));
    cmd.arg(bin(name)).args(args);
    let r = run_command(&mut cmd);
    let out = r.ok();
    out.trim_end()
        .strip_prefix("Maximum resident set size (kbytes): ")
        .and_then(|kib| kib.parse().ok())
        .unwrap_or_else(|| panic!("peak-rss {name} {args:?}: {out}"))
}
