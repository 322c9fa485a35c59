//! « Du vrai multi-thread en Python - le module `threading` » → « Les limitations »
//!
//! Mirrors `compute_pi_sequential`: π by the midpoint rule on one core,
//! π ≈ sum for i in 0..N of (1/N) · 4 / (1 + ((i + 0.5)/N)²).
//!
//! Run:     cargo run --release -p pi-sequential          (or `-- 1e9` for 10^9 points)
//! Observe: "PI = 3.141592653…" with an error of about 1e-11 % for the default 10^8 points, then
//!          the time as `/usr/bin/time --format "%E elapsed %PCPU"` shows it, at about 100%CPU.
//! The Python cell needs about 15 s for 10^8 points; this loop needs a fraction of a second. It
//! is the reference for pi-threads, pi-processes and pi-gil, which keep the same loop.
//! Exercises: 14 (EXERCISES.md).

use course_support::{Args, Clock};
use std::f64::consts::PI;

const USAGE: &str = "usage: pi-sequential [POINTS]    POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule with POINTS points, on one core.";

// ANCHOR: compute-pi-sequential
// The loop is written as C writes it, and so it runs as fast as C (see the book, Timings): the
// count `i` is an `i64`, like C's `long`, which the processor turns into a float in one step (an
// unsigned count takes several, 15 % slower); and it is a `while` loop with `i += 1` at the end,
// which came out 4-5 % faster than `for i in 0..nbpoint`.
fn compute_pi_sequential(nbpoint: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let mut i = 0;
    while i < nbpoint {
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}
// ANCHOR_END: compute-pi-sequential

// ANCHOR: main
fn main() {
    let clock = Clock::start();
    let mut args = Args::new(USAGE);
    let nbpoint = args.points(100_000_000);
    args.end();

    let pi_estimated = compute_pi_sequential(nbpoint);
    println!("PI = {pi_estimated}");
    let error = (PI - pi_estimated).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    clock.print();
}
// ANCHOR_END: main
