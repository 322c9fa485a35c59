//! Where things are: the workspace's root (found at run time, so that a moved or renamed course
//! folder keeps working), the examples' folders, paths as a student types them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The workspace's root folder: the first folder holding `exercises/check/Cargo.toml`, from the
/// current folder up, else from cargo's `CARGO_MANIFEST_DIR` up (`cargo run`, `cargo test`).
pub fn root() -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let starts = [std::env::current_dir().ok(), std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from)];
        let found = starts.into_iter().flatten().find_map(|start| {
            let start = start.canonicalize().ok()?;
            start.ancestors().find(|d| d.join("exercises/check/Cargo.toml").is_file()).map(Path::to_path_buf)
        });
        found.unwrap_or_else(|| {
            course_support::fail("the course's folder (the one with exercises/check/) is not here nor above: run check inside it")
        })
    })
    .clone()
}

/// The folders of the example packages, of the workspace (`examples-threads/two-threads`) and
/// of the MPI workspace (`examples-mpi/mpi-bcast`): every `examples-*/NAME/` holding a
/// `Cargo.toml`, sorted.
pub fn example_dirs() -> Vec<PathBuf> {
    let folders = std::fs::read_dir(root()).into_iter().flatten().flatten();
    let chapters = folders.filter(|e| e.file_name().to_string_lossy().starts_with("examples-"));
    let dirs = chapters.flat_map(|c| std::fs::read_dir(c.path()).into_iter().flatten().flatten());
    let mut found: Vec<PathBuf> =
        dirs.map(|d| d.path()).filter(|d| d.join("Cargo.toml").is_file()).collect();
    found.sort();
    found
}

/// The folder of the example package `name` (see [`example_dirs`]).
pub fn example_dir(name: &str) -> Option<PathBuf> {
    example_dirs().into_iter().find(|d| d.file_name().is_some_and(|n| n == name))
}

/// The names of the files of `dir` ending in `.ext`, without it, in the order of the files'
/// names (none when `dir` is not there): the refused programs, the pages of a folder of the
/// book, an exercise's answers.
pub fn files(dir: &Path, ext: &str) -> Vec<String> {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    let mut names: Vec<String> = entries
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(&format!(".{ext}")))
        .collect();
    names.sort();
    names.iter().map(|name| name[..name.len() - ext.len() - 1].to_string()).collect()
}

/// `path` relative to the current folder when it is inside it, as a student types it.
pub fn shown(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    let relative = here.and_then(|here| path.strip_prefix(here).ok().map(Path::to_path_buf));
    let shown = relative.unwrap_or(path).display().to_string();
    if shown.is_empty() { ".".into() } else { shown }
}

/// `path` relative to the workspace's root, as the documents name it.
pub fn shown_from_root(path: &Path) -> String {
    let root = root();
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root).unwrap_or(&path).display().to_string()
}
