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

use course_support::{Args, OrExit, check_children, child_exit, fail, print_list};
use nix::sys::mman::{MapFlags, ProtFlags, mmap_anonymous, munmap};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::slice;

const USAGE: &str = "usage: process-fill-shm [N] [PROCESSES]    N: 1 to 100000000, default 10; PROCESSES: 1 to 256, default 2
PROCESSES processes write their part of an array of N random numbers straight into memory shared with the parent.";

fn fill_random(tid: usize, tab: &mut [f64]) {
    for slot in tab.iter_mut() {
        *slot = tid as f64 * 100.0 + rand::random::<f64>();
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 100_000_000, 10);
    let nb_process = args.count("PROCESSES", 256, 2);
    args.end();

    // ANCHOR: mapping
    let size = NonZeroUsize::new(n * size_of::<f64>()).expect("N is at least 1");
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    // SAFETY: a new mapping, page aligned, that aliases nothing.
    let map = unsafe { mmap_anonymous(None, size, prot, MapFlags::MAP_SHARED) }.or_exit("mmap");
    let base: *mut f64 = map.as_ptr().cast();
    // SAFETY: the mapping holds n f64 and no other process exists yet.
    unsafe { slice::from_raw_parts_mut(base, n) }.fill(f64::NAN); // NaN: not written yet
    // ANCHOR_END: mapping

    // ANCHOR: fork-loop
    let mut procs = Vec::new();
    for i in 0..nb_process {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
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
    // ANCHOR_END: fork-loop

    // ANCHOR: read-back
    // p.join() for each p; `waitpid` also says how the child ended.
    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    check_children(&ends); // a child that failed is reported, and the program fails
    // SAFETY: every child has ended; nobody else writes the mapping now.
    let res = unsafe { slice::from_raw_parts(base, n) };
    if res.iter().any(|x| x.is_nan()) {
        fail("some slots were not written");
    }
    print_list("", res);
    // SAFETY: `res` is not used after this.
    unsafe { munmap(map, size.get()) }.or_exit("munmap");
    // ANCHOR_END: read-back
}

/// Slots of process `tid`: `N_by_process` each, the last process also takes the remainder.
fn part(tid: usize, n: usize, nb_process: usize) -> Range<usize> {
    let n_by_process = n / nb_process;
    let end = if tid == nb_process - 1 { n } else { (tid + 1) * n_by_process };
    tid * n_by_process..end
}
