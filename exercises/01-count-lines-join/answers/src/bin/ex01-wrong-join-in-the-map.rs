//! A kept wrong answer of exercise 1: each thread is joined inside the `map` that spawns it, so
//! the threads run one after the other ("Join thread" comes before the next thread's lines).
//! The lines and the total are the solution's; the source shows the joins in the loop.
//! Fails at: the joins come after all the spawns

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-join-in-the-map [THREADS]    THREADS: 1 to 1000, default 2
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
    // The mistake: each thread is joined right after it is spawned, in the same `map`: the
    // threads run one after the other.
    let counts: Vec<usize> = (0..n_thread)
        .map(|i| {
            let t = thread::Builder::new().spawn(move || thread_function(i)).or_exit("spawn");
            println!("Join thread");
            t.join().expect("a thread panicked")
        })
        .collect();

    println!("Threads are started");
    let total: usize = counts.iter().sum();
    println!("Total lines = {total}");
    if total != 10 * n_thread {
        fail(&format!("expected {}, got {total}", 10 * n_thread));
    }
}
