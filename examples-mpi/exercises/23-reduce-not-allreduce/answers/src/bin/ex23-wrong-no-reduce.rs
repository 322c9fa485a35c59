//! A kept wrong answer of exercise 23: no Reduce at all. Rank 0 receives the parts one by one,
//! in the order they arrive, and adds them; the other ranks send theirs. It prints PI on rank 0
//! and 0 on the others, as the solution does (its last digits may differ from run to run); the
//! source shows that no rank calls the collective.
//! Fails at: every rank calls Reduce

use course_support::Args;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

const USAGE: &str = "usage: ex23-wrong-no-reduce [NBBLOC]    started as `mpirun -n RANKS ex23-wrong-no-reduce`; NBBLOC: 1 to 10^13, as 1000000, 1_000_000 or 1e6 (the default)
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

    // The mistake: no Reduce. Rank 0 receives the other parts one by one, from whichever rank
    // sends first, and adds them in that order; the others send theirs.
    let mut receive = 0.0;
    if rank == 0 {
        receive = somme;
        for _ in 1..nbprocs {
            let (part, _status) = comm.any_process().receive::<f64>();
            receive += part;
        }
    } else {
        comm.process_at_rank(0).send(&somme); // `receive` stays 0 here
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
