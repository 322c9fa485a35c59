//! # course-support: the plumbing of the examples — none of it is the lesson
//!
//! Every example of this workspace mirrors one cell of the course *Parallélisme à mémoire
//! partagée*. What the cell teaches (`thread::spawn`, `join`, `lock`, `fork`, `_exit`, `pipe`,
//! `waitpid`, `flock`, the shared mapping, the channel) stays in the example's file. What the
//! course does not teach lives here, once, used the same way by every example:
//!
//! - `args`: [`Args`], the command line (positional counts with ranges and defaults, POINTS in
//!   its three forms, flags, `--help`) and the usage error (one line naming the bad value, the
//!   usage line, exit status 2);
//! - `exit`: how the program ends: [`OrExit::or_exit`] and [`fail`] for a failed system call
//!   (one line naming the call and the reason, exit status 1, the children already started
//!   reaped first), a closed stdout (`… | head -1`) that ends it quietly, [`program`];
//! - `children`: [`child_exit`], how a forked child ends, [`check_children`], how the parent
//!   turns `waitpid`'s answers into a report;
//! - `output_file`: [`OutputFile`], the file an example writes, the PATH given or a fresh
//!   temporary file;
//! - `time`: [`Clock`], the line `/usr/bin/time --format "%E elapsed %PCPU"` prints,
//!   [`machine`] and [`host`];
//! - `print`: [`print_list`], an array printed as Python prints a list, and [`numpy`], as numpy
//!   prints one (the MPI examples);
//! - `mpi`, for the MPI examples only (feature `mpi`): `need_ranks`, `watchdog`, `name_of`, and
//!   `random_floats` for the data that travels.
//!
//! What these print is read back by one reader for each format, in the `harness` crate
//! (`harness::read`), for the tests and `check`.
//!
//! The figures are drawn by the crate `figures`, used only by the programs that draw.
//!
//! A student may skip this crate: read it only to see how the examples check what they print.

// `fork`, `waitpid`, pipes, `flock` and signals are Unix system calls: on Windows the build
// stops here, with this one line, instead of a screenful of `cannot find unix in os`.
#[cfg(not(unix))]
compile_error!("these examples need a Unix system (Linux, macOS, or WSL on Windows)");

#[cfg(unix)]
mod args;
#[cfg(unix)]
mod children;
#[cfg(unix)]
mod exit;
#[cfg(all(unix, feature = "mpi"))]
mod mpi;
#[cfg(unix)]
mod output_file;
#[cfg(unix)]
mod print;
#[cfg(unix)]
mod time;

#[cfg(unix)]
pub use crate::{
    args::{Args, Count},
    children::{Outcome, check_children, child_exit},
    exit::{OrExit, fail, program},
    output_file::OutputFile,
    print::{numpy, print_list, write_list},
    time::{Clock, clock, host, machine, print_time, time_line},
};

#[cfg(all(unix, feature = "mpi"))]
pub use mpi::{name_of, need_ranks, random_floats, watchdog};
