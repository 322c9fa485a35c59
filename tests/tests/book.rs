//! The book (`book/`) holds to the workspace: its pages, its packages, its stored outputs.
//!
//! - its generated pages are the ones `cargo run -p book-tool -- regenerate` writes;
//! - every package of both workspaces (`cargo metadata --no-deps`, and examples-mpi's) has
//!   exactly one page, and every package page is a package's;
//! - each stored output (`book/src/outputs/`) is still one its program prints: its command is
//!   run again (through the harness) and the lines' shapes compared, as a multiset (the order
//!   of threads', processes' and ranks' lines changes from run to run): every run of digits is
//!   `#`, so a line without digits must be equal, and a bar of `█` one `█` (see
//!   `book_tool::outputs::shape`). Up to 3 runs before failing: in a rare run, two processes'
//!   lines mix. The MPI ones only where MPI is, as for tests/tests/mpi_notebook.rs.
//!
//! Neither mdbook nor a browser is needed: `.ci/run` builds the book and checks it in chromium.

use book_tool::course_map::{self, Invocation};
use book_tool::outputs::{self, Stored};
use book_tool::{packages, pages};
use course_tests::*;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn root() -> PathBuf {
    PathBuf::from(ROOT).canonicalize().expect("the workspace's root")
}

#[test]
fn the_generated_pages_are_the_tools() {
    let root = root();
    let sources = pages::Sources::read(&root).unwrap_or_else(|e| panic!("{e}"));
    let mut made = pages::generate(&sources).unwrap_or_else(|e| panic!("{e}"));
    made.sort();
    let committed = pages::committed(&root);
    let names =
        |pages: &[(String, String)]| pages.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&committed[..]),
        names(&made[..]),
        "the pages in book/src/ are not the ones book-tool makes: `cargo run -p book-tool -- regenerate` writes them"
    );
    for ((path, text), (_, want)) in committed.iter().zip(&made) {
        assert!(
            text == want,
            "book/src/{path} is not the page book-tool makes: `cargo run -p book-tool -- regenerate` writes it"
        );
    }
    // The teachers' pages are in the teachers' tree only, not in a handout.
    let teachers = root.join("exercises/answer-key").is_dir();
    let hand_written = pages::HAND_WRITTEN.iter().copied().map(String::from);
    for page in hand_written.chain(pages::chapter_pages()) {
        if page.starts_with("teachers/") && !teachers {
            continue;
        }
        assert!(
            root.join("book/src").join(&page).is_file(),
            "no hand-written page book/src/{page}"
        );
    }
    // The teachers' hand-written pages, in the teachers' tree (a handout has no teachers/).
    if root.join("exercises/answer-key").is_dir() {
        for (page, _) in pages::TEACHERS_HAND_WRITTEN {
            assert!(
                root.join("book/src").join(page).is_file(),
                "no hand-written page book/src/{page}"
            );
        }
    }
    // The chapters' folders hold the chapters only.
    for folder in ["notebook-02", "notebook-03"] {
        for page in pages_in(folder) {
            let page = format!("{folder}/{page}.md");
            assert!(
                pages::chapter_pages().contains(&page),
                "book/src/{page}: no heading of the notebooks"
            );
        }
    }
}

/// The pages under `book/src/<folder>/`, without `.md`.
fn pages_in(folder: &str) -> Vec<String> {
    let dir = root().join("book/src").join(folder);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".md").map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn every_package_has_exactly_one_page() {
    let root = root();
    let all = packages::all(&root).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
    for must in ["two-threads", "course-tests", "book-tool", "mpi-bcast", "pi-mpi"] {
        assert!(names.contains(&must), "cargo metadata did not list {must}: {names:?}");
    }
    let summary = std::fs::read_to_string(root.join("book/src/SUMMARY.md")).expect("SUMMARY.md");
    // The maintainers' pages (the tools') are in the teachers' tree only, not in a handout.
    let maintainers = all.iter().any(|p| p.name == "answer-key");
    let shown = |p: &&packages::Package| {
        maintainers || p.kind() != packages::Kind::Tool || p.name == pages::SUPPORT
    };
    for p in all.iter().filter(shown) {
        let found: Vec<&str> = ["examples", "workspace", "teachers"]
            .into_iter()
            .filter(|f| root.join("book/src").join(f).join(format!("{}.md", p.name)).is_file())
            .collect();
        assert_eq!(found.len(), 1, "{}: pages in {found:?}, not one", p.name);
        let link = format!("]({})", p.page());
        assert_eq!(
            summary.matches(&link).count(),
            1,
            "{}: SUMMARY.md links {link} not once",
            p.name
        );
    }
    // And every package page is a package's: examples/ and workspace/ hold nothing else, and
    // teachers/ only the handout's, the grading's and the runs' pages besides, and the answers'
    // pages of the exercises whose `answers/` has no package (only wrong answers, as patches).
    let answers_without_package = |n: &str| {
        let dirs = ["exercises", "examples-mpi/exercises"].map(|d| root.join(d));
        let folders =
            dirs.iter().flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten());
        folders.map(|f| f.path()).any(|dir| {
            dir.file_name().is_some_and(|f| f.to_string_lossy().starts_with(&format!("{n}-")))
                && dir.join("answers").is_dir()
                && !dir.join("answers/Cargo.toml").is_file()
        })
    };
    for folder in ["examples", "workspace", "teachers"] {
        for page in pages_in(folder) {
            let notes = page.strip_prefix("ex").and_then(|p| p.strip_suffix("-notes"));
            let answers = page.strip_prefix("ex").and_then(|p| p.strip_suffix("-answers"));
            let topic = folder == "teachers"
                && (["handout", "grading", "session", "runs"].contains(&page.as_str())
                    || notes.is_some_and(|n| n.len() == 2 && n.parse::<usize>().is_ok())
                    || answers.is_some_and(|n| n.len() == 2 && answers_without_package(n)));
            assert!(
                topic || names.contains(&page.as_str()),
                "book/src/{folder}/{page}.md: no package {page}"
            );
        }
    }
    // Every course-map row's package has an example page.
    for row in course_map::rows(&root) {
        assert!(pages_in("examples").contains(&row.package), "{}: no example page", row.package);
    }
}

/// The README's index of the programs ("Each program's page, by folder") names every example
/// page, and only those.
#[test]
fn the_readme_links_every_example_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let key = "](book/src/examples/";
    let mut linked: Vec<String> = readme
        .match_indices(key)
        .map(|(at, _)| readme[at + key.len()..].split(".md)").next().unwrap_or_default().into())
        .collect();
    linked.sort();
    linked.dedup();
    assert_eq!(linked, pages_in("examples"), "README's program index against book/src/examples/");
}

/// The target folder of this test's binaries (`target/`, or `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    let dir = bin("two-threads"); // builds the workspace's binaries first, in the test profile
    dir.parent().and_then(Path::parent).expect("<target>/<profile>/two-threads").to_path_buf()
}

/// Reruns the stored outputs of the rows `mpi` chooses and compares them.
fn stored_outputs_hold(mpi: bool) {
    let root = root();
    let rows = course_map::rows(&root);
    let names = course_map::output_names(&rows);
    let mut chosen = Vec::new();
    for (row, name) in rows.iter().zip(&names) {
        let path = root.join("book/src/outputs").join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (`cargo run -p book-tool -- outputs {}`)", path.display(), row.package)
        });
        let stored = outputs::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let command = outputs::stored_command(&row.command);
        assert_eq!(stored.command, command, "{}: not the row's command", path.display());
        let invocation =
            Invocation::parse(command).unwrap_or_else(|| panic!("{}: {command}", row.package));
        if matches!(invocation, Invocation::Mpirun { .. }) == mpi {
            chosen.push((path, stored, invocation));
        }
    }
    assert!(!chosen.is_empty());
    let target = target_dir();
    let invocations: Vec<&Invocation> = chosen.iter().map(|(_, _, i)| i).collect();
    outputs::build(&root, &target, &invocations).unwrap_or_else(|e| panic!("{e}"));
    let here = format!("{}; {}", course_support::host(), outputs::rustc_version());
    let here_words = outputs::machine_words(&here);
    for (path, stored, invocation) in &chosen {
        let stored_words = outputs::machine_words(&stored.machine);
        let want = outputs::shapes(&stored.lines, &as_strs(&stored_words));
        let mut runs = Vec::new();
        let held = (0..3).any(|_| {
            let mut cmd = outputs::command(&target, invocation);
            cmd.current_dir(&root);
            let _turn = mpi.then(one_mpirun_at_a_time);
            let r = run_command(&mut cmd);
            let lines: Vec<&str> = r.stdout.lines().chain(r.stderr.lines()).collect();
            let got = outputs::shapes(&lines, &as_strs(&here_words));
            let same = got == want && r.code() == Some(stored.status);
            runs.push(format!("{}: {}\n{}{}", r.command, r.ended(), r.stdout, r.stderr));
            same
        });
        assert!(
            held,
            "{}: three runs, none prints what it stores:\n{}\n--- runs:\n{}",
            path.display(),
            show(stored),
            runs.join("\n")
        );
    }
}

fn as_strs(words: &[String]) -> Vec<&str> {
    words.iter().map(String::as_str).collect()
}

fn show(stored: &Stored) -> String {
    format!("$ {}\n{}\n(exit status {})", stored.command, stored.lines.join("\n"), stored.status)
}

#[test]
fn stored_outputs_are_still_true() {
    stored_outputs_hold(false);
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn stored_mpi_outputs_are_still_true() {
    stored_outputs_hold(true);
}

/// `outputs` given a package without a row, or one whose program fails: one line naming it and
/// the reason, exit status 1, and the stored outputs left as they were.
#[test]
fn outputs_refuses_a_missing_program_and_writes_nothing() {
    let tool = bin("book-tool");
    let dir = root().join("book/src/outputs");
    let before = pages_text(&dir);
    let r = run_command(
        std::process::Command::new(&tool).args(["outputs", "no-such-program"]).current_dir(root()),
    );
    assert_eq!(r.code(), Some(1), "{}: {}", r.command, r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {}", r.stderr);
    assert!(lines[0].contains("no-such-program") && lines[0].contains("no row"), "{}", lines[0]);
    let r = run_command(
        std::process::Command::new(&tool).args(["regenerate", "x"]).current_dir(root()),
    );
    assert_eq!(r.code(), Some(2), "{}: {}", r.command, r.stderr);
    assert!(r.stderr.lines().next().is_some_and(|l| l.contains("'x'")), "{}", r.stderr);
    assert_eq!(pages_text(&dir), before, "the stored outputs changed");
}

fn pages_text(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut all: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| (e.path(), std::fs::read_to_string(e.path()).unwrap_or_default()))
        .collect();
    all.sort();
    all
}

/// A program that fails: its failure is named with the reason, and no file is written, not even
/// the other rows' (all run first, then all written).
#[test]
fn outputs_writes_nothing_when_one_program_fails() {
    let row = |command: &str| course_map::Row {
        section: String::new(),
        python: String::new(),
        package: "two-threads".into(),
        command: command.into(),
        observe: String::new(),
    };
    let (good, bad) =
        (row("cargo run -p two-threads -- 2"), row("cargo run -p two-threads -- abc"));
    let (a, b) = ("a.txt".to_string(), "b.txt".to_string());
    let scratch = Scratch::new("book-outputs");
    std::fs::write(scratch.0.join("a.txt"), "old").unwrap();
    let failures = outputs::run_and_write(&root(), &[(&good, &a), (&bad, &b)], &scratch.0)
        .expect_err("a failing program");
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        failures[0].contains("two-threads -- abc") && failures[0].contains("exit status 2"),
        "{failures:?}"
    );
    assert_eq!(std::fs::read_to_string(scratch.0.join("a.txt")).unwrap(), "old");
    assert!(!scratch.0.join("b.txt").exists());
}
