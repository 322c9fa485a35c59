//! « Exemple de base : calcul de π » (MPI)
//!
//! Mirrors `compute_pi_mpi(nbbloc)`: each rank sums its part of the midpoint rule and
//! `comm.Allreduce(send, receive, MPI.SUM)` gives every rank the total. The notebook's split,
//! `start = (rank*nbbloc)//nbprocs`, `end = ((rank+1)*nbbloc)//nbprocs`, covers every point once,
//! and its last rank's `end += nbbloc%nbprocs` adds points past x = 1: PI = 3.5049… for 10 points
//! on 4 ranks. Here every point counts once; `--notebook-split` gives the notebook's numbers.
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/pi-mpi-allreduce
//!          (or `… pi-mpi-allreduce 1e8`; root: add --allow-run-as-root; MPICH: no --oversubscribe)
//! Observe: PI on rank 0, the ranks' parts added: pi-sequential's digits on 1 rank, other last
//!          digits on more; then the time of one call, as the course's `%timeit` prints it.
//! Exercises: 23 (EXERCISES.md).

use course_support::{Args, Clock};
use mpi::collective::SystemOperation;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use std::f64::consts::PI;

const USAGE: &str = "usage: pi-mpi-allreduce [NBBLOC] [--notebook-split]    started as `mpirun -n RANKS pi-mpi-allreduce`; NBBLOC: 1 to 10^13, as 1000000, 1_000_000 or 1e6 (the default)
π by the midpoint rule, each rank a part, added by Allreduce; --notebook-split uses the notebook's
split, which counts nbbloc % RANKS points beyond the interval.";

// ANCHOR: split
fn compute_pi_mpi(comm: &SimpleCommunicator, nbbloc: i64, notebook_split: bool) -> f64 {
    let rank = comm.rank() as i64;
    let nbprocs = comm.size() as i64;

    let start = (rank * nbbloc) / nbprocs;
    let mut end = ((rank + 1) * nbbloc) / nbprocs;
    if notebook_split && rank == nbprocs - 1 {
        end += nbbloc % nbprocs; // the notebook's line: points past the end of [0, 1)
    }
    // ANCHOR_END: split

    // ANCHOR: sum
    let mut somme = 0.0;
    let largeur = 1.0 / nbbloc as f64;
    let mut i = start;
    while i < end {
        let x = largeur * (i as f64 + 0.5);
        somme += largeur * (4.0 / (1.0 + x * x));
        i += 1;
    }
    // ANCHOR_END: sum

    // ANCHOR: allreduce
    let mut receive = 0.0;
    comm.all_reduce_into(&somme, &mut receive, SystemOperation::sum());
    receive
    // ANCHOR_END: allreduce
}

fn main() {
    let mut args = Args::new(USAGE);
    let notebook_split = args.flag("--notebook-split");
    let nbbloc = args.points(1_000_000);
    args.end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    // ANCHOR: print
    // The course's `%timeit compute_pi_mpi(nbbloc)`: 7 runs (1 beyond 10^7 points), on every
    // rank, since each run is an Allreduce that every rank must call; the times in ms.
    let runs = if nbbloc <= 10_000_000 { 7 } else { 1 };
    let (mut pi_val, mut ms) = (0.0, Vec::new());
    for _ in 0..runs {
        let clock = Clock::start();
        pi_val = compute_pi_mpi(&comm, nbbloc, notebook_split);
        ms.push(clock.elapsed() * 1e3);
    }
    let mean = ms.iter().sum::<f64>() / runs as f64;
    let sd = (ms.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / runs as f64).sqrt();
    if comm.rank() == 0 {
        println!("PI = {pi_val}");
        let error = (PI - pi_val).abs() / PI * 100.0;
        println!("std::f64::consts::PI = {PI} => error = {error:e}%");
        let of = if runs == 1 { "1 run".to_string() } else { format!("{runs} runs") };
        println!("{mean:.2} ms ± {sd:.2} ms per loop (mean ± std. dev. of {of}, 1 loop each)");
    }
    // ANCHOR_END: print
}
