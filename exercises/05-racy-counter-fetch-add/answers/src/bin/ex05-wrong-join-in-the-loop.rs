//! A kept wrong answer of exercise 5: `fetch_add`, but each thread joined right after it is
//! spawned, in the same loop: the threads run one after the other, so nothing can be lost and
//! nothing shows that `fetch_add` repairs the race. The check rejects it at its source, and, run
//! beside the solution's source (mutant one-at-a-time-run), at "the threads run at the same time".
//! Fails at: the joins come after all the spawns

use course_support::{Args, OrExit};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

const USAGE: &str = "usage: ex05-wrong-join-in-the-loop [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 1000000
THREADS threads increment one atomic counter INCREMENTS times each, with fetch_add.";

struct Counter {
    counter: AtomicU64,
}

impl Counter {
    fn incr(&self) {
        self.counter.fetch_add(1, Relaxed); // read, add 1 and write back in one step
    }

    fn current(&self) -> u64 {
        self.counter.load(Relaxed)
    }
}

fn worker(counter: &Counter, increments: u64) {
    for _ in 0..increments {
        counter.incr(); // no mutex.acquire() / mutex.release() here
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let nb_threads = args.count("THREADS", 1000, 4);
    let increments = args.count("INCREMENTS", 1_000_000_000, 1_000_000);
    args.end();

    let counter = Arc::new(Counter { counter: AtomicU64::new(0) });
    for _ in 0..nb_threads {
        let counter = Arc::clone(&counter);
        let t = thread::Builder::new().spawn(move || worker(&counter, increments)).or_exit("spawn");
        t.join().expect("a thread panicked"); // the mistake: joined before the next one starts
    }

    let expected = nb_threads * increments;
    let actual = counter.current();
    println!("Counter = {actual}");
    println!("expected = {expected}, actual = {actual}, lost updates = {}", expected - actual);
}
