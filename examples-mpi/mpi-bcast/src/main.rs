//! « Communications collective »: `Bcast`
//!
//! Mirrors the cell with `comm.Bcast(data, source_rank)`: rank 0 holds 5 random floats, the
//! others zeros; after the call every rank holds rank 0's values.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-bcast
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: "After Bcast" shows rank 0's values on every rank.

use course_support::{Args, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-bcast    started as `mpirun -n RANKS mpi-bcast`
Rank 0 broadcasts 5 random floats to every rank with Bcast.";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let n = 5;
    let source_rank = 0;
    // ANCHOR: bcast
    let mut data = if rank == source_rank { random_floats(rank as u64, n) } else { vec![0.0; n] };

    println!("Before Bcast : Proc {rank} - data = {}", numpy(&data));
    comm.process_at_rank(source_rank).broadcast_into(&mut data[..]);
    println!("After Bcast : Proc {rank} - data = {}", numpy(&data));
    // ANCHOR_END: bcast
}
