//! The plumbing of the MPI examples (feature `mpi`, which only `examples-mpi/` enables): a
//! program that needs more ranks, the watchdog of a program that blocks, the name of a
//! communicator, the random values that travel. None of it calls MPI for the lesson's sake: the lesson's calls are in the
//! examples.

use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

use crate::{exit::say, program};

/// A program that needs at least `least` ranks: with fewer, rank 0 says so in one line and
/// every rank ends with exit status 2.
pub fn need_ranks(world: &SimpleCommunicator, least: i32) {
    if world.size() < least {
        if world.rank() == 0 {
            let (name, size) = (program(), world.size());
            say(&format!(
                "{name}: needs at least {least} ranks, got {size}: mpirun -n {least} {name}"
            ));
        }
        std::process::exit(2);
    }
}

/// For a program that may block forever: after `seconds`, if it has not ended, this rank
/// prints `line` and aborts the job (`MPI_Abort`, error code 1): `mpirun` stops every rank,
/// adds its own report and ends with exit status 1. Start it on one rank. (Ending the blocked
/// ranks with `_exit` instead made OpenMPI 4.1's `mpirun` crash or hang in its teardown now and
/// then, with the other ranks already in `MPI_Finalize`.)
pub fn watchdog(seconds: u64, line: String) {
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(seconds));
        say(&format!("{}: {line}", program()));
        // SAFETY: MPI_Abort may be called at any time after MPI_Init; it does not return.
        unsafe { mpi::ffi::MPI_Abort(mpi::ffi::RSMPI_COMM_WORLD, 1) };
        // SAFETY: `_exit` ends the process at once, should MPI_Abort ever return.
        unsafe { nix::libc::_exit(1) }
    });
}

/// The name of the communicator, `MPI_COMM_WORLD` for the world (`MPI_Comm_get_name`). rsmpi
/// 0.8.2's own `get_name` reads its buffer after the buffer is gone (it printed garbage here).
pub fn name_of(comm: &impl Communicator) -> String {
    let mut buf = vec![0 as std::ffi::c_char; mpi::ffi::MPI_MAX_OBJECT_NAME as usize + 1];
    let mut len = 0;
    // SAFETY: the buffer holds MPI_MAX_OBJECT_NAME characters and the terminating NUL.
    unsafe { mpi::ffi::MPI_Comm_get_name(comm.as_raw(), buf.as_mut_ptr(), &mut len) };
    let bytes: Vec<u8> = buf[..len.max(0) as usize].iter().map(|&c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `n` random floats in [0, 1), the same on every run for the same `seed`: the MPI examples
/// seed with the rank, so that every value that travels can be followed from rank to rank.
pub fn random_floats(seed: u64, n: usize) -> Vec<f64> {
    use rand::{RngExt, SeedableRng, rngs::StdRng};
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| rng.random()).collect()
}
