//! A kept wrong answer of exercise 24: the remainder goes to rank 0, not to the last rank. The
//! parts still make up rank 0's array, in rank order, but their sizes are not the course's
//! split (4, 3, 3 for 10 values on 3 ranks instead of 3, 3, 4): the check compares the sizes
//! with the split.
//!
//! Run:     mpirun --oversubscribe -n 3 target/debug/ex24-wrong-remainder-first 10

use course_support::{Args, numpy, random_floats};
use mpi::datatype::Partition;
use mpi::traits::*;

const USAGE: &str = "usage: ex24-wrong-remainder-first [N]    started as `mpirun -n RANKS ex24-wrong-remainder-first [N]`; N: 1 to 1000000, default 10
Rank 0 scatters N random floats with Scatterv: N / RANKS to each rank, the last also the remainder.";

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    args.end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let size = comm.size() as usize;
    // The mistake: rank 0 takes the remainder; each part starts where the one before ends.
    let counts: Vec<i32> =
        (0..size).map(|r| (n / size + if r == 0 { n % size } else { 0 }) as i32).collect();
    let displs: Vec<i32> = (0..size).map(|r| counts[..r].iter().sum()).collect();
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
