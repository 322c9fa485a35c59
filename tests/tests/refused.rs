//! The programs the book shows the compiler refusing (`book/src/refused/*.rs`) are still
//! refused, with the error stored beside each (`<name>.txt`), which the chapters include.
//!
//! Each is built with `rustc` alone (std only, no crate), from the workspace's folder, as the
//! stored file's first line says. A program that compiles fails the test by name. With the
//! rustc that wrote the stored errors (its version is the stored file's last line), the error
//! must be the stored one line for line; with another rustc, whose wording and line drawings
//! may differ, the error codes and their headlines (`error[E0499]: cannot borrow …`) must.
//! `cargo run -p book-tool -- regenerate --outputs` writes the stored errors again.

use book_tool::refused::{FOLDER, headlines, names, printed};
use harness::Scratch;

#[test]
fn the_refused_programs_are_still_refused_with_the_stored_error() {
    let root = book_tool::root();
    let names = names(&root);
    assert!(names.len() >= 5, "book/src/refused/ holds {names:?}");
    let version = book_tool::refused::rustc_version();
    let scratch = Scratch::new("refused");
    let mut problems = Vec::new();
    for name in &names {
        let printed = match printed(&root, name, &scratch.0) {
            Ok(printed) => printed,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let regenerate = "`cargo run -p book-tool -- regenerate --outputs` writes it";
        let Ok(stored) = std::fs::read_to_string(root.join(FOLDER).join(format!("{name}.txt")))
        else {
            problems.push(format!("{FOLDER}/{name}.txt: missing ({regenerate})"));
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
                "{FOLDER}/{name}.txt is not what {version} prints ({regenerate} again):\n{printed}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
