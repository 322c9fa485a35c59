//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » →
//! « Retour sur le calcul de π »
//!
//! Mirrors `pi_process_worker` + `compute_pi_process`: PROCESSES forked child processes each sum
//! their part of the midpoint rule and send it to the parent, which adds the parts.
//!
//! Run:     cargo run --release -p pi-processes -- 4       (or `-- 2 1e9`)
//! Observe: the PI of pi-threads and the same speedup; %CPU counts the parent and its children.
//! Where Rust differs: the `Queue` is one pipe into which each child writes its 8-byte sum (a write
//! of at most 4096 bytes is never mixed with another). The parent reads one sum per child, reaps
//! every child with `waitpid`, and prints no PI if one failed, where Python would add up whatever
//! came. A child ends with `_exit` (in `child_exit`): it never runs the parent's code.
//! Exercises: 15, 17 (EXERCISES.md).

use course_support::{Args, Clock, OrExit, check_children, child_exit};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork, pipe};
use std::f64::consts::PI;
use std::fs::File;
use std::io::{self, Read, Write};

const USAGE: &str = "usage: pi-processes [PROCESSES] [POINTS]    PROCESSES: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the POINTS split among PROCESSES child processes as in the course.
POINTS may be fewer than PROCESSES: the first processes then get no point, the last takes them all.";

fn pi_process_worker(nbpoint: i64, pid: i64, nbproc: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    // ANCHOR: split
    let start = pid * (nbpoint / nbproc);
    let mut stop = (pid + 1) * (nbpoint / nbproc);
    if pid == nbproc - 1 {
        stop += nbpoint % nbproc; // the last process
    }
    // ANCHOR_END: split
    let mut i = start;
    while i < stop {
        // A `while` on an i64, as in pi-sequential: as fast as the C loop.
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}

fn compute_pi_process(nbpoint: i64, nbproc: i64) -> f64 {
    // ANCHOR: fork
    let (output, pi_contrib) = pipe().or_exit("pipe"); // (read end, write end)
    let mut procs = Vec::new();
    for pid in 0..nbproc {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => {
                drop(output);
                child_exit(|| {
                    let s = pi_process_worker(nbpoint, pid, nbproc);
                    File::from(pi_contrib).write_all(&s.to_le_bytes()) // output.put(s)
                })
            }
            ForkResult::Parent { child } => procs.push(child),
        }
    }
    drop(pi_contrib); // the parent keeps only the read end: EOF once every child has ended
    // ANCHOR_END: fork
    // ANCHOR: read
    let (mut output, mut pi_val, mut bytes) = (File::from(output), 0.0, [0u8; 8]);
    for _ in &procs {
        // One sum per child, in the order they finish, as they would come out of the Queue.
        if output.read_exact(&mut bytes).is_err() {
            break; // a child ended without writing: `check_children` below says why
        }
        pi_val += f64::from_le_bytes(bytes);
    }
    // p.join() for each p; `waitpid` also says how the child ended.
    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    check_children(&ends); // every child exited with status 0: each one wrote its sum
    pi_val
    // ANCHOR_END: read
}

fn main() {
    let clock = Clock::start();
    let mut args = Args::new(USAGE);
    let nbproc = args.count("PROCESSES", 1024, num_cpus::get().min(1024) as i64);
    let nbpoint = args.points(100_000_000);
    args.end();

    let pi_est_proc = compute_pi_process(nbpoint, nbproc);
    println!("PI = {pi_est_proc}");
    let error = (PI - pi_est_proc).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    clock.print();
}
