//! « Communications collective »: `Allreduce`
//!
//! Mirrors the cell with `comm.Allreduce(data, recv, op=MPI.SUM)`: each rank holds 5 values
//! equal to its rank, and every rank receives their sums (with `Reduce`, only the root does).
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-allreduce
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: with 4 ranks, every rank prints "reduce results = [6. 6. 6. 6. 6.]".

use course_support::{Args, numpy};
use mpi::collective::SystemOperation;
use mpi::traits::*;

const USAGE: &str = "usage: mpi-allreduce    started as `mpirun -n RANKS mpi-allreduce`
Every rank receives the sums of every rank's values (Allreduce with SUM).";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let n = 5;
    // ANCHOR: allreduce
    let data = vec![rank as f64; n]; // np.ones(n)*rank
    println!("Proc {rank} data = {}", numpy(&data));
    let mut recv = vec![0.0; n];
    comm.all_reduce_into(&data[..], &mut recv[..], SystemOperation::sum());
    println!("Proc {rank} reduce results = {}", numpy(&recv));
    // ANCHOR_END: allreduce
}
