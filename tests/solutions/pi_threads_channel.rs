//! Solution of exercise 13 (EXERCISES.md), from pi-threads.
//!
//! What changed: each thread sends `(tid, s)` through a crossbeam channel, as the Python worker
//! writes `output[tid] = s`, instead of returning `s` through `join`. The main thread stores
//! each part at its thread's place in `pi_contrib`, then adds them in thread order, so the digits
//! do not depend on which thread finished first. (`--timeline` is left out.)
//!
//! Run:     cargo run --release -p course-tests --bin pi-threads-channel -- 4
//! Observe: the PI line of pi-threads with the same arguments, digit for digit.

use crossbeam_channel::unbounded;
use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::{SigHandler, Signal, signal};
use nix::sys::time::TimeValLike;
use std::f64::consts::PI;
use std::thread;
use std::time::Instant;

const USAGE: &str = "usage: pi-threads-channel [THREADS] [POINTS]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)";

fn pi_thread_worker(nbpoint: i64, tid: i64, nbthread: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let start = tid * (nbpoint / nbthread);
    let mut stop = (tid + 1) * (nbpoint / nbthread);
    if tid == nbthread - 1 {
        stop += nbpoint % nbthread; // the last thread
    }
    let mut i = start;
    while i < stop {
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}

fn compute_pi_thread(nbpoint: i64, nbthread: i64) -> f64 {
    let (output, received) = unbounded::<(i64, f64)>();
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let output = output.clone();
            thread::spawn(move || {
                let s = pi_thread_worker(nbpoint, tid, nbthread);
                output.send((tid, s)).expect("main thread gone"); // output[tid] = s
            })
        })
        .collect();
    drop(output); // or `received.iter()` would wait for this sender forever

    let mut pi_contrib = vec![None; nbthread as usize];
    for (tid, s) in received.iter() {
        pi_contrib[tid as usize] = Some(s);
    }
    for t in threads {
        t.join().expect("a thread panicked");
    }
    // Every thread sent its part; added in thread order, as Python's sum(pi_contrib).
    pi_contrib
        .into_iter()
        .map(|s| s.expect("a thread sent nothing"))
        .sum()
}

fn main() {
    let (start, cpu_start) = (Instant::now(), cpu_time());
    let (nbthread, nbpoint) = command_line();
    let pi_est_thread = compute_pi_thread(nbpoint, nbthread);
    println!("PI = {pi_est_thread:.15}");
    let error = (PI - pi_est_thread).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    print_time(start, cpu_start);
}

/// CPU time (user + system) used so far by this process, in seconds.
fn cpu_time() -> f64 {
    let usage = getrusage(UsageWho::RUSAGE_SELF).expect("getrusage");
    (usage.user_time() + usage.system_time()).num_microseconds() as f64 / 1e6
}

/// The line `/usr/bin/time --format "%E elapsed %PCPU"` prints, measured from inside.
fn print_time(start: Instant, cpu_start: f64) {
    let elapsed = start.elapsed().as_secs_f64();
    let percent = 100.0 * (cpu_time() - cpu_start) / elapsed;
    let cs = (elapsed * 100.0).round() as u64; // centiseconds
    println!(
        "{}:{:02}.{:02} elapsed {percent:.0}%CPU",
        cs / 6000,
        cs / 100 % 60,
        cs % 100
    );
}

/// Reads `[THREADS] [POINTS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (i64, i64) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nπ by the midpoint rule, the POINTS split among THREADS threads, the parts sent through a channel."
        );
        std::process::exit(0);
    }
    if let Some(option) = args.iter().find(|a| a.starts_with("--")) {
        usage_error(&format!("unknown option '{option}'"));
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let nbthread = args.first().map_or(num_cpus::get().min(1024) as i64, |a| {
        match a.parse::<i64>() {
            Ok(n) if (1..=1024).contains(&n) => n,
            _ => usage_error(&format!(
                "THREADS must be an integer from 1 to 1024, got '{a}'"
            )),
        }
    });
    let nbpoint = args.get(1).map_or(100_000_000, |a| points(a));
    (nbthread, nbpoint)
}

fn points(text: &str) -> i64 {
    match parse_points(text) {
        Some(n) if (1..=10_000_000_000_000).contains(&n) => n as i64,
        _ => usage_error(&format!(
            "POINTS must be an integer from 1 to 10^13 (1000000000, 1_000_000_000 or 1e9), got '{text}'"
        )),
    }
}

/// `1000000000`, `1_000_000_000` or `1e9`; `1.5e3` is 1500, but `2.5` and `1e-3` are no integers.
fn parse_points(text: &str) -> Option<u64> {
    let text = text.replace('_', "");
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let shift = exponent
        .parse::<i64>()
        .ok()?
        .checked_sub(frac.len() as i64)?;
    let scale = 10u64.checked_pow(u32::try_from(shift.unsigned_abs()).ok()?)?;
    let n: u64 = digits.parse().ok()?;
    match shift >= 0 {
        true => n.checked_mul(scale),
        false => n.is_multiple_of(scale).then(|| n / scale),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("pi-threads-channel: {message}\n{USAGE}");
    std::process::exit(2);
}
