//! « Communications collective »: `Allgather` (the course draws it, media/allgather.png)
//!
//! What the picture shows, as a program: each rank holds 2 random floats, and after
//! `all_gather_into` (`comm.Allgather(sendbuf, recvbuf)` in mpi4py) every rank holds all of
//! them, rank 0's first: a Gather whose result every rank gets.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-allgather
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: every rank prints the same array, the ranks' values in rank order.

use course_support::{Args, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-allgather    started as `mpirun -n RANKS mpi-allgather`
Every rank holds 2 random floats; after Allgather every rank holds all of them.";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let size = comm.size() as usize;
    let n = 2;
    // ANCHOR: allgather
    let sendbuf = random_floats(rank as u64, n);
    let mut recvbuf = vec![0.0; size * n];

    println!("Before Allgather : Proc {rank} - data = {}", numpy(&sendbuf));
    comm.all_gather_into(&sendbuf[..], &mut recvbuf[..]);
    println!("After Allgather : Proc {rank} - recv = {}", numpy(&recvbuf));
    // ANCHOR_END: allgather
}
