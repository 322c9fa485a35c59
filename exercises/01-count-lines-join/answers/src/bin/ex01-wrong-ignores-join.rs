//! A kept wrong answer of exercise 1: `thread_function` returns its count, but the main thread
//! drops what `join` hands back and prints 10 × THREADS, computed from the argument. The output
//! is the solution's; the source shows the mistake.
//! Fails at: the total printed is the sum of what the `join`s return

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-ignores-join [THREADS]    THREADS: 1 to 1000, default 2
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
    for t in threads {
        println!("Join thread");
        t.join().expect("a thread panicked");
    }
    let total = 10 * n_thread; // the mistake: what `join` returned is not used
    println!("Total lines = {total}");
    if total != 10 * n_thread {
        fail(&format!("expected {}, got {total}", 10 * n_thread));
    }
}
