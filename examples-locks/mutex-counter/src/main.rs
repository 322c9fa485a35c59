//! « Du vrai multi-thread en Python - le module `threading` » → « Notion de vérouillage »
//!
//! Mirrors `Counter` + `worker`: `nb_threads` threads each increment one shared `Counter` 100
//! times, taking the lock before each increment and releasing it after.
//!
//! Run:     cargo run -p mutex-counter         (or `-- 8 100000`)
//! Observe: "Counter = 400", every time; the program checks the total and fails if it is wrong.
//! In Rust the lock owns what it protects: one `Mutex<Counter>` replaces `counter` + `mutex`,
//! and the counter cannot be reached without `lock()`. `lock()` is `acquire()`; dropping the
//! guard it returns is `release()`, so the lock cannot be forgotten.
//! Exercises: 4, 6 (EXERCISES.md).

use course_support::{Args, OrExit, fail};
use parking_lot::Mutex;
use std::sync::Arc;
use std::thread;

const USAGE: &str = "usage: mutex-counter [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 100
THREADS threads increment one counter INCREMENTS times each, under a lock.";

// ANCHOR: counter
struct Counter {
    counter: u64,
}

impl Counter {
    fn incr(&mut self) {
        self.counter += 1;
    }

    fn current(&self) -> u64 {
        self.counter
    }
}
// ANCHOR_END: counter

// ANCHOR: worker
fn worker(counter: &Mutex<Counter>, increments: u64) {
    for _ in 0..increments {
        let mut guard = counter.lock(); // mutex.acquire()
        guard.incr();
        drop(guard); // mutex.release()
    }
}
// ANCHOR_END: worker

fn main() {
    let mut args = Args::new(USAGE);
    let nb_threads = args.count("THREADS", 1000, 4);
    let increments = args.count("INCREMENTS", 1_000_000_000, 100);
    args.end();

    // ANCHOR: arc
    let counter = Arc::new(Mutex::new(Counter { counter: 0 }));
    let threads: Vec<_> = (0..nb_threads)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::Builder::new().spawn(move || worker(&counter, increments)).or_exit("spawn")
        })
        .collect();
    // ANCHOR_END: arc

    for t in threads {
        t.join().expect("a thread panicked");
    }

    // ANCHOR: total
    let total = counter.lock().current();
    println!("Counter = {total}");
    if total != nb_threads * increments {
        fail(&format!("expected {}, got {total}", nb_threads * increments));
    }
    // ANCHOR_END: total
}
