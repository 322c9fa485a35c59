//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » → « Les locks ? »
//!
//! Mirrors `worker(pid, fname, lock)`: each of `n_procs` processes counts how long
//! `random() > 0.1` keeps holding, then appends "Process {pid} count = {count}" to the file under
//! an exclusive lock. The parent empties the file first and prints "File content : " and the file.
//!
//! Run:     cargo run -p locked-append          (or `-- 16 out.txt --lines 10000` for load)
//! Observe: whole lines only, one per process (M with `--lines M`); the program counts them.
//! The `multiprocessing.Lock` becomes `flock` on the file: each process locks its *own* `open`
//! of it (a descriptor inherited through `fork` would share one lock with the parent), and
//! dropping the lock is `lock.release()`. The default file is fresh, created exclusively in the
//! temporary directory and removed at the end, unlike the course's fixed /tmp/bidon.txt.
//! Exercises: 8 (EXERCISES.md).

use nix::fcntl::{Flock, FlockArg};
use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: locked-append [PROCESSES] [PATH] [--lines M]    PROCESSES: 1 to 256, default 2; PATH: file to write and keep (default: a fresh temporary file, removed at the end); M: lines per process, 1 to 1000000, default 1";

fn worker(pid: usize, fname: &Path, lines: usize) -> io::Result<()> {
    for _ in 0..lines {
        let mut count = 0;
        while rand::random::<f64>() > 0.1 {
            count += 1; // Some very complex computation
        }
        let fid = OpenOptions::new().append(true).open(fname)?;
        let mut fid = Flock::lock(fid, FlockArg::LockExclusive).map_err(|(_, e)| e)?; // acquire()
        fid.write_all(format!("Process {pid} count = {count}\n").as_bytes())?; // one write(2)
        drop(fid); // release(), then close
    }
    Ok(())
}

fn main() {
    let (n_procs, fname, temporary, lines) = command_line();
    // Just to empty the file if it already exists.
    if let Err(e) = File::create(&fname) {
        eprintln!("locked-append: {}: {e}", fname.display());
        std::process::exit(1);
    }
    let mut procs = Vec::new();
    for i in 0..n_procs {
        io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.expect("fork") {
            ForkResult::Child => child_exit(|| worker(i, &fname, lines)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    let ends: Vec<WaitStatus> = procs
        .into_iter()
        .map(|p| waitpid(p, None).expect("waitpid")) // p.join()
        .collect();
    let content = fs::read_to_string(&fname);
    if temporary {
        let _ = fs::remove_file(&fname); // nothing is left behind, even after an error
    }
    check_children(&ends);
    let content = content.unwrap_or_else(|e| {
        eprintln!("locked-append: {}: {e}", fname.display());
        std::process::exit(1)
    });
    println!("File content : ");
    print!("{content}");
    if content.lines().count() != n_procs * lines {
        eprintln!(
            "locked-append: expected {} lines, found {}",
            n_procs * lines,
            content.lines().count()
        );
        std::process::exit(1);
    }
}

/// The end of a child: its task, a flush of what it printed, then `_exit`. It never returns
/// into the parent's code, not even by a panic, and runs none of the parent's destructors.
fn child_exit(task: impl FnOnce() -> io::Result<()>) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(|| {
        // `fork` copied the parent's random generator too: without a reseed, children that
        // inherit a used generator draw the same numbers.
        rand::rng().reseed().map_err(io::Error::other)?;
        task()
    })) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            eprintln!("locked-append: process {}: {e}", std::process::id());
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
                eprintln!("locked-append: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("locked-append: process {pid} killed by {sig}")
            }
            other => eprintln!("locked-append: unexpected child status {other:?}"),
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
        let path = std::env::temp_dir().join(format!(
            "locked-append-{}-{attempt}.txt",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return path,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                eprintln!("locked-append: cannot create {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
    unreachable!()
}

/// Reads `[PROCESSES] [PATH] [--lines M]`; `--help` prints the usage, bad input exits with
/// status 2.
fn command_line() -> (usize, PathBuf, bool, usize) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let mut args = std::env::args().skip(1);
    let (mut positional, mut lines) = (Vec::new(), None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!(
                    "{USAGE}\nPROCESSES processes append M lines each to one file, each line \
                     under an exclusive flock."
                );
                std::process::exit(0);
            }
            "--lines" => match args.next() {
                Some(m) => lines = Some(parse("M", &m, 1_000_000)),
                None => usage_error("--lines needs a value"),
            },
            _ => positional.push(arg),
        }
    }
    if positional.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", positional[2]));
    }
    let n_procs = positional.first().map_or(2, |a| parse("PROCESSES", a, 256));
    let (fname, temporary) = match positional.get(1) {
        None => (fresh_temporary_file(), true),
        Some(p) if p.is_empty() || p.starts_with('-') => usage_error(&format!("bad PATH '{p}'")),
        Some(p) => (PathBuf::from(p), false),
    };
    (n_procs, fname, temporary, lines.unwrap_or(1))
}

fn parse(name: &str, value: &str, max: usize) -> usize {
    match value.parse::<usize>() {
        Ok(v) if (1..=max).contains(&v) => v,
        _ => usage_error(&format!(
            "{name} must be an integer from 1 to {max}, got '{value}'"
        )),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("locked-append: {message}\n{USAGE}");
    std::process::exit(2);
}
