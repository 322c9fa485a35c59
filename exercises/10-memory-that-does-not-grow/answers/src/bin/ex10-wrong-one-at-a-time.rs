//! A kept wrong answer of exercise 10: the memory stays at one array, as in process-fill-slices,
//! but the parent forks a child, reads its part and waits for it before it forks the next one:
//! the children fill the array one after the other, not at the same time. The check rejects it
//! at "its children fill at the same time".

use course_support::{Args, OrExit, check_children, child_exit, fail, print_list};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork, pipe};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::os::fd::OwnedFd;

const USAGE: &str = "usage: ex10-wrong-one-at-a-time [N] [PROCESSES]    N: 1 to 100000000, default 10; PROCESSES: 1 to 256, default 2
PROCESSES processes each send only their part of an array of N random numbers through a pipe; the parent places the parts in its one array.";

fn fill_random(tid: usize, len: usize) -> Vec<f64> {
    (0..len).map(|_| tid as f64 * 100.0 + rand::random::<f64>()).collect()
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

/// `q.get()`: one child's offset and values, added at the end of `res` (the parts come in order).
fn get_into(q: OwnedFd, res: &mut Vec<f64>) -> io::Result<()> {
    let mut q = BufReader::new(File::from(q));
    let mut bytes = [0u8; 8];
    q.read_exact(&mut bytes)?;
    let offset = u64::from_le_bytes(bytes) as usize;
    q.read_exact(&mut bytes)?;
    let len = u64::from_le_bytes(bytes) as usize;
    if offset != res.len() || len > res.capacity() - offset {
        return Err(io::Error::other(format!("bad part {offset} + {len}")));
    }
    for _ in 0..len {
        q.read_exact(&mut bytes)?;
        res.push(f64::from_le_bytes(bytes));
    }
    Ok(())
}

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 100_000_000, 10);
    let nb_process = args.count("PROCESSES", 256, 2);
    args.end();

    let mut res = Vec::with_capacity(n); // filled part after part, as the children end
    let mut ends = Vec::new();
    for i in 0..nb_process {
        let (r, w) = pipe().or_exit("pipe");
        io::stdout().flush().or_exit("write");
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => {
                drop(r);
                let part = part(i, n, nb_process);
                child_exit(|| put(w, part.start, &fill_random(i, part.len())))
            }
            ForkResult::Parent { child } => {
                drop(w);
                // The mistake: this child is read and reaped before the next one is forked.
                let read = get_into(r, &mut res);
                ends.push(waitpid(child, None).or_exit("waitpid"));
                check_children(&ends);
                read.or_exit("read");
            }
        }
    }

    if res.len() != n {
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
