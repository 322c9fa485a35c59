//! Where things are: the workspace (found when `check` runs, so that a moved or renamed course
//! folder keeps working), its binaries, the students' copies; building them.

pub use exercise_list::workspace::{example_dir, example_dirs, root, shown, shown_from_root};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

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
    static BUILT: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let mut done = BUILT.lock().unwrap_or_else(|e| e.into_inner());
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

/// Whether `mpirun` can be started here.
pub fn has_mpirun() -> bool {
    let version = Command::new("mpirun").arg("--version").stdout(Stdio::null()).output();
    version.is_ok_and(|out| out.status.success())
}
