//! A kept wrong answer of exercise 22: the next rank without the wrap-around, `rank + 1`: the
//! last rank sends to a rank that does not exist, and rsmpi's assertion stops it (a panic,
//! "assertion failed: 0 <= r && r < self.target_size()"). The check fails at "ends well" and
//! shows the panic's reason whole.
//!
//! Run:     mpirun --oversubscribe -n 3 target/debug/ex22-wrong-no-wrap

use course_support::need_ranks;
use mpi::traits::*;

const USAGE: &str =
    "usage: ex22-wrong-no-wrap    started as `mpirun -n RANKS ex22-wrong-no-wrap` (2 ranks or more)
A token goes around the ranks, each adding its rank.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    let rank = comm.rank();
    let size = comm.size();
    let (next, previous) = (rank + 1, (rank + size - 1) % size);
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
