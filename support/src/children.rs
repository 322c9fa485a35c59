//! How a forked child ends, and how the parent reports on its children, one policy for all.

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};

use nix::sys::signal::Signal;
use nix::sys::wait::WaitStatus;

use crate::exit::{on_sigpipe, quit, say};
use crate::program;

/// What a child's task returns: nothing, or a `Result` whose error the child reports.
pub trait Outcome {
    fn failure(self) -> Option<String>;
}

impl Outcome for () {
    fn failure(self) -> Option<String> {
        None
    }
}

impl<E: std::fmt::Display> Outcome for Result<(), E> {
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
