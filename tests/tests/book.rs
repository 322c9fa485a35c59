//! The book (`book/`) holds to the workspace: its pages, its packages, its stored outputs.
//!
//! - its generated pages are the ones `cargo run -p book-tool -- regenerate` writes;
//! - every package of both workspaces (`cargo metadata --no-deps`, and examples-mpi's) has
//!   exactly one page, and every package page is a package's;
//! - each stored output (`output.txt` beside its program, one per course-map row) is still one
//!   its program prints: its command, the row's (or the row's with more arguments), is run
//!   again (through the harness), its exit status must be the one the file states, and the
//!   lines' shapes are compared, as a multiset (the order of threads', processes' and ranks'
//!   lines changes from run to run): every run of digits is `#`, so a line without digits must
//!   be equal, and a bar of `█` one `█` (see `book_tool::outputs::shape`). Up to 3 runs before
//!   failing: in a rare run, two processes' lines mix. The MPI ones only where MPI is, as for
//!   tests/tests/mpi_notebook.rs. No other `output*.txt` lies beside a program.
//!
//! Neither mdbook nor a browser is needed: `.ci/run` builds the book and checks it in chromium.

use book_tool::course_map::{self, Invocation};
use book_tool::outputs::{self, Stored};
use book_tool::{packages, pages, root};
use course_tests::*;
use exercise_list::exercises::Exercise;
use std::path::{Path, PathBuf};

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
    // The teachers' pages, hand-written too, are in the teachers' tree only, not in a handout.
    let teachers = root.join("exercises/answer-key").is_dir();
    let hand_written = pages::HAND_WRITTEN.iter().copied().map(String::from);
    for page in hand_written.chain(pages::chapter_pages()) {
        if page.starts_with("teachers/") && !teachers {
            continue;
        }
        let found = root.join("book/src").join(&page).is_file();
        assert!(found, "no hand-written page book/src/{page}");
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
    // pages of the exercises' `answers/` (patches, in no package).
    let exercises = exercise_list::exercises::all();
    let has_answers = |n: &str| {
        let answered = |e: &&Exercise| e.dir.join("answers").is_dir();
        exercises.iter().filter(answered).any(|e| format!("{:02}", e.number) == n)
    };
    for folder in ["examples", "workspace", "teachers"] {
        for page in pages_in(folder) {
            let notes = page.strip_prefix("ex").and_then(|p| p.strip_suffix("-notes"));
            let answers = page.strip_prefix("ex").and_then(|p| p.strip_suffix("-answers"));
            let topic = folder == "teachers"
                && (["handout", "grading", "session", "runs"].contains(&page.as_str())
                    || notes.is_some_and(|n| n.len() == 2 && n.parse::<usize>().is_ok())
                    || answers.is_some_and(|n| n.len() == 2 && has_answers(n)));
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

/// README.md is an index, at most 150 lines: its programs are the course map's, in the map's
/// order, each linked to its `src/main.rs` (which exists), under a line that links the book's
/// page presenting it (a page that names it).
#[test]
fn the_readme_is_an_index_in_the_course_order() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let lines = readme.lines().count();
    assert!(lines <= 150, "README.md has {lines} lines, more than 150: it is an index");
    let mut map: Vec<String> = course_map::rows(&root).into_iter().map(|r| r.package).collect();
    let mut seen = std::collections::BTreeSet::new();
    map.retain(|p| seen.insert(p.clone()));
    let mut linked = Vec::new();
    let mut chapter: Option<String> = None;
    for line in readme.lines() {
        if line.starts_with('[') && line.ends_with("):") {
            let target = line.rsplit_once("](").map(|(_, t)| t.trim_end_matches("):"));
            chapter = target.map(str::to_string);
            continue;
        }
        let Some(at) = line.find("](examples-") else { continue };
        let target = &line[at + 2..line[at..].find(')').map_or(line.len(), |e| at + e)];
        let package = target.strip_suffix("/src/main.rs").and_then(|d| d.rsplit('/').next());
        let package =
            package.unwrap_or_else(|| panic!("README.md: not a program's main.rs: {line}"));
        assert!(root.join(target).is_file(), "README.md links {target}, which is not there");
        let page =
            chapter.as_deref().unwrap_or_else(|| panic!("README.md: {package} under no chapter"));
        let text = std::fs::read_to_string(root.join(page))
            .unwrap_or_else(|e| panic!("README.md: the chapter of {package}, {page}: {e}"));
        assert!(
            text.contains(package),
            "README.md: {package} under {page}, which does not name it"
        );
        linked.push(package.to_string());
    }
    assert_eq!(linked, map, "README.md's programs against the course map's, in its order");
}

/// No paragraph of README.md stands in the book too (the set-up commands and one-line headings
/// aside): what the book explains, the README points to.
#[test]
fn no_paragraph_of_the_readme_is_in_the_book() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let intro = std::fs::read_to_string(root.join("book/src/introduction.md")).expect("intro");
    let mut book = String::new();
    let mut pages = vec![root.join("book/src")];
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pages.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                book += &format!("\n{}", normalised(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(book.len() > 100_000, "the book's pages were read: {} bytes", book.len());
    let set_up = paragraphs(&intro).into_iter().find(|p| p.starts_with("```sh"));
    let set_up = set_up.expect("the introduction's set-up commands");
    let twice = repeated(&readme, &book, &set_up);
    assert!(
        twice.is_empty(),
        "paragraphs of README.md that the book holds too:\n{}",
        twice.join("\n\n")
    );
}

/// The paragraphs of `readme` (normalised) found in `book` (normalised), but `set_up` and the
/// one-line headings.
fn repeated(readme: &str, book: &str, set_up: &str) -> Vec<String> {
    let heading = |p: &String| p.starts_with('#') && !p.contains('\n');
    let kept = paragraphs(readme).into_iter().filter(|p| !heading(p));
    let kept = kept.map(|p| normalised(&p)).filter(|p| *p != normalised(set_up));
    kept.filter(|p| book.contains(p.as_str())).collect()
}

/// Markdown's paragraphs: text between blank lines, a fenced block whole.
fn paragraphs(text: &str) -> Vec<String> {
    let (mut found, mut current, mut fenced) = (Vec::new(), Vec::new(), false);
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if line.trim().is_empty() && !fenced {
            if !current.is_empty() {
                found.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        found.push(current.join("\n"));
    }
    found
}

/// Text without its HTML comments (the handout's marks), each run of white space, line ends
/// too, one blank: the same words wrapped otherwise are the same text.
fn normalised(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<!--") {
        out += &rest[..at];
        rest = rest[at..].split_once("-->").map_or("", |(_, after)| after);
    }
    out += rest;
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_paragraph_in_both_is_found() {
    let set_up = "```sh\ncargo test\n```";
    let book = normalised("# Book\n\nSome   words\nof the book.\n\nMore <!-- mark -->words.\n");
    let readme =
        format!("# Title\n\n{set_up}\n\nSome words\n  of the book.\n\nMore words.\n\nNew.\n");
    assert_eq!(repeated(&readme, &book, set_up), ["Some words of the book.", "More words."]);
    assert!(repeated("# Book\n\nNew.\n", &book, set_up).is_empty(), "a one-line heading");
    assert!(repeated(set_up, &normalised(set_up), set_up).is_empty(), "the set-up block");
    let fence = "```sh\na\n\nb\n```";
    assert_eq!(paragraphs(&format!("x\n\n{fence}\n")), ["x", fence], "a block is one paragraph");
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
    let all = packages::all(&root).unwrap_or_else(|e| panic!("{e}"));
    let files = outputs::files(&rows, &all).unwrap_or_else(|e| panic!("{e}"));
    let mut stray = stored_files(&root);
    stray.retain(|f| !files.contains(f));
    assert!(stray.is_empty(), "stored outputs of no course-map row: {stray:?}");
    let mut chosen = Vec::new();
    for (row, file) in rows.iter().zip(&files) {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (`cargo run -p book-tool -- outputs {}`)", path.display(), row.package)
        });
        let stored = outputs::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let invocation = Invocation::parse(&stored.command)
            .unwrap_or_else(|| panic!("{}: {}", path.display(), stored.command));
        let base = Invocation::parse(&row.command)
            .unwrap_or_else(|| panic!("{}: {}", row.package, row.command));
        assert!(
            invocation.extends(&base),
            "{}: `{}` is not the row's command, `{}` (nor that command with more arguments)",
            path.display(),
            stored.command,
            row.command
        );
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

/// Every stored output of the examples' folders, `examples-*/NAME/output*.txt`, relative to
/// `root`, sorted.
fn stored_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let folders = std::fs::read_dir(root).into_iter().flatten().flatten();
    for chapter in folders.filter(|e| e.file_name().to_string_lossy().starts_with("examples-")) {
        for program in std::fs::read_dir(chapter.path()).into_iter().flatten().flatten() {
            for file in std::fs::read_dir(program.path()).into_iter().flatten().flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if name.starts_with("output") && name.ends_with(".txt") {
                    found.push(file.path().strip_prefix(root).unwrap().to_path_buf());
                }
            }
        }
    }
    found.sort();
    found
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
    let before = pages_text(&root());
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
    assert_eq!(pages_text(&root()), before, "the stored outputs changed");
}

/// The stored outputs under `root`, with their text.
fn pages_text(root: &Path) -> Vec<(PathBuf, String)> {
    let files = stored_files(root).into_iter();
    let all: Vec<(PathBuf, String)> = files
        .map(|f| (f.clone(), std::fs::read_to_string(root.join(&f)).unwrap_or_default()))
        .collect();
    assert!(all.len() > 30, "the stored outputs were found: {}", all.len());
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
    let (a, b) = (PathBuf::from("a.txt"), PathBuf::from("b.txt"));
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
