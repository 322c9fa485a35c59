//! Solution of exercise 1 (EXERCISES.md), from two-threads.
//!
//! What changed: `thread_function` returns how many lines it printed, `join` hands that number
//! back (a `JoinHandle<usize>`), and the main thread prints "Total lines = …", their sum.
//!
//! Run:     cargo run -p ex01-answers --bin ex01-solution -- 5
//! Observe: the lines of two-threads, then "Total lines = 50" (10 × THREADS); checked.

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str = "usage: ex01-solution [THREADS]    THREADS: 1 to 1000, default 2
THREADS threads each print \"In the thread {tid}\" 10 times and return how many lines they printed.";

fn thread_function(tid: usize) -> usize {
    let mut printed = 0;
    for _ in 0..10 {
        println!("In the thread {tid}");
        printed += 1;
    }
    printed
}

fn main() {
    let mut args = Args::new(USAGE);
    let n_thread = args.count("THREADS", 1000, 2);
    args.end();

    // Python creates each Thread, then calls start(); `spawn` does both at once (and says if
    // the system refused to start a thread).
    let threads: Vec<_> = (0..n_thread)
        .map(|i| thread::Builder::new().spawn(move || thread_function(i)).or_exit("spawn"))
        .collect();

    println!("Threads are started");
    let mut total = 0;
    for t in threads {
        println!("Join thread");
        total += t.join().expect("a thread panicked"); // what thread_function returned
    }
    println!("Total lines = {total}");
    if total != 10 * n_thread {
        fail(&format!("expected {}, got {total}", 10 * n_thread));
    }
}
