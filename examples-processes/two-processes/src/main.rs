//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! Mirrors `process_function`: `n_process` processes each print "In the process {tid}" 10 times;
//! the parent prints "Process are started", then "Join process" before waiting for each child.
//! (The notebook's cell passes `target=thread_function`, a slip: the function meant, and called
//! here, is `process_function`.)
//!
//! Run:     cargo run -p two-processes          (or `cargo run -p two-processes -- 5` for 5)
//! Observe: the lines of the processes interleave differently from one run to the next.
//! `fork` is `Process(...)` and `start()` in one call: the child is a copy of the parent that
//! goes on from the `fork`, so it must `_exit` at the end of its task (`child_exit`), or it would
//! run the parent's code too. `waitpid` is `p.join()`, and it says how the child ended.
//! Exercises: 11 (EXERCISES.md).

use course_support::{Args, OrExit, check_children, child_exit};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};

const USAGE: &str = "usage: two-processes [PROCESSES]    PROCESSES: 1 to 256, default 2
Two (or PROCESSES) processes each print \"In the process {tid}\" 10 times.";

// ANCHOR: process-function
fn process_function(tip: usize) {
    for _ in 0..10 {
        println!("In the process {tip}");
    }
}
// ANCHOR_END: process-function

fn main() {
    let mut args = Args::new(USAGE);
    let n_process = args.count("PROCESSES", 256, 2);
    args.end();

    // ANCHOR: fork-loop
    let mut procs = Vec::new();
    for i in 0..n_process {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => child_exit(|| process_function(i)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }
    // ANCHOR_END: fork-loop

    // ANCHOR: join
    println!("Process are started");
    let mut ends = Vec::new();
    for p in procs {
        println!("Join process");
        ends.push(waitpid(p, None).or_exit("waitpid")); // p.join()
    }
    check_children(&ends); // a child that failed is reported, and the program fails
    // ANCHOR_END: join
}
