//! « Du vrai multi-thread en Python - le module `threading` » → « Les limitations »
//!
//! Mirrors `compute_pi_sequential`: π by the midpoint rule on one core,
//! π ≈ sum for i in 0..N of (1/N) · 4 / (1 + ((i + 0.5)/N)²).
//!
//! Run:     cargo run --release -p pi-sequential          (or `-- 1e9` for 10^9 points)
//! Observe: "PI = 3.141592653…" with an error of about 1e-11 % for the default 10^8 points, then
//!          the time as `/usr/bin/time --format "%E elapsed %PCPU"` shows it, at about 100%CPU.
//! The Python cell needs about 15 s for 10^8 points; this loop needs a fraction of a second. It
//! is the reference for pi-threads, pi-processes and pi-gil, which keep the same loop.
//! Exercises: 14 (EXERCISES.md).

use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::{SigHandler, Signal, signal};
use nix::sys::time::TimeValLike;
use std::f64::consts::PI;
use std::time::Instant;

const USAGE: &str = "usage: pi-sequential [POINTS]    POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)";

// The loop is written as C writes it, and so runs as fast as gcc -O2 makes C run (see README):
// - counts are i64, as C's `long`: x86-64 converts a signed integer to f64 in one instruction
//   (cvtsi2sd), a `u64` in five, which made the loop 15 % slower;
// - `while` with `i += 1` at the end, not `for i in 0..nbpoint`: the range steps its counter
//   before the body, LLVM then puts that step before the division, and the loop ran 4-5 % slower.
fn compute_pi_sequential(nbpoint: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let mut i = 0;
    while i < nbpoint {
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}

fn main() {
    let (start, cpu_start) = (Instant::now(), cpu_time());
    let nbpoint = command_line();
    let pi_estimated = compute_pi_sequential(nbpoint);
    println!("PI = {pi_estimated:.15}");
    let error = (PI - pi_estimated).abs() / PI * 100.0;
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
    if cfg!(debug_assertions) {
        println!(
            "(dev build: optimised, with debug assertions; use --release for the course's figures)"
        );
    }
}

/// Reads `[POINTS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> i64 {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}\nπ by the midpoint rule with POINTS points, on one core.");
        std::process::exit(0);
    }
    match args.as_slice() {
        [] => 100_000_000,
        [n] => points(n),
        [_, extra, ..] => usage_error(&format!("unexpected argument '{extra}'")),
    }
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
    eprintln!("pi-sequential: {message}\n{USAGE}");
    std::process::exit(2);
}
