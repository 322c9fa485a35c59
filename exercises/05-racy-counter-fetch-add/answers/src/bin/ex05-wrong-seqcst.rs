//! A kept wrong answer of exercise 5 (its `teacher.md`): the load and the store kept, with
//! `SeqCst` instead of `Relaxed`; the ordering is not the problem, the two steps are: another
//! thread still writes between them. The check rejects it at "lost updates = 0 in each of 20 runs".

use course_support::{Args, OrExit};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{Relaxed, SeqCst};
use std::thread;

const USAGE: &str = "usage: ex05-wrong-seqcst [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 1000000
THREADS threads increment one atomic counter INCREMENTS times each, with fetch_add.";

struct Counter {
    counter: AtomicU64,
}

impl Counter {
    fn incr(&self) {
        // The mistake: a stronger ordering, still two steps.
        let value = self.counter.load(SeqCst);
        self.counter.store(value + 1, SeqCst);
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
