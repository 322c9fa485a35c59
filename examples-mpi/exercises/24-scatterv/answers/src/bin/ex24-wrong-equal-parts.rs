//! A kept wrong answer of exercise 24: `scatter_into_root` (Scatter, not Scatterv), every rank
//! receiving N / size values: the remainder is silently dropped (N = 10 on 3 ranks: 3, 3 and 3
//! values, the 10th never sent); the check rejects it at "parts of […] values, rank 0's array
//! in rank order".

use course_support::{Args, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: ex24-wrong-equal-parts [N]    started as `mpirun -n RANKS ex24-wrong-equal-parts [N]`; N: 1 to 1000000, default 10
Rank 0 scatters N random floats with Scatter: N / RANKS to each rank (the remainder is lost).";

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    args.end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let size = comm.size() as usize;
    let root = comm.process_at_rank(0);
    // Wrong: Scatter sends every rank the same count, N / size; N % size values stay on rank 0.
    let mut receive_buf = vec![0.0; n / size];

    if rank == 0 {
        let data = random_floats(rank as u64, n);
        println!("Proc {rank} scatter data {}", numpy(&data));
        root.scatter_into_root(&data[..], &mut receive_buf[..]);
    } else {
        root.scatter_into(&mut receive_buf[..]);
    }
    println!("After Scatterv : Proc {rank} - recv = {}", numpy(&receive_buf));
}
