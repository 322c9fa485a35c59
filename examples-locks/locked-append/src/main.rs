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

use course_support::{Args, OrExit, check_children, child_exit, fail};
use nix::fcntl::{Flock, FlockArg};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

const USAGE: &str = "usage: locked-append [PROCESSES] [PATH] [--lines M]    PROCESSES: 1 to 256, default 2; PATH: file to write and keep (default: a fresh temporary file, removed at the end); M: lines per process, 1 to 1000000, default 1
PROCESSES processes append M lines each to one file, each line under an exclusive flock.";

// ANCHOR: worker
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
// ANCHOR_END: worker

fn main() {
    let mut args = Args::new(USAGE);
    let lines = args.option("--lines").map_or(1, |m| args.number("M", &m, 1_000_000));
    let n_procs = args.count("PROCESSES", 256, 2);
    let fname = args.path_or_temporary();
    args.end();

    // ANCHOR: empty-and-fork
    // Just to empty the file if it already exists.
    File::create(&fname).or_exit(format!("open {}", fname.display()));
    let mut procs = Vec::new();
    for i in 0..n_procs {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => child_exit(|| worker(i, &fname, lines)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }
    // ANCHOR_END: empty-and-fork

    let mut ends = Vec::new();
    for p in procs {
        ends.push(waitpid(p, None).or_exit("waitpid")); // p.join()
    }
    check_children(&ends); // a child that failed is reported, and the program fails
    let content = fs::read_to_string(&fname).or_exit(format!("read {}", fname.display()));
    println!("File content : ");
    print!("{content}");
    let found = content.lines().count();
    if found != n_procs * lines {
        fail(&format!("expected {} lines, found {found}", n_procs * lines));
    }
}
