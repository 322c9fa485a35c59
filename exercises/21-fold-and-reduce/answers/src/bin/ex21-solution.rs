//! Solution of exercise 21 (EXERCISES.md), from pi-rayon.
//!
//! What changed: `map(term).sum()` becomes `fold` (each piece of the range that a thread takes
//! gets its own sum, `s` in pi_thread_worker) and `reduce` (the sums of the pieces added two by
//! two): what `sum` does inside, written out.
//!
//! Run:     cargo run --release -p ex21-answers --bin ex21-solution -- 2 1e9
//! Observe: the PI and the time of pi-rayon; the last digits may change from run to run.

use course_support::{Args, Clock, OrExit};
use rayon::prelude::*;
use std::f64::consts::PI;

const USAGE: &str = "usage: ex21-solution [THREADS] [POINTS]    THREADS: 1 to 1024, the size of rayon's pool, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the points' terms folded into one sum per piece of work and the sums reduced, by rayon's pool of THREADS threads.";

fn compute_pi_rayon(nbpoint: i64) -> f64 {
    let l = 1.0 / nbpoint as f64;
    (0..nbpoint)
        .into_par_iter()
        .fold(
            || 0.0, // a new sum for each piece of the range a thread takes
            |s, i| {
                let x = l * (i as f64 + 0.5);
                s + l * (4.0 / (1.0 + x * x))
            },
        )
        .reduce(|| 0.0, |a, b| a + b) // the sums of the pieces, added two by two
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
