//! Solution of exercise 1 (EXERCISES.md), from two-threads.
//!
//! What changed: `thread_function` returns how many lines it printed, `join` hands that number
//! back (a `JoinHandle<usize>`), and the main thread prints "Total lines = …", their sum.
//!
//! Run:     cargo run -p course-tests --bin two-threads-count -- 5
//! Observe: the lines of two-threads, then "Total lines = 50" (10 × THREADS); checked.

use nix::sys::signal::{SigHandler, Signal, signal};
use std::thread;

const USAGE: &str = "usage: two-threads-count [THREADS]    THREADS: 1 to 1000, default 2";

fn thread_function(tid: usize) -> usize {
    let mut printed = 0;
    for _ in 0..10 {
        println!("In the thread {tid}");
        printed += 1;
    }
    printed
}

fn main() {
    let n_thread = command_line();
    let threads: Vec<_> = (0..n_thread)
        .map(|i| thread::spawn(move || thread_function(i)))
        .collect();

    println!("Threads are started");
    let mut total = 0;
    for t in threads {
        println!("Join thread");
        total += t.join().expect("a thread panicked"); // what thread_function returned
    }
    println!("Total lines = {total}");
    if total != 10 * n_thread {
        eprintln!("two-threads-count: expected {}, got {total}", 10 * n_thread);
        std::process::exit(1);
    }
}

/// Reads `[THREADS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> usize {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTHREADS threads each print \"In the thread {{tid}}\" 10 times and return how many lines they printed."
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
    eprintln!("two-threads-count: {message}\n{USAGE}");
    std::process::exit(2);
}
