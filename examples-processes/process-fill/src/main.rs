//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! Mirrors `fill_random` run by processes ("Et là c'est le drame"): each of `nb_process` children
//! fills its part of `res` with `tid*100 + random()` and prints "Proc {tid} tab = […]"; after
//! reaping them all, the parent prints `res`.
//!
//! Run:     cargo run -p process-fill           (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: each child shows its own part filled, yet the parent's array is still all `None`.
//! `fork` gives the child a copy of the parent's memory, copied page by page when one side
//! writes to it (copy-on-write). So each child fills its own copy, and the parent's never changes.
//! As in shared-fill, the last process also takes the remainder of N / nb_process.
//! Exercises: 12 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};

const USAGE: &str = "usage: process-fill [N] [PROCESSES]    N: 1 to 1000000, default 10; PROCESSES: 1 to 256, default 2";

fn fill_random(tid: usize, part: Range<usize>, tab: &mut [Option<f64>]) {
    for slot in &mut tab[part] {
        *slot = Some(tid as f64 * 100.0 + rand::random::<f64>());
    }
    // One write for the whole line: short lines of different children do not mix.
    let line = format!("Proc {tid} tab = {}\n", show(tab));
    io::stdout()
        .write_all(line.as_bytes())
        .expect("print to stdout");
}

fn main() {
    let (n, nb_process) = command_line();
    let mut res: Vec<Option<f64>> = vec![None; n]; // "the common array", as `[None]*N`
    let mut procs = Vec::new();
    for i in 0..nb_process {
        io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.expect("fork") {
            ForkResult::Child => child_exit(|| fill_random(i, part(i, n, nb_process), &mut res)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    let ends: Vec<WaitStatus> = procs
        .into_iter()
        .map(|p| waitpid(p, None).expect("waitpid")) // p.join()
        .collect();
    check_children(&ends);
    println!("{}", show(&res));
}

/// Slots of process `tid`: `N_by_process` each, the last process also takes the remainder.
fn part(tid: usize, n: usize, nb_process: usize) -> Range<usize> {
    let n_by_process = n / nb_process;
    let end = if tid == nb_process - 1 {
        n
    } else {
        (tid + 1) * n_by_process
    };
    tid * n_by_process..end
}

/// `tab` written as Python prints a list: `[0.5, 100.25, None]`.
fn show(tab: &[Option<f64>]) -> String {
    let items: Vec<String> = tab
        .iter()
        .map(|x| x.map_or("None".into(), |v| format!("{v:?}")))
        .collect();
    format!("[{}]", items.join(", "))
}

/// The end of a child: its task, a flush of what it printed, then `_exit`. It never returns
/// into the parent's code, not even by a panic, and runs none of the parent's destructors.
fn child_exit(task: impl FnOnce()) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(|| {
        // `fork` copied the parent's random generator too: without a reseed, children that
        // inherit a used generator draw the same numbers.
        rand::rng().reseed().expect("reseed the random generator");
        task()
    })) {
        Ok(()) => 0,
        Err(_) => 101, // the panic message is already on stderr
    };
    let code = if io::stdout().flush().is_ok() {
        code
    } else {
        1
    };
    unsafe { nix::libc::_exit(code) }
}

/// A child that failed is reported by pid and reason, then the program exits with status 1.
/// A child killed by SIGPIPE wrote to a closed stdout (`| head -1`): end quietly, the same way.
fn check_children(ends: &[WaitStatus]) {
    let mut failed = false;
    for end in ends {
        match *end {
            WaitStatus::Exited(_, 0) | WaitStatus::Signaled(_, Signal::SIGPIPE, _) => continue,
            WaitStatus::Exited(pid, code) => {
                eprintln!("process-fill: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("process-fill: process {pid} killed by {sig}")
            }
            other => eprintln!("process-fill: unexpected child status {other:?}"),
        }
        failed = true;
    }
    if failed {
        std::process::exit(1);
    }
    if ends
        .iter()
        .any(|end| matches!(end, WaitStatus::Signaled(_, Signal::SIGPIPE, _)))
    {
        raise(Signal::SIGPIPE).expect("raise SIGPIPE");
    }
}

/// Reads `[N] [PROCESSES]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (usize, usize) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nPROCESSES processes fill their own copy of an array of N random numbers; \
             the parent's array stays empty."
        );
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let n = args.first().map_or(10, |a| parse("N", a, 1_000_000));
    let nb_process = args.get(1).map_or(2, |a| parse("PROCESSES", a, 256));
    (n, nb_process)
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
    eprintln!("process-fill: {message}\n{USAGE}");
    std::process::exit(2);
}
