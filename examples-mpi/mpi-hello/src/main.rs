//! « Parallélisme à mémoire distribuée » — the course's next chapter, first step.
//!
//! The smallest MPI program: every process (a *rank*) prints its rank and the number of ranks.
//! Unlike `fork`, the ranks are started by `mpirun`, possibly on several machines, and share
//! no memory at all: they can only exchange messages.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-hello
//!          (Open MPI, installed as the book says; as root add --allow-run-as-root;
//!          with MPICH leave out --oversubscribe)
//! Observe: one line per rank, in an order that changes from run to run.

use mpi::traits::*;

const USAGE: &str = "usage: mpi-hello    started as `mpirun -n RANKS mpi-hello`
Every MPI rank prints \"Hello from rank R of N\".";

fn main() {
    // No argument; under mpirun, only rank 0 prints the help or the usage error.
    course_support::Args::new(USAGE).end();
    // ANCHOR: hello
    let universe = mpi::initialize().expect("MPI is already initialised");
    let world = universe.world();
    let (rank, size) = (world.rank(), world.size());
    println!("Hello from rank {rank} of {size}");
    // ANCHOR_END: hello
}
