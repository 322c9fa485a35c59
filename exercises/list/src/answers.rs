//! The kept answers of an exercise, each a patch ([`Patch`]) in its folder `answers/`:
//!
//! - a solution, `answers/solutions/exNN-solution*.patch`, on the copy of the starting example
//!   that `check start N` makes (its `--- a/exercises/exNN/src/main.rs` line names that copy:
//!   `patch -p1 < …` in the course's folder turns a fresh copy into the solution);
//! - a kept wrong answer, `answers/wrong/exNN-wrong-*.patch`, on the file its `--- a/FILE` line
//!   names: a solution (`ex06-solution.rs`, its own exercise's first, else another's), or from
//!   the workspace's root an example that answers the exercise (`examples-…/NAME/src/main.rs`).
//!
//! [`Answer::source`] applies the patches, a wrong answer's after its solution's; one that no
//! longer applies says so, naming the patch.

use std::path::PathBuf;

use crate::exercises::{self, Exercise, renamed};
use crate::patch::Patch;
use crate::workspace;

/// A kept answer, read: its name (`ex06-solution`, `ex06-wrong-join-in-the-loop`), its patch
/// and what the patch applies to.
pub struct Answer {
    pub name: String,
    pub patch: Patch,
    base: Base,
}

/// What an answer's patch applies to.
enum Base {
    /// The copy that `check start` makes of this exercise's starting example.
    Copy(Box<Exercise>),
    /// A solution.
    Solution(Box<Answer>),
    /// A file of the workspace.
    File(PathBuf),
}

impl Answer {
    /// The solution `name` of `e` (listed by `e.answers("solution")`), read.
    pub fn solution(e: &Exercise, name: &str) -> Result<Answer, String> {
        let patch = read(e, "solutions", name)?;
        let copy = workspace::shown_from_root(&e.copy_dir().join("src/main.rs"));
        if patch.file != copy {
            return Err(format!("{name}.patch names {}, not the copy {copy}", patch.file));
        }
        Ok(Answer { name: name.to_string(), patch, base: Base::Copy(Box::new(e.clone())) })
    }

    /// The kept wrong answer `name` of `e` (listed by `e.answers("wrong")`), read.
    pub fn wrong(e: &Exercise, name: &str) -> Result<Answer, String> {
        let patch = read(e, "wrong", name)?;
        let base = if patch.file.contains('/') {
            let file = workspace::root().join(&patch.file);
            if !file.is_file() {
                return Err(format!("{name}.patch applies to {}, which is not there", patch.file));
            }
            Base::File(file)
        } else {
            let solution = patch.file.strip_suffix(".rs").unwrap_or(&patch.file);
            Base::Solution(Box::new(solution_named(e, solution).ok_or(format!(
                "{name}.patch applies to {}, which is not a solution",
                patch.file
            ))??))
        };
        Ok(Answer { name: name.to_string(), patch, base })
    }

    /// The program's source: the patch applied to its base (a solution's patch to the copy of
    /// its example, a wrong answer's to its solution's source); or why it no longer applies,
    /// naming the patch and what it applies to.
    pub fn source(&self) -> Result<String, String> {
        let old = match &self.base {
            Base::Copy(e) => {
                let example = e.start_dir().map(|d| d.join("src/main.rs"));
                let example = example.ok_or(format!("no example {}", e.start))?;
                let text = std::fs::read_to_string(&example)
                    .map_err(|err| format!("{}: {err}", example.display()))?;
                renamed(&text, &e.start, &e.package())
            }
            Base::Solution(solution) => solution.source()?,
            Base::File(file) => {
                std::fs::read_to_string(file).map_err(|err| format!("{}: {err}", file.display()))?
            }
        };
        self.patch.apply(&old).map_err(|err| {
            let on = match &self.base {
                Base::Copy(e) => {
                    format!("{}'s src/main.rs as `check start {}` copies it", e.start, e.number)
                }
                _ => self.patch.file.clone(),
            };
            format!("{}.patch no longer applies to {on}: {err}", self.name)
        })
    }
}

/// `answers/SUB/NAME.patch` of `e`, read.
fn read(e: &Exercise, sub: &str, name: &str) -> Result<Patch, String> {
    let path = e.dir.join("answers").join(sub).join(format!("{name}.patch"));
    let text = std::fs::read_to_string(&path).map_err(|err| format!("{name}.patch: {err}"))?;
    Patch::parse(&text).map_err(|err| format!("{name}.patch: {err}"))
}

/// The solution `name`, of `e` first, else of the exercise that has it (exercise 20's wrong
/// answers patch exercise 19's solution).
pub fn solution_named(e: &Exercise, name: &str) -> Option<Result<Answer, String>> {
    let mut all = exercises::all();
    all.sort_by_key(|o| o.number != e.number);
    let owner = all.into_iter().find(|o| o.answers("solution").iter().any(|s| s == name))?;
    Some(Answer::solution(&owner, name))
}
