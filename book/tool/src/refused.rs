//! The programs the book shows the compiler refusing, `book/src/refused/NAME.rs`, and the error
//! stored beside each (`NAME.txt`), which the chapters include. Each is built with `rustc` alone
//! (std only, no crate), from the workspace's folder, as the stored file's first line says; its
//! last line is the version of the rustc that printed it. `regenerate --outputs` writes them;
//! `tests/tests/refused.rs` compares.

use std::path::Path;
use std::process::Command;

/// Where they are, from the workspace's root.
pub const FOLDER: &str = "book/src/refused";

/// The names of the refused programs (`NAME` of `NAME.rs`), sorted.
pub fn names(root: &Path) -> Vec<String> {
    exercise_list::workspace::files(&root.join(FOLDER), "rs")
}

/// `rustc --version`, as the stored outputs name it.
pub use crate::outputs::rustc_version;

/// What the stored file holds for `NAME`, as this rustc prints it: the command, the error, the
/// version; an error when the program compiles (or rustc cannot be run).
pub fn printed(root: &Path, name: &str, scratch: &Path) -> Result<String, String> {
    let source = format!("{FOLDER}/{name}.rs");
    let out = Command::new("rustc")
        .args(["--edition", "2021", "--emit=metadata", "--out-dir"])
        .arg(scratch)
        .arg(&source)
        .current_dir(root)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("rustc: {e}"))?;
    if out.status.success() {
        return Err(format!("{source} compiles: the book shows it refused"));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let command = format!("$ rustc --edition 2021 --emit=metadata {source}");
    Ok(format!("{command}\n{}\n# {}\n", stderr.trim_end(), rustc_version()))
}

/// The lines `error[E…]: …` and `error: …` of a compiler's message, the last summary left out.
pub fn headlines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("error"))
        .filter(|l| !l.starts_with("error: aborting due to"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_headline_is_an_error_line() {
        let text = "error[E0499]: cannot borrow `x`\n  --> a.rs:1:1\nerror: aborting due to 1 previous error\n";
        assert_eq!(super::headlines(text), ["error[E0499]: cannot borrow `x`"]);
    }
}
