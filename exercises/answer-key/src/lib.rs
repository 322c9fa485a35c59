//! The teachers' answer key: its tests (`tests/`) run every check on the answers of every
//! exercise folder. Its code reads the kept wrong answers, each a patch on the file it is
//! closest to ([`patch`]): `answers/wrong/exNN-wrong-NAME.patch`.

pub mod patch;

use check::exercises::{self, Exercise};
use check::workspace;
use patch::Patch;
use std::path::PathBuf;

/// A kept wrong answer: `answers/wrong/NAME.patch`, on the file its `--- a/FILE` line names.
pub struct WrongAnswer {
    pub name: String,
    pub patch: Patch,
    /// The file it applies to: FILE among the exercises' answers (`ex06-solution.rs`, in
    /// `answers/src/bin/` or `answers/refused/`, its own exercise's first), or, for a path,
    /// FILE from the workspace's root (`examples-processes/io-processes/src/main.rs`).
    pub base: PathBuf,
}

impl WrongAnswer {
    /// The wrong answer `name` of `e` (listed by `e.answers("wrong")`), read.
    pub fn read(e: &Exercise, name: &str) -> Result<WrongAnswer, String> {
        let path = e.dir.join("answers/wrong").join(format!("{name}.patch"));
        let text = std::fs::read_to_string(&path).map_err(|err| format!("{name}.patch: {err}"))?;
        let patch = Patch::parse(&text).map_err(|err| format!("{name}.patch: {err}"))?;
        let base = if patch.file.contains('/') {
            Some(workspace::root().join(&patch.file))
        } else {
            let mut all = exercises::all();
            all.sort_by_key(|o| o.number != e.number);
            let places = all
                .iter()
                .flat_map(|o| ["src/bin", "refused"].map(|s| o.dir.join("answers").join(s)));
            places.map(|dir| dir.join(&patch.file)).find(|f| f.is_file())
        };
        let base = base
            .filter(|f| f.is_file())
            .ok_or(format!("{name}.patch applies to {}, which is not there", patch.file))?;
        Ok(WrongAnswer { name: name.to_string(), patch, base })
    }

    /// The wrong program's source: the patch applied to its file; or why it no longer applies,
    /// naming both.
    pub fn source(&self) -> Result<String, String> {
        let old = std::fs::read_to_string(&self.base)
            .map_err(|err| format!("{}: {err}", self.base.display()))?;
        self.patch.apply(&old).map_err(|err| {
            format!("{}.patch no longer applies to {}: {err}", self.name, self.patch.file)
        })
    }
}
