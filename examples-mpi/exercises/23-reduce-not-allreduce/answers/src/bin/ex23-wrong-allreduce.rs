//! A kept wrong answer of exercise 23: `all_reduce_into` kept, so that every rank receives PI
//! and prints it; the check rejects it at "PI on rank 0 only, 0 elsewhere", on 2 ranks:
//! rank 1 prints PI, where `Reduce` leaves its `receive` at 0.
//! Fails at: PI on rank 0 only, 0 elsewhere

use course_support::Args;
use mpi::collective::SystemOperation;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

const USAGE: &str = "usage: ex23-wrong-allreduce [NBBLOC]    started as `mpirun -n RANKS ex23-wrong-allreduce`; NBBLOC: 1 to 10^13, as 1000000, 1_000_000 or 1e6 (the default)
π by the midpoint rule, each rank a part, added by Allreduce (not Reduce).";

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

    // Wrong: Allreduce gives every rank the total; the exercise is to see Reduce not do it.
    let mut receive = 0.0;
    comm.all_reduce_into(&somme, &mut receive, SystemOperation::sum());
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
