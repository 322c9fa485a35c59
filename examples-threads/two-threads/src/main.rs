//! « Du vrai multi-thread en Python - le module `threading` » → « Création et utilisation des threads »
//!
//! Mirrors `thread_function`: `n_thread` threads each print "In the thread {tid}" 10 times; the
//! main thread prints "Threads are started", then "Join thread" before waiting for each thread.
//!
//! Run:     cargo run -p two-threads          (or `cargo run -p two-threads -- 5` for 5 threads)
//! Observe: the lines of the threads interleave differently from one run to the next, and
//!          "Threads are started" may come before, between or after them.
//! Exercises: 1 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, signal};
use std::thread;

const USAGE: &str = "usage: two-threads [THREADS]    THREADS: 1 to 1000, default 2";

fn thread_function(tid: usize) {
    for _ in 0..10 {
        println!("In the thread {tid}");
    }
}

fn main() {
    let n_thread = command_line();
    // Python creates the threads, then calls start(); `thread::spawn` does both at once.
    let threads: Vec<_> = (0..n_thread)
        .map(|i| thread::spawn(move || thread_function(i)))
        .collect();

    println!("Threads are started");
    for t in threads {
        println!("Join thread");
        t.join().expect("a thread panicked");
    }
}

/// Reads `[THREADS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> usize {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTwo (or THREADS) threads each print \"In the thread {{tid}}\" 10 times."
        );
        std::process::exit(0);
    }
    match args.as_slice() {
        [] => 2,
        [n] => match n.parse::<usize>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => usage_error(&format!(
                "THREADS must be an integer from 1 to 1000, got '{n}'"
            )),
        },
        [_, extra, ..] => usage_error(&format!("unexpected argument '{extra}'")),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("two-threads: {message}\n{USAGE}");
    std::process::exit(2);
}
