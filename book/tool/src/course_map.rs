//! The course map, `book/src/course-map.md`: one table, hand-edited, whose columns are Course
//! section | Python | Package | Command | What you will see. Its rows are the examples, in the
//! course's order; a package may have several rows (several ways to run it).

use std::path::Path;

/// One row of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The course section, as the map writes it: `« Notion de vérouillage » (without the lock)`.
    pub section: String,
    /// The Python it mirrors (Markdown: `` `Counter`, `worker` ``).
    pub python: String,
    /// The package, without its backquotes.
    pub package: String,
    /// The command, without its backquotes.
    pub command: String,
    /// What you will see (Markdown; its links are relative to `book/src/`).
    pub observe: String,
}

/// How a row's command runs its program.
#[derive(Clone, Debug, PartialEq)]
pub enum Invocation {
    /// `cargo run [--release] -p PACKAGE [-- ARGS…]`.
    Cargo { release: bool, package: String, args: Vec<String> },
    /// `mpirun [--oversubscribe] -n RANKS target/release/PACKAGE [ARGS…]`.
    Mpirun { ranks: usize, package: String, args: Vec<String> },
}

impl Invocation {
    /// Reads a course-map command; `None` for any other form.
    pub fn parse(command: &str) -> Option<Invocation> {
        let words: Vec<&str> = command.split_whitespace().collect();
        let owned = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        if let Some(rest) = words.strip_prefix(&["cargo", "run"]) {
            let (release, rest) = match rest.strip_prefix(&["--release"]) {
                Some(rest) => (true, rest),
                None => (false, rest),
            };
            return match rest {
                ["-p", package] => {
                    Some(Invocation::Cargo { release, package: package.to_string(), args: vec![] })
                }
                ["-p", package, "--", args @ ..] => Some(Invocation::Cargo {
                    release,
                    package: package.to_string(),
                    args: owned(args),
                }),
                _ => None,
            };
        }
        let rest = words.strip_prefix(&["mpirun"])?;
        let rest = rest.strip_prefix(&["--oversubscribe"]).unwrap_or(rest);
        match rest {
            ["-n", ranks, program, args @ ..] => Some(Invocation::Mpirun {
                ranks: ranks.parse().ok()?,
                package: program.strip_prefix("target/release/")?.to_string(),
                args: owned(args),
            }),
            _ => None,
        }
    }

    /// The package whose program it runs.
    pub fn package(&self) -> &str {
        match self {
            Invocation::Cargo { package, .. } | Invocation::Mpirun { package, .. } => package,
        }
    }

    /// Whether the program is a release build (`--release`, or `target/release/` under mpirun).
    pub fn release(&self) -> bool {
        match self {
            Invocation::Cargo { release, .. } => *release,
            Invocation::Mpirun { .. } => true,
        }
    }
}

/// The cells of a Markdown table row; `\|` inside a cell is not a separator (it stays `|`).
pub fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push(chars.next().unwrap())
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// The rows of the first table of `text` whose header has the five columns of the map.
pub fn parse(text: &str) -> Result<Vec<Row>, String> {
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    if lines.len() < 3 {
        return Err("no table".into());
    }
    let header = cells(lines[0]);
    let column = |name: &str| {
        header.iter().position(|h| h == name).ok_or(format!("no column {name:?} in {header:?}"))
    };
    let (section, python, package, command, observe) = (
        column("Course section")?,
        column("Python")?,
        column("Package")?,
        column("Command")?,
        column("What you will see")?,
    );
    let code = |cell: &str| cell.trim_matches('`').to_string();
    lines[2..]
        .iter()
        .map(|line| {
            let row = cells(line);
            if row.len() != header.len() {
                return Err(format!(
                    "a row with {} cells, not {}: {line}",
                    row.len(),
                    header.len()
                ));
            }
            Ok(Row {
                section: row[section].clone(),
                python: row[python].clone(),
                package: code(&row[package]),
                command: code(&row[command]),
                observe: row[observe].clone(),
            })
        })
        .collect()
}

/// The course map's rows, read from `book/src/course-map.md` under `root`.
pub fn rows(root: &Path) -> Vec<Row> {
    let path = root.join("book/src/course-map.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| course_support::fail(&format!("{}: {e}", path.display())));
    parse(&text).unwrap_or_else(|e| course_support::fail(&format!("{}: {e}", path.display())))
}

/// The stored output's file name of each row, in order: `<package>.txt` for a package's first
/// row, `<package>-2.txt`, `<package>-3.txt` for the next ones.
pub fn output_names(rows: &[Row]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    rows.iter()
        .map(|row| {
            seen.push(&row.package);
            match seen.iter().filter(|p| **p == row.package).count() {
                1 => format!("{}.txt", row.package),
                n => format!("{}-{n}.txt", row.package),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_read() {
        assert_eq!(
            Invocation::parse("cargo run --release -p pi-threads -- 4 1e9"),
            Some(Invocation::Cargo {
                release: true,
                package: "pi-threads".into(),
                args: vec!["4".into(), "1e9".into()]
            })
        );
        assert_eq!(
            Invocation::parse("mpirun --oversubscribe -n 4 target/release/mpi-bcast"),
            Some(Invocation::Mpirun { ranks: 4, package: "mpi-bcast".into(), args: vec![] })
        );
        assert_eq!(Invocation::parse("cargo run -p a b"), None);
        assert_eq!(Invocation::parse("mpirun -n 4 mpi-bcast"), None);
    }

    #[test]
    fn a_package_with_two_rows_gets_two_files() {
        let row = |p: &str| Row {
            section: String::new(),
            python: String::new(),
            package: p.into(),
            command: String::new(),
            observe: String::new(),
        };
        let rows = [row("a"), row("b"), row("a")];
        assert_eq!(output_names(&rows), ["a.txt", "b.txt", "a-2.txt"]);
        assert_eq!(cells("| a | `x \\| y` | c |"), ["a", "`x | y`", "c"]);
    }
}
