//! The course map (the book's page `book/src/course-map.md`, the one list of the examples) stays
//! true: every package of the workspace has a row, every row's package exists, and every row's
//! command answers `--help` with exit status 0.
//!
//! The rows are book-tool's reading of the map (`course_map::rows`, which refuses a map whose
//! examples are not written as it says), the packages those of both workspaces
//! (`packages::all`, from `cargo metadata`). The programs of `examples-mpi/`, a separate
//! workspace (it needs an MPI library), have their `--help` run only if they have been built,
//! otherwise the test says it skipped them.

use book_tool::course_map::{self, Invocation, Row};
use book_tool::packages;
use course_tests::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The tools of the root workspace, each with its page in the book (see tests/tests/book.rs):
/// the packages without a row.
const TOOLS: [&str; 8] = [
    "course-tests",
    "course-support",
    "figures",
    "harness",
    "check",
    "exercise-list",
    "answer-key",
    "book-tool",
];

/// The map's rows, from book-tool's reader, and what only this test asks of them: the page is
/// the course map, and what the students see has no run counts.
fn map_rows(root: &Path) -> Vec<Row> {
    let map = std::fs::read_to_string(root.join("book/src/course-map.md")).expect("the map");
    assert!(map.starts_with("# Course map\n"), "book/src/course-map.md: not the course map");
    let rows = course_map::rows(root);
    for row in &rows {
        // What the students see says what varies and why; run counts go to the teachers'
        // page (book/src/teachers/runs.md): no "9 of 200", no "in each of 10 runs".
        let words: Vec<&str> = row.observe.split_whitespace().collect();
        let count = |w: &str| w.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u64>().is_ok();
        assert!(
            !words
                .windows(3)
                .any(|w| (count(w[0]) || w[0] == "each") && w[1] == "of" && count(w[2])),
            "{}: run statistics in what you will see: {}",
            row.package,
            row.observe
        );
    }
    rows
}

fn assert_help_exits_0(path: &Path, row: &Row) {
    let r = run_command(Command::new(path).arg("--help"));
    assert!(
        r.code() == Some(0),
        "{} --help (row {row:?}): {:?}\n{}",
        path.display(),
        r.status,
        r.stderr
    );
}

#[test]
fn every_package_has_a_row_and_every_row_runs() {
    let root = book_tool::root();
    let all = packages::all(&root).unwrap_or_else(|e| panic!("{e}"));
    let rows = map_rows(&root);
    for row in &rows {
        let package = all.iter().find(|p| p.name == row.package);
        let package = package.unwrap_or_else(|| {
            panic!("row {row:?}: no package {} in the workspace nor in examples-mpi/", row.package)
        });
        let invocation = Invocation::parse(&row.command);
        let invocation = invocation.unwrap_or_else(|| panic!("row {row:?}: not a command I read"));
        assert_eq!(invocation.package(), row.package, "row {row:?}: runs another package");
        if !package.dir.starts_with("examples-mpi") {
            assert!(
                matches!(invocation, Invocation::Cargo { .. }),
                "row {row:?}: the command is not `cargo run [--release] -p NAME [-- ARGS]`"
            );
            assert_help_exits_0(&bin(&row.package), row);
        } else if let Some(path) = built(&row.package) {
            assert_help_exits_0(&path, row);
        } else {
            println!(
                "note: {} (examples-mpi) is not built in this profile: its --help is not run",
                row.package
            );
        }
    }
    let with_rows: BTreeSet<&str> = rows.iter().map(|r| r.package.as_str()).collect();
    let missing: Vec<&str> = all
        .iter()
        .filter(|p| !p.dir.starts_with("examples-mpi") && !TOOLS.contains(&p.name.as_str()))
        .map(|p| p.name.as_str())
        .filter(|p| !with_rows.contains(p))
        .collect();
    assert!(missing.is_empty(), "packages without a row in the course map: {missing:?}");
}

/// The command after `//! Run:` in a program's header, up to the two spaces before a
/// parenthesis or the line's end.
fn header_run(main_rs: &str) -> Option<String> {
    let line = main_rs
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .find_map(|l| l.strip_prefix("//! Run:").map(str::trim))?;
    Some(line.split("  ").next().unwrap_or_default().trim().to_string())
}

/// A program's header, its page and its stored run name the same command: the first command
/// of each example in the course map (which its page and its stored run use) is the one after
/// `Run:` in its `src/main.rs`.
#[test]
fn the_header_and_the_map_give_the_same_command() {
    let root = book_tool::root();
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    let packages = packages::all(&root).unwrap_or_else(|e| panic!("{e}"));
    for row in map_rows(&root) {
        if !seen.insert(row.package.clone()) {
            continue;
        }
        let found: Vec<_> = packages
            .iter()
            .filter(|p| p.name == row.package)
            .map(|p| root.join(&p.dir).join("src/main.rs"))
            .filter(|p| p.is_file())
            .collect();
        assert_eq!(found.len(), 1, "{}: its src/main.rs", row.package);
        let text = std::fs::read_to_string(&found[0]).expect("main.rs");
        match header_run(&text) {
            Some(run) if run == row.command => {}
            run => wrong.push(format!(
                "{}: the map says `{}`, the header {run:?}",
                row.package, row.command
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_run_line_of_a_header_is_its_command() {
    let text =
        "//! A\n//! Run:     cargo run -p x -- 2        (or `-- 3`)\n//! Observe: y\nfn main() {}";
    assert_eq!(header_run(text).as_deref(), Some("cargo run -p x -- 2"));
    assert_eq!(header_run("fn main() {}"), None);
}
