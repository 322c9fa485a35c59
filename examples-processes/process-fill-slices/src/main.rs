//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` », its **Exercice**
//!
//! A solution of "refaites … sans avoir le problème de l'occupation mémoire qui augmente": each
//! child sends only its offset, its count and its own values (`q.put((offset, values))`), and the
//! parent reads them straight into their place in its one array `res`, then prints it.
//!
//! Run:     cargo run -p process-fill-slices    (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: the same array as process-fill-queue, but no process holds more than one array of
//!          N values: with N = 10 000 000 and 4 processes, see the peak memory in the README.
//! As in process-fill-queue: one pipe per child, everything read before `waitpid`. The parent
//! forks before it allocates `res`, so the children do not start with a copy of it.
//! Exercises: none start here; it answers 10 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, raise, signal};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork, pipe};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::os::fd::OwnedFd;
use std::panic::{self, AssertUnwindSafe};

const USAGE: &str = "usage: process-fill-slices [N] [PROCESSES]    N: 1 to 100000000, default 10; PROCESSES: 1 to 256, default 2";

fn fill_random(tid: usize, len: usize) -> Vec<f64> {
    (0..len)
        .map(|_| tid as f64 * 100.0 + rand::random::<f64>())
        .collect()
}

/// `q.put((offset, values))`: two numbers, then the values, as bytes into the pipe.
fn put(q: OwnedFd, offset: usize, values: &[f64]) -> io::Result<()> {
    let mut q = BufWriter::new(File::from(q));
    q.write_all(&(offset as u64).to_le_bytes())?;
    q.write_all(&(values.len() as u64).to_le_bytes())?;
    for x in values {
        q.write_all(&x.to_le_bytes())?;
    }
    q.flush()
}

/// `q.get()`: one child's offset and values, read straight into their place in `res`.
fn get_into(q: OwnedFd, res: &mut [f64]) -> io::Result<()> {
    let mut q = BufReader::new(File::from(q));
    let mut bytes = [0u8; 8];
    q.read_exact(&mut bytes)?;
    let offset = u64::from_le_bytes(bytes) as usize;
    q.read_exact(&mut bytes)?;
    let len = u64::from_le_bytes(bytes) as usize;
    let Some(part) = offset
        .checked_add(len)
        .and_then(|end| res.get_mut(offset..end))
    else {
        return Err(io::Error::other(format!("bad part {offset} + {len}")));
    };
    for slot in part {
        q.read_exact(&mut bytes)?;
        *slot = f64::from_le_bytes(bytes);
    }
    Ok(())
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
                let part = part(i, n, nb_process);
                child_exit(|| put(w, part.start, &fill_random(i, part.len())))
            }
            ForkResult::Parent { child } => {
                drop(w); // or reading would never see the end of the pipe
                procs.push(child);
                queues.push(r);
            }
        }
    }

    let mut res = vec![f64::NAN; n]; // NaN: not written yet, as `[None]*N`
    let read: Vec<io::Result<()>> = queues.into_iter().map(|q| get_into(q, &mut res)).collect();
    let ends: Vec<WaitStatus> = procs
        .into_iter()
        .map(|p| waitpid(p, None).expect("waitpid")) // p.join()
        .collect();
    check_children(&ends);
    if let Err(e) = read.into_iter().collect::<io::Result<()>>() {
        eprintln!("process-fill-slices: reading from a child: {e}");
        std::process::exit(1);
    }
    if res.iter().any(|x| x.is_nan()) {
        eprintln!("process-fill-slices: some slots were not written");
        std::process::exit(1);
    }
    print_list(&res).expect("print to stdout");
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
fn child_exit(task: impl FnOnce() -> io::Result<()>) -> ! {
    let code = match panic::catch_unwind(AssertUnwindSafe(|| {
        // `fork` copied the parent's random generator too: without a reseed, children that
        // inherit a used generator draw the same numbers.
        rand::rng().reseed().map_err(io::Error::other)?;
        task()
    })) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            eprintln!("process-fill-slices: process {}: {e}", std::process::id());
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
                eprintln!("process-fill-slices: process {pid} exited with status {code}")
            }
            WaitStatus::Signaled(pid, sig, _) => {
                eprintln!("process-fill-slices: process {pid} killed by {sig}")
            }
            other => eprintln!("process-fill-slices: unexpected child status {other:?}"),
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
            "{USAGE}\nPROCESSES processes each send only their part of an array of N random \
             numbers through a pipe; the parent places the parts in its one array."
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
    eprintln!("process-fill-slices: {message}\n{USAGE}");
    std::process::exit(2);
}
