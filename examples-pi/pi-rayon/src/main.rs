//! Beyond the course: « Les limitations » and « Retour sur le calcul de π », the Rust way.
//!
//! The same sum as compute_pi_sequential, written as one expression over all the points,
//! `(0..nbpoint).into_par_iter().map(term).sum()`: rayon, the data-parallel library Rust
//! programmers reach for first, splits the range among the threads of its pool, gives idle
//! threads work taken from busy ones, and adds the parts. No `spawn`, no `join`, no split by hand:
//! the counterpart of Python's `multiprocessing.Pool.map`, which the course does not show.
//!
//! Run:     cargo run --release -p pi-rayon -- 2 1e9
//! Observe: the time of pi-threads with as many threads; the last digits may change from run to
//!          run: rayon splits the range as its threads become free, so the parts differ.
//! Exercises: 21 (EXERCISES.md).

use course_support::{Args, Clock, OrExit};
use rayon::prelude::*;
use std::f64::consts::PI;

const USAGE: &str = "usage: pi-rayon [THREADS] [POINTS]    THREADS: 1 to 1024, the size of rayon's pool, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the sum of all the points' terms computed by rayon's pool of THREADS threads.";

fn compute_pi_rayon(nbpoint: i64) -> f64 {
    let l = 1.0 / nbpoint as f64;
    (0..nbpoint)
        .into_par_iter()
        .map(|i| {
            let x = l * (i as f64 + 0.5);
            l * (4.0 / (1.0 + x * x))
        })
        .sum()
}

fn main() {
    let clock = Clock::start();
    let mut args = Args::new(USAGE);
    let nbthread = args.count("THREADS", 1024, num_cpus::get().min(1024));
    let nbpoint = args.points(100_000_000);
    args.end();

    let pool = rayon::ThreadPoolBuilder::new().num_threads(nbthread).build();
    let pool = pool.map_err(std::io::Error::other).or_exit("spawn");
    let pi_est_rayon = pool.install(|| compute_pi_rayon(nbpoint));
    println!("PI = {pi_est_rayon}");
    let error = (PI - pi_est_rayon).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    clock.print();
}
