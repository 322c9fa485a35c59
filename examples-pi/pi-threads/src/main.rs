//! « Du vrai multi-thread en Python - le module `threading` » → « Les limitations » and
//! « Exemple de vrai multi-threading en c++ »
//!
//! Mirrors `pi_thread_worker` + `compute_pi_thread` (and the course's C++ `pi_thread`): THREADS
//! threads each sum their own part of the midpoint rule; the main thread adds the parts.
//!
//! Run:     cargo run --release -p pi-threads -- 4        (or `-- 2 1e9 --timeline`)
//! Observe: the PI of pi-sequential; the time falls as THREADS grows up to the number of cores
//!          and %CPU climbs to THREADS × 100 %, unlike Python's threads held back by the GIL.
//!          `--timeline`: up to as many threads as cores, full rows side by side, all computing.
//! Where Rust differs: each thread returns its part through `join` instead of writing it into
//! the shared list `pi_contrib`.
//! Exercises: 13, 16 (EXERCISES.md).

use crossbeam_channel::{Sender, unbounded};
use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::{SigHandler, Signal, signal};
use nix::sys::time::TimeValLike;
use std::f64::consts::PI;
use std::thread;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: pi-threads [THREADS] [POINTS] [--timeline]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)";

/// (tid, start, end) of a time the thread spent computing, from the start of the computation.
type Event = (i64, Duration, Duration);

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
        // i64 and `while` rather than `for`, as in pi-sequential: as fast as the C loop.
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}

fn compute_pi_thread(nbpoint: i64, nbthread: i64, events: &Sender<Event>) -> f64 {
    let t0 = Instant::now();
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let events = events.clone();
            thread::spawn(move || {
                let start = t0.elapsed();
                let s = pi_thread_worker(nbpoint, tid, nbthread);
                events
                    .send((tid, start, t0.elapsed()))
                    .expect("main thread gone");
                s
            })
        })
        .collect();
    // Python's threads write `output[tid] = s`; here `join` hands each part back.
    threads
        .into_iter()
        .map(|t| t.join().expect("a thread panicked"))
        .sum()
}

fn main() {
    let (start, cpu_start) = (Instant::now(), cpu_time());
    let (nbthread, nbpoint, timeline) = command_line();
    let (events, received) = unbounded(); // the Rust counterpart of a Queue between threads
    let pi_est_thread = compute_pi_thread(nbpoint, nbthread, &events);
    drop(events);
    println!("PI = {pi_est_thread:.15}");
    let error = (PI - pi_est_thread).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    print_time(start, cpu_start);
    if timeline {
        draw_timeline(&received.iter().collect::<Vec<_>>(), nbthread);
    }
}

/// One row per thread; a column is full (█) when the thread computed during all of it.
fn draw_timeline(events: &[Event], nbthread: i64) {
    const WIDTH: usize = 60;
    let span = events.iter().map(|e| e.2).max().unwrap_or_default();
    let column = span.as_secs_f64() / WIDTH as f64;
    println!(
        "timeline: {WIDTH} columns of {:.2} ms, █ computing, ░▒▓ part of the column",
        column * 1e3
    );
    for tid in 0..nbthread {
        let mine: Vec<&Event> = events.iter().filter(|e| e.0 == tid).collect();
        let row: String = (0..WIDTH)
            .map(|c| {
                let (from, to) = (c as f64 * column, (c + 1) as f64 * column);
                let busy: f64 = mine
                    .iter()
                    .map(|e| (e.2.as_secs_f64().min(to) - e.1.as_secs_f64().max(from)).max(0.0))
                    .sum();
                [' ', '░', '▒', '▓', '█'][((4.0 * busy / column).ceil() as usize).min(4)]
            })
            .collect();
        println!("thread {tid:>4} |{row}|");
    }
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

/// Reads `[THREADS] [POINTS] [--timeline]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (i64, i64, bool) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nπ by the midpoint rule, the POINTS split among THREADS threads as in the course.\n\
             POINTS may be fewer than THREADS: the first threads then get no point, the last takes them all.\n\
             --timeline: after the result, one row per thread showing when it was computing."
        );
        std::process::exit(0);
    }
    let timeline = args.iter().any(|a| a == "--timeline");
    args.retain(|a| a != "--timeline");
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
    (nbthread, nbpoint, timeline)
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
    eprintln!("pi-threads: {message}\n{USAGE}");
    std::process::exit(2);
}
