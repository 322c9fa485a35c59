//! # check: the exercises of EXERCISES.md, checked
//!
//! The one place where the exercises' checks live. The command `check` (`src/main.rs`) runs them
//! on a student's copy (`cargo run -p check -- 6`) or on any program (`-- 6 --program PATH`); the
//! teachers' `answer-key` package runs them on its solutions, which must pass, and on the
//! unchanged starting examples, which must fail.
//!
//! - [`EXERCISES`]: every exercise, its title, the example it starts from, how it is checked;
//! - [`Check`]: runs the program under check with a time-out, prints one line per assertion;
//! - [`check_exercise`], [`check_refusal`], [`observe`]: the checks and observations themselves;
//! - [`workspace`]: where the workspace, its binaries and the students' copies are;
//! - [`handout`]: the student's tree, without the answer key.

mod checker;
mod checks;
mod exercises;
pub mod handout;
mod observe;
mod run;
pub mod workspace;

pub use checker::{Check, Stop};
pub use checks::{check_exercise, check_refusal};
pub use exercises::{EXERCISES, Exercise, Kind, exercise};
pub use observe::observe;
pub use run::{Run, run_command};
