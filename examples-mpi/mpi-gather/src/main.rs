//! « Communications collective »: `Gather`
//!
//! Mirrors the cell with `comm.Gather(sendbuf, recvbuf, root=root_rank)`: each rank sends 5
//! values equal to its rank (`np.zeros(n) + rank`) and rank 0 receives them as the rows of a
//! size × 5 array.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-gather
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: rank 0's array has one row per rank, row r all r.

use course_support::{Args, numpy};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-gather    started as `mpirun -n RANKS mpi-gather`
Every rank sends 5 values equal to its rank; rank 0 gathers them as rows.";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let size = comm.size() as usize;
    let rank = comm.rank();
    let n = 5;
    let root_rank = 0;
    // ANCHOR: gather
    let root = comm.process_at_rank(root_rank);
    let sendbuf = vec![rank as f64; n]; // np.zeros(n) + rank

    println!("Proc {rank} send {}", numpy(&sendbuf));
    if rank == root_rank {
        let mut recvbuf = vec![0.0; size * n]; // np.empty([size, n]), row after row
        root.gather_into_root(&sendbuf[..], &mut recvbuf[..]);
        let rows: Vec<String> = recvbuf.chunks(n).map(numpy).collect();
        // The whole array in one write: mpirun passes each write on as it comes, and another
        // rank's line could otherwise land between the rows.
        let text = format!("Proc {rank} has data : [{}]\n", rows.join("\n "));
        print!("{text}");
    } else {
        root.gather_into(&sendbuf[..]);
    }
    // ANCHOR_END: gather
}
