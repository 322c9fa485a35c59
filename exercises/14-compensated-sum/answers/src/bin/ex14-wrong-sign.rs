//! A kept wrong answer of exercise 14: the lost part `c` is added back to the next term
//! (`+ c`) instead of subtracted: `c` is `(t - s) - term`, what the rounding added, so adding it
//! doubles each rounding error instead of cancelling it. The check rejects it at "the error is
//! hundreds of times smaller than pi-sequential's".
//!
//! Run:     cargo run --release -p ex14-answers --bin ex14-wrong-sign -- 1e7
use course_support::{Args, Clock};
use std::f64::consts::PI;

const USAGE: &str =
    "usage: ex14-solution [POINTS]    POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule with POINTS points, on one core, with a compensated (Kahan) sum.";

// The loop is written as C writes it, and so it runs as fast as C (see the README): the count
// `i` is an `i64`, like C's `long`, which the processor turns into a float in one step (an
// unsigned count takes several, 15 % slower); and it is a `while` loop with `i += 1` at the end,
// which came out 4-5 % faster than `for i in 0..nbpoint`.
fn compute_pi_sequential(nbpoint: i64) -> f64 {
    let (mut s, mut c) = (0.0, 0.0); // the sum, and what its rounding lost so far
    let l = 1.0 / nbpoint as f64;
    let mut i = 0;
    while i < nbpoint {
        let x = l * (i as f64 + 0.5);
        let term = l * (4.0 / (1.0 + x * x)) + c; // the mistake: + c
        let t = s + term;
        c = (t - s) - term; // what `s + term` rounded away (exact in floating point)
        s = t;
        i += 1;
    }
    s
}

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
