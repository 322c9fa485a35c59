//! A kept wrong answer of exercise 1: the threads add their lines to a shared counter (an
//! `Arc<AtomicUsize>`) instead of returning them through `join`; it prints the same output as
//! the solution, so the check rejects it at the source.
//! Fails at: no shared counter

use course_support::{Args, OrExit, fail};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-shared-counter [THREADS]    THREADS: 1 to 1000, default 2
THREADS threads each print \"In the thread {tid}\" 10 times and count them in a shared counter.";

fn thread_function(tid: usize, lines: &AtomicUsize) {
    for _ in 0..10 {
        println!("In the thread {tid}");
        lines.fetch_add(1, Ordering::Relaxed); // the mistake: the count is shared, not returned
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let n_thread = args.count("THREADS", 1000, 2);
    args.end();

    let lines = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..n_thread)
        .map(|i| {
            let lines = Arc::clone(&lines);
            thread::Builder::new().spawn(move || thread_function(i, &lines)).or_exit("spawn")
        })
        .collect();

    println!("Threads are started");
    for t in threads {
        println!("Join thread");
        t.join().expect("a thread panicked");
    }
    let total = lines.load(Ordering::Relaxed);
    println!("Total lines = {total}");
    if total != 10 * n_thread {
        fail(&format!("expected {}, got {total}", 10 * n_thread));
    }
}
