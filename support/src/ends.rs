//! How a program and its children end: failed system calls, children's reports, the closed
//! stdout, temporary files.

use std::ffi::{CString, c_char, c_int};
use std::fmt::Display;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::ops::Deref;
use std::os::unix::ffi::OsStrExt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::ptr::null_mut;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicPtr, Ordering::SeqCst};

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};

use crate::program;

/// The pid of the program itself, to tell it from its forked children.
static MAIN: OnceLock<u32> = OnceLock::new();
/// The temporary file to remove when the program ends, whichever way it ends (an example makes
/// one at most), as a C string: the SIGPIPE handler may neither lock nor allocate.
static TEMPORARY: AtomicPtr<c_char> = AtomicPtr::new(null_mut());

/// Called by [`Args::new`](crate::Args::new). Rust ignores SIGPIPE, so a `println!` to a closed
/// stdout would panic; here a closed stdout ends the program quietly, killed by SIGPIPE as a C
/// program is, once its temporary files are removed.
pub(crate) fn set_up() {
    MAIN.get_or_init(std::process::id);
    // SAFETY: the handler only makes async-signal-safe calls (`getpid`, `unlink`, `signal`, `raise`).
    unsafe { signal(Signal::SIGPIPE, SigHandler::Handler(on_sigpipe)) }.expect("SIGPIPE");
}

extern "C" fn on_sigpipe(_: c_int) {
    remove_temporary_file();
    // SAFETY: back to the default action, which ends the process with SIGPIPE.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = raise(Signal::SIGPIPE);
}

fn in_child() -> bool {
    MAIN.get().is_some_and(|&main| main != std::process::id())
}

/// Exits with `code` after removing the temporary files (never from a child: see [`child_exit`]).
pub(crate) fn quit(code: i32) -> ! {
    remove_temporary_file();
    std::process::exit(code)
}

/// Removes the temporary file, unless in a child (the file is the parent's).
fn remove_temporary_file() {
    let path = TEMPORARY.swap(null_mut(), SeqCst);
    if !path.is_null() && !in_child() {
        // SAFETY: the C string of `OutputFile::temporary`, never freed.
        unsafe { nix::libc::unlink(path) };
    }
}

/// Writes `text` and a newline to stderr in one `write(2)`: `eprintln!` writes its pieces one by
/// one, and another process writing to the same stderr (a sibling child, `mpirun`) could
/// slip its text between them.
pub(crate) fn say(text: &str) {
    let _ = io::stderr().write_all(format!("{text}\n").as_bytes());
}

/// Ends the program after a failure: one line on stderr, `NAME: message`, then exit status 1.
/// In the parent, the children already started are reaped first: the parent closes its other
/// descriptors (a child writing into a pipe then stops waiting for it) and waits for them all;
/// then the temporary files are removed.
/// In a forked child, it ends the child with `_exit(1)`: the parent reports it.
pub fn fail(message: &str) -> ! {
    say(&format!("{}: {message}", program()));
    if in_child() {
        // SAFETY: `_exit` ends this process at once; nothing runs after it.
        unsafe { nix::libc::_exit(1) }
    }
    for fd in 3..1024 {
        let _ = nix::unistd::close(fd);
    }
    while waitpid(None, None).is_ok() {}
    quit(1)
}

/// `.or_exit("fork")` on the result of a system call: its value, or one line naming the call
/// and the reason (`two-processes: fork: Resource temporarily unavailable (os error 11)`),
/// then exit status 1, with no panic (see [`fail`]).
pub trait OrExit<T> {
    fn or_exit(self, call: impl Display) -> T;
}

impl<T, E: Into<io::Error>> OrExit<T> for Result<T, E> {
    fn or_exit(self, call: impl Display) -> T {
        self.unwrap_or_else(|e| fail(&format!("{call}: {}", e.into())))
    }
}

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

/// The file an example writes: the PATH the user gave, kept; or a fresh temporary file,
/// removed at the end (when dropped, or when the program exits through this crate).
/// Unlike the course's fixed `/tmp/stupid.txt`, a temporary file is created exclusively
/// (`create_new` refuses an existing name or a planted link), under a name no one else uses.
pub struct OutputFile {
    pub(crate) path: PathBuf,
    pub(crate) temporary: bool,
}

impl OutputFile {
    pub(crate) fn temporary() -> OutputFile {
        for attempt in 0.. {
            let name = format!("{}-{}-{attempt}.txt", program(), std::process::id());
            let path = std::env::temp_dir().join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    let c_path = CString::new(path.as_os_str().as_bytes()).expect("a path");
                    let earlier = TEMPORARY.swap(CString::into_raw(c_path), SeqCst);
                    assert!(earlier.is_null(), "one temporary file at most");
                    return OutputFile { path, temporary: true };
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => fail(&format!("open {}: {e}", path.display())),
            }
        }
        unreachable!()
    }
}

impl Deref for OutputFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for OutputFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.temporary {
            remove_temporary_file();
        }
    }
}

/// A watchdog over forked children, for a program that may wait for them for ever (the
/// course's order in process-fill-queue `--join-first`): if [`ChildWatchdog::stop`] has not been
/// called `seconds` after [`ChildWatchdog::start`], the children are killed (so the parent's
/// `waitpid`s return and reap them), and `stop` then ends the program with its line, exit 1.
pub struct ChildWatchdog(std::sync::Arc<std::sync::Mutex<Option<bool>>>); // None: waiting; Some(fired)

impl ChildWatchdog {
    /// Start it after the last `fork`: a child forked from a program with threads may only make
    /// async-signal-safe calls.
    pub fn start(children: Vec<nix::unistd::Pid>, seconds: u64) -> ChildWatchdog {
        let state = std::sync::Arc::new(std::sync::Mutex::new(None));
        let shared = std::sync::Arc::clone(&state);
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

    #[test]
    fn a_temporary_file_is_fresh_and_removed_when_dropped() {
        let file = OutputFile::temporary();
        let path = file.to_path_buf();
        assert!(path.exists() && path.starts_with(std::env::temp_dir()));
        drop(file);
        assert!(!path.exists());
        let again = OutputFile::temporary(); // the same name is free again: a fresh file
        assert!(again.exists() && std::fs::read(&*again).unwrap().is_empty());
    }
}
