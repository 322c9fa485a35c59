//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » → « Les locks ? »
//!
//! What the course says but does not show ("sans le mécanisme de verrouillage ça va plutôt très
//! mal se passer"): a number kept in a file, incremented `increments` times by each of
//! `nb_procs` processes (read it, add 1, write it back), under an exclusive `flock` on the file.
//!
//! Run:     cargo run -p file-counter           (or `-- 4 1000 --no-lock` without the lock)
//! Observe: "Counter = 4000" every time (checked); with `--no-lock`, updates lost on every run,
//!          a different number each time (100 of 100 runs idle, 100 of 100 with both cores busy):
//!          two processes read the same value, both write + 1 (a sleep between widens the gap).
//! Why not lines appended without the lock? On Linux, small `O_APPEND` writes of whole lines
//! rarely mix even without a lock, so the loss is shown here on a read-modify-write instead.
//! Exercises: 7 (EXERCISES.md).

use course_support::{Args, OrExit, check_children, child_exit, fail};
use nix::fcntl::{Flock, FlockArg};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

const USAGE: &str = "usage: file-counter [PROCESSES] [INCREMENTS] [PATH] [--no-lock]    PROCESSES: 1 to 256, default 4; INCREMENTS: 1 to 1000000000, default 1000; PATH: file to use and keep (default: a fresh temporary file, removed at the end)
PROCESSES processes each add 1 to a number kept in a file INCREMENTS times, under an exclusive
flock (or without it, with --no-lock).";

/// The counter is written as 20 digits and a newline: every write covers the previous value.
const WIDTH: usize = 21;

// ANCHOR: read-write
fn read_counter(fid: &File) -> io::Result<u64> {
    let mut text = [0u8; WIDTH];
    fid.read_exact_at(&mut text, 0)?;
    let value = std::str::from_utf8(&text).ok().and_then(|t| t.trim_end().parse().ok());
    value.ok_or_else(|| io::Error::other("the file does not hold a counter"))
}

fn write_counter(fid: &File, value: u64) -> io::Result<()> {
    fid.write_all_at(format!("{value:020}\n").as_bytes(), 0)
}
// ANCHOR_END: read-write

// ANCHOR: worker
fn worker(fname: &Path, increments: u64, lock: bool) -> io::Result<()> {
    let mut fid = OpenOptions::new().read(true).write(true).open(fname)?; // its own open
    for _ in 0..increments {
        if lock {
            let locked = Flock::lock(fid, FlockArg::LockExclusive).map_err(|(_, e)| e)?; // acquire()
            write_counter(&locked, read_counter(&locked)? + 1)?;
            fid = locked.unlock().map_err(|(_, e)| e)?; // release()
        } else {
            let value = read_counter(&fid)?;
            // A short sleep between the read and the write, only to widen the window in which
            // another process writes: without it a child may do all its increments within one
            // time slice, before the next one starts, and nothing is lost on some runs.
            std::thread::sleep(std::time::Duration::from_micros(10));
            write_counter(&fid, value + 1)?; // another process may have written in between
        }
    }
    Ok(())
}
// ANCHOR_END: worker

fn main() {
    let mut args = Args::new(USAGE);
    let lock = !args.flag("--no-lock");
    let nb_procs = args.count("PROCESSES", 256, 4);
    let increments = args.count("INCREMENTS", 1_000_000_000, 1000);
    let fname = args.path_or_temporary();
    args.end();

    // ANCHOR: one-open-each
    let fid = File::create(&fname).or_exit(format!("open {}", fname.display()));
    write_counter(&fid, 0).or_exit(format!("write {}", fname.display()));
    drop(fid); // each process opens the file itself
    // ANCHOR_END: one-open-each
    let mut procs = Vec::new();
    for _ in 0..nb_procs {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => child_exit(|| worker(&fname, increments, lock)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    let mut ends = Vec::new();
    for p in procs {
        ends.push(waitpid(p, None).or_exit("waitpid")); // p.join()
    }
    check_children(&ends); // a child that failed is reported, and the program fails
    let fid = File::open(&fname).or_exit(format!("open {}", fname.display()));
    let actual = read_counter(&fid).or_exit(format!("read {}", fname.display()));
    let expected = nb_procs * increments;
    println!("Counter = {actual}");
    if !lock {
        let lost = i128::from(expected) - i128::from(actual);
        println!("expected = {expected}, actual = {actual}, lost updates = {lost}");
    } else if actual != expected {
        fail(&format!("expected {expected}, got {actual}"));
    }
}
