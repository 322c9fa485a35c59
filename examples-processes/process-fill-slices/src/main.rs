//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` », its **Exercice**
//!
//! A solution of "refaites … sans avoir le problème de l'occupation mémoire qui augmente": each
//! child sends only its offset, its count and its own values (`q.put((offset, values))`), and the
//! parent reads them straight into their place in its one array `res`, then prints it.
//!
//! Run:     cargo run -p process-fill-slices    (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: the same array as process-fill-queue, but no process holds more than one array of
//!          N values: with N = 10 000 000 and 4 processes, see the peak memory in the book.
//! As in process-fill-queue: one pipe per child, everything read before `waitpid`. The parent
//! forks before it allocates `res`, so the children do not start with a copy of it.
//! Exercises: none start here; it answers 10 (EXERCISES.md).

use course_support::{Args, OrExit, check_children, child_exit, fail, print_list};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork, pipe};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::os::fd::OwnedFd;

const USAGE: &str = "usage: process-fill-slices [N] [PROCESSES]    N: 1 to 100000000, default 10; PROCESSES: 1 to 256, default 2
PROCESSES processes each send only their part of an array of N random numbers through a pipe; the parent places the parts in its one array.";

fn fill_random(tid: usize, len: usize) -> Vec<f64> {
    (0..len).map(|_| tid as f64 * 100.0 + rand::random::<f64>()).collect()
}

// ANCHOR: put
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
// ANCHOR_END: put

// ANCHOR: get-into
/// `q.get()`: one child's offset and values, read straight into their place in `res`.
fn get_into(q: OwnedFd, res: &mut [f64]) -> io::Result<()> {
    let mut q = BufReader::new(File::from(q));
    let mut bytes = [0u8; 8];
    q.read_exact(&mut bytes)?;
    let offset = u64::from_le_bytes(bytes) as usize;
    q.read_exact(&mut bytes)?;
    let len = u64::from_le_bytes(bytes) as usize;
    let Some(part) = offset.checked_add(len).and_then(|end| res.get_mut(offset..end)) else {
        return Err(io::Error::other(format!("bad part {offset} + {len}")));
    };
    for slot in part {
        q.read_exact(&mut bytes)?;
        *slot = f64::from_le_bytes(bytes);
    }
    Ok(())
}
// ANCHOR_END: get-into

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 100_000_000, 10);
    let nb_process = args.count("PROCESSES", 256, 2);
    args.end();

    // ANCHOR: fork-loop
    let (mut procs, mut queues) = (Vec::new(), Vec::new());
    for i in 0..nb_process {
        let (r, w) = pipe().or_exit("pipe"); // one per child: a long write(2) is not atomic
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
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
    // ANCHOR_END: fork-loop

    // ANCHOR: allocate-and-read
    let mut res = vec![f64::NAN; n]; // NaN: not written yet, as `[None]*N`
    let read: Vec<io::Result<()>> = queues.into_iter().map(|q| get_into(q, &mut res)).collect();
    // ANCHOR_END: allocate-and-read
    // p.join() for each p; `waitpid` also says how the child ended.
    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    check_children(&ends); // a child that failed is reported, and the program fails
    read.into_iter().collect::<io::Result<()>>().or_exit("read");
    if res.iter().any(|x| x.is_nan()) {
        fail("some slots were not written");
    }
    print_list("", &res);
}

/// Slots of process `tid`: `N_by_process` each, the last process also takes the remainder.
fn part(tid: usize, n: usize, nb_process: usize) -> Range<usize> {
    let n_by_process = n / nb_process;
    let end = if tid == nb_process - 1 { n } else { (tid + 1) * n_by_process };
    tid * n_by_process..end
}
