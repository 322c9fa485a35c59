//! A kept wrong answer of exercise 1: thread 0 is spawned and joined before the other threads
//! are spawned, so it runs alone ("Join thread" comes before any other thread's line). The
//! lines and the total are the solution's; the source shows the join before a later spawn.
//! Fails at: the joins come after all the spawns

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str = "usage: ex01-wrong-first-joined-early [THREADS]    THREADS: 1 to 1000, default 2
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

    // Thread 0 first, and its lines counted at once; then the others.
    let first = thread::Builder::new().spawn(move || thread_function(0)).or_exit("spawn");
    println!("Join thread");
    let mut total = first.join().expect("a thread panicked");
    let threads: Vec<_> = (1..n_thread)
        .map(|i| thread::Builder::new().spawn(move || thread_function(i)).or_exit("spawn"))
        .collect();

    println!("Threads are started");
    for t in threads {
        println!("Join thread");
        total += t.join().expect("a thread panicked"); // what thread_function returned
    }
    println!("Total lines = {total}");
    if total != 10 * n_thread {
        fail(&format!("expected {}, got {total}", 10 * n_thread));
    }
}
