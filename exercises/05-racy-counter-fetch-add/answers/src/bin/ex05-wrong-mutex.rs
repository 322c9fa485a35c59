//! A kept wrong answer of exercise 5: the counter repaired with a lock (a `Mutex<u64>`) instead
//! of one atomic `fetch_add`; it loses nothing, but the exercise is the repair without a lock,
//! so the check rejects it at the source. Only a comment names `fetch_add(`: the source rule
//! must read code, not comments.
//! Fails at: one `fetch_add` instead of a load and a store

use course_support::{Args, OrExit};
use parking_lot::Mutex;
use std::sync::Arc;
use std::thread;

const USAGE: &str = "usage: ex05-wrong-mutex [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 1000000
THREADS threads increment one atomic counter INCREMENTS times each, with fetch_add.";

struct Counter {
    counter: Mutex<u64>, // the mistake: a lock, the very thing the exercise does without
}

impl Counter {
    fn incr(&self) {
        // One `fetch_add(1, Relaxed)` would do; a lock is what I know.
        *self.counter.lock() += 1;
    }

    fn current(&self) -> u64 {
        *self.counter.lock()
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

    let counter = Arc::new(Counter { counter: Mutex::new(0) });
    let threads: Vec<_> = (0..nb_threads)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::Builder::new().spawn(move || worker(&counter, increments)).or_exit("spawn")
        })
        .collect();

    for t in threads {
        t.join().expect("a thread panicked");
    }

    let expected = nb_threads * increments;
    let actual = counter.current();
    println!("Counter = {actual}");
    println!("expected = {expected}, actual = {actual}, lost updates = {}", expected - actual);
}
