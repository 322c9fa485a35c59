//! A kept wrong answer of exercise 25: no `send_receive_into`; with `--wrong-order`, both ranks
//! send first, then receive. It ends, but only because MPI buffers a small message: the send
//! returns before the other rank receives (with a large one, both would wait in `send`). The
//! runs pass; the check rejects it at "the exchange is one `send_receive_into` per rank".

use course_support::{Args, need_ranks, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: ex25-wrong-send-first [--wrong-order]    started as `mpirun -n RANKS ex25-wrong-send-first` (2 ranks or more)
Ranks 0 and 1 exchange 5 random floats with send and receive; --wrong-order makes both send first.";

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
        // Wrong: both ranks send first; this works only while MPI buffers the message.
        if rank == 0 || wrong_order {
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
