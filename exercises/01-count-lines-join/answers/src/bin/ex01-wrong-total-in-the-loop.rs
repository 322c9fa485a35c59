//! A kept wrong answer of exercise 1: "Total lines = …" printed inside the loop of joins, after
//! each `join`, instead of once after the last one; the last line is right, so the check
//! rejects it at the count of lines.
//! Fails at: and no other line

use course_support::{Args, OrExit};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-total-in-the-loop [THREADS]    THREADS: 1 to 1000, default 2
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

    let threads: Vec<_> = (0..n_thread)
        .map(|i| thread::Builder::new().spawn(move || thread_function(i)).or_exit("spawn"))
        .collect();

    println!("Threads are started");
    let mut total = 0;
    for t in threads {
        println!("Join thread");
        total += t.join().expect("a thread panicked");
        println!("Total lines = {total}"); // the mistake: a running total, one per join
    }
}
