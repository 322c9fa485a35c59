//! « Retour sur le calcul de $\pi$ », carried on into the course's next chapter,
//! « Parallélisme à mémoire distribuée » (MPI; mpi4py in Python).
//!
//! Mirrors `pi_process_worker` + `compute_pi_process` with MPI ranks instead of forked children:
//! every rank sums its part of the midpoint rule (the course's split, the last rank also takes
//! the remainder) and one reduction (`MPI_Reduce` with a sum) adds the parts on rank 0, where
//! compute_pi_process read them from a Queue. The ranks share no memory and may run on several
//! machines: the same binary runs unchanged on a laptop and on a cluster.
//!
//! Run:     mpirun -n 4 target/release/pi-mpi           (or `... pi-mpi 1e9`; see the README)
//! Observe: the PI of pi-processes, whatever the number of ranks; %CPU counts every rank.

use mpi::collective::SystemOperation;
use mpi::traits::*;
use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::{SigHandler, Signal, signal};
use nix::sys::time::TimeValLike;
use std::f64::consts::PI;
use std::time::Instant;

const USAGE: &str = "usage: pi-mpi [POINTS]    started as `mpirun -n RANKS pi-mpi [POINTS]`; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)";

fn pi_process_worker(nbpoint: i64, pid: i64, nbproc: i64) -> f64 {
    let mut s = 0.0;
    let l = 1.0 / nbpoint as f64;
    let start = pid * (nbpoint / nbproc);
    let mut stop = (pid + 1) * (nbpoint / nbproc);
    if pid == nbproc - 1 {
        stop += nbpoint % nbproc; // the last rank
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

fn main() {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let universe = mpi::initialize().expect("MPI is already initialised");
    let world = universe.world();
    let (rank, size) = (world.rank() as i64, world.size() as i64);
    let nbpoint = match command_line() {
        Ok(nbpoint) => nbpoint,
        Err((message, code)) => {
            match (rank, code) {
                (0, 0) => print!("{message}"), // --help, printed once
                (0, _) => eprint!("{message}"),
                _ => {}
            }
            drop(universe); // MPI_Finalize in every rank before leaving
            std::process::exit(code);
        }
    };

    world.barrier(); // every rank starts the clock together
    let (start, cpu_start) = (Instant::now(), cpu_time());
    let s = pi_process_worker(nbpoint, rank, size);
    let root = world.process_at_rank(0);
    if rank == 0 {
        let mut pi_val = 0.0;
        root.reduce_into_root(&s, &mut pi_val, SystemOperation::sum()); // the Queue's get()s
        let elapsed = start.elapsed().as_secs_f64();
        let mut cpu = 0.0;
        root.reduce_into_root(&(cpu_time() - cpu_start), &mut cpu, SystemOperation::sum());
        println!("PI = {pi_val:.15}");
        let error = (PI - pi_val).abs() / PI * 100.0;
        println!("std::f64::consts::PI = {PI} => error = {error:e}%");
        print_time(elapsed, cpu);
    } else {
        root.reduce_into(&s, SystemOperation::sum()); // the Queue's put()
        root.reduce_into(&(cpu_time() - cpu_start), SystemOperation::sum());
    }
}

/// CPU time (user + system) used so far by this rank, in seconds.
fn cpu_time() -> f64 {
    let usage = getrusage(UsageWho::RUSAGE_SELF).expect("getrusage");
    (usage.user_time() + usage.system_time()).num_microseconds() as f64 / 1e6
}

/// The line `/usr/bin/time --format "%E elapsed %PCPU"` prints, with the CPU of all ranks.
fn print_time(elapsed: f64, cpu: f64) {
    let percent = 100.0 * cpu / elapsed;
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

/// Reads `[POINTS]`: the number of points, or the text to print and the exit status.
fn command_line() -> Result<i64, (String, i32)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        let about = "π by the midpoint rule, the POINTS split among the MPI ranks as in the course.\n\
                     POINTS may be fewer than RANKS: the first ranks then get no point, the last takes them all.";
        return Err((format!("{USAGE}\n{about}\n"), 0));
    }
    let error = |message: String| Err((format!("pi-mpi: {message}\n{USAGE}\n"), 2));
    match args.as_slice() {
        [] => Ok(100_000_000),
        [text] => match parse_points(text) {
            Some(n) if (1..=10_000_000_000_000).contains(&n) => Ok(n as i64),
            _ => error(format!(
                "POINTS must be an integer from 1 to 10^13 (1000000000, 1_000_000_000 or 1e9), got '{text}'"
            )),
        },
        [_, extra, ..] => error(format!("unexpected argument '{extra}'")),
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
