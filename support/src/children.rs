//! How a forked child ends, and how the parent reports on its children, one policy for all.

use std::fmt::Display;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use nix::sys::signal::Signal;
use nix::sys::wait::WaitStatus;

use crate::exit::{on_sigpipe, quit, say};
use crate::{fail, program};

/// What a child's task returns: nothing, or a `Result` whose error the child reports.
pub trait Outcome {
    fn failure(self) -> Option<String>;
}

impl Outcome for () {
    fn failure(self) -> Option<String> {
        None
    }
}

impl<E: Display> Outcome for Result<(), E> {
    fn failure(self) -> Option<String> {
        self.err().map(|e| e.to_string())
    }
}

/// The end of a forked child: `task`, a flush of what it printed, then `_exit`, with status 0
/// if all went well, 1 if the task failed (reported on stderr), 101 if it panicked. The child
/// never returns into the parent's code and runs none of the parent's destructors. First, the
/// random generator is reseeded: `fork` copied the parent's, and children would draw the same
/// numbers (Python's `random` does the same after a fork).
pub fn child_exit<R: Outcome>(task: impl FnOnce() -> R) -> ! {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        rand::rng().reseed().map_err(|e| e.to_string())?;
        task().failure().map_or(Ok(()), Err)
    }));
    let code = match outcome {
        Ok(Ok(())) => 0,
        Ok(Err(why)) => {
            say(&format!("{}: process {}: {why}", program(), std::process::id()));
            1
        }
        Err(_) => 101, // the panic message is already on stderr
    };
    let code = if io::stdout().flush().is_ok() { code } else { 1 };
    // SAFETY: `_exit` ends this process at once; nothing runs after it.
    unsafe { nix::libc::_exit(code) }
}

/// The parent's report on its children, from what `waitpid` said of each, one policy for all:
/// a child that failed is named with its pid and how it ended, and the program exits with
/// status 1, printing no result; a child killed by SIGPIPE wrote to a closed stdout
/// (`… | head -1`), and the program ends quietly, as the child did.
pub fn check_children(ends: &[WaitStatus]) {
    let mut failed = false;
    for end in ends {
        let why = match *end {
            WaitStatus::Exited(_, 0) | WaitStatus::Signaled(_, Signal::SIGPIPE, _) => continue,
            WaitStatus::Exited(pid, code) => format!("{pid} exited with status {code}"),
            WaitStatus::Signaled(pid, sig, _) => format!("{pid} killed by {sig}"),
            other => format!("{other:?}"),
        };
        say(&format!("{}: child process {}", program(), why));
        failed = true;
    }
    if failed {
        quit(1);
    }
    if ends.iter().any(|end| matches!(end, WaitStatus::Signaled(_, Signal::SIGPIPE, _))) {
        on_sigpipe(13);
    }
}

/// A watchdog over forked children, for a program that may wait for them for ever (the
/// course's order in process-fill-queue `--join-first`): if [`ChildWatchdog::stop`] has not been
/// called `seconds` after [`ChildWatchdog::start`], the children are killed (so the parent's
/// `waitpid`s return and reap them), and `stop` then ends the program with its line, exit 1.
pub struct ChildWatchdog(Arc<Mutex<Option<bool>>>); // None: waiting; Some(fired)

impl ChildWatchdog {
    /// Start it after the last `fork`: a child forked from a program with threads may only make
    /// async-signal-safe calls.
    pub fn start(children: Vec<nix::unistd::Pid>, seconds: u64) -> ChildWatchdog {
        let state = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(seconds));
            let mut state = shared.lock().unwrap_or_else(|e| e.into_inner());
            if state.is_none() {
                *state = Some(true);
                for child in children {
                    // Not reaped yet: its pid is still its own.
                    let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                }
            }
        });
        ChildWatchdog(state)
    }

    /// The children have been waited for: if the watchdog fired, `line` and exit status 1.
    pub fn stop(self, line: &str) {
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if *state == Some(true) {
            fail(line);
        }
        *state = Some(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        assert_eq!(().failure(), None);
        assert_eq!(Ok::<(), String>(()).failure(), None);
        assert_eq!(Err::<(), _>("disk full").failure().as_deref(), Some("disk full"));
    }
}
