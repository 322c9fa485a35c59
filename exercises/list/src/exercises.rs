//! The exercises, read from their folders when `check` runs: `exercises/NN-slug/` and, for
//! those on MPI, `examples-mpi/exercises/NN-slug/`. Each folder holds `exercise.toml` (title,
//! chapter, starting example, kind), `exercise.md` (the text), `hint.md`, `check.rs` (compiled
//! into `check` through its registry, `exercises/check/src/registry.rs`, written from these
//! folders) and, in the teachers' tree only, `teacher.md` and `answers/`.

use std::path::{Path, PathBuf};

use crate::exercise_toml::{self, Value};
use crate::workspace;

/// How an exercise is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Its outcome is a fact: the check runs the program and asserts it.
    Checked,
    /// Its outcome is a compiler error: the check builds the program and reads the refusal.
    Refused,
    /// Its outcome is a timing (or needs what the machine may lack): `check N` runs the
    /// commands and shows the figures, asserting nothing.
    Observed,
}

/// One exercise, from its folder.
#[derive(Clone, Debug)]
pub struct Exercise {
    pub number: usize,
    /// Its folder, `exercises/01-count-lines-join`.
    pub dir: PathBuf,
    pub title: String,
    /// The heading of EXERCISES.md it goes under.
    pub chapter: String,
    /// The example `start N` copies.
    pub start: String,
    pub kind: Kind,
    /// An exercise whose copy, when the student has one, `start` copies instead of `start`.
    pub continues: Option<usize>,
    /// Crates the copy gets on top of the starting example's (`crossbeam-channel`).
    pub dependencies: Vec<String>,
    /// Programs of the workspace that answer it (examples, or another exercise's solution).
    pub answered_by: Vec<String>,
    /// What usually makes a program of this exercise block, said when a run is stopped.
    pub blocked: Option<String>,
}

impl Exercise {
    /// Whether it is built and run with MPI (its folder is under `examples-mpi/`).
    pub fn mpi(&self) -> bool {
        self.dir.parent().and_then(Path::parent).is_some_and(|p| p.ends_with("examples-mpi"))
    }

    /// Its text for students (`exercise.md`): what to do, what to observe.
    pub fn text(&self) -> String {
        self.read("exercise.md").unwrap_or_default()
    }

    /// Its hint (`hint.md`).
    pub fn hint(&self) -> Option<String> {
        self.read("hint.md")
    }

    /// The note for teachers (`teacher.md`), in the teachers' tree only.
    pub fn teacher(&self) -> Option<String> {
        self.read("teacher.md")
    }

    fn read(&self, file: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.join(file)).ok().map(|t| t.trim_end().to_string())
    }

    /// The package and program name of the student's copy: `ex06`.
    pub fn package(&self) -> String {
        format!("ex{:02}", self.number)
    }

    /// The folder of the student's copy: `exercises/ex06` (for MPI, `examples-mpi/exercises/ex22`).
    pub fn copy_dir(&self) -> PathBuf {
        self.dir.parent().expect("an exercises/ folder").join(self.package())
    }

    /// The folder of the example the copy starts from.
    pub fn start_dir(&self) -> Option<PathBuf> {
        workspace::example_dir(&self.start)
    }

    /// The answers named `exNN-PREFIX…` (teachers' tree), each a patch ([`crate::answers`]): the
    /// solutions, `answers/solutions/exNN-solution*.patch`, on the copy of the starting example
    /// that `check start` makes; the kept wrong answers, `answers/wrong/exNN-wrong-*.patch`, on
    /// a solution (or an example).
    pub fn answers(&self, prefix: &str) -> Vec<String> {
        let dir = if prefix == "wrong" { "wrong" } else { "solutions" };
        let mut names = workspace::files(&self.dir.join("answers").join(dir), "patch");
        names.retain(|name| name.starts_with(&format!("ex{:02}-{prefix}", self.number)));
        names.sort(); // by name: `ex06-solution` before `ex06-solution-fast`
        names
    }
}

/// A source with its usage line's program name `name` renamed `new`: every time the line names
/// it (`usage: mpi-bcast    started as `mpirun -n RANKS mpi-bcast``), without the book's anchor
/// lines (`// ANCHOR: spawn`, which mark the parts a chapter shows) and without the header's
/// line `//! Exercises: …` (the exercises that start from the example, which change as
/// exercises are added: a solution's patch must not depend on them), the rest of the source as
/// it was (`check start` copies a source so; `check grade` compares a copy with it; a solution's
/// patch applies to it).
pub fn renamed(text: &str, name: &str, new: &str) -> String {
    let usage = format!("\"usage: {name} ");
    let word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let anchor = |l: &str| {
        let l = l.trim_start();
        l.starts_with("// ANCHOR: ") || l.starts_with("// ANCHOR_END: ")
    };
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        if anchor(line) || line.starts_with("//! Exercises: ") {
            continue;
        }
        if !line.contains(&usage) {
            out += line;
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find(name) {
            let before = rest[..at].chars().next_back().is_some_and(word);
            let after = rest[at + name.len()..].chars().next().is_some_and(word);
            out += &rest[..at];
            out += if before || after { name } else { new };
            rest = &rest[at + name.len()..];
        }
        out += rest;
    }
    out
}

/// Every exercise of the workspace, in number order; a folder that cannot be read ends the
/// program with one line naming it.
pub fn all() -> Vec<Exercise> {
    let root = workspace::root();
    let mut all = Vec::new();
    for parent in [root.join("exercises"), root.join("examples-mpi/exercises")] {
        for entry in std::fs::read_dir(&parent).into_iter().flatten().flatten() {
            let dir = entry.path();
            let Some(number) = number(&dir) else { continue };
            match read(number, &dir) {
                Ok(e) => all.push(e),
                Err(e) => course_support::fail(&format!("{}: {e}", workspace::shown(&dir))),
            }
        }
    }
    all.sort_by_key(|e| e.number);
    for pair in all.windows(2) {
        if pair[0].number == pair[1].number {
            course_support::fail(&format!(
                "two folders for exercise {}: {} and {}",
                pair[0].number,
                workspace::shown(&pair[0].dir),
                workspace::shown(&pair[1].dir)
            ));
        }
    }
    all
}

/// Exercise `n`, if there is one.
pub fn exercise(n: usize) -> Option<Exercise> {
    all().into_iter().find(|e| e.number == n)
}

/// `NN` of a folder named `NN-slug`.
fn number(dir: &Path) -> Option<usize> {
    let name = dir.file_name()?.to_str()?;
    let (n, slug) = name.split_once('-')?;
    let ok = n.len() == 2 && !slug.is_empty() && dir.join("exercise.toml").is_file();
    ok.then(|| n.parse().ok()).flatten()
}

fn read(number: usize, dir: &Path) -> Result<Exercise, String> {
    let text = std::fs::read_to_string(dir.join("exercise.toml")).map_err(|e| e.to_string())?;
    let keys = exercise_toml::parse(&text).map_err(|e| format!("exercise.toml: {e}"))?;
    let text = |key: &str| match keys.iter().find(|(k, _)| k == key) {
        Some((_, Value::Text(t))) => Ok(Some(t.clone())),
        Some(_) => Err(format!("exercise.toml: {key} must be a \"text\"")),
        None => Ok(None),
    };
    let list = |key: &str| match keys.iter().find(|(k, _)| k == key) {
        Some((_, Value::List(l))) => Ok(l.clone()),
        Some(_) => Err(format!("exercise.toml: {key} must be a [\"list\"]")),
        None => Ok(Vec::new()),
    };
    let required = |key: &str| text(key)?.ok_or(format!("exercise.toml: {key} is missing"));
    let known = [
        "title",
        "chapter",
        "start",
        "kind",
        "continues",
        "dependencies",
        "answered-by",
        "blocked",
    ];
    if let Some((key, _)) = keys.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        return Err(format!("exercise.toml: unknown key {key} (known: {})", known.join(", ")));
    }
    let kind = match required("kind")?.as_str() {
        "checked" => Kind::Checked,
        "refused" => Kind::Refused,
        "observed" => Kind::Observed,
        other => {
            return Err(format!("exercise.toml: kind = \"{other}\": checked, refused or observed"));
        }
    };
    let a_number =
        |n: String| n.parse().map_err(|_| format!("exercise.toml: continues = \"{n}\": a number"));
    let continues = text("continues")?.map(a_number).transpose()?;
    Ok(Exercise {
        number,
        dir: dir.to_path_buf(),
        title: required("title")?,
        chapter: required("chapter")?,
        start: required("start")?,
        kind,
        continues,
        dependencies: list("dependencies")?,
        answered_by: list("answered-by")?,
        blocked: text("blocked")?,
    })
}
