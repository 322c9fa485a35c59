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

use nix::sys::signal::{SigHandler, Signal, signal};
use parking_lot::Mutex;
use std::sync::Arc;
use std::thread;

const USAGE: &str = "usage: mutex-counter [THREADS] [INCREMENTS]    THREADS: 1 to 1000, default 4; INCREMENTS: 1 to 1000000000, default 100";

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

fn worker(counter: &Mutex<Counter>, increments: u64) {
    for _ in 0..increments {
        let mut guard = counter.lock(); // mutex.acquire()
        guard.incr();
        drop(guard); // mutex.release()
    }
}

fn main() {
    let (nb_threads, increments) = command_line();
    let counter = Arc::new(Mutex::new(Counter { counter: 0 }));
    let threads: Vec<_> = (0..nb_threads)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || worker(&counter, increments))
        })
        .collect();

    for t in threads {
        t.join().expect("a thread panicked");
    }

    let total = counter.lock().current();
    println!("Counter = {total}");
    if total != nb_threads * increments {
        eprintln!(
            "mutex-counter: expected {}, got {total}",
            nb_threads * increments
        );
        std::process::exit(1);
    }
}

/// Reads `[THREADS] [INCREMENTS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (u64, u64) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTHREADS threads increment one counter INCREMENTS times each, under a lock."
        );
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let nb_threads = args.first().map_or(4, |a| parse("THREADS", a, 1000));
    let increments = args
        .get(1)
        .map_or(100, |a| parse("INCREMENTS", a, 1_000_000_000));
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
    eprintln!("mutex-counter: {message}\n{USAGE}");
    std::process::exit(2);
}
