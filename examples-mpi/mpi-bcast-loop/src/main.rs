//! « Communications collective »: the broadcast written by hand
//!
//! Mirrors the cell where rank 0 sends 5 random floats to every other rank with a loop of
//! `Send`, skipping itself (`continue`: « Le 0 ne peut pas s'envoyer a lui meme »), and every
//! other rank receives them. The course prints "send … to 1" once before the loop; here each
//! send is printed with its destination.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-bcast-loop
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: ranks 1, 2 and 3 receive rank 0's values; mpi-bcast does the same in one call.

use course_support::{numpy, random_floats};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-bcast-loop    started as `mpirun -n RANKS mpi-bcast-loop`
Rank 0 sends 5 random floats to every other rank, one Send each.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let n = 5;
    // ANCHOR: by-hand
    if rank == 0 {
        let data_to_send = random_floats(rank as u64, n);
        for i in 0..comm.size() {
            if i == rank {
                continue; // rank 0 does not send to itself
            }
            println!("Proc {rank} send {} to {i}", numpy(&data_to_send));
            comm.process_at_rank(i).send(&data_to_send[..]);
        }
    } else {
        let mut data_to_receive = vec![0.0; n];
        comm.process_at_rank(0).receive_into(&mut data_to_receive[..]);
        println!("Proc {rank} receive {} from 0", numpy(&data_to_receive));
    }
    // ANCHOR_END: by-hand
}
