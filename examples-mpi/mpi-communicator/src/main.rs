//! « Message Passing Interface en Python » → « Notion de communicateur »
//!
//! Mirrors `comm = MPI.COMM_WORLD; print(comm)`, then
//! `print(f"Je suis le processus {comm.Get_rank()} sur {comm.Get_size()}")`.
//! `print(comm)` shows a Python object (`<mpi4py.MPI.Intracomm object at 0x…>`); a Rust
//! communicator prints nothing of the sort: its nearest likeness is its MPI name,
//! MPI_COMM_WORLD (`MPI_Comm_get_name`).
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-communicator
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: two lines per rank; the ranks' lines come in an order that changes from run to run.

use course_support::name_of;
use mpi::traits::*;

const USAGE: &str = "usage: mpi-communicator    started as `mpirun -n RANKS mpi-communicator`
Every rank prints the communicator's name, then \"Je suis le processus R sur N\".";

fn main() {
    course_support::Args::new(USAGE).end();
    // ANCHOR: world
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world(); // MPI.COMM_WORLD
    println!("{}", name_of(&comm));
    println!("Je suis le processus {} sur {}", comm.rank(), comm.size());
    // ANCHOR_END: world
}
