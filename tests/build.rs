//! Decides, when the tests are built, which of them this machine cannot run, so that `cargo test`
//! reports those as ignored, with the reason, instead of passing them without their assertion:
//!
//! - `no_mpi`: MPI is missing (`mpirun`, the MPI compiler wrapper `mpicc` and libclang, which
//!   the `mpi` crate needs to build `examples-mpi/`). Never set under `COURSE_REQUIRE_MPI=1`
//!   (CI): there a missing MPI fails the MPI tests.
//! - `not_root`: the tests are built by a user other than root; the tests of
//!   `tests/failures.rs` need root, to run a program as a user of its own.
//! - `no_strace`: `strace` is missing; a test of `tests/file_locks.rs` reads the order of a
//!   program's system calls with it (CI installs it).
//!
//! `exercises/answer-key/build.rs` is this file too (`include!`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_mpi, not_root, no_strace)");
    for var in ["PATH", "COURSE_REQUIRE_MPI", "MPICC", "LIBCLANG_PATH", "LLVM_CONFIG_PATH", "USER"]
    {
        println!("cargo::rerun-if-env-changed={var}");
    }
    println!("cargo::rerun-if-changed=build.rs");

    let required = std::env::var_os("COURSE_REQUIRE_MPI").is_some_and(|v| v == "1");
    let missing: Vec<&str> = [
        ("mpirun", on_path("mpirun").is_some()),
        ("mpicc (the MPI headers)", has_mpicc()),
        ("libclang", has_libclang()),
    ]
    .into_iter()
    .filter_map(|(what, found)| (!found).then_some(what))
    .collect();
    if !missing.is_empty() && !required {
        println!("cargo::rustc-cfg=no_mpi");
        println!(
            "cargo::warning=the MPI tests are ignored: no {} found (see the README's set-up)",
            missing.join(", no ")
        );
        // Installing MPI adds `mpirun` to a folder of PATH: the tests are then built again.
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            if dir.is_dir() {
                println!("cargo::rerun-if-changed={}", dir.display());
            }
        }
    }

    if on_path("strace").is_none() {
        println!("cargo::rustc-cfg=no_strace");
        println!("cargo::warning=a test of the locks is ignored: no strace found");
    }

    let uid = Command::new("id").arg("-u").output().ok().filter(|o| o.status.success());
    if uid.is_none_or(|o| o.stdout.trim_ascii() != b"0") {
        println!("cargo::rustc-cfg=not_root");
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// What the `mpi` crate's build looks for: `$MPICC` or `mpicc` answering `-show`, or
/// pkg-config knowing an MPI.
fn has_mpicc() -> bool {
    let succeeds = |cmd: &mut Command| {
        cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
    };
    let mpicc = std::env::var_os("MPICC").unwrap_or_else(|| "mpicc".into());
    succeeds(Command::new(mpicc).arg("-show"))
        || ["mpich", "ompi", "openmpi"]
            .iter()
            .any(|lib| succeeds(Command::new("pkg-config").args(["--exists", lib])))
}

/// Where bindgen (through clang-sys) looks for libclang: `$LIBCLANG_PATH`, `llvm-config
/// --libdir`, then the usual folders of Linux and macOS (two levels below `/usr/lib*`).
fn has_libclang() -> bool {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("LIBCLANG_PATH").map(PathBuf::from).into_iter().collect();
    let llvm_config = std::env::var_os("LLVM_CONFIG_PATH").unwrap_or_else(|| "llvm-config".into());
    if let Ok(out) = Command::new(llvm_config).arg("--libdir").output() {
        dirs.push(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    }
    for root in ["/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/local/opt", "/opt/homebrew/opt"]
    {
        dirs.push(root.into());
        for sub in subdirs(Path::new(root)) {
            dirs.push(sub.join("lib"));
            dirs.extend(subdirs(&sub));
        }
    }
    dirs.push("/Library/Developer/CommandLineTools/usr/lib".into());
    dirs.push(
        "/Applications/Xcode.app/Contents/Developer/Toolchains/XcodeDefault.xctoolchain/usr/lib"
            .into(),
    );
    dirs.iter().any(|dir| {
        let names = std::fs::read_dir(dir).into_iter().flatten().flatten();
        names.filter_map(|e| e.file_name().into_string().ok()).any(|name| {
            let rest = name.strip_prefix("libclang").unwrap_or_default();
            rest.starts_with(".so")
                || rest == ".dylib"
                || (rest.starts_with('-') && rest.contains(".so") && !rest.starts_with("-cpp"))
        })
    })
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    entries.map(|e| e.path()).filter(|p| p.is_dir()).collect()
}
