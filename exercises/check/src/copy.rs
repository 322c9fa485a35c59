//! The student's copy of an example: `exercises/exNN/`, a package and workspace of its own, so
//! that a mistake in it (in its source or in its `Cargo.toml`) stops its own exercise only.
//! It builds into the course's `target/` (the root's `.cargo/config.toml`), where the
//! dependencies are already built.

use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use crate::exercises::Exercise;
use crate::workspace;

/// The file in the copy where the last check's verdict is kept, with the copy's fingerprint.
const LAST_CHECK: &str = ".last-check";

/// Writes exercise `e`'s copy into `e.copy_dir()` (which must not exist): the starting
/// example's `src/`, renamed `exNN`, a `Cargo.toml` with the example's dependencies and the
/// exercise's, the workspace's `Cargo.lock`. Returns the name of what was copied.
pub fn make(e: &Exercise) -> io::Result<String> {
    let continued = e.continues.and_then(crate::exercises::exercise).map(|c| c.copy_dir());
    let (from, name) = match continued {
        Some(dir) if dir.join("Cargo.toml").is_file() => {
            let name = dir.file_name().expect("exNN").to_string_lossy().into_owned();
            (dir, name)
        }
        _ => {
            let dir =
                e.start_dir().ok_or_else(|| io::Error::other(format!("no example {}", e.start)))?;
            (dir, e.start.clone())
        }
    };
    let to = e.copy_dir();
    std::fs::create_dir_all(&to)?;
    copy_sources(&from.join("src"), &to.join("src"), Some((&name, &e.package())))?;
    let workspace = to.parent().and_then(Path::parent).expect("a workspace above exercises/");
    std::fs::write(to.join("Cargo.toml"), manifest(e, &from, workspace, &name)?)?;
    std::fs::copy(workspace.join("Cargo.lock"), to.join("Cargo.lock"))?;
    where_check_runs(e, &to)?;
    Ok(name)
}

/// The package `check` of the copy's workspace, in `.check/`: `cargo run -p check -- N` typed
/// inside the copy finds it (not cargo's "package(s) `check` not found") and is told where
/// `check` runs. `cargo build` and `cargo run` in the copy build the copy's package only.
fn where_check_runs(e: &Exercise, copy: &Path) -> io::Result<()> {
    let up = if e.mpi() { "../../.." } else { "../.." };
    let dir = copy.join(".check/src");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        copy.join(".check/Cargo.toml"),
        "# `cargo run -p check` typed inside the copy: says where `check` runs.\n[package]\nname = \"check\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n# Not `check`: the copy builds into the course's target/, where `check` is the course's.\n[[bin]]\nname = \"where-check-runs\"\npath = \"src/main.rs\"\n",
    )?;
    std::fs::write(
        dir.join("main.rs"),
        format!(
            r#"//! `cargo run -p check` typed inside your copy: `check` is the course's command, run from
//! the course's folder.
fn main() {{
    let args: Vec<String> = std::env::args().skip(1).collect();
    eprintln!("check runs from the course's folder, not from inside your copy:");
    eprintln!("  cd {up} && cargo run -p check -- {{}}", args.join(" "));
    std::process::exit(2);
}}
"#
        ),
    )
}

/// The copy's `Cargo.toml`: the package `exNN`, every dependency written out (the copy is not
/// in the course's workspace), the course's optimised dev profile, and `[workspace]`.
fn manifest(e: &Exercise, from: &Path, workspace: &Path, name: &str) -> io::Result<String> {
    let ours = std::fs::read_to_string(workspace.join("Cargo.toml"))?;
    let specs = section(&ours, "[workspace.dependencies]");
    let example = std::fs::read_to_string(from.join("Cargo.toml"))?;
    let mut wanted: Vec<String> = section(&example, "[dependencies]")
        .iter()
        .map(|(dep, _)| dep.trim_end_matches(".workspace").to_string())
        .collect();
    for dep in &e.dependencies {
        if !wanted.contains(dep) {
            wanted.push(dep.clone());
        }
    }
    let mut deps = String::new();
    for dep in wanted {
        let spec = specs.iter().find(|(name, _)| *name == dep).map(|(_, spec)| spec.as_str());
        let spec = spec
            .ok_or_else(|| io::Error::other(format!("{dep}: not a dependency of the workspace")))?;
        // The copy sits two folders below the workspace's root: `exercises/exNN/`.
        deps += &format!("{dep} = {}\n", spec.replace("path = \"", "path = \"../../"));
    }
    let copy = workspace::shown(&e.copy_dir());
    Ok(format!(
        r#"# Your copy of {name} for exercise {n}, made by `cargo run -p check -- start {n}`.
# A package and workspace of its own: a mistake here stops this exercise only. Run it with
#   cargo run --manifest-path {copy}/Cargo.toml -- ARGUMENTS
[package]
name = "{package}"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
{deps}
# As in the course's workspace: a dev build is optimised, so that its timings mean something.
[profile.dev]
opt-level = 3

[workspace]
{WHERE_CHECK_RUNS}"#,
        n = e.number,
        package = e.package(),
    ))
}

/// The copy's workspace member `.check/` (see [`where_check_runs`]), which a copy graded in a
/// scratch folder (`check grade`) goes without.
const WHERE_CHECK_RUNS: &str =
    "# `.check/`: `cargo run -p check` typed here says where to run it.\nmembers = [\".check\"]\n";

/// The `key = value` lines of a TOML section (up to the next `[`).
fn section(toml: &str, header: &str) -> Vec<(String, String)> {
    let lines = toml.lines().skip_while(|l| l.trim() != header).skip(1);
    let lines = lines.take_while(|l| !l.trim_start().starts_with('['));
    lines
        .filter_map(|l| {
            let l = l.split(" #").next().unwrap_or_default();
            let (key, value) = l.split_once('=')?;
            Some((key.trim().to_string(), value.trim().to_string()))
        })
        .filter(|(key, _)| !key.starts_with('#'))
        .collect()
}

/// The manifest `start` writes for exercise `e` (from its starting example), its path
/// dependencies made absolute: for a copy built outside the course's tree (`check grade`).
/// With it, the dependencies of the course's workspace that `source` (the copy's code) uses
/// as `crate_name::` (a student may add `nix` to a copy that forks, say).
pub fn manifest_anywhere(e: &Exercise, source: &str) -> io::Result<String> {
    let from = e.start_dir().ok_or_else(|| io::Error::other(format!("no example {}", e.start)))?;
    let workspace =
        e.copy_dir().parent().and_then(Path::parent).expect("a workspace").to_path_buf();
    let ours = std::fs::read_to_string(workspace.join("Cargo.toml"))?;
    let mut e = e.clone();
    for (dep, _) in section(&ours, "[workspace.dependencies]") {
        let used = source.contains(&format!("{}::", dep.replace('-', "_")));
        if used && !e.dependencies.contains(&dep) {
            e.dependencies.push(dep);
        }
    }
    let text = manifest(&e, &from, &workspace, &e.start)?;
    let absolute = format!("path = \"{}/", workspace.canonicalize()?.display());
    Ok(text.replace("path = \"../../", &absolute).replace(WHERE_CHECK_RUNS, ""))
}

/// Copies the files of `from` into `to` (made), folders too, links left out; with `rename`,
/// `(name, new)`, the sources' usage line names `new`, not `name` (see [`renamed`]). Returns the
/// text of the `.rs` files, as written.
pub fn copy_sources(from: &Path, to: &Path, rename: Option<(&str, &str)>) -> io::Result<String> {
    std::fs::create_dir_all(to)?;
    let mut code = String::new();
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (path, target, kind) = (entry.path(), to.join(entry.file_name()), entry.file_type()?);
        if kind.is_dir() {
            code += &copy_sources(&path, &target, rename)?;
        } else if kind.is_file() && path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path)?;
            let text = match rename {
                Some((name, new)) => renamed(&text, name, new),
                None => text,
            };
            std::fs::write(&target, &text)?;
            code += &text;
        } else if kind.is_file() {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(code)
}

/// The copy's source from the example's (its usage line renamed, the book's anchors left out):
/// in `exercise-list`, which applies the solutions' patches to it too.
pub use exercise_list::exercises::renamed;

/// Moves the copy aside, to `exNN.saved-K/` (the first K free), and returns where it went.
pub fn save(e: &Exercise) -> io::Result<PathBuf> {
    let dir = e.copy_dir();
    let saved = (1..)
        .map(|k| dir.with_file_name(format!("{}.saved-{k}", e.package())))
        .find(|d| !d.exists())
        .expect("a free name");
    std::fs::rename(&dir, &saved)?;
    let _ = std::fs::remove_file(saved.join(LAST_CHECK));
    Ok(saved)
}

/// Whether the student has a copy of exercise `e`.
pub fn exists(e: &Exercise) -> bool {
    e.copy_dir().join("Cargo.toml").is_file()
}

/// The copy's binary, once built.
pub fn binary(e: &Exercise) -> PathBuf {
    workspace::binaries().join(e.package())
}

/// The last check's verdict, "passes" or "fails", if the copy has not changed since.
pub fn last_check(e: &Exercise) -> Option<&'static str> {
    let last = std::fs::read_to_string(e.copy_dir().join(LAST_CHECK)).ok()?;
    let (verdict, print) = last.trim().split_once(' ')?;
    if print != fingerprint(e) {
        return None;
    }
    Some(if verdict == "passes" { "passes" } else { "fails" })
}

pub fn record(e: &Exercise, ok: bool) {
    let verdict = if ok { "passes" } else { "fails" };
    let _ =
        std::fs::write(e.copy_dir().join(LAST_CHECK), format!("{verdict} {}\n", fingerprint(e)));
}

/// A hash of the copy's sources and manifest (paths relative to the copy, so that moving the
/// course's folder keeps it): a check's result stands until one of them changes.
pub fn fingerprint(e: &Exercise) -> String {
    fn add(root: &Path, dir: &Path, hasher: &mut DefaultHasher) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap_or_default();
            if name == LAST_CHECK || name == "Cargo.lock" || name == "target" {
                continue;
            }
            if path.is_dir() {
                add(root, &path, hasher);
            } else {
                hasher.write(path.strip_prefix(root).unwrap_or(&path).to_string_lossy().as_bytes());
                hasher.write(&std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut hasher = DefaultHasher::new();
    let dir = e.copy_dir();
    add(&dir, &dir, &mut hasher);
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::renamed;

    /// Every example's usage line, in a copy, names the copy's program only (an MPI example's
    /// names its program twice: `usage: NAME    started as `mpirun -n RANKS NAME``).
    #[test]
    fn a_copy_calls_itself_by_its_own_name() {
        let mut seen = 0;
        for dir in crate::workspace::example_dirs() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let Ok(text) = std::fs::read_to_string(dir.join("src/main.rs")) else {
                continue;
            };
            let Some(usage) = text.lines().find(|l| l.contains(&format!("\"usage: {name} ")))
            else {
                continue;
            };
            let copy = renamed(&text, &name, "ex99");
            let line = copy.lines().find(|l| l.contains("\"usage: ex99 ")).unwrap();
            assert!(!line.contains(&name), "{name}: {line}");
            assert_eq!(line.matches("ex99").count(), usage.matches(&name).count(), "{line}");
            let rest = |t: &str| -> Vec<String> {
                let kept = |l: &&str| {
                    !l.contains("\"usage: ")
                        && !l.contains("// ANCHOR")
                        && !l.starts_with("//! Exercises: ")
                };
                t.lines().filter(kept).map(str::to_string).collect()
            };
            assert!(!copy.contains("// ANCHOR"), "{name}: the book's anchors left in the copy");
            assert!(!copy.contains("//! Exercises: "), "{name}: the exercises' line left in it");
            assert_eq!(rest(&copy), rest(&text), "{name}: only those lines change");
            seen += 1;
        }
        assert!(seen >= 30, "only {seen} examples with a usage line");
    }
}
