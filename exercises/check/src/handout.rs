//! The students' tree: the workspace without the answers, for the exercises a teacher chooses.

use std::fs;
use std::io;
use std::path::Path;

use crate::exercises::Exercise;
use crate::{exercises_md, workspace};

/// The exercises of `--exercises LIST` (`1-8,11,13`), or by default every exercise whose answer
/// is not an example of the tree (the handout holds every example: it cannot hand those out).
pub fn chosen(all: &[Exercise], list: Option<&str>) -> Result<Vec<Exercise>, String> {
    let Some(list) = list else {
        return Ok(all.iter().filter(|e| answering_example(e).is_none()).cloned().collect());
    };
    let mut numbers = Vec::new();
    for part in list.split(',') {
        let bad = || format!("--exercises: '{part}' is not N or N-M");
        let (from, to) = part.split_once('-').unwrap_or((part, part));
        let (from, to): (usize, usize) =
            (from.parse().map_err(|_| bad())?, to.parse().map_err(|_| bad())?);
        if from > to {
            return Err(bad());
        }
        numbers.extend(from..=to);
    }
    let mut chosen = Vec::new();
    for n in numbers {
        let e = all
            .iter()
            .find(|e| e.number == n)
            .ok_or(format!("--exercises: no exercise '{n}' here"))?;
        if let Some(example) = answering_example(e) {
            return Err(format!(
                "--exercises: exercise '{n}' is answered by the example {example}, which every handout holds"
            ));
        }
        if !chosen.iter().any(|c: &Exercise| c.number == n) {
            chosen.push(e.clone());
        }
    }
    chosen.sort_by_key(|e| e.number);
    Ok(chosen)
}

/// The example of the workspace that answers `e`, if one does.
pub fn answering_example(e: &Exercise) -> Option<String> {
    e.answered_by.iter().find(|name| workspace::example_dir(name).is_some()).cloned()
}

/// Writes the students' tree into `dir`, a new or empty folder: every file of the workspace but
/// the answers (each exercise's `answers/` and `teacher.md`, the package `exercises/answer-key`),
/// the folders of the exercises not chosen, the students' copies (`exNN/`, `exNN.saved-K/`),
/// build output (`target/`) and git's folder; EXERCISES.md made for students; the workspaces'
/// member lines for the answers taken out. Returns how many files it wrote.
pub fn write(dir: &Path, chosen: &[Exercise]) -> io::Result<usize> {
    let root = workspace::root().canonicalize()?;
    fs::create_dir_all(dir)?;
    let mut count = 0;
    let keep: Vec<String> =
        chosen.iter().map(|e| e.dir.file_name().unwrap().to_string_lossy().into_owned()).collect();
    copy_tree(&root, &root, &dir.canonicalize()?, &keep, &mut count)?;
    fs::write(dir.join("EXERCISES.md"), exercises_md::generate(chosen, false))?;
    Ok(count + 1)
}

/// Whether the handout leaves out `relative` (a path inside the workspace).
fn left_out(relative: &Path, keep: &[String]) -> bool {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let parent = relative.parent().unwrap_or(Path::new(""));
    let is_exercises =
        |dir: &Path| dir == Path::new("exercises") || dir == Path::new("examples-mpi/exercises");
    // `NN-slug` (an exercise) or `exNN…` (a student's copy, or one kept aside by `reset`).
    let numbered = |name: &str, at: usize| {
        name.get(at..at + 2).is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    };
    let exercise = |name: &str| numbered(name, 0) && name.get(2..3) == Some("-");
    let in_exercise = parent.file_name().and_then(|p| p.to_str()).is_some_and(exercise)
        && parent.parent().is_some_and(is_exercises);
    name == "target"
        || name == ".git"
        || (name == "EXERCISES.md" && parent == Path::new(""))
        || (is_exercises(parent) && name == "answer-key")
        || (is_exercises(parent) && name.starts_with("ex") && numbered(name, 2))
        || (is_exercises(parent) && exercise(name) && !keep.iter().any(|k| k == name))
        || (in_exercise && (name == "answers" || name == "teacher.md"))
}

fn copy_tree(
    root: &Path,
    from: &Path,
    to: &Path,
    keep: &[String],
    count: &mut usize,
) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).expect("inside the workspace");
        if left_out(relative, keep) || path == to {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(root, &path, &target, keep, count)?;
        } else if entry.file_name() == "Cargo.toml"
            && (relative.parent() == Some(Path::new(""))
                || relative.parent() == Some(Path::new("examples-mpi")))
        {
            fs::write(&target, students_manifest(&fs::read_to_string(&path)?))?;
            *count += 1;
        } else {
            fs::copy(&path, &target)?;
            *count += 1;
        }
    }
    Ok(())
}

/// A workspace's `Cargo.toml` for students: without the member lines of the answers (the lines
/// that name `answers` or `answer-key`, which the handout leaves out).
pub fn students_manifest(text: &str) -> String {
    let lines = text.lines().filter(|l| {
        !(l.trim_start().starts_with('"')
            && (l.contains("/answers\"") || l.contains("answer-key\"")))
    });
    lines.map(|l| format!("{l}\n")).collect()
}
