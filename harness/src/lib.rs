//! # harness: running the programs under test
//!
//! One way to run a program for both the integration tests (`tests/`) and the exercises'
//! checker (`exercises/check`):
//!
//! - [`run`]: [`Run`], what a run gave, and the one run loop ([`run_command`], [`run_watched`],
//!   [`finish`]): the program in a process group of its own, stopped at the [`TIMEOUT`]
//!   (SIGTERM, then SIGKILL to the group), nothing of its group left running after it;
//! - [`mpi`]: `mpirun` as both run it, one at a time;
//! - [`read`]: one reader for each format the programs print (Python's lists, numpy's arrays,
//!   `PI = …`, the time line, a process's threads and its group's processes, from
//!   [`processes`]), and the verdicts on `--help` and on a usage error;
//! - [`course`]: the course's split of N slots among workers;
//! - [`limits`]: resource limits and a user of its own for a program nobody has read yet (a
//!   student's copy being graded), applied by the same run loop;
//! - [`Scratch`]: a temporary folder removed when dropped.

pub mod course;
pub mod limits;
pub mod mpi;
pub mod processes;
pub mod read;
pub mod run;
mod scratch;

pub use course::owner;
pub use mpi::{mpirun_command, mpirun_words, one_mpirun_at_a_time};
pub use run::{
    LONG_TIMEOUT, Run, TIMEOUT, finish, interrupted, run_command, run_watched, stop_on_interrupt,
};
pub use scratch::Scratch;
