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
            let dir = e.start_dir().ok_or_else(|| other(format!("no example {}", e.start)))?;
            (dir, e.start.clone())
        }
    };
    let to = e.copy_dir();
    std::fs::create_dir_all(&to)?;
    copy_sources(&from.join("src"), &to.join("src"), &name, &e.package())?;
    let workspace = to.parent().and_then(Path::parent).expect("a workspace above exercises/");
    std::fs::write(to.join("Cargo.toml"), manifest(e, &from, workspace, &name)?)?;
    std::fs::copy(workspace.join("Cargo.lock"), to.join("Cargo.lock"))?;
    Ok(name)
}

fn other(message: String) -> io::Error {
    io::Error::other(message)
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
        let spec =
            spec.ok_or_else(|| other(format!("{dep}: not a dependency of the workspace")))?;
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
"#,
        n = e.number,
        package = e.package(),
    ))
}

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
    let from = e.start_dir().ok_or_else(|| other(format!("no example {}", e.start)))?;
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
    Ok(text.replace("path = \"../../", &absolute))
}

/// A source file's text as `start` copies it: the usage line's program name `name` renamed
/// `new`.
pub fn renamed(text: &str, name: &str, new: &str) -> String {
    text.replace(&format!("\"usage: {name} "), &format!("\"usage: {new} "))
}

/// Copies the sources, with the usage line's program name `name` renamed `new`.
fn copy_sources(from: &Path, to: &Path, name: &str, new: &str) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copy_sources(&path, &target, name, new)?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            std::fs::write(&target, renamed(&std::fs::read_to_string(&path)?, name, new))?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

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

/// `cargo build` of the copy, in the running program's profile and target folder.
pub fn build_command(e: &Exercise) -> std::process::Command {
    workspace::cargo(&e.copy_dir())
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
