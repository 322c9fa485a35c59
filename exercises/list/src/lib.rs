//! # exercise-list: the exercises' folders, read
//!
//! Each exercise is a folder, `exercises/NN-slug/` (`examples-mpi/exercises/NN-slug/` for those
//! on MPI). This crate reads them for the tools that need them, without their checks: `check`
//! (which compiles the checks in), the book's tool and the answer key.
//!
//! - [`answers`]: the kept answers, each a [`patch`] on the copy of an example or on a solution;
//! - [`exercises`]: the exercises, read from their folders ([`exercise_toml`]: `exercise.toml`);
//! - [`exercises_md`]: EXERCISES.md, for students or for teachers;
//! - [`registry`]: the text of `exercises/check/src/registry.rs`, check's list of the checks;
//! - [`workspace`]: where the workspace, the examples and the exercises are.

pub mod answers;
pub mod exercise_toml;
pub mod exercises;
pub mod exercises_md;
pub mod patch;
pub mod registry;
pub mod workspace;
