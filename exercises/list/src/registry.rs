//! The text of check's registry, `exercises/check/src/registry.rs`: one module per exercise,
//! its folder's `check.rs` named by a relative path, and the function that returns exercise N's
//! check. `cargo run -p book-tool -- regenerate` writes it; a test of `check` holds it to the
//! folders; a handout writes it for the exercises it holds.

use crate::exercises::{Exercise, Kind};
use crate::workspace;

/// Where the registry is, from the workspace's root.
pub const FILE: &str = "exercises/check/src/registry.rs";

/// The registry of `exercises` (in number order), as `FILE` holds it.
pub fn source(exercises: &[Exercise]) -> String {
    let mut out = String::from(
        "//! Every exercise's check, compiled into `check`: one module per exercise folder, from its\n\
         //! `check.rs`. Written by `cargo run -p book-tool -- regenerate` from the folders; do not\n\
         //! edit (a test of `check` compares it with the folders).\n\n\
         use crate::checker::Checker;\n\n",
    );
    for e in exercises {
        // From `exercises/check/src/`, where this file is.
        let path = format!("../../../{}/check.rs", workspace::shown_from_root(&e.dir));
        out += &format!("#[path = \"{path}\"]\nmod e{:02};\n", e.number);
    }
    out += "\n/// Exercise `n`'s check, if this tree has its folder.\npub fn checker(n: usize) -> Option<Checker> {\n    match n {\n";
    for e in exercises {
        let n = format!("e{:02}", e.number);
        let arm = match e.kind {
            Kind::Checked => format!("Checker::Program({n}::check)"),
            Kind::Refused => format!("Checker::Refusal({n}::check)"),
            Kind::Observed => format!("Checker::Observe({n}::observe)"),
        };
        out += &format!("        {} => Some({arm}),\n", e.number);
    }
    out + "        _ => None,\n    }\n}\n"
}
