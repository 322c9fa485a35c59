//! A kept wrong answer of exercise 25: the watchdog gone but the exchange still made of
//! `send` and `receive`, in the order `--wrong-order` asks for: both ranks receive first and
//! wait for each other for ever; the check stops it after 10 s and rejects it at "ends well: no
//! rank waits for another", saying "blocked".

use course_support::{Args, need_ranks, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: ex25-wrong-receive-first [--wrong-order]    started as `mpirun -n RANKS ex25-wrong-receive-first` (2 ranks or more)
Ranks 0 and 1 exchange 5 random floats with send and receive; --wrong-order makes both receive
first: they block.";

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
    if rank < 2 {
        let other = 1 - rank;
        let process = comm.process_at_rank(other);
        println!("Proc {rank} send {} to {other}", numpy(&data_to_send));
        // Wrong: with --wrong-order, both ranks wait in `receive` for a send that never comes.
        if rank == 0 && !wrong_order {
            process.send(&data_to_send[..]);
            process.receive_into(&mut data_to_receive[..]);
        } else {
            process.receive_into(&mut data_to_receive[..]);
            process.send(&data_to_send[..]);
        }
        println!("Proc {rank} receive {} from {other}", numpy(&data_to_receive));
    } else {
        println!("Nothing to do");
    }
}
