//! # course-support: the plumbing of the examples — none of it is the lesson
//!
//! Every example of this workspace mirrors one cell of the course *Parallélisme à mémoire
//! partagée*. What the cell teaches (`thread::spawn`, `join`, `lock`, `fork`, `_exit`, `pipe`,
//! `waitpid`, `flock`, the shared mapping, the channel) stays in the example's file. What the
//! course does not teach lives here, once, used the same way by every example:
//!
//! - [`Args`]: the command line (positional counts with ranges and defaults, POINTS in its three
//!   forms, flags, `--help`), the usage error (one line naming the bad value, the usage line,
//!   exit status 2), and the set-up that makes a closed stdout (`… | head -1`) end quietly;
//! - [`OrExit::or_exit`]: a failed system call (`fork`, `spawn`, `pipe`, `open`, `flock`, `mmap`,
//!   `write` …) ends the program with one line naming the call and the reason, exit status 1,
//!   after reaping the children already started;
//! - [`child_exit`] and [`check_children`]: how a forked child ends, and how the parent turns
//!   `waitpid`'s answers into a report, with one policy for all;
//! - [`OutputFile`]: the file an example writes, the PATH given or a fresh temporary file;
//! - [`Clock`]: the line `/usr/bin/time --format "%E elapsed %PCPU"` prints, [`machine`] and
//!   [`host`]; [`print_list`];
//! - for the MPI examples (feature `mpi`): `need_ranks`, `watchdog`, and [`random_floats`] /
//!   [`numpy`] for the data that travels.
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
mod ends;
#[cfg(unix)]
mod figures;
#[cfg(all(unix, feature = "mpi"))]
mod mpi;
#[cfg(unix)]
mod time;

#[cfg(unix)]
pub use crate::{
    args::{Args, Count, parse_points},
    ends::{ChildWatchdog, OrExit, Outcome, OutputFile, check_children, child_exit, fail},
    figures::print_list,
    time::{Clock, clock, host, machine, peak_rss_kib, print_time},
};

#[cfg(all(unix, feature = "mpi"))]
pub use mpi::{name_of, need_ranks, watchdog};

/// `n` random floats in [0, 1), the same on every run for the same `seed`: the MPI examples
/// seed with the rank, so that every value that travels can be followed from rank to rank.
pub fn random_floats(seed: u64, n: usize) -> Vec<f64> {
    use rand::{RngExt, SeedableRng, rngs::StdRng};
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| rng.random()).collect()
}

/// `values` as numpy prints an array, `[0.5488135 0.71518937 0.]`, but with every digit (the
/// shortest that reads back the same `f64`): a value that travelled can be compared digit for
/// digit with the one that was sent.
pub fn numpy(values: &[f64]) -> String {
    let show = |v: &f64| if v.fract() == 0.0 { format!("{v:.0}.") } else { format!("{v:?}") };
    format!("[{}]", values.iter().map(show).collect::<Vec<_>>().join(" "))
}

/// The program's name, as the error lines start with it: `two-threads: …`.
pub fn program() -> String {
    let argv0 = std::env::args().next().unwrap_or_default();
    let name = std::path::Path::new(&argv0).file_name();
    name.map_or("example".into(), |n| n.to_string_lossy().into_owned())
}
