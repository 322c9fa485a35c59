//! A kept wrong answer of exercise 13: each thread is joined in the loop that spawns it, so
//! the next one starts only when it has finished: the right PI, one thread at a time. The
//! check rejects it at its source (the joins in the loop that spawns), and, run beside the
//! solution's source (mutant one-at-a-time-run), at "the 4 threads compute at the same time".
//! Fails at: the joins come after all the spawns
//!
//! Run:     cargo run --release -p ex13-answers --bin ex13-wrong-one-at-a-time -- 4

use course_support::{Args, Clock, OrExit};
use crossbeam_channel::unbounded;
use std::f64::consts::PI;
use std::thread;

const USAGE: &str = "usage: ex13-wrong-one-at-a-time [THREADS] [POINTS]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the POINTS split among THREADS threads as in the course, the parts sent through a channel.
POINTS may be fewer than THREADS: the first threads then get no point, the last takes them all.";

fn pi_thread_worker(nbpoint: i64, tid: i64, nbthread: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let start = tid * (nbpoint / nbthread);
    let mut stop = (tid + 1) * (nbpoint / nbthread);
    if tid == nbthread - 1 {
        stop += nbpoint % nbthread; // the last thread
    }
    let mut i = start;
    while i < stop {
        // A `while` on an i64, as in pi-sequential: as fast as the C loop.
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}

fn compute_pi_thread(nbpoint: i64, nbthread: i64) -> f64 {
    let (output, received) = unbounded::<(i64, f64)>();
    for tid in 0..nbthread {
        let output = output.clone();
        let worker = move || {
            let s = pi_thread_worker(nbpoint, tid, nbthread);
            output.send((tid, s)).expect("main thread gone"); // output[tid] = s
        };
        let t = thread::Builder::new().spawn(worker).or_exit("spawn");
        // The mistake: joined at once, before the next thread starts: one thread at a time.
        t.join().expect("a thread panicked");
    }
    drop(output); // or `received.iter()` would wait for this sender forever

    let mut pi_contrib = vec![None; nbthread as usize];
    for (tid, s) in received.iter() {
        pi_contrib[tid as usize] = Some(s);
    }
    // Every thread sent its part; added in thread order, as Python's sum(pi_contrib).
    pi_contrib.into_iter().map(|s| s.expect("a thread sent nothing")).sum()
}

fn main() {
    let clock = Clock::start();
    let mut args = Args::new(USAGE);
    let nbthread = args.count("THREADS", 1024, num_cpus::get().min(1024) as i64);
    let nbpoint = args.points(100_000_000);
    args.end();

    let pi_est_thread = compute_pi_thread(nbpoint, nbthread);
    println!("PI = {pi_est_thread}");
    let error = (PI - pi_est_thread).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    clock.print();
}
