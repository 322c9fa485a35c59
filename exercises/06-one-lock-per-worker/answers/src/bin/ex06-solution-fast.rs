//! A fast solution of exercise 6 (EXERCISES.md), from mutex-counter: the same as
//! ex06-solution, but a worker counts its hand-over once, when it takes the lock, and its loop
//! is a plain `+= 1` that the compiler folds into one addition. 4 × 10^9 increments take a few
//! milliseconds: too fast for its threads to be seen at once, and still a right answer, which
//! the check must pass (the source shows the threads all spawned, then joined).
//!
//! What changed: `Counter` also keeps the tid of the thread that incremented it last and counts
//! the hand-overs (increments made by another thread than the previous one), each `worker` gets
//! its tid, and "Hand-overs = …" follows "Counter = …"; then `worker` takes the lock once, does
//! all its increments, and drops the guard, instead of taking and releasing it around each one.
//!
//! Run:     cargo run -p ex06-answers --bin ex06-solution-fast     (or `-- 4 1000000`)
//! Observe: the exact Counter, as before (checked), and "Hand-overs = 3" with 4 threads on every
//!          run: each thread runs its whole loop, lock held, while the others wait.

use course_support::{Args, OrExit, fail};
use parking_lot::Mutex;
use std::sync::Arc;
use std::thread;

const USAGE: &str = "usage: ex06-solution-fast [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 100
THREADS threads increment one counter INCREMENTS times each, taking the lock once per thread, and count the hand-overs.";

struct Counter {
    counter: u64,
    last: Option<u64>, // the tid of the thread that incremented last
    hand_overs: u64,   // increments made by another thread than the previous increment
}

impl Counter {
    fn incr(&mut self, tid: u64) {
        self.counter += 1;
        if self.last.is_some_and(|last| last != tid) {
            self.hand_overs += 1;
        }
        self.last = Some(tid);
    }

    fn current(&self) -> u64 {
        self.counter
    }
}

fn worker(counter: &Mutex<Counter>, tid: u64, increments: u64) {
    let mut guard = counter.lock(); // mutex.acquire(), once
    guard.incr(tid); // the first increment counts a hand-over, if any
    let mut mine = 0;
    for _ in 1..increments {
        mine += 1; // the same thread: no hand-over; the compiler folds this loop
    }
    guard.counter += mine;
    drop(guard); // mutex.release(), once
}

fn main() {
    let mut args = Args::new(USAGE);
    let nb_threads = args.count("THREADS", 1000, 4);
    let increments = args.count("INCREMENTS", 1_000_000_000, 100);
    args.end();

    let counter = Arc::new(Mutex::new(Counter { counter: 0, last: None, hand_overs: 0 }));
    let threads: Vec<_> = (0..nb_threads)
        .map(|tid| {
            let counter = Arc::clone(&counter);
            thread::Builder::new().spawn(move || worker(&counter, tid, increments)).or_exit("spawn")
        })
        .collect();

    for t in threads {
        t.join().expect("a thread panicked");
    }

    let total = counter.lock().current();
    println!("Counter = {total}");
    println!("Hand-overs = {}", counter.lock().hand_overs);
    if total != nb_threads * increments {
        fail(&format!("expected {}, got {total}", nb_threads * increments));
    }
}
