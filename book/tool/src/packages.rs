//! The packages of both workspaces, the root one and `examples-mpi/`, as `cargo metadata
//! --no-deps` lists them (it reads the manifests only: no MPI is needed).

use std::path::{Path, PathBuf};
use std::process::Command;

/// One package.
#[derive(Clone, Debug)]
pub struct Package {
    pub name: String,
    /// Its folder, relative to the root: `examples-threads/two-threads`.
    pub dir: PathBuf,
    /// Its manifest's `description`, if it has one.
    pub description: Option<String>,
}

/// What a package is, for the book: where its page goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An example (a folder of `examples-*/` with a `src/main.rs`): `examples/<name>.md`.
    Example,
    /// The answer key: `teachers/<name>.md`.
    Teachers,
    /// A tool of the workspace: `workspace/<name>.md`.
    Tool,
}

impl Package {
    pub fn kind(&self) -> Kind {
        let first = self.dir.components().next().and_then(|c| c.as_os_str().to_str());
        let in_examples = first.is_some_and(|f| f.starts_with("examples-"));
        if self.name == "answer-key" {
            Kind::Teachers
        } else if in_examples && self.dir.components().count() == 2 {
            Kind::Example
        } else {
            Kind::Tool
        }
    }

    /// Its page, relative to `book/src/`.
    pub fn page(&self) -> String {
        let folder = match self.kind() {
            Kind::Example => "examples",
            Kind::Teachers => "teachers",
            Kind::Tool => "workspace",
        };
        format!("{folder}/{}.md", self.name)
    }
}

/// The manifests `cargo metadata --no-deps` lists for the workspace of `manifest`.
pub fn manifests(manifest: &Path) -> Result<Vec<PathBuf>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--no-deps", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(format!("cargo metadata --manifest-path {}: {why}", manifest.display()));
    }
    let json = String::from_utf8_lossy(&out.stdout);
    let key = "\"manifest_path\":\"";
    let mut found: Vec<PathBuf> = json
        .match_indices(key)
        .map(|(at, _)| {
            let rest = &json[at + key.len()..];
            PathBuf::from(&rest[..rest.find('"').unwrap_or(rest.len())])
        })
        .collect();
    found.sort();
    Ok(found)
}

/// A `key = "value"` of the `[package]` section of a manifest (escapes `\"` and `\\` read).
pub fn manifest_value(text: &str, key: &str) -> Option<String> {
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(value) = line.strip_prefix(key) {
            let value = value.trim_start().strip_prefix('=')?;
            return exercise_list::exercise_toml::string(value.trim());
        }
    }
    None
}

/// Every package of both workspaces, sorted by name; an error names what failed.
pub fn all(root: &Path) -> Result<Vec<Package>, String> {
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let mut packages = Vec::new();
    for workspace in [root.join("Cargo.toml"), root.join("examples-mpi/Cargo.toml")] {
        for manifest in manifests(&workspace)? {
            let text = std::fs::read_to_string(&manifest)
                .map_err(|e| format!("{}: {e}", manifest.display()))?;
            let name = manifest_value(&text, "name")
                .ok_or(format!("{}: no package name", manifest.display()))?;
            let dir = manifest.parent().unwrap_or(&manifest);
            let dir = dir.strip_prefix(&root).unwrap_or(dir).to_path_buf();
            let description = manifest_value(&text, "description");
            packages.push(Package { name, dir, description });
        }
    }
    packages.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(packages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_pages() {
        let p = |name: &str, dir: &str| Package {
            name: name.into(),
            dir: dir.into(),
            description: None,
        };
        assert_eq!(
            p("two-threads", "examples-threads/two-threads").page(),
            "examples/two-threads.md"
        );
        assert_eq!(p("mpi-bcast", "examples-mpi/mpi-bcast").page(), "examples/mpi-bcast.md");
        assert_eq!(p("answer-key", "exercises/answer-key").kind(), Kind::Teachers);
        assert_eq!(p("book-tool", "book/tool").page(), "workspace/book-tool.md");
        assert_eq!(
            manifest_value(
                "[package]\nname = \"a\"\ndescription = \"say \\\"b\\\"\"\n",
                "description"
            ),
            Some("say \"b\"".into())
        );
    }
}
