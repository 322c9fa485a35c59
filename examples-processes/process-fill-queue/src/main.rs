//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! Mirrors the `Queue` version of `fill_random`: each child builds a full-size array `ret`, zeros
//! outside its part, and sends it (`q.put(ret)`); the parent prints each array received as
//! "From process : […]", then their element-wise sum as "Final tab: […]".
//!
//! Run:     cargo run -p process-fill-queue     (or `-- 11 3` for N = 11 and 3 processes)
//! Observe: the final array is filled; but the parent holds nb_process + 1 arrays of N values,
//!          the memory problem that the course's exercise asks to solve.
//! The `Queue` becomes one pipe per child; the parent reads everything *before* `waitpid`. With
//! `--join-first` (the course's order) an array larger than the pipe (N > 8192 on Linux) hangs
//! as the course's cell does, until each child ends itself after 3 s (`alarm`): one line, exit 1.
//! Exercises: 10 (EXERCISES.md).

use course_support::{Args, OrExit, check_children, child_exit, fail, print_list};
use nix::sys::signal::Signal;
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, alarm, fork, pipe};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::os::fd::OwnedFd;

const USAGE: &str = "usage: process-fill-queue [N] [PROCESSES] [--join-first]    N: 1 to 10000000, default 10; PROCESSES: 1 to 256, default 2
PROCESSES processes each send a full array of N values (zeros outside their part) through a pipe; the parent adds them up. It holds PROCESSES + 1 arrays of N.
--join-first: the course's order, each child waited for before the pipes are read; from N = 8193 (an array larger than the pipe) the children and the parent wait for each other, until each child ends itself after 3 s.";

fn fill_random(tid: usize, part: Range<usize>, n: usize) -> Vec<f64> {
    let mut ret = vec![0.0; n];
    for slot in &mut ret[part] {
        *slot = tid as f64 * 100.0 + rand::random::<f64>();
    }
    ret
}

// ANCHOR: put
/// `q.put(ret)`: the bytes of the values, into the pipe.
fn put(q: OwnedFd, ret: &[f64]) -> io::Result<()> {
    let mut q = BufWriter::new(File::from(q));
    for x in ret {
        q.write_all(&x.to_le_bytes())?;
    }
    q.flush()
}
// ANCHOR_END: put

// ANCHOR: get
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
// ANCHOR_END: get

fn main() {
    let mut args = Args::new(USAGE);
    let join_first = args.flag("--join-first");
    let n = args.count("N", 10_000_000, 10);
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
                if join_first {
                    alarm::set(3); // still blocked in 3 s: SIGALRM ends this child
                }
                child_exit(|| put(w, &fill_random(i, part(i, n, nb_process), n)))
            }
            ForkResult::Parent { child } => {
                drop(w); // or reading would never see the end of the pipe
                procs.push(child);
                queues.push(r);
            }
        }
    }
    // ANCHOR_END: fork-loop

    // ANCHOR: read-then-join
    // Read first: a child whose array outgrows its pipe waits for the parent to read it.
    // `--join-first` keeps the course's order, `join` then `get`, and would wait for ever.
    let mut tabs: Vec<io::Result<Vec<f64>>> = Vec::new();
    if !join_first {
        tabs = queues.drain(..).map(|q| get(q, n)).collect();
    }
    // p.join() for each p; `waitpid` also says how the child ended.
    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    if ends.iter().any(|end| matches!(end, WaitStatus::Signaled(_, Signal::SIGALRM, _))) {
        // `--join-first` with an array larger than the pipe: every child writes as many bytes,
        // so all blocked; without their alarm, the program would wait for ever.
        fail(
            "--join-first: stopped after 3 s: each child was blocked writing its array into its \
             full pipe, while the parent waited for it to end before reading the pipe",
        );
    }
    check_children(&ends); // a child that failed is reported, and the program fails
    if join_first {
        tabs = queues.into_iter().map(|q| get(q, n)).collect(); // the course's q.get()s
    }
    // ANCHOR_END: read-then-join
    let tabs: Vec<Vec<f64>> = tabs.into_iter().collect::<io::Result<_>>().or_exit("read");

    for tab in &tabs {
        print_list("From process : ", tab);
    }
    let final_tab: Vec<f64> = (0..n).map(|i| tabs.iter().map(|t| t[i]).sum()).collect();
    print_list("Final tab: ", &final_tab);
}

/// Slots of process `tid`: `N_by_process` each, the last process also takes the remainder.
fn part(tid: usize, n: usize, nb_process: usize) -> Range<usize> {
    let n_by_process = n / nb_process;
    let end = if tid == nb_process - 1 { n } else { (tid + 1) * n_by_process };
    tid * n_by_process..end
}
