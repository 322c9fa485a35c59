//! « Communications *Point-to-Point* »: `Sendrecv`
//!
//! Mirrors the cell where ranks 0 and 1 exchange 5 random floats with one call,
//! `comm.Sendrecv(data_to_send, dest, recvbuf=data_to_receive)`: MPI does the send and the
//! receive together, so no order can block. The other ranks print nothing, as in the course.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-sendrecv
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: rank 0 receives what rank 1 sent, and rank 1 what rank 0 sent.

use course_support::{need_ranks, numpy, random_floats};
use mpi::point_to_point::send_receive_into;
use mpi::traits::*;

const USAGE: &str =
    "usage: mpi-sendrecv    started as `mpirun -n RANKS mpi-sendrecv` (2 ranks or more)
Ranks 0 and 1 exchange 5 random floats with one Sendrecv.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    let rank = comm.rank();
    let n = 5;
    let data_to_send = random_floats(rank as u64, n);
    let mut data_to_receive = vec![0.0; n];
    // ANCHOR: sendrecv
    let dest = match rank {
        0 => Some(1),
        1 => Some(0),
        _ => None, // dest = -1 in the course
    };
    if let Some(dest) = dest {
        println!("Proc {rank} send {} to {dest}", numpy(&data_to_send));
        let other = comm.process_at_rank(dest);
        send_receive_into(&data_to_send[..], &other, &mut data_to_receive[..], &other);
        println!("Proc {rank} receive {}", numpy(&data_to_receive));
    }
    // ANCHOR_END: sendrecv
}
