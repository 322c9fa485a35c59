//! A kept wrong answer of exercise 13: each thread sends its part through the channel and also
//! returns it; the main thread receives the parts but adds up what the `join`s return. PI is
//! the solution's, digit for digit; the source shows where the sum comes from.
//! Fails at: the value of `join` is not used

use course_support::{Args, Clock, OrExit};
use crossbeam_channel::unbounded;
use std::f64::consts::PI;
use std::thread;

const USAGE: &str = "usage: ex13-wrong-sum-from-join [THREADS] [POINTS]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
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
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let output = output.clone();
            let worker = move || {
                let s = pi_thread_worker(nbpoint, tid, nbthread);
                output.send((tid, s)).expect("main thread gone"); // output[tid] = s
                s // the mistake: the part is also handed back through `join`
            };
            thread::Builder::new().spawn(worker).or_exit("spawn")
        })
        .collect();
    drop(output); // or `received.iter()` would wait for this sender forever

    let mut pi_contrib = vec![None; nbthread as usize];
    for (tid, s) in received.iter() {
        pi_contrib[tid as usize] = Some(s);
    }
    // The sum is made of what `join` returns, in thread order: the parts received are unused.
    let parts: Vec<f64> =
        threads.into_iter().map(|t| t.join().expect("a thread panicked")).collect();
    let _ = pi_contrib;
    parts.into_iter().sum()
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
