//! Solution of exercise 23 (EXERCISES.md), from pi-mpi-allreduce.
//!
//! What changed: `Reduce` to rank 0 instead of `Allreduce`, and every rank prints what its
//! `receive` holds after the call: only rank 0 has PI.
//!
//! Run:     mpirun --oversubscribe -n 4 target/debug/ex23-solution
//! Observe: "Proc 0 receive = 3.14159…" and "Proc r receive = 0" on the other ranks.

use course_support::Args;
use mpi::collective::SystemOperation;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

const USAGE: &str = "usage: ex23-solution [NBBLOC]    started as `mpirun -n RANKS ex23-solution`; NBBLOC: 1 to 10^13, as 1000000, 1_000_000 or 1e6 (the default)
π by the midpoint rule, each rank a part, added on rank 0 by Reduce.";

fn compute_pi_mpi(comm: &SimpleCommunicator, nbbloc: i64) -> f64 {
    let rank = comm.rank() as i64;
    let nbprocs = comm.size() as i64;

    let start = (rank * nbbloc) / nbprocs;
    let end = ((rank + 1) * nbbloc) / nbprocs;

    let mut somme = 0.0;
    let largeur = 1.0 / nbbloc as f64;
    let mut i = start;
    while i < end {
        let x = largeur * (i as f64 + 0.5);
        somme += largeur * (4.0 / (1.0 + x * x));
        i += 1;
    }

    let mut receive = 0.0;
    let root = comm.process_at_rank(0);
    if rank == 0 {
        root.reduce_into_root(&somme, &mut receive, SystemOperation::sum());
    } else {
        root.reduce_into(&somme, SystemOperation::sum()); // `receive` stays 0 here
    }
    receive
}

fn main() {
    let mut args = Args::new(USAGE);
    let nbbloc = args.points(1_000_000);
    args.end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let receive = compute_pi_mpi(&comm, nbbloc);
    println!("Proc {} receive = {receive}", comm.rank());
}
