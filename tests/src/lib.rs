//! Helpers for the integration tests in `tests/tests/`: they run the real example binaries.
//!
//! `cargo test --workspace` builds the examples only in test-harness form, so the first call of
//! [`bin`] runs `cargo build --workspace --bins` (same profile as the tests) once per test
//! binary; a stale example binary is therefore never tested.
//!
//! The programs run as `check` runs them, through the `harness` crate: its time-out
//! ([`TIMEOUT`]), kill policy and `mpirun`; here, a run that does not end fails its test.
//!
//! ## As root, without MPI, in CI
//!
//! The tests of `tests/tests/failures.rs` need root on Linux: each program runs as a user of its
//! own (a spare uid) with `RLIMIT_NPROC`, from a copy in a folder of the temporary directory
//! that every user can enter (`TMPDIR`, or `/tmp` when `TMPDIR` is private), removed afterwards;
//! so they also pass as root in a clone only root can enter (`/root`, a `mktemp -d` folder, a
//! container or a CI job). To run them: `sudo -E cargo test -p course-tests --test failures`, or
//! as root in a container. Built by another user, or on macOS, `cargo test` lists them as
//! ignored, with the reason; so are the MPI tests where `mpirun`, `mpicc` or libclang is missing
//! (`tests/build.rs` decides, and `COURSE_REQUIRE_MPI=1`, as in CI, makes a missing MPI fail
//! them instead).
//!
//! What CI runs, `.ci/run`: it installs MPI, then `cargo fmt --check` and
//! `cargo clippy -D warnings` on both workspaces, and `cargo test --workspace` (with
//! `COURSE_REQUIRE_MPI=1`); it builds the book, with no warning allowed, and reads it in headless
//! Chromium (`book/check-in-browser.py`); then it writes the students' handout into a temporary
//! folder and runs there both set-up commands, `check -- start 1` and `check -- 1` on the
//! unchanged copy, which must fail, breaks two copies (a source, a manifest) and runs
//! `check list` and `cargo test --workspace` again, and runs an MPI copy with the command
//! `check start 22` prints; it grades a copy in the teachers' tree and checks that `git status`
//! shows nothing; last, it runs every command the README and the book print, as printed
//! (`book/check-commands.py`).

pub mod fill;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

pub use harness::limits::processes_of;
pub use harness::{Run, Scratch, TIMEOUT, one_mpirun_at_a_time, owner, read};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Path of the example binary `name`, built by this workspace's cargo if needed (by
/// [`build_mpi_examples`] for a program of `examples-mpi/`); or, if `name` is a path (holds a
/// `/`), that program (a solution the answer key built from its patch).
pub fn bin(name: &str) -> PathBuf {
    if name.contains('/') {
        return PathBuf::from(name);
    }
    if Path::new(ROOT).join("examples-mpi").join(name).join("Cargo.toml").is_file() {
        build_mpi_examples();
    } else {
        static BUILT: OnceLock<()> = OnceLock::new();
        BUILT.get_or_init(|| {
            let (built, why) = cargo_build(&["--workspace", "--bins"]);
            assert!(built, "cargo build --workspace --bins failed:\n{why}");
        });
    }
    let path = profile_dir().join(name);
    assert!(path.exists(), "no binary {}", path.display());
    path
}

/// `cargo build --quiet ARGS…` from the workspace's root, in this profile: whether it
/// succeeded, and what it said on stderr.
fn cargo_build(args: &[&str]) -> (bool, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--quiet"]).args(args).current_dir(ROOT);
    if profile_dir().ends_with("release") {
        cmd.arg("--release");
    }
    let out = cmd.output().expect("run cargo build");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// This profile's folder of the target directory, `<target>/<profile>`, where cargo puts the
/// binaries (the test binary is in its `deps/`).
fn profile_dir() -> PathBuf {
    let mut dir = std::env::current_exe().expect("path of the test binary");
    dir.pop(); // <target>/<profile>/deps
    if dir.ends_with("deps") {
        dir.pop(); // <target>/<profile>
    }
    dir
}

/// Runs example `name` with `args` to completion (killed after [`TIMEOUT`]).
pub fn run(name: &str, args: &[&str]) -> Run {
    run_command(&mut command(name, args))
}

/// Runs any command to completion (stopped at [`TIMEOUT`]), capturing stdout and stderr. A run
/// that does not start, or is stopped, fails the test.
pub fn run_command(cmd: &mut Command) -> Run {
    ended(harness::run_command(cmd, format!("{cmd:?}")))
}

/// `run`, which must have ended by itself.
#[track_caller]
fn ended(run: Run) -> Run {
    assert!(run.status.is_some(), "{}: {}", run.command, run.ended());
    run
}

/// Runs example `name` as [`run`] does, as a child subreaper (Linux): a child the program did
/// not reap becomes this test process's, still in the program's process group, and the run
/// sees it ([`Run::left_behind`]): that fails the test.
pub fn run_reaped(name: &str, args: &[&str]) -> Run {
    #[cfg(target_os = "linux")]
    nix::sys::prctl::set_child_subreaper(true).expect("become a subreaper");
    let r = run(name, args);
    assert!(!r.left_behind, "{}: a child was not reaped (killed now)", r.command);
    r
}

/// As [`run_command`], with `input` on the command's stdin, as `… | command` would give it.
pub fn run_with_input(cmd: &mut Command, input: &str) -> Run {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let mut child = cmd.spawn().expect("start the command");
    let (mut stdin, input) = (child.stdin.take().expect("stdin"), input.to_owned());
    // A command that stops reading early closes the pipe: that is its answer, not an error here.
    std::thread::spawn(move || drop(std::io::Write::write_all(&mut stdin, input.as_bytes())));
    finished(child, format!("{cmd:?}"))
}

/// Starts `cmd` in a process group of its own, stdin empty, stderr read, stdout on `stdout`;
/// `cmd` is dropped, and with it this process's copy of `stdout`.
pub fn spawn_with_stdout(mut cmd: Command, stdout: impl Into<Stdio>) -> Child {
    cmd.process_group(0).stdin(Stdio::null()).stdout(stdout).stderr(Stdio::piped());
    cmd.spawn().unwrap_or_else(|e| panic!("start {cmd:?}: {e}"))
}

/// Waits for `child`, started by [`spawn_with_stdout`], as the harness does (until [`TIMEOUT`]);
/// a run that does not end fails the test.
pub fn finished(child: Child, shown: String) -> Run {
    ended(harness::finish(child, shown, TIMEOUT, |_| {}))
}

/// Bad input: exit status 2, one line naming `bad` (as `'abc'`) then the usage line on stderr,
/// no panic, nothing on stdout (the verdict: `harness::read::usage_error`).
#[track_caller]
pub fn assert_usage_error(name: &str, args: &[&str], bad: &str) {
    let r = run(name, args);
    if let Err(wrong) = harness::read::usage_error(&r, Some(program_name(name)), bad) {
        panic!("{name} {args:?}: {wrong}");
    }
}

/// The name a program calls itself in its usage line: `name`, or a path's last part.
fn program_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
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

/// `--help` and `-h`: exit 0, the usage line first on stdout (the verdict:
/// `harness::read::help`).
#[track_caller]
pub fn assert_help(name: &str) {
    for flag in ["--help", "-h"] {
        let r = run(name, &[flag]);
        if let Err(wrong) = harness::read::help(&r, Some(program_name(name))) {
            panic!("{name} {flag}: {wrong}");
        }
    }
}

/// `name args | head -c 1`: the program ends quietly when its stdout is closed while it still
/// writes: killed by SIGPIPE, as a C program is, with nothing on stderr. On Linux the pipe is
/// shrunk to one page (4 KiB) and closed after the first byte, so `args` must make the program
/// print more than 8 KiB: it then surely writes again after the pipe is closed. (Only Linux can
/// shrink a pipe: elsewhere it holds up to 64 KiB, and the program must print more than 128 KiB.)
pub fn assert_quiet_when_stdout_closed(name: &str, args: &[&str]) {
    let (mut reader, writer) = std::io::pipe().expect("pipe");
    #[cfg(target_os = "linux")]
    nix::fcntl::fcntl(&reader, nix::fcntl::FcntlArg::F_SETPIPE_SZ(4096)).expect("shrink the pipe");
    // Only the program holds the pipe's write end once it started.
    let child = spawn_with_stdout(command(name, args), writer);
    let mut first = [0u8; 1];
    let got = reader.read(&mut first).expect("read the first byte");
    drop(reader); // the pipe is closed, as `head -c 1` does
    let r = finished(child, format!("{name} {args:?} | head -c 1"));
    assert_eq!(got, 1, "{name}: printed nothing");
    assert!(r.stderr.is_empty(), "{}: stderr not empty: {}", r.command, r.stderr);
    assert_eq!(r.signal(), Some(13), "{}: not ended by SIGPIPE", r.command);
}

/// A printed Python-style list of floats, `[0.5, 100.25]`, where `None` becomes `None`
/// (`harness::read::list`); fails the test if `text` is not one.
#[track_caller]
pub fn parse_list(text: &str) -> Vec<Option<f64>> {
    harness::read::list(text).unwrap_or_else(|| panic!("not a list of numbers: {text}"))
}

/// `name args` with a stdout nobody reads (the reading end is closed before the program starts):
/// the program and every process it forks meet the closed pipe at their first write. It must
/// end quietly: nothing on stderr, exit 0 or killed by SIGPIPE, no temporary file left behind.
pub fn assert_quiet_when_stdout_closed_at_start(name: &str, args: &[&str]) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    // A temporary file the program makes must be gone too, although SIGPIPE ended it.
    let tmpdir = Scratch::new(&format!("closed-{}", program_name(name)));
    let mut cmd = command(name, args);
    cmd.env("TMPDIR", &tmpdir.0);
    let r = finished(spawn_with_stdout(cmd, writer), format!("{name} {args:?} >closed pipe"));
    assert!(r.stderr.is_empty(), "{}: stderr not empty: {}", r.command, r.stderr);
    assert!(r.code() == Some(0) || r.signal() == Some(13), "{}: {}", r.command, r.ended());
    assert_empty_dir(&tmpdir.0);
}

/// The command `name args`, `name` an example (see [`bin`]).
pub fn command(name: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin(name));
    cmd.args(args);
    cmd
}

/// Fails the test if `dir` holds anything: what a program left behind.
#[track_caller]
pub fn assert_empty_dir(dir: &Path) {
    let left = std::fs::read_dir(dir).expect("read the folder").flatten().map(|e| e.path());
    let left: Vec<PathBuf> = left.collect();
    assert!(left.is_empty(), "left behind in {}: {left:?}", dir.display());
}

/// `name args`, where `args` names `path`, a file it cannot open or write: exit status 1, and
/// stderr names the path, with no panic. Returns the run, for what else it must show.
#[track_caller]
pub fn assert_fails_naming(name: &str, args: &[&str], path: &str) -> Run {
    let r = run(name, args);
    assert_eq!(r.code(), Some(1), "{}: {}", r.command, r.ended());
    let said = r.stderr.contains(path) && !r.stderr.contains("panicked");
    assert!(said, "{}: stderr does not name {path}, or a panic: {}", r.command, r.stderr);
    r
}

/// The pids of the children of process `pid` (Linux: `/proc/PID/task/PID/children`; elsewhere,
/// macOS included, `pgrep -P PID`).
pub fn children_of(pid: u32) -> Vec<u32> {
    let list = if cfg!(target_os = "linux") {
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default()
    } else {
        let out = Command::new("pgrep").args(["-P", &pid.to_string()]).output();
        String::from_utf8_lossy(&out.expect("run pgrep").stdout).into_owned()
    };
    list.split_whitespace().map(|p| p.parse().expect("a pid")).collect()
}

/// Starts `cmd`, waits until it has forked `count` children, kills the first `killed` of them
/// with SIGKILL and returns how the program ended, and the children. `cmd` must keep its
/// children busy until they are killed.
pub fn run_and_kill_children(cmd: &mut Command, count: usize, killed: usize) -> (Run, Vec<u32>) {
    use nix::sys::signal::{Signal, kill};
    let mut kids = Vec::new();
    let r = harness::run_watched(cmd, format!("{cmd:?}"), TIMEOUT, |pid| {
        let seen = if kids.is_empty() { children_of(pid as u32) } else { Vec::new() };
        if seen.len() >= count {
            for kid in &seen[..killed] {
                let pid = nix::unistd::Pid::from_raw(*kid as i32);
                kill(pid, Signal::SIGKILL).unwrap_or_else(|e| panic!("kill -KILL {kid}: {e}"));
            }
            kids = seen;
        }
    });
    assert!(!kids.is_empty(), "{}: {} before {count} children were seen", r.command, r.ended());
    (ended(r), kids)
}

/// Path of `name` in this profile's target directory if it is there, without building anything
/// (for binaries of another workspace, such as `examples-mpi/`, which `bin` does not build).
/// Looks in `<target>/<profile>/` first, then in `examples-mpi/target/<profile>/`.
pub fn built(name: &str) -> Option<PathBuf> {
    let dir = profile_dir();
    let profile = dir.file_name().map(PathBuf::from).unwrap_or_default();
    let mpi_dir = Path::new(ROOT).join("examples-mpi/target");
    [dir.join(name), mpi_dir.join(profile).join(name)].into_iter().find(|path| path.is_file())
}

/// Runs example `name` with `args` as if under `ulimit -u LIMIT`: as a user of its own (a
/// numeric uid no one else uses) allowed `limit` processes and threads in all, so that the
/// `fork` or thread `spawn` beyond them fails with EAGAIN (Linux: macOS counts no threads).
/// Returns the run and the uid. Needs root, to change user (a normal user's limit would count
/// all of that user's other processes): the tests that call it are ignored otherwise.
///
/// The other user may not be able to reach the workspace (a clone in `/root`, or in a
/// `mktemp -d` folder, mode 700): the program runs from a copy in a folder of the temporary
/// directory that every user can enter, with a `TMPDIR` of its own, owned by that user, which
/// it must leave empty. The folder is removed afterwards, also when the test fails.
pub fn run_with_process_limit(name: &str, args: &[&str], limit: u64) -> (Run, u32) {
    use harness::limits::{Confinement, Limits, free_user};
    use std::os::unix::fs::PermissionsExt;
    // One at a time: a copy being written while another test forks could reach that child
    // (until it execs) and make the copy's own exec fail with "Text file busy".
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    assert_eq!(
        unsafe { nix::libc::geteuid() },
        0,
        "{name} under a process limit: these tests need root (they are ignored when the tests \
         are built by another user; this run is not root but the build was)"
    );
    let program = bin(name);
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let uid = free_user();
    let scratch = Scratch::reachable_by_all(&format!("failures-{name}"));
    let copy = scratch.0.join(name);
    std::fs::copy(&program, &copy).expect("copy the program");
    std::fs::set_permissions(&copy, PermissionsExt::from_mode(0o755)).expect("chmod the copy");
    let tmpdir = scratch.0.join("tmp");
    std::fs::create_dir(&tmpdir).expect("make the program's TMPDIR");
    std::os::unix::fs::chown(&tmpdir, Some(uid), Some(uid)).expect("chown the program's TMPDIR");
    let mut cmd = Command::new(&copy);
    cmd.args(args).current_dir(&scratch.0);
    // As `check grade` confines a student's copy: only the number of processes is limited.
    let limits =
        Limits { processes: limit, memory: u64::MAX, file_size: u64::MAX, cpu_seconds: u64::MAX };
    let home = tmpdir.clone();
    Confinement { dir: scratch.0.clone(), home, limits, user: Some(uid) }.apply(&mut cmd);
    // The copy may still be open for writing in a child that another test of this binary forked
    // while it was written (until that child's exec): then its own exec fails with "Text file
    // busy" (ETXTBSY), for a moment only. Wait and start it again.
    let shown = format!("{cmd:?}");
    let mut run = harness::run_command(&mut cmd, shown.clone());
    for _ in 0..100 {
        if run.status.is_some() || !run.ended().contains("Text file busy") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        run = harness::run_command(&mut cmd, shown.clone());
    }
    let run = ended(run);
    let left: Vec<_> = std::fs::read_dir(&tmpdir).expect("read its TMPDIR").flatten().collect();
    drop(scratch);
    assert!(left.is_empty(), "{name} {args:?} under a process limit left {left:?} in its TMPDIR");
    (run, uid)
}

/// A failed system call: exit status 1 and exactly one line on stderr, `NAME: CALL: reason`,
/// no panic, nothing left running.
pub fn assert_failed_call(name: &str, run: &Run, uid: u32, call: &str) {
    let what = format!("{name} under a process limit");
    assert_eq!(run.code(), Some(1), "{what}: {:?}, stderr: {}", run.status, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: stderr should be one line: {}", run.stderr);
    assert!(
        lines[0].starts_with(&format!("{name}: {call}: "))
            && lines[0].contains("Resource temporarily unavailable"),
        "{what}: {}",
        lines[0]
    );
    assert!(!run.left_behind, "{what}: processes of its group left running (killed now)");
    assert_eq!(processes_of(uid), Vec::<u32>::new(), "{what}: processes left running");
}

// ---- What several programs print alike ----

/// What two-threads and two-processes print for `n` workers (`word`: thread or process): ten
/// lines `In the WORD K` from each, then the line `started` before the first `Join WORD`, and
/// one `Join WORD` per worker; nothing else.
#[track_caller]
pub fn check_started_then_joined(out: &str, n: usize, word: &str, started: &str) {
    let lines: Vec<&str> = out.lines().collect();
    for k in 0..n {
        let mine = lines.iter().filter(|l| **l == format!("In the {word} {k}")).count();
        assert_eq!(mine, 10, "{word} {k} printed {mine} lines:\n{out}");
    }
    let at = |text: &str| (0..lines.len()).filter(|&i| lines[i] == text).collect::<Vec<_>>();
    let (starts, joins) = (at(started), at(&format!("Join {word}")));
    assert_eq!(starts.len(), 1, "{out}");
    assert_eq!(joins.len(), n, "{out}");
    assert!(starts[0] < joins[0], "'{started}' after a 'Join {word}':\n{out}");
    assert_eq!(lines.len(), 10 * n + 1 + n, "unexpected lines:\n{out}");
}

/// Runs a counter without its lock (`racy-counter ARGS`, `file-counter ARGS --no-lock`): its two
/// lines, `Counter = A` then `expected = E, actual = A, lost updates = L`, must hold together
/// (0 < A ≤ E, L = E − A). Returns (E, A, L).
#[track_caller]
pub fn unlocked_count(name: &str, args: &[&str]) -> (u64, u64, u64) {
    let r = run(name, args);
    let out = r.ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let numbers: Vec<&str> =
        lines[1].split(", ").map(|p| p.rsplit(" = ").next().unwrap()).collect();
    assert_eq!(lines[0], format!("Counter = {}", numbers[1]));
    let number = |i: usize| numbers[i].parse::<i64>().unwrap_or_else(|_| panic!("{out}"));
    let (expected, actual, lost) = (number(0), number(1), number(2));
    assert!(0 < actual && actual <= expected, "{}: {actual} of {expected}", r.command);
    assert_eq!(lost, expected - actual, "{}", r.command);
    (expected as u64, actual as u64, lost as u64)
}

/// What io-thread and its twin with processes print (`word`: thread or process): ten lines
/// from the worker that does nothing, and last the file the other one wrote, read back.
#[track_caller]
pub fn check_io_output(out: &str, word: &str) {
    let lines: Vec<&str> = out.lines().collect();
    let idle = format!("I am the first {word} I do nothing");
    assert_eq!(lines.iter().filter(|l| **l == idle).count(), 10, "{out}");
    let read_back = format!("File content : I am the second {word}");
    assert_eq!(lines.last().copied(), Some(read_back.as_str()), "{out}");
    assert_eq!(lines.len(), 11, "{out}");
}

/// io-thread or its twin with processes (`name`, whose workers are `word`s): its default
/// file, in `TMPDIR`, is read back and removed.
pub fn check_io_default_file(name: &str, word: &str) {
    let tmp = Scratch::new(name);
    let r = run_command(Command::new(bin(name)).env("TMPDIR", &tmp.0));
    check_io_output(r.ok(), word);
    assert_empty_dir(&tmp.0);
}

/// Four runs at once of io-thread or its twin with processes do not clash (each its own
/// file).
pub fn check_io_runs_at_once(name: &'static str, word: &str) {
    let runs: Vec<_> = (0..4).map(|_| std::thread::spawn(move || run(name, &[]))).collect();
    for r in runs {
        check_io_output(r.join().unwrap().ok(), word);
    }
}

/// Links planted at the names io-thread or its twin with processes picks first (`sh` keeps
/// its pid through `exec`): it must choose another name and leave the link's target alone.
pub fn check_io_planted_links(name: &str, word: &str) {
    let tmp = Scratch::new(&format!("{name}-link"));
    std::fs::write(tmp.0.join("target.txt"), "precious").unwrap();
    let plant = format!(
        r#"for a in 0 1 2; do ln -s "$TMPDIR/target.txt" "$TMPDIR/{name}-$$-$a.txt"; done; exec "$0""#
    );
    let mut sh = Command::new("sh");
    sh.args(["-c", &plant]).arg(bin(name)).env("TMPDIR", &tmp.0);
    check_io_output(run_command(&mut sh).ok(), word);
    assert_eq!(std::fs::read_to_string(tmp.0.join("target.txt")).unwrap(), "precious");
    let files: Vec<_> = std::fs::read_dir(&tmp.0).unwrap().flatten().collect();
    let links = files.iter().filter(|e| e.file_type().unwrap().is_symlink()).count();
    assert_eq!((links, files.len()), (3, 4), "the links stay, the fresh file is gone");
}

/// An explicit path given to io-thread or its twin with processes is kept, holding what was
/// written and nothing of what it held before.
pub fn check_io_explicit_path(name: &str, word: &str) {
    let tmp = Scratch::new(&format!("{name}-explicit"));
    let path = tmp.0.join("file.txt");
    std::fs::write(&path, "old content, longer than the new one").unwrap();
    check_io_output(run(name, &[path.to_str().unwrap()]).ok(), word);
    let written = format!("I am the second {word}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}

/// The `PI = …` line that a successful run prints first, every digit as Python prints a float
/// (`read::pi`), and its value.
#[track_caller]
pub fn pi_first(r: &Run) -> (String, f64) {
    let out = r.ok();
    let line = out.lines().next().unwrap_or_default();
    let pi = read::pi(line).unwrap_or_else(|| panic!("{}: no PI line first:\n{out}", r.command));
    (line.to_string(), pi)
}

/// Every point of 0..N is counted exactly once: `program WORKERS N EXTRA…` prints the sum of
/// pi-sequential, to `within`, for each N of `points` and each count of `workers` (one point
/// more or less would change it by about 4/N).
pub fn check_split(program: &str, extra: &[&str], workers: &[&str], points: &[&str], within: f64) {
    for n in points {
        let (_, expected) = pi_first(&run("pi-sequential", &[n]));
        for t in workers {
            let args = [&[*t, *n][..], extra].concat();
            let (_, got) = pi_first(&run(program, &args));
            let what = format!("{program} {args:?}: {got}, pi-sequential {n}: {expected}");
            assert!((got - expected).abs() < within, "{what}");
        }
    }
}

/// The course's lines, as a run of a pi program printed them: `PI = …` (every digit) within
/// `within` of π, the error line, the time line (`0:01.27 elapsed 199%CPU`), in a dev build the
/// line that says so, and `more` lines after them; nothing else.
#[track_caller]
pub fn check_course_lines(r: &Run, within: f64, more: usize) {
    let (first, pi) = pi_first(r);
    assert!((pi - std::f64::consts::PI).abs() < within, "{}: {first}", r.command);
    let lines = r.lines();
    let error = "std::f64::consts::PI = 3.141592653589793 => error = ";
    let error_line = lines[1].starts_with(error) && lines[1].ends_with('%');
    assert!(error_line, "{}: {}", r.command, lines[1]);
    assert!(read::time_line(lines[2]).is_some(), "{}: {}", r.command, lines[2]);
    let dev = lines.iter().filter(|l| l.starts_with("(dev build")).count();
    assert_eq!(dev, usize::from(cfg!(debug_assertions)), "{}:\n{}", r.command, r.stdout);
    assert_eq!(lines.len(), 3 + dev + more, "{}:\n{}", r.command, r.stdout);
}

// ---- MPI (examples-mpi/, a workspace of its own) ----

/// Builds the MPI workspace into this workspace's target directory (so that its binaries stand
/// next to the others), once; a test fails if it cannot. [`bin`] calls it for the programs of
/// `examples-mpi/`, and every MPI test carries `#[cfg_attr(no_mpi, ignore = "…")]`: `tests/build.rs` sets `no_mpi` where MPI is
/// missing (never under `COURSE_REQUIRE_MPI=1`, as in CI), and `cargo test` then reports the
/// test as ignored, with the reason, instead of running it.
pub fn build_mpi_examples() {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let install = "sudo apt-get install libopenmpi-dev openmpi-bin libclang-dev";
        let found =
            Command::new("mpirun").arg("--version").output().is_ok_and(|o| o.status.success());
        if !found {
            return Err(format!("mpirun was not found: install MPI ({install})"));
        }
        let target = profile_dir().parent().expect("<target>").to_string_lossy().into_owned();
        let manifest = ["--manifest-path", "examples-mpi/Cargo.toml"];
        let (built, why) = cargo_build(&[&manifest[..], &["--target-dir", &target]].concat());
        if !built {
            return Err(format!("building examples-mpi failed (it needs {install}):\n{why}"));
        }
        Ok(())
    });
    if let Err(why) = built {
        panic!("{why}");
    }
}

/// `mpirun -n RANKS PROGRAM ARGS…` as `check` runs it (see `harness::mpirun_command`), one
/// at a time.
pub fn mpirun(ranks: usize, program: &str, args: &[&str]) -> Run {
    let _turn = one_mpirun_at_a_time();
    run_command(&mut harness::mpirun_command(ranks, &bin(program), args))
}
