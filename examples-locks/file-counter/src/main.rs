//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » → « Les locks ? »
//!
//! What the course says but does not show ("sans le mécanisme de verrouillage ça va plutôt très
//! mal se passer"): a number kept in a file, incremented `increments` times by each of
//! `nb_procs` processes (read it, add 1, write it back), under an exclusive `flock` on the file.
//!
//! Run:     cargo run -p file-counter           (or `-- 4 1000 --no-lock` without the lock)
//! Observe: "Counter = 4000" every time (checked); with `--no-lock`, expected, actual and lost
//!          updates, different on each run: two processes read the same value, both write + 1.
//! Why not lines appended without the lock? On Linux, small `O_APPEND` writes of whole lines
//! rarely mix even without a lock, so the loss is shown here on a read-modify-write instead.
//! Exercises: 7 (EXERCISES.md).

use nix::fcntl::{Flock, FlockArg};
use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: file-counter [PROCESSES] [INCREMENTS] [PATH] [--no-lock]    PROCESSES: 1 to 256, default 4; INCREMENTS: 1 to 1000000000, default 1000; PATH: file to use and keep (default: a fresh temporary file, removed at the end)";

/// The counter is written as 20 digits and a newline: every write covers the previous value.
const WIDTH: usize = 21;

fn read_counter(fid: &File) -> io::Result<u64> {
    let mut text = [0u8; WIDTH];
    fid.read_exact_at(&mut text, 0)?;
    let value = std::str::from_utf8(&text)
        .ok()
        .and_then(|t| t.trim_end().parse().ok());
    value.ok_or_else(|| io::Error::other("the file does not hold a counter"))
}

fn write_counter(fid: &File, value: u64) -> io::Result<()> {
    fid.write_all_at(format!("{value:020}\n").as_bytes(), 0)
}

fn worker(fname: &Path, increments: u64, lock: bool) -> io::Result<()> {
    let mut fid = OpenOptions::new().read(true).write(true).open(fname)?; // its own open
    for _ in 0..increments {
        if lock {
            let locked = Flock::lock(fid, FlockArg::LockExclusive).map_err(|(_, e)| e)?; // acquire()
            write_counter(&locked, read_counter(&locked)? + 1)?;
            fid = locked.unlock().map_err(|(_, e)| e)?; // release()
        } else {
            write_counter(&fid, read_counter(&fid)? + 1)?; // another process may write in between
        }
    }
    Ok(())
}

fn main() {
    let (nb_procs, increments, fname, temporary, lock) = command_line();
    if let Err(e) = File::create(&fname).and_then(|fid| write_counter(&fid, 0)) {
        eprintln!("file-counter: {}: {e}", fname.display());
        std::process::exit(1);
    }
    let mut procs = Vec::new();
    for _ in 0..nb_procs {
        io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.expect("fork") {
            ForkResult::Child => child_exit(|| worker(&fname, increments, lock)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    let ends: Vec<WaitStatus> = procs
        .into_iter()
        .map(|p| waitpid(p, None).expect("waitpid")) // p.join()
        .collect();
    let counter = File::open(&fname).and_then(|fid| read_counter(&fid));
    if temporary {
        let _ = fs::remove_file(&fname); // nothing is left behind, even after an error
    }
    check_children(&ends);
    let actual = counter.unwrap_or_else(|e| {
        eprintln!("file-counter: {}: {e}", fname.display());
        std::process::exit(1)
    });
    let expected = nb_procs * increments;
    println!("Counter = {actual}");
    if !lock {
        let lost = i128::from(expected) - i128::from(actual);
        println!("expected = {expected}, actual = {actual}, lost updates = {lost}");
    } else if actual != expected {
        eprintln!("file-counter: expected {expected}, got {actual}");
        std::process::exit(1);
    }
}

/// The end of a child: its task, a flush of what it printed, then `_exit`. It never returns
/// into the parent's code, not even by a panic, and runs none of the parent's destructors.
fn child_exit(task: impl FnOnce() -> io::Result<()>) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(task)) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            eprintln!("file-counter: process {}: {e}", std::process::id());
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
                eprintln!("file-counter: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("file-counter: process {pid} killed by {sig}")
            }
            other => eprintln!("file-counter: unexpected child status {other:?}"),
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
            std::env::temp_dir().join(format!("file-counter-{}-{attempt}.txt", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return path,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                eprintln!("file-counter: cannot create {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
    unreachable!()
}

/// Reads `[PROCESSES] [INCREMENTS] [PATH] [--no-lock]`; `--help` prints the usage, bad input
/// exits with status 2.
fn command_line() -> (u64, u64, PathBuf, bool, bool) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nPROCESSES processes each add 1 to a number kept in a file INCREMENTS \
             times, under an exclusive flock (or without it, with --no-lock)."
        );
        std::process::exit(0);
    }
    let lock = !args.iter().any(|a| a == "--no-lock");
    let positional: Vec<&String> = args.iter().filter(|a| *a != "--no-lock").collect();
    if positional.len() > 3 {
        usage_error(&format!("unexpected argument '{}'", positional[3]));
    }
    let nb_procs = positional.first().map_or(4, |a| parse("PROCESSES", a, 256));
    let increments = positional
        .get(1)
        .map_or(1000, |a| parse("INCREMENTS", a, 1_000_000_000));
    let (fname, temporary) = match positional.get(2) {
        None => (fresh_temporary_file(), true),
        Some(p) if p.is_empty() || p.starts_with('-') => usage_error(&format!("bad PATH '{p}'")),
        Some(p) => (PathBuf::from(p), false),
    };
    (nb_procs, increments, fname, temporary, lock)
}

fn parse(name: &str, value: &str, max: u64) -> u64 {
    match value.parse::<u64>() {
        Ok(v) if (1..=max).contains(&v) => v,
        _ => usage_error(&format!(
            "{name} must be an integer from 1 to {max}, got '{value}'"
        )),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("file-counter: {message}\n{USAGE}");
    std::process::exit(2);
}
