//! A kept wrong answer of exercise 6: the lock still taken once per increment, but each thread
//! joined right after it is spawned, in the same loop: the threads run one after the other, so
//! the lock changes hands THREADS − 1 times too, without any lock moved. The check rejects it at
//! its source, and, run beside the solution's source (mutant one-at-a-time-run), at "the threads
//! are started together, the others wait".
//! Fails at: the joins come after all the spawns

use course_support::{Args, OrExit, fail};
use parking_lot::Mutex;
use std::sync::Arc;
use std::thread;

const USAGE: &str = "usage: ex06-wrong-join-in-the-loop [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 100
THREADS threads increment one counter INCREMENTS times each, taking the lock once per increment, and count the hand-overs.";

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
    for _ in 0..increments {
        let mut guard = counter.lock(); // mutex.acquire()
        guard.incr(tid);
        drop(guard); // mutex.release()
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let nb_threads = args.count("THREADS", 1000, 4);
    let increments = args.count("INCREMENTS", 1_000_000_000, 100);
    args.end();

    let counter = Arc::new(Mutex::new(Counter { counter: 0, last: None, hand_overs: 0 }));
    for tid in 0..nb_threads {
        let counter = Arc::clone(&counter);
        let worker = move || worker(&counter, tid, increments);
        let t = thread::Builder::new().spawn(worker).or_exit("spawn");
        t.join().expect("a thread panicked"); // the mistake: joined before the next one starts
    }

    let total = counter.lock().current();
    println!("Counter = {total}");
    println!("Hand-overs = {}", counter.lock().hand_overs);
    if total != nb_threads * increments {
        fail(&format!("expected {}, got {total}", nb_threads * increments));
    }
}
