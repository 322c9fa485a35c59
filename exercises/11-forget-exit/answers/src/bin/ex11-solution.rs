//! Solution of exercise 11 (EXERCISES.md), from two-processes.
//!
//! What changed: the child's arm calls `process_function(i)` and does not end the child.
//!
//! Run:     cargo run -p ex11-answers --bin ex11-solution
//! Observe: 30 "In the process" lines, "Process are started" 4 times, a failed `waitpid` in a
//!          child and the parent's report of it: the children ran the parent's code.

use course_support::{Args, OrExit, check_children};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};

const USAGE: &str = "usage: ex11-solution [PROCESSES]    PROCESSES: 1 to 256, default 2
Two (or PROCESSES) processes each print \"In the process {tid}\" 10 times.";

fn process_function(tip: usize) {
    for _ in 0..10 {
        println!("In the process {tip}");
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let n_process = args.count("PROCESSES", 256, 2);
    args.end();

    let mut procs = Vec::new();
    for i in 0..n_process {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => process_function(i), // and the child goes on with the loop
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    println!("Process are started");
    let mut ends = Vec::new();
    for p in procs {
        println!("Join process");
        ends.push(waitpid(p, None).or_exit("waitpid")); // p.join()
    }
    check_children(&ends); // a child that failed is reported, and the program fails
}
