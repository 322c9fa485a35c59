//! How a program ends: the failed system call, the usage error, the closed stdout, and the
//! temporary file removed whichever way it ends.

use std::ffi::{c_char, c_int};
use std::fmt::Display;
use std::io::{self, Write};
use std::ptr::null_mut;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicPtr, Ordering::SeqCst};

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::waitpid;

/// The program's name, as the error lines start with it: `two-threads: …`.
pub fn program() -> String {
    let argv0 = std::env::args().next().unwrap_or_default();
    let name = std::path::Path::new(&argv0).file_name();
    name.map_or("example".into(), |n| n.to_string_lossy().into_owned())
}

/// The pid of the program itself, to tell it from its forked children.
static MAIN: OnceLock<u32> = OnceLock::new();
/// The temporary file to remove when the program ends, whichever way it ends (an example makes
/// one at most), as a C string: the SIGPIPE handler may neither lock nor allocate.
pub(crate) static TEMPORARY: AtomicPtr<c_char> = AtomicPtr::new(null_mut());

/// Called by [`Args::new`](crate::Args::new). Rust ignores SIGPIPE, so a `println!` to a closed
/// stdout would panic; here a closed stdout ends the program quietly, killed by SIGPIPE as a C
/// program is, once its temporary files are removed.
pub(crate) fn set_up() {
    MAIN.get_or_init(std::process::id);
    // SAFETY: the handler only makes async-signal-safe calls (`getpid`, `unlink`, `signal`, `raise`).
    unsafe { signal(Signal::SIGPIPE, SigHandler::Handler(on_sigpipe)) }.expect("SIGPIPE");
}

pub(crate) extern "C" fn on_sigpipe(_: c_int) {
    remove_temporary_file();
    // SAFETY: back to the default action, which ends the process with SIGPIPE.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = raise(Signal::SIGPIPE);
}

pub(crate) fn in_child() -> bool {
    MAIN.get().is_some_and(|&main| main != std::process::id())
}

/// Exits with `code` after removing the temporary files (never from a child: see [`child_exit`]).
pub(crate) fn quit(code: i32) -> ! {
    remove_temporary_file();
    std::process::exit(code)
}

/// Removes the temporary file, unless in a child (the file is the parent's).
pub(crate) fn remove_temporary_file() {
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
