//! « Du vrai multi-thread en Python - le module `threading` » → « Notion de vérouillage »
//!
//! What the course only tells: the `Counter` of mutex-counter incremented *without* the lock.
//! Rust refuses the literal Python version (E0596, "cannot borrow data in an `Arc` as mutable"),
//! so the race is written out in safe Rust: `incr` reads the value (an atomic load) and writes
//! back value + 1 (a separate atomic store), as Python's `self._counter += 1` does in two steps.
//! Between the two, another thread may write: its increment is lost (a pause there widens it).
//!
//! Run:     cargo run -p racy-counter          (or `-- 4 100` for the course's sizes)
//! Observe: with the defaults (4 threads × 1 000 000), updates lost on every run, a different
//!          number each time: 100 of 100 runs idle, 100 of 100 with both cores busy (2 cores).
//!          With the course's 100, the threads rarely overlap: nothing lost in 99 of 100 runs.
//! Exercises: 5 (EXERCISES.md).

use course_support::{Args, OrExit};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

const USAGE: &str = "usage: racy-counter [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 1000000
THREADS threads increment one counter INCREMENTS times each, without a lock.";

struct Counter {
    counter: AtomicU64,
}

// ANCHOR: incr
impl Counter {
    fn incr(&self) {
        let value = self.counter.load(Relaxed); // read ...
        // A pause (about 20 ns) between the read and the write, only to widen the window in
        // which another thread writes: without it a thread may finish its increments within
        // one time slice, before the others start, and nothing is lost on some runs.
        std::hint::spin_loop();
        self.counter.store(value + 1, Relaxed); // ... then write back: not one step
    }

    fn current(&self) -> u64 {
        self.counter.load(Relaxed)
    }
}
// ANCHOR_END: incr

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
    let threads: Vec<_> = (0..nb_threads)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::Builder::new().spawn(move || worker(&counter, increments)).or_exit("spawn")
        })
        .collect();

    for t in threads {
        t.join().expect("a thread panicked");
    }

    // ANCHOR: report
    let expected = nb_threads * increments;
    let actual = counter.current();
    println!("Counter = {actual}");
    println!("expected = {expected}, actual = {actual}, lost updates = {}", expected - actual);
    // ANCHOR_END: report
}
