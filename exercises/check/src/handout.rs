//! The students' tree: the workspace without the teachers' answer key.

use std::fs;
use std::io;
use std::path::Path;

use crate::workspace;

/// The heading of EXERCISES.md's part for teachers: the handout's copy stops before it.
pub const TEACHERS: &str = "## For teachers";

/// Writes the students' tree into `dir`, a new or empty folder: every file of the workspace but
/// the answer keys (`exercises/answer-key/`, `examples-mpi/exercises/answer-key/`), the
/// students' copies (`exercises/exNN/`, `examples-mpi/exercises/exNN/`), build
/// output (`target/`) and git's folder; EXERCISES.md without its part for teachers nor the
/// *Teacher:* notes. Returns how many files it wrote.
pub fn write(dir: &Path) -> io::Result<usize> {
    let root = workspace::root().canonicalize()?;
    fs::create_dir_all(dir)?;
    let mut count = 0;
    copy_tree(&root, &root, &dir.canonicalize()?, &mut count)?;
    Ok(count)
}

fn left_out(relative: &Path) -> bool {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let parent = relative.parent().unwrap_or(Path::new(""));
    let in_exercises =
        parent == Path::new("exercises") || parent == Path::new("examples-mpi/exercises");
    let student_copy = in_exercises && name.len() == 4 && name.starts_with("ex");
    name == "target" || name == ".git" || (in_exercises && name == "answer-key") || student_copy
}

fn copy_tree(root: &Path, from: &Path, to: &Path, count: &mut usize) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).expect("inside the workspace");
        if left_out(relative) || path == to {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(root, &path, &target, count)?;
        } else if relative == Path::new("EXERCISES.md") {
            fs::write(&target, students_exercises(&fs::read_to_string(&path)?))?;
            *count += 1;
        } else {
            fs::copy(&path, &target)?;
            *count += 1;
        }
    }
    Ok(())
}

/// EXERCISES.md for students: up to the part for teachers, without the *Teacher:* notes (each
/// runs from its line to the end of its paragraph).
pub fn students_exercises(text: &str) -> String {
    let body = text.split(&format!("\n{TEACHERS}")).next().unwrap_or_default();
    let body = body.trim_end().trim_end_matches("---").trim_end();
    let mut out = String::new();
    let mut in_note = false;
    for line in body.lines() {
        in_note = (in_note && !line.trim().is_empty()) || line.starts_with("*Teacher:*");
        if !in_note {
            out += line;
            out += "\n";
        }
    }
    out
}
