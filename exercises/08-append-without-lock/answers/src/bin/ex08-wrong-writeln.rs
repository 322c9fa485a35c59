//! A kept wrong answer of exercise 8: no `Flock`, but each line written with `writeln!` straight
//! to the `File`, which makes one `write(2)` per piece ("Process ", the number, " count = ", …):
//! the pieces of different processes mix, and lines break. The check rejects it at "160000
//! whole lines in the file".

use course_support::{Args, OrExit, check_children, child_exit, fail};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

const USAGE: &str = "usage: ex08-wrong-writeln [PROCESSES] [PATH] [--lines M]    PROCESSES: 1 to 256, default 2; PATH: file to write and keep (default: a fresh temporary file, removed at the end); M: lines per process, 1 to 1000000, default 1
PROCESSES processes append M lines each to one file, without a lock.";

fn worker(pid: usize, fname: &Path, lines: usize) -> io::Result<()> {
    for _ in 0..lines {
        let mut count = 0;
        while rand::random::<f64>() > 0.1 {
            count += 1; // Some very complex computation
        }
        let mut fid = OpenOptions::new().append(true).open(fname)?; // no lock
        writeln!(fid, "Process {pid} count = {count}")?; // the mistake: several write(2)
    }
    Ok(())
}

fn main() {
    let mut args = Args::new(USAGE);
    let lines = args.option("--lines").map_or(1, |m| args.number("M", &m, 1_000_000));
    let n_procs = args.count("PROCESSES", 256, 2);
    let fname = args.path_or_temporary();
    args.end();

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
