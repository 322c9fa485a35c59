//! `book-tool`: the book's generated pages and stored outputs (see the crate's documentation).
//!
//! ```sh
//! cargo run -p book-tool -- pages                 # writes SUMMARY.md and the generated pages
//! cargo run -p book-tool -- outputs               # reruns every row of the course map
//! cargo run -p book-tool -- outputs mpi-bcast     # … or those of some packages
//! ```

use book_tool::{outputs, pages, root};

const USAGE: &str = "usage: book-tool pages | book-tool outputs [PACKAGE...]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("pages") => {
            if let Some(extra) = args.get(1) {
                usage_error(&format!("pages takes no argument: '{extra}'"));
            }
            let root = root();
            let made = pages::Sources::read(&root)
                .and_then(|s| pages::generate(&s))
                .and_then(|p| pages::write(&root, &p))
                .unwrap_or_else(|e| course_support::fail(&format!("pages: {e}")));
            println!("book-tool: {} pages written in book/src/", made.len());
        }
        Some("outputs") => match outputs::rewrite(&root(), &args[1..]) {
            Ok(written) => {
                for path in written {
                    println!("book-tool: wrote {}", path.display());
                }
            }
            // One line: each program that failed and why; nothing was written.
            Err(failures) => course_support::fail(&format!(
                "{}; no stored output rewritten",
                failures.join("; ")
            )),
        },
        Some("--help" | "-h") => println!("{USAGE}"),
        Some(other) => usage_error(&format!("unknown command '{other}'")),
        None => usage_error("no command"),
    }
}

/// Bad input: one line naming it, the usage line, exit status 2.
fn usage_error(what: &str) -> ! {
    eprintln!("book-tool: {what}\n{USAGE}");
    std::process::exit(2);
}
