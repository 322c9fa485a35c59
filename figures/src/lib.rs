//! # figures: the course's figures, drawn with plotters
//!
//! The one crate of the workspace that draws; only the programs that draw depend on it (and so
//! on plotters):
//!
//! - [`Timeline`] (module `timeline`): when each thread computed, in the terminal
//!   (`--timeline`) or as an SVG file (`--svg FILE`) of pi-threads and pi-gil, whose spans
//!   are known only inside the program;
//! - the scaling SVG (module `scaling`): time and speedup against the workers, from
//!   pi-scaling's tables;
//! - the figure of an MPI collective (module `collective`): what every rank held before and
//!   after the call;
//! - module `printed`: reading back what the programs printed (each format through its one
//!   reader, `harness::read`), so that the command `figures` draws the collectives and
//!   pi-scaling's tables from a real run's output, piped in:
//!   `mpirun -n 4 target/release/mpi-bcast | cargo run -p figures -- collective > bcast.svg`.

pub mod collective;
pub mod printed;
pub mod scaling;
pub mod timeline;

pub use scaling::Series;
pub use timeline::Timeline;

use plotters::coord::Shift;
use plotters::prelude::*;

/// The widest drawing, in pixels: the book's column (about 750 px) shows it at its size, so its
/// text is as large on the page as it is drawn.
pub const WIDTH: u32 = 740;

/// The size of the smallest text, as given to plotters (which draws a font of size `s` at
/// `s / 1.24` px): 15 draws it at 12 px, above the 11 px a figure's text needs.
pub const TEXT: u32 = 15;

/// The machine line on top of a figure, over two lines when it does not fit the width: the
/// host, then the rest (rustc, the build, the program) after the first `; `.
pub fn title_machine<'a>(
    root: DrawingArea<SVGBackend<'a>, Shift>,
    machine: &str,
) -> Result<DrawingArea<SVGBackend<'a>, Shift>, Box<dyn std::error::Error>> {
    let font = ("sans-serif", TEXT);
    // About 6.5 px a character at 12 px.
    if machine.chars().count() * 13 / 2 <= WIDTH as usize - 20 {
        return Ok(root.titled(machine, font)?);
    }
    let (host, rest) = machine.split_once("; ").unwrap_or((machine, ""));
    let root = root.titled(host, font)?;
    Ok(if rest.is_empty() { root } else { root.titled(rest, font)? })
}
