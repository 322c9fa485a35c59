//! Solution of exercise 24 (EXERCISES.md), from mpi-scatter.
//!
//! What changed: the array has N values (an argument, default 10), which the ranks need not
//! divide; `scatter_varcount_into_root` (mpi4py's `Scatterv`) gives rank r the course's part:
//! N / size values each, the last rank also the remainder.
//!
//! Run:     mpirun --oversubscribe -n 3 target/debug/ex24-solution 10
//! Observe: 3, 3 and 4 values; in rank order, the parts are rank 0's array.

use course_support::{Args, numpy, random_floats};
use mpi::datatype::Partition;
use mpi::traits::*;

const USAGE: &str = "usage: ex24-solution [N]    started as `mpirun -n RANKS ex24-solution [N]`; N: 1 to 1000000, default 10
Rank 0 scatters N random floats with Scatterv: N / RANKS to each rank, the last also the remainder.";

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    args.end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let size = comm.size() as usize;
    // The course's split: N / size each, the last rank also takes the remainder.
    let counts: Vec<i32> =
        (0..size).map(|r| (n / size + if r == size - 1 { n % size } else { 0 }) as i32).collect();
    let displs: Vec<i32> = (0..size).map(|r| (r * (n / size)) as i32).collect();
    let root = comm.process_at_rank(0);
    let mut receive_buf = vec![0.0; counts[rank as usize] as usize];

    if rank == 0 {
        let data = random_floats(rank as u64, n);
        println!("Proc {rank} scatter data {}", numpy(&data));
        let partition = Partition::new(&data[..], &counts[..], &displs[..]);
        root.scatter_varcount_into_root(&partition, &mut receive_buf[..]);
    } else {
        root.scatter_varcount_into(&mut receive_buf[..]);
    }
    println!("After Scatterv : Proc {rank} - recv = {}", numpy(&receive_buf));
}
