//! « Communications *Point-to-Point* »: an exchange between ranks 0 and 1
//!
//! Mirrors the cell that exchanges 5 random floats in the safe order: rank 0 sends, then
//! receives; rank 1 receives, then sends. The course warns that `Send` and `Recv` block:
//! `--wrong-order` makes both ranks receive first, and they wait for each other forever. A
//! watchdog then prints one line saying so after 3 s and aborts the job (`MPI_Abort`); Open
//! MPI's mpirun follows that line with its own 8-line MPI_ABORT notice and exits with status 1.
//! (Both sending first may pass: MPI may buffer a small message.)
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-exchange
//!          (or `… mpi-exchange --wrong-order`; root: add --allow-run-as-root)
//! Observe: each of ranks 0 and 1 receives what the other sent; with --wrong-order, the block.
//! Exercises: 25 (EXERCISES.md).

use course_support::{Args, need_ranks, numpy, random_floats, watchdog};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-exchange [--wrong-order]    started as `mpirun -n RANKS mpi-exchange` (2 ranks or more)
Ranks 0 and 1 exchange 5 random floats, in the safe order; --wrong-order makes both receive
first: they block, and a watchdog ends the program after 3 s.";

fn main() {
    let mut args = Args::new(USAGE);
    let wrong_order = args.flag("--wrong-order");
    args.end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    let rank = comm.rank();
    let n = 5;
    let data_to_send = random_floats(rank as u64, n);
    let mut data_to_receive = vec![0.0; n];
    // ANCHOR: wrong-order
    if wrong_order && rank == 0 {
        let line = "ranks 0 and 1 are blocked in `receive`, each waiting for the other's `send`: stopped after 3 s";
        watchdog(3, line.to_string());
    }
    // ANCHOR_END: wrong-order
    // ANCHOR: exchange
    if rank == 0 && !wrong_order {
        println!("Proc {rank} send {} to 1", numpy(&data_to_send));
        comm.process_at_rank(1).send(&data_to_send[..]);
        println!("Proc {rank} wait for receive");
        comm.process_at_rank(1).receive_into(&mut data_to_receive[..]);
        println!("Proc {rank} receive {} from 1", numpy(&data_to_receive));
    } else if rank < 2 {
        let other = 1 - rank; // rank 1 in the course's order; both ranks with --wrong-order
        println!("Proc {rank} wait for receive");
        comm.process_at_rank(other).receive_into(&mut data_to_receive[..]);
        println!("Proc {rank} receive {} from {other}", numpy(&data_to_receive));
        println!("Proc {rank} send {} to {other}", numpy(&data_to_send));
        comm.process_at_rank(other).send(&data_to_send[..]);
    } else {
        println!("Nothing to do");
    }
    // ANCHOR_END: exchange
    // ANCHOR: barrier
    // Every rank waits here for the others: with --wrong-order, ranks 2 and 3 wait too, instead
    // of ending (MPI_Finalize) while the watchdog stops the job, which OpenMPI 4.1's mpirun did
    // not always survive.
    comm.barrier();
    // ANCHOR_END: barrier
}
