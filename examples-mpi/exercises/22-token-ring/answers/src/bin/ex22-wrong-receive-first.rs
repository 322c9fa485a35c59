//! A kept wrong answer of exercise 22: rank 0 receives the token before it sends it, so every
//! rank waits for its predecessor and no send ever comes (the deadlock of
//! `mpi-exchange --wrong-order`, around a ring); the check rejects it at its first run, stopped
//! after 10 s: "blocked", a receive whose send never comes.

use course_support::need_ranks;
use mpi::traits::*;

const USAGE: &str = "usage: ex22-wrong-receive-first    started as `mpirun -n RANKS ex22-wrong-receive-first` (2 ranks or more)
A token goes around the ranks, each adding its rank (rank 0 receives first: it blocks).";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    let rank = comm.rank();
    let size = comm.size();
    let (next, previous) = ((rank + 1) % size, (rank + size - 1) % size);
    if rank == 0 {
        // Wrong: rank 0 waits for the last rank's token before it sends the first one.
        let (token, _) = comm.process_at_rank(previous).receive::<u64>();
        println!("Proc {rank} received token {token} from {previous}");
        comm.process_at_rank(next).send(&0u64);
    } else {
        let (token, _) = comm.process_at_rank(previous).receive::<u64>();
        println!("Proc {rank} received token {token} from {previous}");
        comm.process_at_rank(next).send(&(token + rank as u64));
    }
}
