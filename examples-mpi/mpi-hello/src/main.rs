//! « Parallélisme à mémoire distribuée » — the course's next chapter, first step.
//!
//! The smallest MPI program: every process (a *rank*) prints its rank and the number of ranks.
//! Unlike `fork`, the ranks are started by `mpirun`, possibly on several machines, and share
//! no memory at all: they can only exchange messages.
//!
//! Run:     mpirun -n 4 target/release/mpi-hello      (see the README for installing MPI)
//! Observe: one line per rank, in an order that changes from run to run.

use mpi::traits::*;
use nix::sys::signal::{SigHandler, Signal, signal};

const USAGE: &str = "usage: mpi-hello    started as `mpirun -n RANKS mpi-hello`";

fn main() {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let universe = mpi::initialize().expect("MPI is already initialised");
    let world = universe.world();
    let (rank, size) = (world.rank(), world.size());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(arg) = args.first() {
        let help = arg == "-h" || arg == "--help";
        if rank == 0 && help {
            println!("{USAGE}\nEvery MPI rank prints \"Hello from rank R of N\".");
        } else if rank == 0 {
            eprintln!("mpi-hello: unexpected argument '{arg}'\n{USAGE}");
        }
        drop(universe); // MPI_Finalize in every rank before leaving
        std::process::exit(if help { 0 } else { 2 });
    }
    println!("Hello from rank {rank} of {size}");
}
