//! « Communications collective »: `Scatter`
//!
//! Mirrors the cell with `comm.Scatter(data, receive_buf, root=source_rank)`: rank 0 holds
//! size × 4 random floats and each rank receives its 4, in rank order. (The course's
//! `data.reshape((size, n))` is a no-op: its result is not kept.)
//! The notebook's cell works only after its Bcast cell, which defines `data` on ranks 1 to 3
//! (alone, they fail with a `NameError`); here they pass no send buffer (`scatter_into`).
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-scatter
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: rank r receives values 4r to 4r + 3 of rank 0's array.
//! Exercises: 24 (EXERCISES.md).

use course_support::{Args, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-scatter    started as `mpirun -n RANKS mpi-scatter`
Rank 0 scatters RANKS × 4 random floats, 4 to each rank.";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let size = comm.size() as usize;
    let n = 4;
    let source_rank = 0;
    // ANCHOR: scatter
    let root = comm.process_at_rank(source_rank);
    let mut receive_buf = vec![0.0; n];

    if rank == source_rank {
        let data = random_floats(rank as u64, size * n);
        println!("Proc {rank} scatter data {}", numpy(&data));
        root.scatter_into_root(&data[..], &mut receive_buf[..]);
    } else {
        root.scatter_into(&mut receive_buf[..]);
    }
    println!("After Scatter : Proc {rank} - recv = {}", numpy(&receive_buf));
    // ANCHOR_END: scatter
}
