//! « Retour sur le calcul de π », carried on into the course's next chapter,
//! « Parallélisme à mémoire distribuée » (MPI; mpi4py in Python).
//!
//! Mirrors `pi_process_worker` + `compute_pi_process` with MPI ranks instead of forked children:
//! every rank sums its part of the midpoint rule (the course's split, the last rank also takes
//! the remainder) and one reduction (`MPI_Reduce` with a sum) adds the parts on rank 0, where
//! compute_pi_process read them from a Queue. The ranks share no memory and may run on several
//! machines: the same binary runs unchanged on a laptop and on a cluster.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/pi-mpi
//!          (or `... pi-mpi 1e9`; see the book's MPI set-up; root: add --allow-run-as-root)
//! Observe: the PI of pi-processes, but for its last digit at times: MPI_Reduce adds the parts in
//!          an order of its own (here on 4 ranks); %CPU counts every rank.

use course_support::{Args, Clock, print_time};
use mpi::collective::SystemOperation;
use mpi::traits::*;
use std::f64::consts::PI;

const USAGE: &str = "usage: pi-mpi [POINTS]    started as `mpirun -n RANKS pi-mpi [POINTS]`; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default)
π by the midpoint rule, the POINTS split among the MPI ranks as in the course.
POINTS may be fewer than RANKS: the first ranks then get no point, the last takes them all.";

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
        // A `while` on an i64, as in pi-sequential: as fast as the C loop.
        let x = l * (i as f64 + 0.5);
        s += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s
}

fn main() {
    // Read before MPI starts, by every rank; only rank 0 prints the help or the error.
    let mut args = Args::new(USAGE);
    let nbpoint = args.points(100_000_000);
    args.end();

    let universe = mpi::initialize().expect("MPI is already initialised");
    let world = universe.world();
    let (rank, size) = (world.rank() as i64, world.size() as i64);
    world.barrier(); // every rank starts the clock together
    let clock = Clock::start();
    let s = pi_process_worker(nbpoint, rank, size);
    let root = world.process_at_rank(0);
    if rank == 0 {
        let mut pi_val = 0.0;
        root.reduce_into_root(&s, &mut pi_val, SystemOperation::sum()); // the Queue's get()s
        let elapsed = clock.elapsed();
        let mut cpu = 0.0; // the CPU time of all the ranks
        root.reduce_into_root(&clock.cpu(), &mut cpu, SystemOperation::sum());
        println!("PI = {pi_val}");
        let error = (PI - pi_val).abs() / PI * 100.0;
        println!("std::f64::consts::PI = {PI} => error = {error:e}%");
        print_time(elapsed, cpu);
    } else {
        root.reduce_into(&s, SystemOperation::sum()); // the Queue's put()
        root.reduce_into(&clock.cpu(), SystemOperation::sum());
    }
}
