//! # check: the exercises, checked
//!
//! Each exercise is a folder, `exercises/NN-slug/` (`examples-mpi/exercises/NN-slug/` for those
//! on MPI): its text, its hint, its check (`check.rs`, compiled in by `build.rs`) and, in the
//! teachers' tree, its answers. The command `check` (`src/main.rs`) runs a check on a student's
//! copy (`cargo run -p check -- 6`) or on any program (`-- 6 --program PATH`); the teachers'
//! `answer-key` package runs them on the answers: solutions pass, the starting examples and the
//! kept wrong answers fail.
//!
//! - [`exercises`]: the exercises, read from their folders;
//! - [`Check`]: runs the program under check (through the `harness` crate, which the tests
//!   share: time-out, kill policy, mpirun), prints one line per assertion;
//! - [`helpers`]: what the checks share; [`observe`]: what the observations share;
//! - [`copy`]: the student's copy, a workspace of its own; [`workspace`]: where things are;
//! - [`handout`] and [`exercises_md`]: the students' tree and EXERCISES.md;
//! - [`grade`]: `check grade N DIR`, a class's copies built and checked under limits.

mod checker;
pub mod copy;
pub mod exercise_toml;
pub mod exercises;
pub mod exercises_md;
pub mod grade;
pub mod handout;
pub mod helpers;
pub mod observe;
pub mod source;
pub mod workspace;

pub use checker::{Check, Stop, label, plural};
pub use harness::{Run, run_command};
