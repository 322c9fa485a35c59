//! Running a program to its end, or stopping it at the time-out: one loop for the tests and
//! the checks alike.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// How long one run of a program may take, in the tests and in the checks alike. A program
/// still running then is blocked: it is stopped, and the test fails or the check says so.
///
/// Measured with `HARNESS_TIMES=FILE COURSE_REQUIRE_MPI=1 cargo test --workspace` (each run
/// appends its seconds and command line to FILE), on 2 cores with a load average of 3: of 2 747
/// runs, the longest that ended by itself took 3.2 s (`mpi-exchange --wrong-order` on 4 ranks,
/// which its own watchdog stops after 3 s), every other one at most 2.1 s; the 6 runs stopped
/// at the time-out were the blocked programs the tests make on purpose (kept wrong answers, a
/// hanging script). Ten seconds is three times the longest run; it is also how long a student
/// waits when a check meets a blocked program, and what each blocked wrong answer costs the
/// answer key's tests.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// For a command that itself builds or runs programs one after another (`check` run by its own
/// tests: 7.1 s at most in the same measure, `pi-scaling` or a Python timing in an
/// observation): thirty runs' worth.
pub const LONG_TIMEOUT: Duration = Duration::from_secs(30 * TIMEOUT.as_secs());

/// Set by Ctrl-C once [`stop_on_interrupt`] was called (`check watch`).
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: nix::libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on, Ctrl-C (SIGINT) stops the program being run (its whole process group, which
/// the terminal's Ctrl-C does not reach) and sets [`interrupted`].
pub fn stop_on_interrupt() {
    use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, sigaction};
    let action =
        SigAction::new(SigHandler::Handler(on_interrupt), SaFlags::empty(), SigSet::empty());
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { sigaction(Signal::SIGINT, &action) }.expect("sigaction(SIGINT)");
}

/// Whether Ctrl-C was pressed (see [`stop_on_interrupt`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Why a run has no exit status.
#[derive(Debug, Clone)]
enum Stop {
    Blocked(Duration),
    Interrupted,
    NotStarted(String),
}

/// What a run gave.
#[derive(Debug)]
pub struct Run {
    /// The command line, as a reader can type it again.
    pub command: String,
    /// `None` if it did not start or was stopped (see [`Run::blocked`], [`Run::ended`]).
    pub status: Option<ExitStatus>,
    pub stdout: String,
    pub stderr: String,
    /// Whether a process of its group was still there when it ended (a child it did not
    /// wait for): killed then, but a test can say so. Also when a process outside its group
    /// still held its stdout or stderr 2 s after it ended (not killed: not of its group).
    pub left_behind: bool,
    stop: Option<Stop>,
}

impl Run {
    /// A run made elsewhere (a build's `output()`, or a file read, whose "command" is how to
    /// see it); no `status`: it did not start.
    pub fn new(command: String, status: Option<ExitStatus>, stdout: String, stderr: String) -> Run {
        let stop = status.is_none().then(|| Stop::NotStarted(String::new()));
        Run { command, status, stdout, stderr, left_behind: false, stop }
    }

    /// Exit status 0, and no panic.
    pub fn succeeded(&self) -> bool {
        self.code() == Some(0) && !self.stderr.contains("panicked")
    }

    /// For the tests: asserts that it [succeeded](Run::succeeded), and returns its stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert!(self.succeeded(), "`{}`: {}; stderr:\n{}", self.command, self.ended(), self.stderr);
        &self.stdout
    }

    /// Whether it was still running at the time-out, and stopped.
    pub fn blocked(&self) -> bool {
        matches!(self.stop, Some(Stop::Blocked(_)))
    }

    /// What its stderr says first: its first line, or a panic's line and its reason whole.
    pub fn stderr_said(&self) -> String {
        said_first(&self.stderr)
    }

    /// The exit code, if the program exited.
    pub fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    /// The signal that ended it, if one did.
    pub fn signal(&self) -> Option<i32> {
        self.status.and_then(|s| s.signal())
    }

    /// How it ended, in words: `exit status 1 (stderr: …)`, `killed by signal 11 (SIGSEGV)`,
    /// `still running after 10 s: stopped`.
    pub fn ended(&self) -> String {
        match (&self.stop, self.status) {
            (Some(Stop::Blocked(after)), _) => {
                format!("still running after {} s: stopped", after.as_secs())
            }
            (Some(Stop::Interrupted), _) => "stopped by Ctrl-C".into(),
            (Some(Stop::NotStarted(why)), _) if why.is_empty() => "could not start".into(),
            (Some(Stop::NotStarted(why)), _) => format!("could not start: {why}"),
            (None, Some(status)) => describe(status, &self.stderr),
            (None, None) => "could not start".into(),
        }
    }

    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Runs `cmd` (stdin empty, stdout and stderr read) to its end, or until [`TIMEOUT`]. `shown`
/// is the command line that reports print.
pub fn run_command(cmd: &mut Command, shown: impl Into<String>) -> Run {
    run_watched(cmd, shown, TIMEOUT, |_| {})
}

/// As [`run_command`], until `timeout`, calling `watch` with the program's pid (also its
/// process group's id) every millisecond or so while it runs.
pub fn run_watched(
    cmd: &mut Command,
    shown: impl Into<String>,
    timeout: Duration,
    watch: impl FnMut(i32),
) -> Run {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    crate::limits::apply_if_confined(cmd);
    match cmd.spawn() {
        Ok(child) => finish(child, shown, timeout, watch),
        Err(e) => {
            let mut run = Run::new(shown.into(), None, String::new(), String::new());
            run.stop = Some(Stop::NotStarted(e.to_string()));
            run
        }
    }
}

/// The run loop. Waits for `child`, which the caller started in a process group of its own
/// (`process_group(0)`), with a stdout of its choosing if need be; its stdout and stderr are
/// read (in the background) if they are pipes. At `timeout`, or Ctrl-C, the group is asked to
/// end (SIGTERM, so that `mpirun` stops its ranks, which are not in its group), then killed
/// (SIGKILL) 2 s later. Once the program has ended, what is left of its group is killed: no
/// child of it outlives the run (see [`Run::left_behind`]).
pub fn finish(
    mut child: Child,
    shown: impl Into<String>,
    timeout: Duration,
    mut watch: impl FnMut(i32),
) -> Run {
    let stdout = child.stdout.take().map(read_in_background);
    let stderr = child.stderr.take().map(read_in_background);
    let start = Instant::now();
    let group = Pid::from_raw(child.id() as i32);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() < timeout && !interrupted() => {
                watch(group.as_raw());
                thread::sleep(Duration::from_millis(1))
            }
            _ => break None,
        }
    };
    if status.is_none() {
        let _ = killpg(group, Signal::SIGTERM);
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(2) && matches!(child.try_wait(), Ok(None)) {
            thread::sleep(Duration::from_millis(10));
        }
    }
    // Anyone of the group, running or a zombie nobody reaped.
    let left_behind = status.is_some() && killpg(group, None).is_ok();
    let _ = killpg(group, Signal::SIGKILL);
    let _ = child.wait();
    // A process outside the group (one that made a group of its own) may still hold the
    // pipes: what was read by then, 2 s later at most, and it counts as left behind.
    let ended = Instant::now();
    let mut held = false;
    let mut text = |reader: Option<Reader>| {
        let Some(reader) = reader else { return String::new() };
        let wait = Duration::from_secs(2).saturating_sub(ended.elapsed());
        held |= reader.done.recv_timeout(wait).is_err();
        let bytes = reader.bytes.lock().unwrap_or_else(|p| p.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let (stdout, stderr) = (text(stdout), text(stderr));
    let left_behind = left_behind || held;
    let stop = match status {
        Some(_) => None,
        None if interrupted() => Some(Stop::Interrupted),
        None => Some(Stop::Blocked(timeout)),
    };
    let run = Run { command: shown.into(), status, stdout, stderr, left_behind, stop };
    note_time(&run, start.elapsed());
    run
}

/// With `HARNESS_TIMES=FILE`, appends the run's seconds and command line to FILE: how
/// [`TIMEOUT`] was chosen.
fn note_time(run: &Run, took: Duration) {
    let Some(path) = std::env::var_os("HARNESS_TIMES") else { return };
    let line = format!("{:.3} {}\n", took.as_secs_f64(), run.command);
    let file = std::fs::OpenOptions::new().create(true).append(true).open(path);
    // One write of a short line: lines from parallel runs do not mix.
    let _ = file.and_then(|mut f| f.write_all(line.as_bytes()));
}

fn describe(status: ExitStatus, stderr: &str) -> String {
    let first = said_first(stderr);
    let said = if first.is_empty() { String::new() } else { format!(" (stderr: {first})") };
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}{said}"),
        (None, Some(signal)) => {
            let name = Signal::try_from(signal).map_or("?", |s| s.as_str());
            format!("killed by signal {signal} ({name}){said}")
        }
        _ => format!("{status}{said}"),
    }
}

/// What stderr says first: its first line; or, when a thread panicked, the panic's line and the
/// reason below it, whole (its lines up to Rust's `note: run with RUST_BACKTRACE`, a backtrace
/// or a blank).
fn said_first(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let Some(at) = lines.iter().position(|l| l.contains(" panicked at ")) else {
        return lines.into_iter().find(|l| !l.trim().is_empty()).unwrap_or_default().to_string();
    };
    let reason = lines[at + 1..].iter().take_while(|l| {
        let end = ["note: ", "stack backtrace:"].iter().any(|w| l.starts_with(w));
        !l.trim().is_empty() && !end && !l.contains(" panicked at ")
    });
    let mut said = lines[at].to_string();
    for line in reason.take(8) {
        said = format!("{said}\n{line}");
    }
    said
}

/// What a reader thread has read so far, and whether it reached the end of the pipe.
struct Reader {
    bytes: Arc<Mutex<Vec<u8>>>,
    done: mpsc::Receiver<()>,
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> Reader {
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let (end, done) = mpsc::channel();
    let read = Arc::clone(&bytes);
    thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        loop {
            match pipe.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => read.lock().unwrap_or_else(|p| p.into_inner()).extend(&buffer[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = end.send(());
    });
    Reader { bytes, done }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_told_with_its_reason() {
        let stderr = "warming up\nthread 'main' panicked at src/main.rs:3:5:\nassertion failed: 0 <= r && r < self.target_size()\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        let said = describe(ExitStatus::from_raw(101 << 8), stderr);
        assert_eq!(
            said,
            "exit status 101 (stderr: thread 'main' panicked at src/main.rs:3:5:\nassertion failed: 0 <= r && r < self.target_size())"
        );
        // Rust 1.88 and later name the thread's id too.
        let stderr = "thread '<unnamed>' (14523) panicked at src/main.rs:13:41:\nattempt to add with overflow\nstack backtrace:\n   0: __rustc::rust_begin_unwind\n";
        let said = describe(ExitStatus::from_raw(101 << 8), stderr);
        assert!(said.ends_with(":13:41:\nattempt to add with overflow)"), "{said}");
        let said =
            describe(ExitStatus::from_raw(1 << 8), "\nfile-counter: expected 80000, got 79312\n");
        assert_eq!(said, "exit status 1 (stderr: file-counter: expected 80000, got 79312)");
    }
}
