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
//! - [`Clock`]: the line `/usr/bin/time --format "%E elapsed %PCPU"` prints, and [`machine`];
//! - [`Timeline`] and [`draw_speedup`]: the figures, drawn in the terminal or as SVG files
//!   ([`draw_scaling_svg`]); [`print_list`].
//!
//! A student may skip this crate: read it only to see how the examples check what they print.

mod args;
mod ends;
mod figures;
mod svg;
mod time;

pub use args::{Args, Count, parse_points};
pub use ends::{OrExit, Outcome, OutputFile, check_children, child_exit, fail};
pub use figures::{Timeline, draw_speedup, print_list};
pub use svg::{Series, scaling as draw_scaling_svg};
pub use time::{Clock, clock, machine, print_time};

/// The program's name, as the error lines start with it: `two-threads: …`.
pub fn program() -> String {
    let argv0 = std::env::args().next().unwrap_or_default();
    let name = std::path::Path::new(&argv0).file_name();
    name.map_or("example".into(), |n| n.to_string_lossy().into_owned())
}
