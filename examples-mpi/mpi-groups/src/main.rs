//! « Message Passing Interface en Python » → « Notion de communicateur » (sub-communicators)
//!
//! Mirrors the cell with `Get_group`, `Excl` and `Create_group`: the even ranks and the odd
//! ranks each get a communicator of their own, and each rank prints its rank and size in it.
//! The course excludes `[0,2]` and `[1,3]`, which fits 4 ranks only; here the lists are made
//! for any number of ranks. Each rank creates the communicator of its own group (rsmpi's
//! `split_by_subgroup` is `MPI_Comm_create_group`, called by the group's members).
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-groups
//!          (Open MPI; as root add --allow-run-as-root; with MPICH leave out --oversubscribe)
//! Observe: "Je suis le processus pair 0 sur 2", "… impair 0 sur 2", "… pair 1 sur 2", "… impair 1 sur 2".

use mpi::topology::Rank;
use mpi::traits::*;

const USAGE: &str = "usage: mpi-groups    started as `mpirun -n RANKS mpi-groups`
The even and the odd ranks each get a communicator of their own; every rank prints its rank and size there.";

fn main() {
    course_support::Args::new(USAGE).end();
    let universe = mpi::initialize().expect("MPI is already initialised");
    let comm = universe.world();

    // ANCHOR: groups
    let rank = comm.rank();
    let grp = comm.group(); // comm.Get_group()
    let even: Vec<Rank> = (0..comm.size()).filter(|r| r % 2 == 0).collect(); // [0, 2] with 4
    let odd: Vec<Rank> = (0..comm.size()).filter(|r| r % 2 != 0).collect(); // [1, 3] with 4

    let grp_impair = grp.exclude(&even); // grp.Excl([0,2])
    let grp_pair = grp.exclude(&odd); // grp.Excl([1,3])
    // ANCHOR_END: groups

    // ANCHOR: create
    if rank % 2 != 0 {
        let comm_impair = comm.split_by_subgroup(&grp_impair).expect("an odd rank is in it");
        println!("Je suis le processus impair {} sur {}", comm_impair.rank(), comm_impair.size());
    } else {
        let comm_pair = comm.split_by_subgroup(&grp_pair).expect("an even rank is in it");
        println!("Je suis le processus pair {} sur {}", comm_pair.rank(), comm_pair.size());
    }
    // ANCHOR_END: create
}
