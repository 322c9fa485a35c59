//! The programs the book shows the compiler refusing (`book/src/refused/*.rs`) are still
//! refused, with the error stored beside each (`<name>.txt`), which the chapters include.
//!
//! Each is built with `rustc` alone (std only, no crate), from the workspace's folder, as the
//! stored file's first line says. A program that compiles fails the test by name. With the
//! rustc that wrote the stored errors (its version is the stored file's last line), the error
//! must be the stored one line for line; with another rustc, whose wording and line drawings
//! may differ, the error codes and their headlines (`error[E0499]: cannot borrow …`) must.
//! `COURSE_BLESS=1 cargo test -p course-tests --test refused` writes the stored errors again.

use course_tests::*;
use harness::Scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const FOLDER: &str = "book/src/refused";

fn root() -> PathBuf {
    PathBuf::from(ROOT).canonicalize().expect("the workspace's root")
}

fn rustc_version() -> String {
    let out = Command::new("rustc").arg("--version").output().expect("rustc --version");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The command shown on the page, from the workspace's folder.
fn shown(source: &str) -> String {
    format!("$ rustc --edition 2021 --emit=metadata {source}")
}

/// Builds `book/src/refused/NAME.rs`; its status and what rustc printed on stderr.
fn build(root: &Path, name: &str, out: &Path) -> Run {
    let source = format!("{FOLDER}/{name}.rs");
    let mut cmd = Command::new("rustc");
    cmd.args(["--edition", "2021", "--emit=metadata", "--out-dir"])
        .arg(out)
        .arg(&source)
        .current_dir(root)
        .env_remove("RUSTFLAGS");
    run_command(&mut cmd)
}

/// The lines `error[E…]: …` and `error: …` of a compiler's message, the last summary left out.
fn headlines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("error"))
        .filter(|l| !l.starts_with("error: aborting due to"))
        .collect()
}

#[test]
fn the_refused_programs_are_still_refused_with_the_stored_error() {
    let root = root();
    let mut names: Vec<String> = std::fs::read_dir(root.join(FOLDER))
        .expect("book/src/refused/")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".rs").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "book/src/refused/ holds {names:?}");
    let bless = std::env::var_os("COURSE_BLESS").is_some_and(|v| v == "1");
    let version = rustc_version();
    let scratch = Scratch::new("refused");
    let mut problems = Vec::new();
    for name in &names {
        let run = build(&root, name, &scratch.0);
        if run.succeeded() {
            problems.push(format!("{FOLDER}/{name}.rs compiles: the book shows it refused"));
            continue;
        }
        let printed = format!(
            "{}\n{}\n# {version}\n",
            shown(&format!("{FOLDER}/{name}.rs")),
            run.stderr.trim_end()
        );
        let stored_path = root.join(FOLDER).join(format!("{name}.txt"));
        if bless {
            std::fs::write(&stored_path, &printed).expect("writing the stored error");
            continue;
        }
        let Ok(stored) = std::fs::read_to_string(&stored_path) else {
            problems.push(format!("{FOLDER}/{name}.txt: missing (COURSE_BLESS=1 writes it)"));
            continue;
        };
        let stored_version = stored.lines().last().unwrap_or_default().trim_start_matches("# ");
        let same = if stored_version == version {
            stored == printed
        } else {
            headlines(&stored) == headlines(&printed)
        };
        if !same {
            problems.push(format!(
                "{FOLDER}/{name}.txt is not what {version} prints (COURSE_BLESS=1 writes it again):\n{printed}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_headline_is_an_error_line() {
    let text = "error[E0499]: cannot borrow `x`\n  --> a.rs:1:1\nerror: aborting due to 1 previous error\n";
    assert_eq!(headlines(text), ["error[E0499]: cannot borrow `x`"]);
}
