//! The teachers' answer key: its tests (`tests/`) run every check on the answers of every
//! exercise folder. The answers are patches, read and applied by `exercise-list`
//! (`exercise_list::answers`): each solution on the copy of its starting example, each kept
//! wrong answer on its solution.

use check::exercises::Exercise;
use check::grade::Builder;
use check::{Run, workspace};
use exercise_list::answers::Answer;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A kept answer, applied and built.
pub struct Built {
    /// The program (for a refusal exercise, the source itself: its check compiles it).
    pub program: PathBuf,
    /// Its source, `main.rs`.
    pub source: PathBuf,
}

/// Applies answer `a` of exercise `e` (`exercise_list::answers`) and builds it as
/// `check N --program FILE.rs` builds a program, with `builder` (made for `e`, which may not be
/// the exercise that owns `a`: exercise 20 builds exercise 19's solution): its source is written
/// to `dir/NAME.rs`, the build done in `dir/NAME/`. A patch that no longer applies or a program
/// that does not build is an error, in words, naming it.
pub fn build(e: &Exercise, builder: &Builder, a: &Answer, dir: &Path) -> Result<Built, String> {
    let text = a.source()?;
    let file = dir.join(format!("{}.rs", a.name));
    std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::write(&file, text))
        .map_err(|err| format!("{}: {err}", file.display()))?;
    if e.kind == check::exercises::Kind::Refused {
        return Ok(Built { program: file.clone(), source: file });
    }
    let home = dir.join(&a.name);
    let shown = format!("cargo build ({}.patch applied to {})", a.name, a.patch.file);
    let (build, program) = builder.build_source(&file, &home, &shown);
    let program = program.ok_or_else(|| {
        let first = build.stderr.lines().find(|l| l.starts_with("error")).unwrap_or_default();
        format!("{shown} failed: {first}")
    })?;
    Ok(Built { program, source: home.join("src/main.rs") })
}

/// `check ARGS` run in the workspace, with `TMPDIR` set to `tmp` if given.
pub fn check(args: &[&str], tmp: Option<&Path>) -> Run {
    let mut cmd = Command::new(workspace::built(false, "check", "check"));
    cmd.args(args).current_dir(workspace::root());
    if let Some(tmp) = tmp {
        cmd.env("TMPDIR", tmp);
    }
    let shown = format!("check {}", args.join(" "));
    harness::run_watched(&mut cmd, shown, harness::LONG_TIMEOUT, |_| {})
}

/// Every file under `dir` (`dir` itself, if a file), with its content.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    if dir.is_file() {
        all.insert(dir.to_path_buf(), std::fs::read(dir).unwrap());
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        all.extend(files(&entry.path()));
    }
    all
}
