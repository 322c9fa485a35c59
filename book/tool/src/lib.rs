//! # book-tool: the book's generated pages and stored outputs
//!
//! The book (`book/`, built with `mdbook build book`) follows the course's own order. Most of its
//! pages are made from what the workspace already holds, so that they cannot drift from it:
//!
//! - [`course_map`]: the course map, `book/src/course-map.md`, the one hand-edited list of the
//!   examples (section, Python, package, command, what you will see);
//! - [`notebooks`]: the headings of the course's two notebooks, in their order, and where a
//!   course-map row's section sits among them;
//! - [`packages`]: the packages of both workspaces (`cargo metadata`);
//! - [`pages`]: every generated page, SUMMARY.md included;
//! - [`refused`]: the programs the compiler refuses, and their stored errors;
//! - [`outputs`]: the stored outputs, one real run beside each program
//!   (`examples-pi/pi-threads/output.txt`), rerun and rewritten by
//!   `cargo run -p book-tool -- outputs [PACKAGE...]`, and the line shapes that
//!   `tests/tests/book.rs` compares to hold them true.
//!
//! The hand-written pages are [`pages::HAND_WRITTEN`], the chapters and the pages of
//! `book/src/beyond/`; the programs' code and runs are never copied into a page: each example's
//! page includes its `src/main.rs` and its `output.txt` with mdBook's `#include`. Everything
//! else the tool knows about an example it reads from files: its row in the course map, its
//! header, its stored run (the command, the exit status), its figure
//! (`book/src/figures/<package>.svg`) and, for a program of "Beyond the course", the page of
//! `book/src/beyond/` its row links. Adding an example changes no file of the tool.

pub mod course_map;
pub mod notebooks;
pub mod outputs;
pub mod packages;
pub mod pages;
pub mod refused;

use std::path::PathBuf;

/// The workspace's root folder (the one holding `exercises/check/`), as `check` finds it.
pub fn root() -> PathBuf {
    exercise_list::workspace::root()
}
