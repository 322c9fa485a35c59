//! # check: the exercises, checked
//!
//! Each exercise is a folder, `exercises/NN-slug/` (`examples-mpi/exercises/NN-slug/` for those
//! on MPI): its text, its hint, its check (`check.rs`, compiled in through [`registry`], a
//! committed file that names each folder) and, in the teachers' tree, its answers. The command `check` (`src/main.rs`) runs a check on a student's
//! copy (`cargo run -p check -- 6`) or on any program (`-- 6 --program PATH`); the teachers'
//! `answer-key` package runs them on the answers: solutions pass, the starting examples and the
//! kept wrong answers fail.
//!
//! - [`exercises`]: the exercises, read from their folders (by the `exercise-list` crate);
//! - [`registry`]: each exercise's check, by number (`grep -n e06 src/registry.rs`);
//! - [`Check`]: runs the program under check (through the `harness` crate, which the tests
//!   share: time-out, kill policy, mpirun), prints one line per assertion;
//! - [`helpers`]: what the checks share; [`observe`]: what the observations share;
//! - [`copy`]: the student's copy, a workspace of its own; [`workspace`]: where things are;
//! - [`handout`]: the students' tree (its EXERCISES.md and registry written for it);
//! - [`grade`]: `check grade N DIR`, a class's copies built and checked under limits.

mod checker;
pub mod copy;
pub mod grade;
pub mod handout;
pub mod helpers;
pub mod observe;
pub mod registry;
pub mod source;
pub mod workspace;

pub use checker::{Check, Checker, Stop, label, plural};
pub use exercise_list::{exercise_toml, exercises, exercises_md};
pub use harness::{Run, run_command};

use exercise_list::exercises::Exercise;

/// Exercise `e`'s check, compiled in through the registry; one line and exit status 1 when the
/// registry does not name it yet.
pub fn check_of(e: &Exercise) -> Checker {
    registry::checker(e.number).unwrap_or_else(|| {
        course_support::fail(&format!(
            "exercise {} ({}) has no check in {}: `cargo run -p book-tool -- regenerate` writes it, then run the command again",
            e.number,
            workspace::shown(&e.dir),
            exercise_list::registry::FILE
        ))
    })
}

#[cfg(test)]
mod tests {
    /// The registry names every exercise folder of the tree, and only those; EXERCISES.md is
    /// the one made from the folders (with the teachers' part in the teachers' tree).
    #[test]
    fn the_registry_and_exercises_md_are_made_from_the_folders() {
        use exercise_list::{exercises_md, registry};
        let (all, root) = (crate::exercises::all(), crate::workspace::root());
        let teachers = root.join("exercises/answer-key").is_dir();
        let md = exercises_md::generate(&all, teachers);
        for (file, made) in [(registry::FILE, registry::source(&all)), ("EXERCISES.md", md)] {
            let committed = std::fs::read_to_string(root.join(file)).unwrap();
            assert!(
                committed == made,
                "{file} is not the one made from the exercises' folders: `cargo run -p book-tool -- regenerate` writes it"
            );
        }
    }
}
