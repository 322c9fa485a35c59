//! « Du vrai multi-thread en Python - le module `threading` » → « Création et utilisation des threads »
//!
//! Mirrors `fill_random`: `nb_threads` threads fill one shared array of `N` slots, thread `tid`
//! writing `tid*100 + random()` into its own part, without a lock.
//!
//! Run:     cargo run -p shared-fill           (or `-- 11 3` for N = 11 and 3 threads)
//! Observe: every slot is written; slot values start at 0.…, 100.…, 200.… by owning thread.
//! Where Python trusts the programmer to keep the parts apart, Rust checks it: `split_at_mut`
//! hands each thread its own `&mut` part, and scoped threads may borrow the array because they
//! are all joined before `thread::scope` returns. Unlike the Python cell, the remainder of
//! N / nb_threads is not left as `None`: the last thread takes it, as in `pi_thread_worker`.
//! Exercises: 2 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, signal};
use std::thread;

const USAGE: &str = "usage: shared-fill [N] [THREADS]    N: 1 to 1000000, default 10; THREADS: 1 to 1000, default 2";

fn fill_random(tid: usize, tab: &mut [Option<f64>]) {
    for slot in tab.iter_mut() {
        *slot = Some(tid as f64 * 100.0 + rand::random::<f64>());
    }
}

fn main() {
    let (n, nb_threads) = command_line();
    let n_by_threads = n / nb_threads;

    let mut res: Vec<Option<f64>> = vec![None; n]; // the common array, as `[None]*N`
    thread::scope(|s| {
        let mut rest = &mut res[..];
        for tid in 0..nb_threads {
            let len = if tid == nb_threads - 1 {
                rest.len()
            } else {
                n_by_threads
            };
            let (part, tail) = rest.split_at_mut(len);
            rest = tail;
            s.spawn(move || fill_random(tid, part));
        }
    }); // every thread is joined here

    let shown: Vec<String> = res
        .iter()
        .map(|x| x.map_or("None".into(), |v| v.to_string()))
        .collect();
    println!("[{}]", shown.join(", "));
    if res.contains(&None) {
        eprintln!("shared-fill: some slots were not written");
        std::process::exit(1);
    }
}

/// Reads `[N] [THREADS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (usize, usize) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}\nTHREADS threads fill their own part of one array of N random numbers.");
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let n = args.first().map_or(10, |a| parse("N", a, 1_000_000));
    let nb_threads = args.get(1).map_or(2, |a| parse("THREADS", a, 1000));
    (n, nb_threads)
}

fn parse(name: &str, value: &str, max: usize) -> usize {
    match value.parse::<usize>() {
        Ok(v) if (1..=max).contains(&v) => v,
        _ => usage_error(&format!(
            "{name} must be an integer from 1 to {max}, got '{value}'"
        )),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("shared-fill: {message}\n{USAGE}");
    std::process::exit(2);
}
