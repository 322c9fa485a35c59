//! Solution of exercise 7 (EXERCISES.md), from file-counter.
//!
//! What changed: the file is opened once in `main`, before the `fork`s, and every child locks
//! that inherited descriptor instead of opening the file itself.
//!
//! Run:     cargo run -p ex07-answers --bin ex07-solution -- 4 1000
//! Observe: "expected 4000, got …" (smaller) on most runs: the lock excludes nothing any more.

use course_support::{Args, OrExit, check_children, child_exit, fail};
use nix::fcntl::{Flock, FlockArg};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;

const USAGE: &str = "usage: ex07-solution [PROCESSES] [INCREMENTS] [PATH] [--no-lock]    PROCESSES: 1 to 256, default 4; INCREMENTS: 1 to 1000000000, default 1000; PATH: file to use and keep (default: a fresh temporary file, removed at the end)
PROCESSES processes each add 1 to a number kept in a file INCREMENTS times, under an exclusive
flock (or without it, with --no-lock).";

/// The counter is written as 20 digits and a newline: every write covers the previous value.
const WIDTH: usize = 21;

fn read_counter(fid: &File) -> io::Result<u64> {
    let mut text = [0u8; WIDTH];
    fid.read_exact_at(&mut text, 0)?;
    let value = std::str::from_utf8(&text).ok().and_then(|t| t.trim_end().parse().ok());
    value.ok_or_else(|| io::Error::other("the file does not hold a counter"))
}

fn write_counter(fid: &File, value: u64) -> io::Result<()> {
    fid.write_all_at(format!("{value:020}\n").as_bytes(), 0)
}

fn worker(fid: &File, increments: u64, lock: bool) -> io::Result<()> {
    for _ in 0..increments {
        if lock {
            // A copy of the inherited descriptor: the same open file, so the same lock for all.
            let locked =
                Flock::lock(fid.try_clone()?, FlockArg::LockExclusive).map_err(|(_, e)| e)?;
            write_counter(&locked, read_counter(&locked)? + 1)?;
            drop(locked); // release()
        } else {
            write_counter(fid, read_counter(fid)? + 1)?; // another process may write in between
        }
    }
    Ok(())
}

fn main() {
    let mut args = Args::new(USAGE);
    let lock = !args.flag("--no-lock");
    let nb_procs = args.count("PROCESSES", 256, 4);
    let increments = args.count("INCREMENTS", 1_000_000_000, 1000);
    let fname = args.path_or_temporary();
    args.end();

    File::create(&fname).or_exit(format!("open {}", fname.display()));
    // Opened once, before the forks: every child inherits this one open file.
    let fid = OpenOptions::new().read(true).write(true).open(&fname);
    let fid = fid.or_exit(format!("open {}", fname.display()));
    write_counter(&fid, 0).or_exit(format!("write {}", fname.display()));
    let mut procs = Vec::new();
    for _ in 0..nb_procs {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => child_exit(|| worker(&fid, increments, lock)),
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
