//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` », its **Exercice**
//!
//! The other solution its hint points to ("la documentation du module `multiprocessing`", i.e.
//! `multiprocessing.Array`): the array `res` is one shared anonymous mapping, made *before*
//! `fork`, so the children inherit it shared instead of copied. Each child writes `fill_random`'s
//! values straight into its own part; the parent reads the whole array after reaping them all.
//!
//! Run:     cargo run -p process-fill-shm       (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: the same array as process-fill-queue, with no pipe and no copy.
//! Across processes the borrow checker cannot keep the parts apart: the `unsafe` slices below
//! are where the program, not the compiler, makes sure that no two processes write the same slot.
//! Exercises: none start here; it answers 10 (EXERCISES.md).

use nix::sys::mman::{MapFlags, ProtFlags, mmap_anonymous, munmap};
use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};
use std::io::{self, BufWriter, Write};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::slice;

const USAGE: &str = "usage: process-fill-shm [N] [PROCESSES]    N: 1 to 100000000, default 10; PROCESSES: 1 to 256, default 2";

fn fill_random(tid: usize, tab: &mut [f64]) {
    for slot in tab.iter_mut() {
        *slot = tid as f64 * 100.0 + rand::random::<f64>();
    }
}

fn main() {
    let (n, nb_process) = command_line();
    let size = NonZeroUsize::new(n * size_of::<f64>()).expect("N is at least 1");
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    // SAFETY: a new mapping, page aligned, that aliases nothing.
    let map = unsafe { mmap_anonymous(None, size, prot, MapFlags::MAP_SHARED) }.expect("mmap");
    let base: *mut f64 = map.as_ptr().cast();
    // SAFETY: the mapping holds n f64 and no other process exists yet.
    unsafe { slice::from_raw_parts_mut(base, n) }.fill(f64::NAN); // NaN: not written yet

    let mut procs = Vec::new();
    for i in 0..nb_process {
        io::stdout().flush().expect("flush stdout"); // or the child inherits a copy of it
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.expect("fork") {
            ForkResult::Child => {
                let part = part(i, n, nb_process);
                // SAFETY: the parts of the children do not overlap, and the parent does not
                // touch the mapping until every child has ended.
                let tab = unsafe { slice::from_raw_parts_mut(base.add(part.start), part.len()) };
                child_exit(|| fill_random(i, tab))
            }
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    let ends: Vec<WaitStatus> = procs
        .into_iter()
        .map(|p| waitpid(p, None).expect("waitpid")) // p.join()
        .collect();
    check_children(&ends);
    // SAFETY: every child has ended; nobody else writes the mapping now.
    let res = unsafe { slice::from_raw_parts(base, n) };
    if res.iter().any(|x| x.is_nan()) {
        eprintln!("process-fill-shm: some slots were not written");
        std::process::exit(1);
    }
    print_list(res).expect("print to stdout");
    // SAFETY: `res` is not used after this.
    unsafe { munmap(map, size.get()) }.expect("munmap");
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

/// Prints `tab` as Python prints a list, `[0.5, 100.25]`, one value at a time.
fn print_list(tab: &[f64]) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "[")?;
    for (i, x) in tab.iter().enumerate() {
        write!(out, "{}{x:?}", if i == 0 { "" } else { ", " })?;
    }
    writeln!(out, "]")?;
    out.flush()
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
                eprintln!("process-fill-shm: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("process-fill-shm: process {pid} killed by {sig}")
            }
            other => eprintln!("process-fill-shm: unexpected child status {other:?}"),
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
            "{USAGE}\nPROCESSES processes write their part of an array of N random numbers \
             straight into memory shared with the parent."
        );
        std::process::exit(0);
    }
    if args.len() > 2 {
        usage_error(&format!("unexpected argument '{}'", args[2]));
    }
    let n = args.first().map_or(10, |a| parse("N", a, 100_000_000));
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
    eprintln!("process-fill-shm: {message}\n{USAGE}");
    std::process::exit(2);
}
