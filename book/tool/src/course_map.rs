//! The course map, `book/src/course-map.md`, hand-edited: a list per course section, in the
//! course's order, of the examples (each: its page, the Python it mirrors, the command, what you
//! will see; see [`parse`]). Each is a row; a package may have several rows (several ways to run
//! it).

use std::path::Path;

/// One row of the map.
#[derive(Clone, Debug, Default, PartialEq)]
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
            let release = rest.first() == Some(&"--release");
            let (package, args) = match &rest[usize::from(release)..] {
                ["-p", package] => (package, &[][..]),
                ["-p", package, "--", args @ ..] => (package, args),
                _ => return None,
            };
            let package = package.to_string();
            return Some(Invocation::Cargo { release, package, args: owned(args) });
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

    /// Whether a stored run of `self` shows what `base`, a course-map row's command, does: the
    /// same program, built and started the same way, with the row's arguments first and maybe
    /// more after them (a lighter run: pi-scaling's stored run fixes its workers and points).
    pub fn extends(&self, base: &Invocation) -> bool {
        match (self, base) {
            (
                Invocation::Cargo { release, package, args },
                Invocation::Cargo { release: r, package: p, args: a },
            ) => release == r && package == p && args.starts_with(a),
            (
                Invocation::Mpirun { ranks, package, args },
                Invocation::Mpirun { ranks: n, package: p, args: a },
            ) => ranks == n && package == p && args.starts_with(a),
            _ => false,
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

/// The labels of an example's fields, in the order the map writes them.
pub const FIELDS: [&str; 3] = ["Python: ", "Command: ", "You will see: "];

/// An example's line: `` - [`PACKAGE`](examples/PACKAGE.md) `` and, after ` — `, its own words
/// about the section.
fn example_line(line: &str) -> Result<(String, Option<String>), String> {
    let bad = || format!("not `- [`PACKAGE`](examples/PACKAGE.md)` (then ` — ` and words): {line}");
    let rest = line.strip_prefix("- [`").ok_or_else(bad)?;
    let (package, rest) = rest.split_once("`](examples/").ok_or_else(bad)?;
    let (target, rest) = rest.split_once(".md)").ok_or_else(bad)?;
    if target != package || package.is_empty() || package.contains(char::is_whitespace) {
        return Err(format!("the link of {package} goes to examples/{target}.md: {line}"));
    }
    let own = match rest {
        "" => None,
        _ => Some(rest.strip_prefix(" — ").filter(|o| !o.trim().is_empty()).ok_or_else(bad)?),
    };
    Ok((package.to_string(), own.map(|o| o.trim().to_string())))
}

/// The examples of the map, in its order. The map is a list per course section: a heading
/// (`##` or `###`: the section, as the rows' `section` starts), then per example a line
/// `` - [`PACKAGE`](examples/PACKAGE.md) `` (with ` — ` and the example's own words about the
/// section, added to it after a comma) and its three fields, one line each, in this order:
/// `  - Python: …`, `` - Command: `…` `` (one code span), `  - You will see: …`. An error names
/// the line and what is wrong.
pub fn parse(text: &str) -> Result<Vec<Row>, String> {
    let mut rows: Vec<Row> = Vec::new();
    let mut heading: Option<String> = None;
    // The example being read, and how many of its fields were read.
    let mut open: Option<(Row, usize)> = None;
    let close = |open: &mut Option<(Row, usize)>, rows: &mut Vec<Row>| match open.take() {
        Some((row, 3)) => {
            rows.push(row);
            Ok(())
        }
        Some((row, n)) => Err(format!("{}: no line `  - {}…`", row.package, FIELDS[n])),
        None => Ok(()),
    };
    for (number, line) in text.lines().enumerate() {
        let at = |why: String| format!("line {}: {why}", number + 1);
        if let Some(title) = line.strip_prefix("## ").or_else(|| line.strip_prefix("### ")) {
            close(&mut open, &mut rows).map_err(at)?;
            heading = Some(title.trim().to_string());
        } else if line.starts_with("- ") {
            close(&mut open, &mut rows).map_err(at)?;
            let (package, own) = example_line(line).map_err(at)?;
            let heading =
                heading.as_deref().ok_or_else(|| at("an example before any heading".into()))?;
            // A section's heading and the example's own words (after ` — `): `« Notion de
            // vérouillage », without the lock`; `Beyond the course, « Les limitations », …`.
            let section = own.map_or(heading.to_string(), |own| format!("{heading}, {own}"));
            let row = Row { section, package, ..Row::default() };
            open = Some((row, 0));
        } else if let Some(field) = line.strip_prefix("  - ") {
            let Some((row, n)) = open.as_mut() else {
                return Err(at(format!("a field outside an example: {line}")));
            };
            let label = FIELDS.get(*n).unwrap_or(&"(nothing more)");
            let value = field.strip_prefix(label).map(str::trim).filter(|v| !v.is_empty());
            let value = value.ok_or_else(|| {
                at(format!("{}: expected `  - {label}…`, got: {line}", row.package))
            })?;
            match *n {
                0 => row.python = value.to_string(),
                1 => {
                    let command = value.strip_prefix('`').and_then(|c| c.strip_suffix('`'));
                    let command = command.filter(|c| !c.is_empty() && !c.contains('`'));
                    let not_one =
                        || format!("{}: the command is not one code span: {value}", row.package);
                    row.command = command.ok_or_else(|| at(not_one()))?.to_string();
                }
                _ => row.observe = value.to_string(),
            }
            *n += 1;
        } else if line.starts_with(' ') && !line.trim().is_empty() {
            return Err(at(format!("a line the map does not read (a field is one line): {line}")));
        } else {
            close(&mut open, &mut rows).map_err(at)?;
        }
    }
    close(&mut open, &mut rows)?;
    if rows.is_empty() {
        return Err("no example".into());
    }
    Ok(rows)
}

/// The course map's rows, read from `book/src/course-map.md` under `root`.
pub fn rows(root: &Path) -> Vec<Row> {
    let path = root.join("book/src/course-map.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| course_support::fail(&format!("{}: {e}", path.display())));
    parse(&text).unwrap_or_else(|e| course_support::fail(&format!("{}: {e}", path.display())))
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
    fn a_stored_run_may_add_arguments() {
        let parse = |c: &str| Invocation::parse(c).unwrap();
        let row = parse("cargo run --release -p pi-scaling");
        assert!(row.extends(&row));
        assert!(parse("cargo run --release -p pi-scaling -- --points 1e8").extends(&row));
        assert!(!parse("cargo run -p pi-scaling -- --points 1e8").extends(&row), "the profile");
        assert!(!parse("cargo run --release -p pi-threads").extends(&row), "the program");
        let two = parse("cargo run -p a -- 2");
        assert!(parse("cargo run -p a -- 2 10").extends(&two));
        assert!(!parse("cargo run -p a -- 3 2").extends(&two), "the row's arguments first");
        let mpi = parse("mpirun --oversubscribe -n 4 target/release/b");
        assert!(!parse("mpirun -n 2 target/release/b").extends(&mpi), "the ranks");
        assert!(parse("mpirun -n 4 target/release/b 10").extends(&mpi));
        assert_eq!(cells("| a | `x \\| y` | c |"), ["a", "`x | y`", "c"]);
    }

    const MAP: &str = "# Course map\n\nSome words.\n\n## Notebook\n\n### « A »\n\n\
        - [`a`](examples/a.md)\n  - Python: `f`\n  - Command: `cargo run -p a -- 2`\n  - You will see: x\n\
        - [`b`](examples/b.md) — without the lock\n  - Python: `g`, `h`\n  - Command: `cargo run -p b`\n  - You will see: y; z\n\n\
        ## Beyond the course\n\n- [`c`](examples/c.md) — « A », the vector unit\n  - Python: p\n  - Command: `cargo run -p c`\n  - You will see: w\n\n\
        ## How the programs behave\n\nWords.\n";

    #[test]
    fn the_map_is_read() {
        let rows = parse(MAP).unwrap();
        let row = |section: &str, python: &str, package: &str, command: &str, observe: &str| Row {
            section: section.into(),
            python: python.into(),
            package: package.into(),
            command: command.into(),
            observe: observe.into(),
        };
        assert_eq!(
            rows,
            [
                row("« A »", "`f`", "a", "cargo run -p a -- 2", "x"),
                row("« A », without the lock", "`g`, `h`", "b", "cargo run -p b", "y; z"),
                row("Beyond the course, « A », the vector unit", "p", "c", "cargo run -p c", "w"),
            ]
        );
    }

    #[test]
    fn a_bad_map_is_refused_with_its_line() {
        let fail = |from: &str, to: &str| parse(&MAP.replacen(from, to, 1)).unwrap_err();
        assert!(fail("  - Python: p\n", "").contains("c: expected `  - Python: …`"));
        assert!(fail("  - You will see: x\n", "").contains("a: no line `  - You will see: …`"));
        assert!(fail("examples/a.md", "examples/z.md").contains("line 9: the link of a"));
        assert!(fail("`cargo run -p a -- 2`", "cargo run -p a").contains("not one code span"));
        assert!(fail("  - Python: `f`", "  - Pyth: `f`").contains("expected `  - Python: …`"));
        assert!(
            fail("  - You will see: x", "  - You will see: x\n  - More: m").contains("line 13")
        );
        assert!(fail("  - You will see: x", "  - You will see: x\n    y").contains("one line"));
        assert!(fail("## Notebook\n\n### « A »", "Words").contains("before any heading"));
        assert!(fail(") — without", ") without").contains("not `- [`PACKAGE`]"));
        assert_eq!(parse("# Course map\n"), Err("no example".into()));
    }
}
