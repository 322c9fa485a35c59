//! « Communications collective »: `Alltoall` (the course draws it, media/alltoall.png)
//!
//! What the picture shows, as a program: each rank holds one random float for each rank, and
//! after `all_to_all_into` (`comm.Alltoall(sendbuf, recvbuf)` in mpi4py) rank i holds the
//! i-th value of every rank, rank 0's first: each rank sends its j-th block to rank j.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-alltoall
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: value j of rank i after the call is value i of rank j before it: a transpose.

use course_support::{Args, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-alltoall    started as `mpirun -n RANKS mpi-alltoall`
Every rank holds one random float per rank and sends the j-th to rank j with Alltoall.";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let size = comm.size() as usize;
    // ANCHOR: alltoall
    let sendbuf = random_floats(rank as u64, size); // block j goes to rank j
    let mut recvbuf = vec![0.0; size]; // block j comes from rank j

    println!("Before Alltoall : Proc {rank} - data = {}", numpy(&sendbuf));
    comm.all_to_all_into(&sendbuf[..], &mut recvbuf[..]);
    println!("After Alltoall : Proc {rank} - recv = {}", numpy(&recvbuf));
    // ANCHOR_END: alltoall
}
