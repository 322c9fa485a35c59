//! A kept wrong answer of exercise 13: the threads store their parts in a shared vector behind a
//! lock, as the Python does with `output[tid] = s`, and send only their tid through the channel,
//! to say they are done. PI is the solution's, digit for digit; the source shows that the PI
//! printed is not made of what the channel carries.
//! Fails at: the PI printed is made of the parts received from the channel

use course_support::{Args, Clock, OrExit};
use crossbeam_channel::unbounded;
use parking_lot::Mutex;
use std::f64::consts::PI;
use std::sync::Arc;
use std::thread;

const USAGE: &str = "usage: ex13-wrong-parts-in-a-shared-vector [THREADS] [POINTS]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
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
    // The mistake: the parts go into a shared vector, as `output[tid] = s` in Python; the
    // channel carries only "thread tid is done".
    let output = Arc::new(Mutex::new(vec![0.0; nbthread as usize]));
    let (done, finished) = unbounded::<i64>();
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let (output, done) = (Arc::clone(&output), done.clone());
            let worker = move || {
                let s = pi_thread_worker(nbpoint, tid, nbthread);
                output.lock()[tid as usize] = s;
                done.send(tid).expect("main thread gone");
            };
            thread::Builder::new().spawn(worker).or_exit("spawn")
        })
        .collect();
    drop(done);

    for _tid in finished.iter() {}
    for t in threads {
        t.join().expect("a thread panicked");
    }
    let pi_contrib = output.lock().clone();
    pi_contrib.into_iter().sum()
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
