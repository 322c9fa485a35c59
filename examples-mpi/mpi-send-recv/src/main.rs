//! « Communications *Point-to-Point* »: `Send` and `Recv`
//!
//! Mirrors the cell where rank 0 sends 5 random floats to rank 1 (`comm.Send(data_to_send, 1)`,
//! `comm.Recv(data_to_receive, 0)`) and the other ranks print "Nothing to do". The numbers are
//! drawn from a generator seeded with the rank (the same on every run) and printed with every
//! digit, so that the received values can be compared with the sent ones.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-send-recv
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: rank 1 receives exactly what rank 0 sent; ranks 2 and 3 have nothing to do.
//! Exercises: 22 (EXERCISES.md).

use course_support::{need_ranks, numpy, random_floats};
use mpi::traits::*;

const USAGE: &str =
    "usage: mpi-send-recv    started as `mpirun -n RANKS mpi-send-recv` (2 ranks or more)
Rank 0 sends 5 random floats to rank 1; the other ranks have nothing to do.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    need_ranks(&comm, 2);

    // ANCHOR: send-recv
    let rank = comm.rank();
    let n = 5;
    if rank == 0 {
        let data_to_send = random_floats(rank as u64, n); // np.random.rand(n)
        println!("Proc {rank} send {} to 1", numpy(&data_to_send));
        comm.process_at_rank(1).send(&data_to_send[..]);
    } else if rank == 1 {
        let mut data_to_receive = vec![0.0; n]; // np.empty(n)
        comm.process_at_rank(0).receive_into(&mut data_to_receive[..]);
        println!("Proc {rank} receive {} from 0", numpy(&data_to_receive));
    } else {
        println!("Nothing to do");
    }
    // ANCHOR_END: send-recv
}
