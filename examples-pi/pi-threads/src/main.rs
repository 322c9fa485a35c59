//! « Du vrai multi-thread en Python - le module `threading` » → « Les limitations » and
//! « Exemple de vrai multi-threading en c++ »
//!
//! Mirrors `pi_thread_worker` + `compute_pi_thread` (and the course's C++ `pi_thread`): THREADS
//! threads each sum their own part of the midpoint rule; the main thread adds the parts.
//!
//! Run:     cargo run --release -p pi-threads -- 4        (or `-- 2 1e9 --timeline`)
//! Observe: the PI of pi-sequential; the time falls as THREADS grows up to the number of cores
//!          and %CPU climbs to THREADS × 100 %, unlike Python's threads held back by the GIL.
//!          `--timeline` (or `--svg FILE`): up to as many threads as cores, rows side by side.
//! Where Rust differs: each thread returns its part through `join` instead of writing it into
//! the shared list `pi_contrib`.
//! Exercises: 13, 16 (EXERCISES.md).

use course_support::{Args, Clock, OrExit};
use figures::Timeline;
use std::f64::consts::PI;
use std::thread;

const USAGE: &str = "usage: pi-threads [THREADS] [POINTS] [--timeline] [--svg FILE]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the POINTS split among THREADS threads as in the course.
POINTS may be fewer than THREADS: the first threads then get no point, the last takes them all.
--timeline: after the result, one row per thread showing when it was computing.
--svg FILE: the same, drawn as an SVG figure into FILE.";

// ANCHOR: worker
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
// ANCHOR_END: worker

// ANCHOR: compute-pi-thread
fn compute_pi_thread(nbpoint: i64, nbthread: i64, timeline: &Timeline) -> f64 {
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let timeline = timeline.clone();
            let worker = move || timeline.span(tid, || pi_thread_worker(nbpoint, tid, nbthread));
            thread::Builder::new().spawn(worker).or_exit("spawn")
        })
        .collect();
    // Python's threads write `output[tid] = s`; here `join` hands each part back.
    threads.into_iter().map(|t| t.join().expect("a thread panicked")).sum()
}
// ANCHOR_END: compute-pi-thread

fn main() {
    let clock = Clock::start();
    let mut args = Args::new(USAGE);
    let timeline = Timeline::new(args.flag("--timeline"), args.option("--svg"));
    let nbthread = args.count("THREADS", 1024, num_cpus::get().min(1024) as i64);
    let nbpoint = args.points(100_000_000);
    args.end();

    let pi_est_thread = compute_pi_thread(nbpoint, nbthread, &timeline);
    println!("PI = {pi_est_thread}");
    let error = (PI - pi_est_thread).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    clock.print();
    timeline.draw(nbthread, nbpoint);
}
