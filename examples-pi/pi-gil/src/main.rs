//! « Du vrai multi-thread en Python - le module `threading` » → « Les limitations »
//!
//! The GIL reproduced: `pi_thread_worker` + `compute_pi_thread` as in pi-threads, but a thread
//! may only compute while it holds one global lock, `GIL`, and hands it over after each slice of
//! 5 ms of work, as CPython does every `sys.getswitchinterval()` (5 ms).
//!
//! Run:     cargo run --release -p pi-gil -- 2 3e7 --timeline      (or `--svg gil.svg`)
//! Observe: the PI of pi-threads, but no speedup whatever THREADS is, and %CPU stays near 100 %:
//!          the waiting threads sleep. `--timeline` (or `--svg FILE`) redraws the course's figure
//!          (« Les limitations », gil.png) from real measurements: the rows take turns.
//! In CPython a waiting thread asks the holder to drop the GIL after 5 ms; here the holder drops
//! it itself, and `unlock_fair` hands it to the thread that has waited longest.
//! Exercises: 18 (EXERCISES.md).

use course_support::{Args, Clock, OrExit};
use figures::Timeline;
use parking_lot::{Mutex, MutexGuard};
use std::f64::consts::PI;
use std::thread;
use std::time::Duration;

const USAGE: &str = "usage: pi-gil [THREADS] [POINTS] [--timeline] [--svg FILE]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the POINTS split among THREADS threads that compute only while holding one global lock.
POINTS may be fewer than THREADS: the first threads then get no point, the last takes them all.
--timeline: after the result, one row per thread showing when it was computing.
--svg FILE: the same, drawn as an SVG figure into FILE.";

// ANCHOR: gil
/// The Global Interpreter Lock: only the thread holding it may compute.
static GIL: Mutex<()> = Mutex::new(());
const SWITCH_INTERVAL: Duration = Duration::from_millis(5);
// ANCHOR_END: gil

fn pi_thread_worker(nbpoint: i64, tid: i64, nbthread: i64, timeline: &Timeline) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let start = tid * (nbpoint / nbthread);
    let mut stop = (tid + 1) * (nbpoint / nbthread);
    if tid == nbthread - 1 {
        stop += nbpoint % nbthread; // the last thread
    }
    let mut i = start;
    // ANCHOR: turn
    while i < stop {
        let gil = GIL.lock(); // wait for the GIL
        let begin = timeline.now();
        while i < stop && timeline.now() - begin < SWITCH_INTERVAL {
            let end = stop.min(i + 10_000); // a look at the clock every 10 000 points
            while i < end {
                // A `while` on an i64, as in pi-sequential: as fast as the C loop.
                let x = l * (i as f64 + 0.5);
                s += l * (4.0 / (1.0 + x * x));
                i += 1;
            }
        }
        timeline.record(tid, begin);
        MutexGuard::unlock_fair(gil); // drop the GIL, handing it to the longest-waiting thread
    }
    // ANCHOR_END: turn
    s
}

fn compute_pi_thread(nbpoint: i64, nbthread: i64, timeline: &Timeline) -> f64 {
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let timeline = timeline.clone();
            let worker = move || pi_thread_worker(nbpoint, tid, nbthread, &timeline);
            thread::Builder::new().spawn(worker).or_exit("spawn")
        })
        .collect();
    // Python's threads write `output[tid] = s`; here `join` hands each part back.
    threads.into_iter().map(|t| t.join().expect("a thread panicked")).sum()
}

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
