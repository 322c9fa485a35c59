//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! Mirrors the `Queue` version of `fill_random`: each child builds a full-size array `ret`, zeros
//! outside its part, and sends it (`q.put(ret)`); the parent prints each array received as
//! "From process : […]", then their element-wise sum as "Final tab: […]".
//!
//! Run:     cargo run -p process-fill-queue     (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: the final array is filled; but the parent holds nb_process + 1 arrays of N values,
//!          the memory problem of the course's exercise (see process-fill-slices).
//! The `Queue` becomes one pipe per child. The parent reads everything *before* `waitpid`: a
//! child writing more than the pipe holds (64 KiB) waits for the parent to read, so with a large
//! array, waiting for the child first (the Python `join`s before it `get`s) would wait forever.
//! Exercises: 10 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork, pipe};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::os::fd::OwnedFd;
use std::panic::{self, AssertUnwindSafe};

const USAGE: &str = "usage: process-fill-queue [N] [PROCESSES]    N: 1 to 10000000, default 10; PROCESSES: 1 to 256, default 2";

fn fill_random(tid: usize, part: Range<usize>, n: usize) -> Vec<f64> {
    let mut ret = vec![0.0; n];
    for slot in &mut ret[part] {
        *slot = tid as f64 * 100.0 + rand::random::<f64>();
    }
    ret
}

/// `q.put(ret)`: the bytes of the values, into the pipe.
fn put(q: OwnedFd, ret: &[f64]) -> io::Result<()> {
    let mut q = BufWriter::new(File::from(q));
    for x in ret {
        q.write_all(&x.to_le_bytes())?;
    }
    q.flush()
}

/// `q.get()`: the `n` values one child sent.
fn get(q: OwnedFd, n: usize) -> io::Result<Vec<f64>> {
    let mut q = BufReader::new(File::from(q));
    let (mut tab, mut bytes) = (Vec::with_capacity(n), [0u8; 8]);
    for _ in 0..n {
        q.read_exact(&mut bytes)?;
        tab.push(f64::from_le_bytes(bytes));
    }
    Ok(tab)
}

fn main() {
    let (n, nb_process) = command_line();
    let (mut procs, mut queues) = (Vec::new(), Vec::new());
    for i in 0..nb_process {
        let (r, w) = pipe().expect("pipe"); // one per child: a long write(2) is not atomic
        io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.expect("fork") {
            ForkResult::Child => {
                drop(r);
                child_exit(|| put(w, &fill_random(i, part(i, n, nb_process), n)))
            }
            ForkResult::Parent { child } => {
                drop(w); // or reading would never see the end of the pipe
                procs.push(child);
                queues.push(r);
            }
        }
    }

    let tabs: Vec<io::Result<Vec<f64>>> = queues.into_iter().map(|q| get(q, n)).collect();
    let ends: Vec<WaitStatus> = procs
        .into_iter()
        .map(|p| waitpid(p, None).expect("waitpid")) // p.join()
        .collect();
    check_children(&ends);
    let tabs: Vec<Vec<f64>> = tabs
        .into_iter()
        .collect::<io::Result<_>>()
        .unwrap_or_else(|e| {
            eprintln!("process-fill-queue: reading from a child: {e}");
            std::process::exit(1)
        });

    for tab in &tabs {
        print_list("From process : ", tab).expect("print to stdout");
    }
    let final_tab: Vec<f64> = (0..n).map(|i| tabs.iter().map(|t| t[i]).sum()).collect();
    print_list("Final tab: ", &final_tab).expect("print to stdout");
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

/// Prints `label` and `tab` as Python prints a list, `[0.0, 100.25]`, one value at a time.
fn print_list(label: &str, tab: &[f64]) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "{label}[")?;
    for (i, x) in tab.iter().enumerate() {
        write!(out, "{}{x:?}", if i == 0 { "" } else { ", " })?;
    }
    writeln!(out, "]")?;
    out.flush()
}

/// The end of a child: its task, a flush of what it printed, then `_exit`. It never returns
/// into the parent's code, not even by a panic, and runs none of the parent's destructors.
fn child_exit(task: impl FnOnce() -> io::Result<()>) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(|| {
        // `fork` copied the parent's random generator too: without a reseed, children that
        // inherit a used generator draw the same numbers.
        rand::rng().reseed().map_err(io::Error::other)?;
        task()
    })) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            eprintln!("process-fill-queue: process {}: {e}", std::process::id());
            1
        }
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
                eprintln!("process-fill-queue: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("process-fill-queue: process {pid} killed by {sig}")
            }
            other => eprintln!("process-fill-queue: unexpected child status {other:?}"),
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
            "{USAGE}\nPROCESSES processes each send a full array of N values (zeros outside their \
             part) through a pipe; the parent adds them up. It holds PROCESSES + 1 arrays of N."
        );
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let n = args.first().map_or(10, |a| parse("N", a, 10_000_000));
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
    eprintln!("process-fill-queue: {message}\n{USAGE}");
    std::process::exit(2);
}
