//! # figures: the course's figures, drawn with plotters
//!
//! The one crate of the workspace that draws; only the programs that draw depend on it (and so
//! on plotters):
//!
//! - [`Timeline`] (module `timeline`): when each thread computed, in the terminal
//!   (`--timeline`) or as an SVG file (`--svg FILE`) of pi-threads and pi-gil, whose spans
//!   are known only inside the program;
//! - [`draw_speedup`] and the scaling SVG (module `scaling`): pi-scaling's bars, and time and
//!   speedup against the workers;
//! - the figure of an MPI collective (module `collective`): what every rank held before and
//!   after the call;
//! - module `printed`: reading back what the programs printed, so that the command `figures`
//!   draws the collectives and pi-scaling's tables from a real run's output, piped in:
//!   `mpirun -n 4 target/release/mpi-bcast | cargo run -p figures -- collective > bcast.svg`.

pub mod collective;
pub mod printed;
pub mod scaling;
pub mod timeline;

pub use scaling::{Series, draw_speedup};
pub use timeline::Timeline;
