//! A kept wrong answer of exercise 1: the `map` that spawns is never collected. Iterators are
//! lazy: each thread is spawned only when the loop of joins asks for the next one, after the
//! previous join, so the threads run one after the other. The lines and the total are the
//! solution's; the source shows the map left lazy.
//! Fails at: the joins come after all the spawns

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-lazy-map [THREADS]    THREADS: 1 to 1000, default 2
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
    let threads = (0..n_thread)
        .map(|i| thread::Builder::new().spawn(move || thread_function(i)).or_exit("spawn"));

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
