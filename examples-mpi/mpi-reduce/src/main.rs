//! « Communications collective »: `Reduce`
//!
//! Mirrors the cell with `comm.Reduce(data, recv, root=root_rank, op=MPI.SUM)`: each rank
//! holds 5 values equal to its rank, and rank 0 receives their sums. Then two more of the
//! operations the course lists: MPI.MAX, and MPI.MINLOC on one random float per rank (the
//! smallest value and the rank that holds it). rsmpi has SUM, MAX, MIN, PROD
//! (`SystemOperation::sum()` …) but no MINLOC or MAXLOC: MINLOC is written here as a user
//! operation on (value, rank) pairs, as MPI_DOUBLE_INT would hold them.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-reduce
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: with 4 ranks, sums [6. 6. 6. 6. 6.] and MAX [3. 3. 3. 3. 3.] on rank 0 only;
//!          ranks 2 and 3 draw the same smallest x, and MINLOC names rank 2.

use course_support::{Args, numpy, random_floats};
use mpi::collective::{SystemOperation, UserOperation};
use mpi::traits::*;

const USAGE: &str = "usage: mpi-reduce    started as `mpirun -n RANKS mpi-reduce`
Rank 0 receives the SUM and the MAX of every rank's values (Reduce), and the MINLOC of one random
float per rank.";

fn main() {
    Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    let rank = comm.rank();
    let root_rank = 0;
    let root = comm.process_at_rank(root_rank);
    let n = 5;
    let data = vec![rank as f64; n]; // np.ones(n)*rank
    println!("Proc {rank} data = {}", numpy(&data));
    // ANCHOR: pair
    // Two ranks draw each value (the same seed, counted from the last rank): MINLOC meets a
    // tie, which it settles by the smaller rank.
    let x = random_floats(((comm.size() - 1 - rank) / 2) as u64, 1)[0];
    println!("Proc {rank} x = {x:?}");
    let pair = [x, rank as f64]; // (value, rank)
    // ANCHOR_END: pair
    // ANCHOR: minloc
    // MPI.MINLOC: keep the smaller value; on a tie, the smaller rank.
    let minloc = UserOperation::commutative(|incoming, kept| {
        let incoming: &[f64] = incoming.downcast().expect("f64 pairs");
        let kept: &mut [f64] = kept.downcast().expect("f64 pairs");
        for (a, b) in incoming.chunks(2).zip(kept.chunks_mut(2)) {
            if (a[0], a[1]) < (b[0], b[1]) {
                b.copy_from_slice(a);
            }
        }
    });
    // ANCHOR_END: minloc

    // ANCHOR: reduce
    if rank == root_rank {
        let mut recv = vec![0.0; n];
        root.reduce_into_root(&data[..], &mut recv[..], SystemOperation::sum());
        println!("Proc {rank} reduce results = {}", numpy(&recv));
        root.reduce_into_root(&data[..], &mut recv[..], SystemOperation::max());
        println!("Proc {rank} MAX = {}", numpy(&recv));
        let mut smallest = [0.0; 2];
        root.reduce_into_root(&pair[..], &mut smallest[..], &minloc);
        println!("Proc {rank} MINLOC of x = {:?} on rank {}", smallest[0], smallest[1]);
    } else {
        root.reduce_into(&data[..], SystemOperation::sum());
        root.reduce_into(&data[..], SystemOperation::max());
        root.reduce_into(&pair[..], &minloc);
    }
    // ANCHOR_END: reduce
}
