//! Solution of exercise 22 (EXERCISES.md), from mpi-send-recv.
//!
//! What changed: a token goes around the ring of ranks: rank 0 sends 0 to rank 1; each rank
//! r receives the token from r − 1, prints it, adds its rank and sends it to r + 1 (rank 0's
//! successor is rank 0 again, at the end: it receives the total from the last rank).
//!
//! Run:     mpirun --oversubscribe -n 4 target/debug/ex22-solution
//! Observe: "Proc r received token r(r − 1)/2 from r − 1", and rank 0 last: 6 from 3.

use course_support::need_ranks;
use mpi::traits::*;

const USAGE: &str =
    "usage: ex22-solution    started as `mpirun -n RANKS ex22-solution` (2 ranks or more)
A token goes around the ranks, each adding its rank.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    let rank = comm.rank();
    let size = comm.size();
    let (next, previous) = ((rank + 1) % size, (rank + size - 1) % size);
    if rank == 0 {
        comm.process_at_rank(next).send(&0u64);
        let (token, _) = comm.process_at_rank(previous).receive::<u64>();
        println!("Proc {rank} received token {token} from {previous}");
    } else {
        let (token, _) = comm.process_at_rank(previous).receive::<u64>();
        println!("Proc {rank} received token {token} from {previous}");
        comm.process_at_rank(next).send(&(token + rank as u64));
    }
}
