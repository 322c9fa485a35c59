//! Solution of exercise 25 (EXERCISES.md), from mpi-exchange.
//!
//! What changed: ranks 0 and 1 exchange with one `send_receive_into` each, in both orders:
//! MPI does the send and the receive together, so `--wrong-order` can no longer block.
//!
//! Run:     mpirun --oversubscribe -n 4 target/debug/ex25-solution --wrong-order
//! Observe: the same exchange as mpi-exchange, with or without --wrong-order; no watchdog.

use course_support::{Args, need_ranks, numpy, random_floats, watchdog};
use mpi::point_to_point::send_receive_into;
use mpi::traits::*;

const USAGE: &str = "usage: ex25-solution [--wrong-order]    started as `mpirun -n RANKS ex25-solution` (2 ranks or more)
Ranks 0 and 1 exchange 5 random floats with Sendrecv; --wrong-order changes nothing any more.";

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
    if wrong_order && rank == 0 {
        let line = "ranks 0 and 1 are blocked in `receive`, each waiting for the other's `send`: stopped after 3 s";
        watchdog(3, line.to_string());
    }
    if rank < 2 {
        let other = 1 - rank;
        println!("Proc {rank} send {} to {other}", numpy(&data_to_send));
        let process = comm.process_at_rank(other);
        send_receive_into(&data_to_send[..], &process, &mut data_to_receive[..], &process);
        println!("Proc {rank} receive {} from {other}", numpy(&data_to_receive));
    } else {
        println!("Nothing to do");
    }
}
