//! Solution of exercise 2 (EXERCISES.md), from shared-fill.
//!
//! What changed: each thread draws from its own generator, `StdRng::seed_from_u64(seed + tid)`,
//! instead of the thread-local `rand::random()`, and SEED is a third argument. The same SEED
//! gives the same array on every run, whatever the order in which the threads run.
//!
//! Run:     cargo run -p course-tests --bin shared-fill-seeded -- 10 2 7   (twice: same output)
//! Observe: the same array twice with one SEED, another array with another SEED, and still
//!          0.… from thread 0, 100.… from thread 1.

use nix::sys::signal::{SigHandler, Signal, signal};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::thread;

const USAGE: &str = "usage: shared-fill-seeded [N] [THREADS] [SEED]    N: 1 to 1000000, default 10; THREADS: 1 to 1000, default 2; SEED: 0 to 18446744073709551615, default 42";

fn fill_random(tid: usize, tab: &mut [Option<f64>], seed: u64) {
    // One generator per thread, seeded from SEED and the thread's number: no thread draws
    // from another's sequence, so the scheduling cannot change the values.
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(tid as u64));
    for slot in tab.iter_mut() {
        *slot = Some(tid as f64 * 100.0 + rng.random::<f64>());
    }
}

fn main() {
    let (n, nb_threads, seed) = command_line();
    let n_by_threads = n / nb_threads;

    let mut res: Vec<Option<f64>> = vec![None; n];
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
            s.spawn(move || fill_random(tid, part, seed));
        }
    });

    let shown: Vec<String> = res
        .iter()
        .map(|x| x.map_or("None".into(), |v| v.to_string()))
        .collect();
    println!("[{}]", shown.join(", "));
    if res.contains(&None) {
        eprintln!("shared-fill-seeded: some slots were not written");
        std::process::exit(1);
    }
}

/// Reads `[N] [THREADS] [SEED]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (usize, usize, u64) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTHREADS threads fill their own part of one array of N random numbers, each from a generator seeded with SEED + its number."
        );
        std::process::exit(0);
    }
    if args.len() > 3 {
        usage_error(&format!("unexpected argument '{}'", args[3]));
    }
    let n = args.first().map_or(10, |a| parse("N", a, 1_000_000));
    let nb_threads = args.get(1).map_or(2, |a| parse("THREADS", a, 1000));
    let seed = args.get(2).map_or(42, |a| match a.parse::<u64>() {
        Ok(seed) => seed,
        Err(_) => usage_error(&format!(
            "SEED must be an integer from 0 to {}, got '{a}'",
            u64::MAX
        )),
    });
    (n, nb_threads, seed)
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
    eprintln!("shared-fill-seeded: {message}\n{USAGE}");
    std::process::exit(2);
}
