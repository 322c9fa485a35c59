//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! Mirrors `process_function`: `n_process` processes each print "In the process {tid}" 10 times;
//! the parent prints "Process are started", then "Join process" before waiting for each child.
//!
//! Run:     cargo run -p two-processes          (or `cargo run -p two-processes -- 5` for 5)
//! Observe: the lines of the processes interleave differently from one run to the next.
//! `fork` is `Process(...)` and `start()` in one call: the child is a copy of the parent that
//! goes on from the `fork`, so it must `_exit` at the end of its task, or it would run the
//! parent's code too. `waitpid` is `p.join()`, and it says how the child ended: it is checked.
//! Exercises: 11 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};

const USAGE: &str = "usage: two-processes [PROCESSES]    PROCESSES: 1 to 256, default 2";

fn process_function(tip: usize) {
    for _ in 0..10 {
        println!("In the process {tip}");
    }
}

fn main() {
    let n_process = command_line();
    let mut procs = Vec::new();
    for i in 0..n_process {
        io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.expect("fork") {
            ForkResult::Child => child_exit(|| process_function(i)),
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    println!("Process are started");
    let mut ends = Vec::new();
    for p in procs {
        println!("Join process");
        ends.push(waitpid(p, None).expect("waitpid")); // p.join()
    }
    check_children(&ends);
}

/// The end of a child: its task, a flush of what it printed, then `_exit`. It never returns
/// into the parent's code, not even by a panic, and runs none of the parent's destructors.
fn child_exit(task: impl FnOnce()) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(task)) {
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
                eprintln!("two-processes: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("two-processes: process {pid} killed by {sig}")
            }
            other => eprintln!("two-processes: unexpected child status {other:?}"),
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

/// Reads `[PROCESSES]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> usize {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTwo (or PROCESSES) processes each print \"In the process {{tid}}\" 10 times."
        );
        std::process::exit(0);
    }
    match args.as_slice() {
        [] => 2,
        [n] => match n.parse::<usize>() {
            Ok(n) if (1..=256).contains(&n) => n,
            _ => usage_error(&format!(
                "PROCESSES must be an integer from 1 to 256, got '{n}'"
            )),
        },
        [_, extra, ..] => usage_error(&format!("unexpected argument '{extra}'")),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("two-processes: {message}\n{USAGE}");
    std::process::exit(2);
}
