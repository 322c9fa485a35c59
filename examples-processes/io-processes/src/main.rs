//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! The course's "Vous pouvez pour vous entraîner" exercise: io-thread with processes. One child
//! prints "I am the first process I do nothing" 10 times (`task_1`) while another writes
//! "I am the second process" to a file (`task_2`); after reaping both, the parent prints
//! "File content : …".
//!
//! Run:     cargo run -p io-processes           (or `-- notes.txt` to keep the file)
//! Observe: the parent reads what a child wrote: the processes share no memory, but files, yes.
//! Unlike the course's fixed /tmp/stupid.txt, the default file is a fresh one, created
//! exclusively in the temporary directory and removed at the end.
//! Exercises: none start here; it answers 9 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: io-processes [PATH]    PATH: file to write and keep (default: a fresh temporary file, removed at the end)";

fn task_1() -> io::Result<()> {
    for _ in 0..10 {
        println!("I am the first process I do nothing");
    }
    Ok(())
}

fn task_2(fname: &Path) -> io::Result<()> {
    let written = File::create(fname).and_then(|mut fid| fid.write_all(b"I am the second process"));
    written.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", fname.display())))
}

fn main() {
    let (fname, temporary) = command_line();
    // Two different tasks, so two `fork`s written out rather than a loop.
    io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
    // SAFETY: no other thread exists, so the child may run any code.
    let process_1 = match unsafe { fork() }.expect("fork") {
        ForkResult::Child => child_exit(task_1),
        ForkResult::Parent { child } => child,
    };
    io::stdout().flush().expect("flush stdout");
    // SAFETY: as above.
    let process_2 = match unsafe { fork() }.expect("fork") {
        ForkResult::Child => child_exit(|| task_2(&fname)),
        ForkResult::Parent { child } => child,
    };

    let ends = [process_1, process_2].map(|p| waitpid(p, None).expect("waitpid")); // p.join()
    let content = fs::read_to_string(&fname);
    if temporary {
        let _ = fs::remove_file(&fname); // nothing is left behind, even after an error
    }
    check_children(&ends);
    match content {
        Ok(content) => println!("File content : {content}"),
        Err(e) => {
            eprintln!("io-processes: {}: {e}", fname.display());
            std::process::exit(1);
        }
    }
}

/// The end of a child: its task, a flush of what it printed, then `_exit`. It never returns
/// into the parent's code, not even by a panic, and runs none of the parent's destructors.
fn child_exit(task: impl FnOnce() -> io::Result<()>) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(task)) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            eprintln!("io-processes: process {}: {e}", std::process::id());
            1
        }
        Err(_) => 101, // the panic message is already on stderr
    };
    let code = if io::stdout().flush().is_ok() {
        code
    } else {
        1
    };
    unsafe { nix::libc::_exit(code) }
}

/// A child that failed is reported by pid and reason, then the program exits with status 1.
/// A child killed by SIGPIPE wrote to a closed stdout (`| head -1`): end quietly, the same way.
fn check_children(ends: &[WaitStatus]) {
    let mut failed = false;
    for end in ends {
        match *end {
            WaitStatus::Exited(_, 0) | WaitStatus::Signaled(_, Signal::SIGPIPE, _) => continue,
            WaitStatus::Exited(pid, code) => {
                eprintln!("io-processes: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("io-processes: process {pid} killed by {sig}")
            }
            other => eprintln!("io-processes: unexpected child status {other:?}"),
        }
        failed = true;
    }
    if failed {
        std::process::exit(1);
    }
    if ends
        .iter()
        .any(|end| matches!(end, WaitStatus::Signaled(_, Signal::SIGPIPE, _)))
    {
        raise(Signal::SIGPIPE).expect("raise SIGPIPE");
    }
}

/// A new file in the temporary directory: `create_new` refuses an existing name or link.
fn fresh_temporary_file() -> PathBuf {
    for attempt in 0.. {
        let path =
            std::env::temp_dir().join(format!("io-processes-{}-{attempt}.txt", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return path,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                eprintln!("io-processes: cannot create {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
    unreachable!()
}

/// Reads `[PATH]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (PathBuf, bool) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}\nOne process prints 10 lines while another writes a file.");
        std::process::exit(0);
    }
    match args.as_slice() {
        [] => (fresh_temporary_file(), true),
        [p] if p.is_empty() || p.starts_with('-') => usage_error(&format!("bad PATH '{p}'")),
        [p] => (PathBuf::from(p), false),
        [_, extra, ..] => usage_error(&format!("unexpected argument '{extra}'")),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("io-processes: {message}\n{USAGE}");
    std::process::exit(2);
}
