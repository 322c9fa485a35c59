//! Where things are: the workspace (found when `check` runs, so that a moved or renamed course
//! folder keeps working), its binaries, the students' copies; building them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

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

/// Whether `package` is an example of the MPI workspace, `examples-mpi/` (built there, with MPI).
pub fn is_mpi(package: &str) -> bool {
    root().join("examples-mpi").join(package).join("Cargo.toml").is_file()
}

/// The folder of the running program's binaries, `target/debug` or `target/release` (for a
/// test, its `deps/` folder's parent): the workspace's other binaries are built there.
pub fn binaries() -> PathBuf {
    let mut dir = std::env::current_exe().expect("the path of this program");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir
}

/// `cargo build --quiet` in the running program's profile and target folder, run in `dir`.
pub fn cargo(dir: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--quiet", "--target-dir"]);
    cmd.arg(binaries().parent().expect("target/<profile>")).current_dir(dir).stdin(Stdio::null());
    if binaries().ends_with("release") {
        cmd.arg("--release");
    }
    cmd
}

/// The command `cargo build --quiet -p PACKAGE [--bin BIN]`, in the root workspace or, with
/// `mpi`, in `examples-mpi/`.
pub fn cargo_build(mpi: bool, package: &str, bin: Option<&str>) -> Command {
    let mut cmd = cargo(&if mpi { root().join("examples-mpi") } else { root() });
    cmd.args(["-p", package]);
    if let Some(bin) = bin {
        cmd.args(["--bin", bin]);
    }
    cmd
}

/// The binary `bin` of the package `package` (in `examples-mpi/` with `mpi`), built first if
/// this process has not built it yet.
pub fn built(mpi: bool, package: &str, bin: &str) -> PathBuf {
    static BUILT: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let mut done = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    let done = done.get_or_insert_with(HashSet::new);
    if !done.contains(bin) {
        let out = cargo_build(mpi, package, Some(bin)).output();
        match out {
            Ok(out) if out.status.success() => {}
            Ok(out) => course_support::fail(&format!(
                "cargo build -p {package} --bin {bin} failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )),
            Err(e) => course_support::fail(&format!("cargo: {e}")),
        }
        done.insert(bin.to_string());
    }
    binaries().join(bin)
}

/// The binary of the workspace's example `name` (such as `pi-sequential`), built if needed.
pub fn example(name: &str) -> PathBuf {
    built(is_mpi(name), name, name)
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

/// Whether `mpirun` can be started here.
pub fn has_mpirun() -> bool {
    let version = Command::new("mpirun").arg("--version").stdout(Stdio::null()).output();
    version.is_ok_and(|out| out.status.success())
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
