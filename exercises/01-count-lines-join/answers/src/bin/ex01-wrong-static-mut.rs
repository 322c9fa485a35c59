//! A kept wrong answer of exercise 1: the threads count into a `static mut`, a counter shared
//! without a lock (a data race: `unsafe`), and return 10 through `join`. The output is the
//! solution's on most runs; the source shows the shared counter.
//! Fails at: no shared counter

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-static-mut [THREADS]    THREADS: 1 to 1000, default 2
THREADS threads each print \"In the thread {tid}\" 10 times and return how many lines they printed.";

static mut PRINTED: usize = 0; // the mistake: a counter shared by every thread

fn thread_function(tid: usize) -> usize {
    for _ in 0..10 {
        println!("In the thread {tid}");
        // SAFETY: none; the threads race on PRINTED (the check reads the source for this).
        unsafe { PRINTED += 1 };
    }
    10
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
