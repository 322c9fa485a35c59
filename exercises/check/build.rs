//! Compiles each exercise's `check.rs` into `check`: one module per folder `NN-slug/` of
//! `exercises/` and `examples-mpi/exercises/`, and `compiled(n)`, which returns exercise n's
//! check. Adding an exercise is adding its folder: nothing here names one (then
//! `touch exercises/check/build.rs`, as `check` says, for cargo to run this again).

use std::fmt::Write;
use std::path::{Path, PathBuf};

#[path = "src/exercise_toml.rs"]
mod exercise_toml;

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = here.join("../..");
    let mut folders = Vec::new();
    for parent in [root.join("exercises"), root.join("examples-mpi/exercises")] {
        for entry in std::fs::read_dir(&parent).into_iter().flatten().flatten() {
            let dir = entry.path();
            if let Some(n) = number(&dir) {
                folders.push((n, dir));
            }
        }
    }
    folders.sort();
    let mut modules = String::new();
    let mut arms = String::new();
    for (n, dir) in &folders {
        let toml = dir.join("exercise.toml");
        let text =
            std::fs::read_to_string(&toml).unwrap_or_else(|e| panic!("{}: {e}", toml.display()));
        let keys =
            exercise_toml::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", toml.display()));
        let kind = keys.iter().find(|(k, _)| k == "kind").map(|(_, v)| v.clone());
        let variant = match kind {
            Some(exercise_toml::Value::Text(kind)) if kind == "checked" => {
                "Program(e{n:02}::check)"
            }
            Some(exercise_toml::Value::Text(kind)) if kind == "refused" => {
                "Refusal(e{n:02}::check)"
            }
            Some(exercise_toml::Value::Text(kind)) if kind == "observed" => {
                "Observe(e{n:02}::observe)"
            }
            _ => panic!("{}: kind = \"checked\", \"refused\" or \"observed\"", toml.display()),
        };
        // Each file, not the folders: the students' copies sit beside them, and their edits must
        // not rebuild `check`. A new folder is found at run time, which asks for a rebuild.
        println!("cargo::rerun-if-changed={}", toml.display());
        let check = dir.join("check.rs");
        println!("cargo::rerun-if-changed={}", check.display());
        assert!(check.is_file(), "{}: no check.rs", dir.display());
        let path = check.canonicalize().unwrap();
        writeln!(modules, "#[path = {:?}]\nmod e{n:02};", path.display().to_string()).unwrap();
        writeln!(
            arms,
            "        {n} => Some(Checker::{}),",
            variant.replace("{n:02}", &format!("{n:02}"))
        )
        .unwrap();
    }
    let code = format!(
        "{modules}\n/// Exercise `n`'s check, as compiled from its folder.\npub fn compiled(n: usize) -> Option<Checker> {{\n    match n {{\n{arms}        _ => None,\n    }}\n}}\n"
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("compiled.rs");
    std::fs::write(out, code).unwrap();
}

/// `NN` of a folder named `NN-slug`.
fn number(dir: &Path) -> Option<usize> {
    let name = dir.file_name()?.to_str()?;
    let (n, slug) = name.split_once('-')?;
    (n.len() == 2 && !slug.is_empty() && dir.is_dir()).then(|| n.parse().ok()).flatten()
}
