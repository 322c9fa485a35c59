//! « Communications *Point-to-Point* »: `Sendrecv_replace`
//!
//! Mirrors the cell where ranks 0 and 1 exchange 5 random floats in place,
//! `comm.Sendrecv_replace(data, dest)`: what is received replaces what was sent, in the same
//! buffer. The other ranks print nothing, as in the course.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-sendrecv-replace
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: after the call, each of ranks 0 and 1 holds the values the other held before.

use course_support::{need_ranks, numpy, random_floats};
use mpi::point_to_point::send_receive_replace_into;
use mpi::traits::*;

const USAGE: &str = "usage: mpi-sendrecv-replace    started as `mpirun -n RANKS mpi-sendrecv-replace` (2 ranks or more)
Ranks 0 and 1 exchange 5 random floats in place with one Sendrecv_replace.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    let rank = comm.rank();
    let n = 5;
    let mut data = random_floats(rank as u64, n);
    let dest = match rank {
        0 => Some(1),
        1 => Some(0),
        _ => None, // dest = -1 in the course
    };
    // ANCHOR: replace
    if let Some(dest) = dest {
        println!("Proc {rank} send {} to {dest}", numpy(&data));
        let other = comm.process_at_rank(dest);
        send_receive_replace_into(&mut data[..], &other, &other);
        println!("Proc {rank} receive {}", numpy(&data));
    }
    // ANCHOR_END: replace
}
