//! Where things are: the workspace, its binaries, the students' copies; building them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// The workspace's root folder (this package is `exercises/check`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The folder of the student's copy of exercise `n`: `exercises/ex06`, or for an exercise on
/// MPI `examples-mpi/exercises/ex22` (a member of that workspace, which needs MPI).
pub fn copy_dir(n: usize) -> PathBuf {
    let mpi = crate::exercise(n).is_some_and(|e| is_mpi(e.start));
    let workspace = if mpi { root().join("examples-mpi") } else { root() };
    workspace.join("exercises").join(package(n))
}

/// The folder of the student's copy of exercise `n` as a student types it, from the root.
pub fn copy_name(n: usize) -> String {
    let dir = copy_dir(n);
    dir.strip_prefix(root()).unwrap_or(&dir).display().to_string()
}

/// Whether `package` belongs to the MPI workspace, `examples-mpi/` (built there, with MPI).
pub fn is_mpi(package: &str) -> bool {
    let mpi = root().join("examples-mpi");
    package == "answer-key-mpi"
        || mpi.join(package).join("Cargo.toml").is_file()
        || mpi.join("exercises").join(package).join("Cargo.toml").is_file()
}

/// The package (and binary) name of the student's copy of exercise `n`: `ex06`.
pub fn package(n: usize) -> String {
    format!("ex{n:02}")
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

/// The command `cargo build --quiet -p PACKAGE [--bin BIN]` in the running program's profile,
/// in the workspace (in `examples-mpi/` for its packages: its binaries land in the same
/// `target/`).
pub fn cargo_build(package: &str, bin: Option<&str>) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    let dir = if is_mpi(package) { root().join("examples-mpi") } else { root() };
    cmd.args(["build", "--quiet", "-p", package]).current_dir(dir).stdin(Stdio::null());
    if let Some(bin) = bin {
        cmd.args(["--bin", bin]);
    }
    if binaries().ends_with("release") {
        cmd.arg("--release");
    }
    cmd
}

/// The binary `bin` of the workspace's package `package`, built first if this process has not
/// built it yet.
pub fn built(package: &str, bin: &str) -> PathBuf {
    static BUILT: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let mut done = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    let done = done.get_or_insert_with(HashSet::new);
    if !done.contains(bin) {
        let out = cargo_build(package, Some(bin)).output();
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
    built(name, name)
}

/// The folder of an example package of the workspace (`examples-threads/two-threads`), or of
/// the MPI workspace (`examples-mpi/mpi-bcast`).
pub fn example_dir(name: &str) -> Option<PathBuf> {
    let chapters = ["threads", "locks", "processes", "pi", "mpi"];
    let dirs = chapters.map(|c| root().join(format!("examples-{c}")).join(name));
    dirs.into_iter().find(|d| d.join("Cargo.toml").is_file())
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
    relative.unwrap_or(path).display().to_string()
}
