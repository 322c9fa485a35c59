//! Running a program to its end, or stopping it after a time-out.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long one run of a program under check may take. The checks' runs take well under a
/// second (a few, on a busy machine); a program still running after this is blocked: it is
/// stopped, and the check says so with what usually blocks a program of that exercise.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Set by Ctrl-C in `check watch`: the program under check is stopped, and the watch ends.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: nix::libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on, Ctrl-C (SIGINT) stops the program under check (its whole process group, which
/// the terminal's Ctrl-C does not reach) and sets [`interrupted`].
pub fn stop_on_interrupt() {
    use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
    let action =
        SigAction::new(SigHandler::Handler(on_interrupt), SaFlags::empty(), SigSet::empty());
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { sigaction(Signal::SIGINT, &action) }.expect("sigaction(SIGINT)");
}

/// Whether Ctrl-C was pressed (see [`stop_on_interrupt`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

const BLOCKED: &str = "still running after";

/// What a run gave.
#[derive(Debug)]
pub struct Run {
    /// The command line, as a student can type it again.
    pub command: String,
    /// `None` if it did not start or was stopped at the time-out (see `ended`).
    pub status: Option<ExitStatus>,
    pub stdout: String,
    pub stderr: String,
    ended: String,
}

impl Run {
    /// Exit status 0, and no panic.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| s.success()) && !self.stderr.contains("panicked")
    }

    /// Whether it was still running at the time-out, and stopped.
    pub fn blocked(&self) -> bool {
        self.ended.starts_with(BLOCKED)
    }

    /// The exit code, if the program exited.
    pub fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    /// How it ended, in words: `exit status 1 (stderr: …)`, `killed by signal 11 (SIGSEGV)`,
    /// `still running after 30 s: stopped`.
    pub fn ended(&self) -> String {
        self.ended.clone()
    }

    /// A run that is not a program's: a build (`status` and `stderr` of cargo or rustc).
    pub fn of_build(command: String, status: Option<ExitStatus>, stderr: String) -> Run {
        let ended = status.map_or("could not start".into(), |s| describe(s, &stderr));
        Run { command, status, stdout: String::new(), stderr, ended }
    }

    /// A file read by a check (its "command" is the file's path).
    pub fn of_file(path: &str) -> Run {
        let command = format!("less {path}");
        Run {
            command,
            status: None,
            stdout: String::new(),
            stderr: String::new(),
            ended: String::new(),
        }
    }

    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Runs `cmd` (stdin empty, stdout and stderr read) to its end, or until `timeout`: then it and
/// every process it started are killed. `shown` is the command line printed in the reports.
pub fn run_command(cmd: &mut Command, shown: String, timeout: Duration) -> Run {
    run_watched(cmd, shown, timeout, |_| {})
}

/// As [`run_command`], calling `watch` with the program's pid (also its process group's id)
/// every millisecond or two while it runs.
pub fn run_watched(
    cmd: &mut Command,
    shown: String,
    timeout: Duration,
    mut watch: impl FnMut(i32),
) -> Run {
    // A group of its own: a time-out kills the forked children too.
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            let ended = format!("could not start: {e}");
            return Run {
                command: shown,
                status: None,
                stdout: "".into(),
                stderr: "".into(),
                ended,
            };
        }
    };
    let stdout = read_in_background(child.stdout.take().expect("stdout"));
    let stderr = read_in_background(child.stderr.take().expect("stderr"));
    let start = Instant::now();
    let group = nix::unistd::Pid::from_raw(child.id() as i32);
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
    // Stopped at the time-out: asked to end first (SIGTERM), so that `mpirun` stops its ranks,
    // which are not in its group, and cleans up after them; then killed if it has not ended.
    if status.is_none() {
        let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGTERM);
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(2) && matches!(child.try_wait(), Ok(None)) {
            thread::sleep(Duration::from_millis(10));
        }
    }
    // Its children still running (a time-out, or a program that did not wait for them).
    let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
    let _ = child.wait();
    let (stdout, stderr) = (stdout.join().expect("stdout"), stderr.join().expect("stderr"));
    let ended = match status {
        None if interrupted() => "stopped by Ctrl-C".to_string(),
        None => format!("{BLOCKED} {} s: stopped", timeout.as_secs()),
        Some(status) => describe(status, &stderr),
    };
    Run { command: shown, status, stdout, stderr, ended }
}

fn describe(status: ExitStatus, stderr: &str) -> String {
    let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let said = if first.is_empty() { String::new() } else { format!(" (stderr: {first})") };
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}{said}"),
        (None, Some(signal)) => {
            let name = nix::sys::signal::Signal::try_from(signal).map_or("?", |s| s.as_str());
            format!("killed by signal {signal} ({name}){said}")
        }
        _ => format!("{status}{said}"),
    }
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
