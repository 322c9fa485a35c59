//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » →
//! « Retour sur le calcul de $\pi$ »
//!
//! Mirrors `pi_process_worker` + `compute_pi_process`: PROCESSES forked child processes each sum
//! their part of the midpoint rule and send it to the parent, which adds the parts.
//!
//! Run:     cargo run --release -p pi-processes -- 4       (or `-- 2 1e9`)
//! Observe: the PI of pi-threads and the same speedup; %CPU counts the parent and its children.
//! Where Rust differs: the `Queue` is one pipe into which each child writes its 8-byte sum (a write
//! of at most 4096 bytes is never mixed with another). The parent reads one sum per child, reaps
//! every child with `waitpid`, and prints no PI if one failed, where Python would add up whatever
//! came. A child ends with `_exit`: it never runs the parent's code.
//! Exercises: 15, 17 (EXERCISES.md).

use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::{SigHandler, Signal, signal};
use nix::sys::time::TimeValLike;
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork, pipe};
use std::f64::consts::PI;
use std::fs::File;
use std::io::{Read, Write};
use std::time::Instant;

const USAGE: &str = "usage: pi-processes [PROCESSES] [POINTS]    PROCESSES: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)";

fn pi_process_worker(nbpoint: i64, pid: i64, nbproc: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let start = pid * (nbpoint / nbproc);
    let mut stop = (pid + 1) * (nbpoint / nbproc);
    if pid == nbproc - 1 {
        stop += nbpoint % nbproc; // the last process
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

/// The sum of the children's parts, or why there is none.
fn compute_pi_process(nbpoint: i64, nbproc: i64) -> Result<f64, String> {
    let (output, pi_contrib) = pipe().map_err(|e| format!("pipe: {e}"))?; // (read end, write end)
    let mut procs = Vec::new();
    let mut failures = Vec::new();
    for pid in 0..nbproc {
        std::io::stdout().flush().expect("flush stdout"); // or the child would print it again
        match unsafe { fork() } {
            Ok(ForkResult::Child) => {
                drop(output);
                let s = pi_process_worker(nbpoint, pid, nbproc);
                let written = File::from(pi_contrib).write_all(&s.to_le_bytes()); // output.put(s)
                unsafe { nix::libc::_exit(if written.is_ok() { 0 } else { 1 }) }
            }
            Ok(ForkResult::Parent { child }) => procs.push(child),
            Err(e) => {
                failures.push(format!("fork: {e}"));
                break; // the children already started are still read and reaped
            }
        }
    }
    drop(pi_contrib); // the parent keeps only the read end: EOF once every child has ended
    let (mut output, mut pi_val, mut bytes) = (File::from(output), 0.0, [0u8; 8]);
    for _ in &procs {
        // One sum per child, in the order they finish, as they would come out of the Queue.
        if output.read_exact(&mut bytes).is_err() {
            break; // a child ended without writing: `waitpid` below says why
        }
        pi_val += f64::from_le_bytes(bytes);
    }
    let mut stdout_closed = false;
    for child in procs {
        match waitpid(child, None) {
            Ok(WaitStatus::Exited(_, 0)) => {}
            Ok(WaitStatus::Signaled(_, Signal::SIGPIPE, _)) => stdout_closed = true,
            Ok(WaitStatus::Exited(_, code)) => {
                failures.push(format!("child process {child} exited with status {code}"))
            }
            Ok(WaitStatus::Signaled(_, signal, _)) => failures.push(format!(
                "child process {child} was killed by signal {signal}"
            )),
            Ok(other) => failures.push(format!("child process {child}: {other:?}")),
            Err(e) => failures.push(format!("waitpid {child}: {e}")),
        }
    }
    if stdout_closed && failures.is_empty() {
        std::process::exit(1); // as the parent itself would end on a closed stdout: quietly
    }
    match failures.is_empty() {
        true => Ok(pi_val),
        false => Err(failures.join("\n")),
    }
}

fn main() {
    let (start, cpu_start) = (Instant::now(), cpu_time());
    let (nbproc, nbpoint) = command_line();
    let pi_est_proc = match compute_pi_process(nbpoint, nbproc) {
        Ok(pi) => pi,
        Err(why) => {
            eprintln!(
                "pi-processes: {why}\npi-processes: no PI printed: a part of the sum is missing"
            );
            std::process::exit(1);
        }
    };
    println!("PI = {pi_est_proc:.15}");
    let error = (PI - pi_est_proc).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    print_time(start, cpu_start);
}

/// CPU time (user + system) used so far by this process and its reaped children, in seconds.
fn cpu_time() -> f64 {
    let mut total = 0.0;
    for who in [UsageWho::RUSAGE_SELF, UsageWho::RUSAGE_CHILDREN] {
        let usage = getrusage(who).expect("getrusage");
        total += (usage.user_time() + usage.system_time()).num_microseconds() as f64 / 1e6;
    }
    total
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

/// Reads `[PROCESSES] [POINTS]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (i64, i64) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nπ by the midpoint rule, the POINTS split among PROCESSES child processes as in the course.\n\
             POINTS may be fewer than PROCESSES: the first processes then get no point, the last takes them all."
        );
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let nbproc = args.first().map_or(num_cpus::get().min(1024) as i64, |a| {
        match a.parse::<i64>() {
            Ok(n) if (1..=1024).contains(&n) => n,
            _ => usage_error(&format!(
                "PROCESSES must be an integer from 1 to 1024, got '{a}'"
            )),
        }
    });
    let nbpoint = args.get(1).map_or(100_000_000, |a| points(a));
    (nbproc, nbpoint)
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
    eprintln!("pi-processes: {message}\n{USAGE}");
    std::process::exit(2);
}
