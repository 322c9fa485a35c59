//! The course map (the book's page `book/src/course-map.md`, the one list of the examples) stays
//! true: every package of the workspace has a row, every row's package exists, and every row's
//! command answers `--help` with exit status 0.
//!
//! The packages come from `cargo metadata` of the root workspace. Rows whose package lives in
//! `examples-mpi/`, a separate workspace (it needs an MPI library), are accepted when
//! `examples-mpi/<package>/Cargo.toml` exists; their `--help` is run only if the binary has
//! been built, otherwise the test says it skipped it.

use book_tool::course_map::cells;
use course_tests::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// One row of the map: its package and its command.
#[derive(Debug)]
struct Row {
    package: String,
    command: String,
}

/// The `name` of the `[package]` section of a Cargo.toml.
fn package_name(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(value) = line.strip_prefix("name") {
            let value = value.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_string());
        }
    }
    None
}

/// The packages of the root workspace, from `cargo metadata --no-deps`: the name in the
/// manifest of each package it lists.
fn workspace_packages() -> BTreeSet<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let r = run_command(
        Command::new(cargo)
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .current_dir(ROOT),
    );
    let json = r.ok();
    let key = "\"manifest_path\":\"";
    let packages: BTreeSet<String> = json
        .match_indices(key)
        .map(|(at, _)| {
            let rest = &json[at + key.len()..];
            let path = &rest[..rest.find('"').expect("end of the path")];
            package_name(Path::new(path)).unwrap_or_else(|| panic!("no package name in {path}"))
        })
        .collect();
    assert!(packages.contains("course-tests") && packages.len() > 1, "{packages:?}");
    packages
}

/// The examples of the book's course map, `book/src/course-map.md`, read here on their own
/// (not by book-tool's parser, which must agree): a list per course section, each example a
/// line `` - [`PACKAGE`](examples/PACKAGE.md) `` then its three fields, one line each: Python,
/// Command (one code span), You will see.
fn map_rows() -> Vec<Row> {
    let path = PathBuf::from(ROOT).join("book/src/course-map.md");
    let map = std::fs::read_to_string(&path).expect("book/src/course-map.md");
    assert!(map.starts_with("# Course map\n"), "{}: not the course map", path.display());
    let lines: Vec<&str> = map.lines().collect();
    let mut rows = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(link) = line.strip_prefix("- [`") else { continue };
        let package = link.split('`').next().unwrap_or_default().to_string();
        assert!(
            link.starts_with(&format!("{package}`](examples/{package}.md)")),
            "an example not linked to its page examples/{package}.md: {line}"
        );
        let fields: Vec<&str> =
            lines[at + 1..].iter().take_while(|l| l.starts_with("  - ")).copied().collect();
        let labels: Vec<&str> =
            fields.iter().map(|f| f[4..].split(": ").next().unwrap_or_default()).collect();
        assert_eq!(labels, ["Python", "Command", "You will see"], "{package}: its fields");
        let command = fields[1].strip_prefix("  - Command: `").and_then(|c| c.strip_suffix('`'));
        let command = command.unwrap_or_else(|| panic!("{package}: the command in backquotes"));
        assert!(!command.contains('`'), "{package}: one command: {command}");
        // What the students see says what varies and why; run counts go to the teachers'
        // page (book/src/teachers/runs.md): no "9 of 200", no "in each of 10 runs".
        let words: Vec<&str> = fields[2].split_whitespace().collect();
        let count = |w: &str| w.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u64>().is_ok();
        assert!(
            !words
                .windows(3)
                .any(|w| (count(w[0]) || w[0] == "each") && w[1] == "of" && count(w[2])),
            "{package}: run statistics in what you will see: {}",
            fields[2]
        );
        rows.push(Row { package, command: command.to_string() });
    }
    assert!(!rows.is_empty(), "no example in book/src/course-map.md");
    // book-tool reads the same examples, in the same order.
    let parsed = book_tool::course_map::parse(&map).unwrap_or_else(|e| panic!("{e}"));
    let theirs: Vec<(&str, &str)> =
        parsed.iter().map(|r| (r.package.as_str(), r.command.as_str())).collect();
    let ours: Vec<(&str, &str)> =
        rows.iter().map(|r| (r.package.as_str(), r.command.as_str())).collect();
    assert_eq!(theirs, ours, "book-tool's parser and this test read different examples");
    rows
}

/// `cargo run [--release] -p NAME [-- ARGS…]` → NAME.
fn cargo_run_package(command: &str) -> Option<&str> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let rest = words.strip_prefix(&["cargo", "run"])?;
    let rest = rest.strip_prefix(&["--release"]).unwrap_or(rest);
    match rest {
        ["-p", name] => Some(name),
        ["-p", name, "--", ..] => Some(name),
        _ => None,
    }
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
    let packages = workspace_packages();
    let rows = map_rows();
    for row in &rows {
        if packages.contains(&row.package) {
            let name = cargo_run_package(&row.command).unwrap_or_else(|| {
                panic!("row {row:?}: the command is not `cargo run [--release] -p NAME [-- ARGS]`")
            });
            assert_eq!(name, row.package, "row {row:?}: runs another package");
            assert_help_exits_0(&bin(name), row);
        } else if PathBuf::from(ROOT)
            .join("examples-mpi")
            .join(&row.package)
            .join("Cargo.toml")
            .is_file()
        {
            match built(&row.package) {
                Some(path) => assert_help_exits_0(&path, row),
                None => println!(
                    "note: {} (examples-mpi) is not built in this profile: its --help is not run",
                    row.package
                ),
            }
        } else {
            panic!("row {row:?}: no package {} in the workspace nor in examples-mpi/", row.package);
        }
    }
    let with_rows: BTreeSet<&str> = rows.iter().map(|r| r.package.as_str()).collect();
    let missing: Vec<&String> = packages
        .iter()
        .filter(|p| {
            // The tools, each with its page in the book (see tests/tests/book.rs).
            ![
                "course-tests",
                "course-support",
                "figures",
                "harness",
                "check",
                "exercise-list",
                "answer-key",
                "book-tool",
            ]
            .contains(&p.as_str())
        })
        .filter(|p| !with_rows.contains(p.as_str()))
        .collect();
    assert!(missing.is_empty(), "packages without a row in the course map: {missing:?}");
}

#[test]
fn the_map_parser_reads_commands_and_cells() {
    assert_eq!(cargo_run_package("cargo run -p two-threads -- 2"), Some("two-threads"));
    assert_eq!(cargo_run_package("cargo run --release -p pi-scaling"), Some("pi-scaling"));
    assert_eq!(cargo_run_package("cargo run -p a b"), None);
    assert_eq!(cargo_run_package("mpirun -n 4 target/release/pi-mpi"), None);
    assert_eq!(cells("| a | `x \\| y` | c |"), ["a", "`x | y`", "c"]);
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
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    let packages = book_tool::packages::all(Path::new(ROOT)).unwrap_or_else(|e| panic!("{e}"));
    for row in map_rows() {
        if !seen.insert(row.package.clone()) {
            continue;
        }
        let found: Vec<PathBuf> = packages
            .iter()
            .filter(|p| p.name == row.package)
            .map(|p| PathBuf::from(ROOT).join(&p.dir).join("src/main.rs"))
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
