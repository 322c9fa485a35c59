//! « Communications *Point-to-Point* »: the size of a message
//!
//! Mirrors the cell that compares a list of 100 floats, its numpy array and its pickled form
//! (920, 896 and 934 bytes in CPython 3.7): mpi4py's `send` pickles any Python object, `Send`
//! sends the typed buffer of a numpy array. rsmpi only has the second kind: it sends slices of
//! types that have an MPI datatype (`Equivalence`: `f64` is MPI_DOUBLE), with no pickling. So
//! the 100 `f64` travel as their 800 bytes, which rank 1 measures on what it receives.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-message-size
//!          (Open MPI as root: add --allow-run-as-root)
//! Observe: the sizes, then "Proc 1 received 800 bytes (100 f64) from 0"; with 1 rank, the sizes only.

use mpi::traits::*;

const USAGE: &str = "usage: mpi-message-size    started as `mpirun -n RANKS mpi-message-size`
The size of 100 f64 in memory and in a message; with 2 ranks or more, rank 0 sends them to rank 1.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();
    let rank = comm.rank();

    // ANCHOR: sizes
    let a: Vec<f64> = (0..100).map(|x| 0.01 * x as f64).collect(); // [0.01 * x for x in range(100)]
    if rank == 0 {
        let header = std::mem::size_of_val(&a); // pointer, capacity, length
        let values = std::mem::size_of_val(&a[..]); // the 100 f64, on the heap
        println!("Size of a = {header} + {values} (the Vec, then its values)");
        println!("Size of a as a message = {values} (MPI_DOUBLE × 100, no pickling)");
    }
    // ANCHOR_END: sizes
    if comm.size() < 2 {
        return;
    }
    // ANCHOR: send-vec
    if rank == 0 {
        comm.process_at_rank(1).send(&a[..]);
    } else if rank == 1 {
        let (received, status) = comm.process_at_rank(0).receive_vec::<f64>();
        let bytes = status.count(u8::equivalent_datatype());
        println!("Proc {rank} received {bytes} bytes ({} f64) from 0", received.len());
        if received != a {
            course_support::fail("what arrived is not what was sent");
        }
    }
    // ANCHOR_END: send-vec
}
