//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! Mirrors `fill_random` run by processes ("Et là c'est le drame"): each of `nb_process` children
//! fills its part of `res` with `tid*100 + random()` and prints "Proc {tid} tab = […]"; after
//! reaping them all, the parent prints `res`.
//!
//! Run:     cargo run -p process-fill           (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: each child shows its own part filled, yet the parent's array is still all `None`.
//! `fork` gives the child a copy of the parent's memory, copied page by page when one side
//! writes to it (copy-on-write). So each child fills its own copy, and the parent's never changes.
//! As in shared-fill, the last process also takes the remainder of N / nb_process.
//! Exercises: 12 (EXERCISES.md).

use course_support::{Args, OrExit, check_children, child_exit};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};
use std::ops::Range;

const USAGE: &str = "usage: process-fill [N] [PROCESSES]    N: 1 to 1000000, default 10; PROCESSES: 1 to 256, default 2
PROCESSES processes fill their own copy of an array of N random numbers; the parent's array stays empty.";

// ANCHOR: fill-random
fn fill_random(tid: usize, part: Range<usize>, tab: &mut [Option<f64>]) {
    for slot in &mut tab[part] {
        *slot = Some(tid as f64 * 100.0 + rand::random::<f64>());
    }
    // One write for the whole line: short lines of different children do not mix.
    let line = format!("Proc {tid} tab = {}\n", show(tab));
    io::stdout().write_all(line.as_bytes()).or_exit("write");
}
// ANCHOR_END: fill-random

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    let nb_process = args.count("PROCESSES", 256, 2);
    args.end();

    // ANCHOR: fork-loop
    let mut res: Vec<Option<f64>> = vec![None; n]; // "the common array", as `[None]*N`
    let mut procs = Vec::new();
    for i in 0..nb_process {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => child_exit(|| fill_random(i, part(i, n, nb_process), &mut res)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }
    // ANCHOR_END: fork-loop

    // ANCHOR: join-and-print
    // p.join() for each p; `waitpid` also says how the child ended.
    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    check_children(&ends); // a child that failed is reported, and the program fails
    println!("{}", show(&res));
    // ANCHOR_END: join-and-print
}

/// Slots of process `tid`: `N_by_process` each, the last process also takes the remainder.
fn part(tid: usize, n: usize, nb_process: usize) -> Range<usize> {
    let n_by_process = n / nb_process;
    let end = if tid == nb_process - 1 { n } else { (tid + 1) * n_by_process };
    tid * n_by_process..end
}

/// `tab` written as Python prints a list: `[0.5, 100.25, None]`.
fn show(tab: &[Option<f64>]) -> String {
    let items: Vec<String> =
        tab.iter().map(|x| x.map_or("None".into(), |v| format!("{v:?}"))).collect();
    format!("[{}]", items.join(", "))
}
