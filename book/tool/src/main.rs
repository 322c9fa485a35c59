//! `book-tool`: the maintainers' command; it writes everything that is generated from the
//! workspace's files (see the crate's documentation). The tests only compare, and name it.
//!
//! ```sh
//! cargo run -p book-tool -- regenerate            # the book's generated pages, EXERCISES.md, check's registry
//! cargo run -p book-tool -- regenerate --outputs  # … and every stored output, rerun (minutes)
//! cargo run -p book-tool -- outputs mpi-bcast     # the stored outputs of some packages only
//! ```

use book_tool::{outputs, pages, refused, root};
use exercise_list::{exercises, exercises_md, registry};

const USAGE: &str = "usage: book-tool regenerate [--outputs] | book-tool outputs [PACKAGE...]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("regenerate") => {
            let with_outputs = match args.get(1).map(String::as_str) {
                None => false,
                Some("--outputs") if args.len() == 2 => true,
                Some(extra) => usage_error(&format!("regenerate: unexpected '{extra}'")),
            };
            regenerate();
            if with_outputs {
                rerun(&[]);
                refused_errors();
            }
        }
        Some("outputs") => rerun(&args[1..]),
        Some("--help" | "-h") => println!("{USAGE}"),
        Some(other) => usage_error(&format!("unknown command '{other}'")),
        None => usage_error("no command"),
    }
}

/// The book's generated pages, EXERCISES.md (with the teachers' part in the teachers' tree) and
/// check's registry, written from the tree this command runs in.
fn regenerate() {
    let root = root();
    let made = pages::Sources::read(&root)
        .and_then(|s| pages::generate(&s))
        .and_then(|p| pages::write(&root, &p))
        .unwrap_or_else(|e| course_support::fail(&format!("pages: {e}")));
    println!("book-tool: {} pages written in book/src/", made.len());
    let all = exercises::all();
    let teachers = root.join("exercises/answer-key").is_dir();
    for (file, text) in [
        ("EXERCISES.md", exercises_md::generate(&all, teachers)),
        (registry::FILE, registry::source(&all)),
    ] {
        std::fs::write(root.join(file), text)
            .unwrap_or_else(|e| course_support::fail(&format!("{file}: {e}")));
        println!("book-tool: wrote {file}");
    }
}

/// Reruns the stored outputs of `packages` (every row of the course map when empty).
fn rerun(packages: &[String]) {
    match outputs::rewrite(&root(), packages) {
        Ok(written) => {
            for path in written {
                println!("book-tool: wrote {}", path.display());
            }
        }
        // One line: each program that failed and why; nothing was written.
        Err(failures) => {
            course_support::fail(&format!("{}; no stored output rewritten", failures.join("; ")))
        }
    }
}

/// The errors of the programs the compiler refuses, as this rustc prints them.
fn refused_errors() {
    let root = root();
    let scratch = harness::Scratch::new("book-tool-refused");
    for name in refused::names(&root) {
        let printed = refused::printed(&root, &name, &scratch.0);
        let printed = printed.unwrap_or_else(|e| course_support::fail(&e));
        let file = format!("{}/{name}.txt", refused::FOLDER);
        std::fs::write(root.join(&file), printed)
            .unwrap_or_else(|e| course_support::fail(&format!("{file}: {e}")));
        println!("book-tool: wrote {file}");
    }
}

/// Bad input: one line naming it, the usage line, exit status 2.
fn usage_error(what: &str) -> ! {
    eprintln!("book-tool: {what}\n{USAGE}");
    std::process::exit(2);
}
