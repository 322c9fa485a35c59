//! « Du vrai multi-thread en Python - le module `threading` » → « Notion de vérouillage »
//!
//! What the course only tells: the `Counter` of mutex-counter incremented *without* the lock.
//! Rust refuses the literal Python version: `counter.incr()` on an `Arc<Counter>` with
//! `fn incr(&mut self)` gives "error[E0596]: cannot borrow data in an `Arc` as mutable".
//! So the race is written out in safe Rust: `incr` reads the value (an atomic load) and writes
//! back value + 1 (a separate atomic store), like Python's `self._counter += 1` does in two steps.
//! Between the two, another thread may write: its increment is then lost.
//!
//! Run:     cargo run -p racy-counter          (or `-- 4 100` for the course's sizes)
//! Observe: actual < expected on most runs; the number of lost updates changes every run.
//! Exercises: 5 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, signal};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

const USAGE: &str = "usage: racy-counter [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 1000000";

struct Counter {
    counter: AtomicU64,
}

impl Counter {
    fn incr(&self) {
        let value = self.counter.load(Relaxed); // read ...
        self.counter.store(value + 1, Relaxed); // ... then write back: not one step
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
    let (nb_threads, increments) = command_line();
    let counter = Arc::new(Counter {
        counter: AtomicU64::new(0),
    });
    let threads: Vec<_> = (0..nb_threads)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || worker(&counter, increments))
        })
        .collect();

    for t in threads {
        t.join().expect("a thread panicked");
    }

    let expected = nb_threads * increments;
    let actual = counter.current();
    println!("Counter = {actual}");
    println!(
        "expected = {expected}, actual = {actual}, lost updates = {}",
        expected - actual
    );
}

/// Reads `[THREADS] [INCREMENTS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (u64, u64) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTHREADS threads increment one counter INCREMENTS times each, without a lock."
        );
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let nb_threads = args.first().map_or(4, |a| parse("THREADS", a, 1000));
    let increments = args
        .get(1)
        .map_or(1_000_000, |a| parse("INCREMENTS", a, 1_000_000_000));
    (nb_threads, increments)
}

fn parse(name: &str, value: &str, max: u64) -> u64 {
    match value.parse::<u64>() {
        Ok(v) if (1..=max).contains(&v) => v,
        _ => usage_error(&format!(
            "{name} must be an integer from 1 to {max}, got '{value}'"
        )),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("racy-counter: {message}\n{USAGE}");
    std::process::exit(2);
}
