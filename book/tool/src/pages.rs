//! The book's generated pages, SUMMARY.md included, made from the course map, the examples'
//! `//!` headers, the exercises' folders, the packages of both workspaces and the templates of
//! `check` (the exercises' head, the teachers' part). In a tree without the teachers' part
//! (the students' handout: no `exercises/answer-key/`), the teachers' pages and the part "For
//! teachers" of SUMMARY.md are left out, and so are the pages of exercises whose folder is not
//! there: `pages` run in a handout writes the handout's book.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use exercise_list::exercises::{Exercise, Kind as ExerciseKind};
use exercise_list::exercises_md;
use exercise_list::workspace::shown_from_root;

use crate::course_map::{self, Row};
use crate::notebooks::{self, NOTEBOOKS, Notebook};
use crate::packages::{self, Kind, Package};

/// The pages written by hand (relative to `book/src/`), besides the chapters (one per heading
/// of the notebooks, in `notebook-02/` and `notebook-03/`, see [`chapter_pages`]) and the pages
/// of "Beyond the course" (every page of [`BEYOND`]); every other page is generated. Those of
/// `rust/` make the part "Rust for the course", and those of `teachers/` (among the generated
/// ones, which `pages` leaves alone; like every teachers' page, not in the students' handout)
/// open the part "For teachers", in this order, each under its title (its first line).
pub const HAND_WRITTEN: &[&str] = &[
    "introduction.md",
    "course-map.md",
    "rust/ownership-across-threads.md",
    "rust/crates.md",
    PYTHON_TO_RUST,
    "rust/glossary.md",
    "teachers/session.md",
    "teachers/runs.md",
];

/// The folder of the part "Beyond the course": its pages, written by hand, are the files there,
/// in the order of their names.
pub const BEYOND: &str = "beyond";

/// The page of the tables of what each Python construct (and mpi4py call) becomes, from which
/// each example's page quotes its rows.
pub const PYTHON_TO_RUST: &str = "rust/python-to-rust.md";

/// The tool package every example uses, whose page is for students too (in "Rust for the
/// course", and in the handout); the other tools' pages are for maintainers.
pub const SUPPORT: &str = "course-support";

/// The folders whose pages are all generated (`pages` removes any other page there).
pub const GENERATED_FOLDERS: &[&str] = &["examples", "exercises", "workspace", "teachers"];

/// The chapters, written by hand: one page per heading of the notebooks, in the course's order.
pub fn chapter_pages() -> Vec<String> {
    NOTEBOOKS.iter().flat_map(|nb| (0..nb.outline.len()).map(|i| chapter_page(nb, i))).collect()
}

/// Hand-written pages (relative to `book/src/` under `root`) with their titles: their first
/// line, `# Title`.
fn titled(root: &Path, pages: &[String]) -> Result<Vec<(String, String)>, String> {
    let title = |page: &String| {
        let text = std::fs::read_to_string(root.join("book/src").join(page))
            .map_err(|e| format!("book/src/{page}: {e}"))?;
        let title = text.lines().next().and_then(|l| l.strip_prefix("# "));
        let title = title.ok_or(format!("book/src/{page}: no title, `# …`, on its first line"))?;
        Ok((page.clone(), title.trim().to_string()))
    };
    pages.iter().map(title).collect()
}

/// The examples' figures: each `book/src/figures/NAME.svg` is the figure of the package NAME,
/// shown on its page with the description a hand-written page gives it
/// (`![description](../figures/NAME.svg)`), else `NAME: its figure`.
fn figures(root: &Path, hand_written: &[String]) -> Vec<(String, String)> {
    let src = root.join("book/src");
    let texts: Vec<String> =
        hand_written.iter().filter_map(|p| std::fs::read_to_string(src.join(p)).ok()).collect();
    let names = exercise_list::workspace::files(&src.join("figures"), "svg");
    let describe = |name: String| {
        let link = format!("](../figures/{name}.svg)");
        let described = texts.iter().find_map(|t| {
            let at = t.find(&link)?;
            let open = t[..at].rfind("![")?;
            Some(t[open + 2..at].to_string())
        });
        let what = described.unwrap_or_else(|| format!("{name}: its figure"));
        (name, what)
    };
    names.into_iter().map(describe).collect()
}

/// What the pages are made from.
pub struct Sources {
    pub rows: Vec<Row>,
    /// Each row's stored output (relative to the root, see [`crate::outputs::files`]) and the
    /// exit status it states.
    pub outputs: Vec<(PathBuf, i32)>,
    pub packages: Vec<Package>,
    pub exercises: Vec<Exercise>,
    /// The rows of the tables of [`PYTHON_TO_RUST`]: (Python, Rust, shown in).
    pub python_rust: Vec<[String; 3]>,
    /// The hand-written pages of `rust/` and (teachers' tree) `teachers/`, and the pages of
    /// "Beyond the course", with their titles (see [`HAND_WRITTEN`], [`titled`]).
    pub rust: Vec<(String, String)>,
    pub teachers_pages: Vec<(String, String)>,
    pub beyond: Vec<(String, String)>,
    /// The examples' figures: (package, description), see [`figures`].
    pub figures: Vec<(String, String)>,
}

impl Sources {
    /// Reads them all from the workspace at `root`; an error names what could not be read.
    pub fn read(root: &Path) -> Result<Sources, String> {
        let rows = course_map::rows(root);
        let packages = packages::all(root)?;
        let outputs = crate::outputs::files(&rows, &packages)?;
        let outputs = outputs
            .into_iter()
            .map(|file| {
                let text = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
                let status = crate::outputs::parse(&text).map_or(0, |s| s.status);
                (file, status)
            })
            .collect();
        let python_rust = format!("book/src/{PYTHON_TO_RUST}");
        let python_rust = std::fs::read_to_string(root.join(&python_rust))
            .map_err(|e| format!("{python_rust}: {e}"))?;
        let in_folder = |folder: &str| -> Vec<String> {
            let pages = HAND_WRITTEN.iter().filter(|p| p.starts_with(&format!("{folder}/")));
            pages.map(|p| p.to_string()).collect()
        };
        let teachers = packages.iter().any(|p| p.name == "answer-key");
        let beyond = exercise_list::workspace::files(&root.join("book/src").join(BEYOND), "md");
        let beyond: Vec<String> = beyond.iter().map(|p| format!("{BEYOND}/{p}.md")).collect();
        let mut hand_written: Vec<String> = HAND_WRITTEN.iter().map(|p| p.to_string()).collect();
        hand_written.extend(chapter_pages());
        hand_written.extend(beyond.iter().cloned());
        Ok(Sources {
            rows,
            outputs,
            packages,
            exercises: exercise_list::exercises::all(),
            python_rust: python_rust_tables(&python_rust),
            figures: figures(root, &hand_written),
            rust: titled(root, &in_folder("rust"))?,
            teachers_pages: if teachers { titled(root, &in_folder("teachers"))? } else { vec![] },
            beyond: titled(root, &beyond)?,
        })
    }

    fn teachers(&self) -> bool {
        self.packages.iter().any(|p| p.name == "answer-key")
    }

    fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }

    /// `[6. One lock per worker](FOLDER06.md)`, `FOLDER` the exercises' folder from the page
    /// (`../exercises/`), or the number alone when the exercise's folder is not in this tree.
    fn exercise_link(&self, n: usize, folder: &str) -> String {
        match self.exercises.iter().find(|e| e.number == n) {
            Some(e) => format!("[{n}. {}]({folder}{n:02}.md)", e.title),
            None => format!("{n} (not in this tree)"),
        }
    }
}

/// The rows of every table of a page (each table's header and separator lines left out), as
/// (Python, Rust, shown in).
fn python_rust_tables(page: &str) -> Vec<[String; 3]> {
    let lines: Vec<&str> = page.lines().collect();
    let blocks = lines.chunk_by(|a, b| a.starts_with('|') == b.starts_with('|'));
    let tables = blocks.filter(|block| block[0].starts_with('|'));
    let rows = tables.flat_map(|table| table.iter().skip(2));
    rows.filter_map(|row| course_map::cells(row).try_into().ok()).collect()
}

/// Markdown whose relative links are written from `book/src/`, for a page `depth` folders
/// below it: `](beyond/timings.md)` becomes `](../beyond/timings.md)`.
fn relink(markdown: &str, depth: usize) -> String {
    let up = "../".repeat(depth);
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out += &rest[..at + 2];
        rest = &rest[at + 2..];
        let external =
            ["http://", "https://", "#", "/", "mailto:"].iter().any(|p| rest.starts_with(p));
        if !external {
            out += &up;
        }
    }
    out + rest
}

/// Where an example's page is nested: a notebook's heading, or a page of "Beyond the course".
#[derive(Clone, Debug, PartialEq)]
enum Nest {
    Heading(notebooks::Place),
    Beyond(usize),
}

/// Where each example package's page is nested (from its first row), in the rows' order; an
/// error for a row whose section names a heading that no notebook has, or (outside "Beyond the
/// course") no heading at all.
fn nesting(s: &Sources) -> Result<Vec<(String, Nest)>, String> {
    let mut nests: Vec<(String, Nest)> = Vec::new();
    for row in &s.rows {
        let (heading, also) = notebooks::named_headings(&row.section);
        let find = |h: &String| {
            notebooks::find(h)
                .ok_or(format!("{}: no notebook has the heading « {h} »", row.package))
        };
        let place = heading.as_ref().map(find).transpose()?;
        for h in &also {
            find(h)?;
        }
        if nests.iter().any(|(p, _)| *p == row.package) {
            continue;
        }
        // In the map's part "Beyond the course": under the page of that part its row links.
        let nest = match place {
            _ if row.section.starts_with("Beyond the course") => {
                let linked =
                    |(page, _): &(String, String)| row.observe.contains(&format!("]({page}"));
                let b = s.beyond.iter().position(linked).ok_or(format!(
                    "{}: in \"Beyond the course\", but what you will see links no page of book/src/{BEYOND}/",
                    row.package
                ))?;
                Nest::Beyond(b)
            }
            Some(place) => Nest::Heading(place),
            None => {
                return Err(format!(
                    "{}: its section names no heading of the notebooks: {}",
                    row.package, row.section
                ));
            }
        };
        nests.push((row.package.clone(), nest));
    }
    Ok(nests)
}

/// The heading above heading `i` in the outline.
fn parent(nb: &Notebook, i: usize) -> Option<usize> {
    let level = nb.outline[i].0;
    (0..i).rev().find(|&j| nb.outline[j].0 < level)
}

fn chapter_page(nb: &Notebook, i: usize) -> String {
    format!("{}/{}.md", nb.folder, notebooks::slug(nb.outline[i].1))
}

/// Every generated page: (path relative to `book/src/`, text).
pub fn generate(s: &Sources) -> Result<Vec<(String, String)>, String> {
    let mut pages = vec![("SUMMARY.md".to_string(), summary(s)?)];
    let mut by_package: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, row) in s.rows.iter().enumerate() {
        by_package.entry(row.package.as_str()).or_default().push(i);
    }
    for (package, rows) in &by_package {
        let p = s
            .package(package)
            .ok_or(format!("{package}: a row of the course map, but no package"))?;
        pages.push((p.page(), example(s, p, rows)?));
    }
    pages.push(("exercises/index.md".into(), exercises_index(s)));
    for e in &s.exercises {
        pages.push((format!("exercises/{:02}.md", e.number), exercise(s, e)));
    }
    for p in s.packages.iter().filter(|p| p.kind() == Kind::Tool) {
        // The maintainers' pages, like the teachers', stay out of the students' handout.
        if s.teachers() || p.name == SUPPORT {
            pages.push((p.page(), tool(p)));
        }
    }
    if s.teachers() {
        pages.extend(teachers(s)?);
    }
    for p in &s.packages {
        if p.kind() == Kind::Example && !by_package.contains_key(p.name.as_str()) {
            return Err(format!("{}: an example without a row in the course map", p.name));
        }
    }
    Ok(pages)
}

/// SUMMARY.md: the notebooks' chapters in the course's order, each example under its section;
/// then "Beyond the course", the exercises, the workspace and (teachers' tree) the teachers.
fn summary(s: &Sources) -> Result<String, String> {
    let nests = nesting(s)?;
    let mut out =
        String::from("# Summary\n\n[Introduction](introduction.md)\n[Course map](course-map.md)\n");
    out += "\n# Rust for the course\n\n";
    for (page, title) in &s.rust {
        out += &format!("- [{title}]({page})\n");
    }
    if let Some(p) = s.package(SUPPORT) {
        out += &format!("- [The support crate, `{SUPPORT}`]({})\n", p.page());
    }
    for (notebook, nb) in NOTEBOOKS.iter().enumerate() {
        let mut title = nb.name.to_string();
        title[..1].make_ascii_uppercase();
        out += &format!("\n# {title}\n\n");
        // Every heading has its chapter (a section with no program still has its page, which
        // says so), nested under the headings above it.
        for i in 0..nb.outline.len() {
            let depth = std::iter::successors(parent(nb, i), |&p| parent(nb, p)).count();
            let title = notebooks::shown(nb.outline[i].1);
            let indent = "    ".repeat(depth);
            out += &format!("{indent}- [{title}]({})\n", chapter_page(nb, i));
            let here = Nest::Heading(notebooks::Place { notebook, heading: i });
            for (package, _) in nests.iter().filter(|(_, n)| *n == here) {
                out += &format!("{indent}    - [{package}](examples/{package}.md)\n");
            }
        }
    }
    out += "\n# Beyond the course\n\n";
    for (b, (page, title)) in s.beyond.iter().enumerate() {
        out += &format!("- [{title}]({page})\n");
        for (package, _) in nests.iter().filter(|(_, n)| *n == Nest::Beyond(b)) {
            out += &format!("    - [{package}](examples/{package}.md)\n");
        }
    }
    out += "\n# Exercises\n\n- [Your loop](exercises/index.md)\n";
    for e in &s.exercises {
        out += &format!("    - {}\n", s.exercise_link(e.number, "exercises/"));
    }
    if s.teachers() {
        out += "\n# For teachers\n\n";
        for (page, title) in &s.teachers_pages {
            out += &format!("- [{title}]({page})\n");
        }
        out += "- [The handout](teachers/handout.md)\n";
        out += "- [Grading a class](teachers/grading.md)\n";
        out += "- [The answer key](teachers/answer-key.md)\n";
        for e in s.exercises.iter().filter(|e| has_answers(e)) {
            out += &format!("    - [Exercise {}: answers]({})\n", e.number, answers_page(e.number));
        }
        for e in s.exercises.iter().filter(|e| !has_answers(e) && e.teacher().is_some()) {
            out += &format!("    - [Exercise {}: note]({})\n", e.number, notes_page(e.number));
        }
        out += "\n# For maintainers\n\n";
        for p in s.packages.iter().filter(|p| p.kind() == Kind::Tool && p.name != SUPPORT) {
            out += &format!("- [{}]({})\n", p.name, p.page());
        }
    }
    Ok(out)
}

/// The course section of a row, with its notebook and chapter linked (from `examples/`); for a
/// row of "Beyond the course", the chapter it starts from.
fn section_line(row: &Row) -> String {
    let course = row.section.strip_prefix("Beyond the course, ").unwrap_or(&row.section);
    let (heading, _) = notebooks::named_headings(course);
    let place = heading.as_deref().and_then(notebooks::find);
    match place {
        Some(p) => {
            let nb = NOTEBOOKS[p.notebook];
            let title = notebooks::shown(nb.outline[p.heading].1);
            format!(
                "{}, in {}; its chapter here: [{title}](../{}).",
                row.section,
                nb.reference(),
                chapter_page(nb, p.heading)
            )
        }
        None => format!("{}.", row.section),
    }
}

/// The numbers at the end of an example's header, `//! Exercises: 4, 6 (EXERCISES.md).`, and
/// the one it answers (`…; it answers 9 (EXERCISES.md).`).
pub fn header_exercises(main_rs: &str) -> (Vec<usize>, Option<usize>) {
    let header: Vec<&str> = main_rs.lines().take_while(|l| l.starts_with("//!")).collect();
    let Some(list) = header
        .last()
        .and_then(|l| l.strip_prefix("//! Exercises: "))
        .and_then(|l| l.strip_suffix(" (EXERCISES.md)."))
    else {
        return (Vec::new(), None);
    };
    if let Some((_, n)) = list.split_once("it answers ") {
        return (Vec::new(), n.parse().ok());
    }
    (list.split(", ").filter_map(|n| n.parse().ok()).collect(), None)
}

/// An example's page.
fn example(s: &Sources, p: &Package, rows: &[usize]) -> Result<String, String> {
    let name = &p.name;
    let main = p.dir.join("src/main.rs");
    let source = std::fs::read_to_string(crate::root().join(&main))
        .map_err(|e| format!("{}: {e}", main.display()))?;
    let main = main.display();
    let first = &s.rows[rows[0]];
    let mut out = format!("# {name}\n\n**Course section:** {}\n\n", section_line(first));
    out += &format!("**Python it mirrors:** {}.\n", first.python);
    let shown: Vec<&[String; 3]> =
        s.python_rust.iter().filter(|r| r[2].contains(&format!("`{name}`"))).collect();
    if !shown.is_empty() {
        out += &format!("\nFrom [what each Python construct becomes](../{PYTHON_TO_RUST}):\n\n");
        out += "| Python (course) | Rust (this workspace) |\n|---|---|\n";
        for r in shown {
            // Markdown cells again: `|` escaped.
            let [python, rust] = [&r[0], &r[1]].map(|cell| cell.replace('|', "\\|"));
            out += &format!("| {python} | {rust} |\n");
        }
    }
    out += &format!(
        "\n## The program\n\n`{main}`, included here from the file itself:\n\n```rust\n{{{{#include ../../../{main}}}}}\n```\n"
    );
    out += "\n## Run it\n";
    for (k, &i) in rows.iter().enumerate() {
        let row = &s.rows[i];
        if k > 0 {
            out += &format!("\n**Also:** {} — {}.\n", row.section, row.python);
        }
        let (file, status) = &s.outputs[i];
        out += &format!(
            "\n```sh\n{}\n```\n\nA real run (`{1}`):\n\n```text\n{{{{#include ../../../{1}}}}}\n```\n\n**What you will see:** {2}\n",
            match status {
                0 => row.command.clone(),
                status => format!("{}   # exit status {status}", row.command),
            },
            file.display(),
            relink(&row.observe, 1)
        );
    }
    if let Some((_, what)) = s.figures.iter().find(|(p, _)| p == name) {
        out += &format!("\n## Figure\n\n![{what}](../figures/{name}.svg)\n");
    }
    out += "\n## Exercises\n\n";
    match header_exercises(&source) {
        (list, _) if !list.is_empty() => {
            let links: Vec<String> =
                list.iter().map(|&n| s.exercise_link(n, "../exercises/")).collect();
            out += &format!("The exercises that start from it: {}.\n", links.join(", "));
        }
        (_, Some(n)) => {
            out += &format!(
                "No exercise starts from it; it answers exercise {}.\n",
                s.exercise_link(n, "../exercises/")
            );
        }
        _ => out += "No exercise starts from it.\n",
    }
    Ok(out)
}

/// The exercises' first page: the student's loop (the head of EXERCISES.md), then the list.
fn exercises_index(s: &Sources) -> String {
    let head = exercises_md::HEAD.trim_end();
    let head = head.strip_prefix("# Exercises\n").unwrap_or(head);
    // Written for EXERCISES.md: its sentence for maintainers (where that file is made from)
    // is not for the students' page.
    let maintainers =
        head.find(" This file is made from").zip(head.find("edit those, not this file."));
    let head = match maintainers {
        Some((from, to)) => {
            format!("{}{}", &head[..from], &head[to + "edit those, not this file.".len()..])
        }
        None => head.to_string(),
    };
    let mut out = format!("# Your loop\n{head}\n");
    let mut chapter = "";
    for e in &s.exercises {
        if e.chapter != chapter {
            chapter = &e.chapter;
            out += &format!("\n## {chapter}\n\n");
        }
        out += &format!("- {}\n", s.exercise_link(e.number, ""));
    }
    out
}

/// An exercise's page: its text, its hint folded; never its solution.
fn exercise(s: &Sources, e: &Exercise) -> String {
    let n = e.number;
    let start = match s.package(&e.start) {
        Some(p) if p.kind() == Kind::Example => format!("[`{0}`](../examples/{0}.md)", e.start),
        _ => format!("`{}`", e.start),
    };
    let how = match e.kind {
        ExerciseKind::Checked => {
            format!("`cargo run -p check -- {n}` runs your program and checks what it prints")
        }
        ExerciseKind::Refused => format!(
            "`cargo run -p check -- {n}` builds your program and reads the compiler's refusal"
        ),
        ExerciseKind::Observed => format!(
            "observe-only: `cargo run --release -p check -- {n}` runs the commands and prints the figures, asserting nothing (a timing has no right value)"
        ),
    };
    let mut out = format!("# {n}. {}\n\n*Chapter:* {}. *Starts from:* {start}", e.title, e.chapter);
    if let Some(c) = e.continues {
        out += &format!(
            " (or your copy of exercise {}, which it continues)",
            s.exercise_link(c, "../exercises/")
        );
    }
    out += &format!(
        ". *Your copy:* `cargo run -p check -- start {n}`. *Check:* {how}.\n\n{}\n",
        notebooks::shown(&e.text())
    );
    if let Some(hint) = e.hint() {
        let hint = notebooks::shown(&hint);
        out += &format!("\n<details><summary>Hint</summary>\n\n{hint}\n\n</details>\n");
    }
    out
}

/// rustdoc's intra-doc links (`[Args]`, `` [`pages::HAND_WRITTEN`] ``), which mean nothing
/// on a page, as the name in code style: `` `Args` ``. Links with a target (`[a](b)`,
/// `[a][b]`), brackets in code spans and brackets around anything but a Rust path stay.
fn plain_names(line: &str) -> String {
    let mut out = String::new();
    let mut code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            code = !code;
        } else if c == '['
            && !code
            && !out.ends_with(']')
            && let Some((inner, after)) = rest[1..].split_once(']')
        {
            let name = inner.strip_prefix('`').and_then(|n| n.strip_suffix('`')).unwrap_or(inner);
            let path = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || "_:!()".contains(c));
            let target = after.starts_with('(') || after.starts_with('[');
            // `[name]: url` at the start of a line is a link's definition.
            let definition = out.is_empty() && after.starts_with(": ");
            if path && !target && !definition {
                out += &format!("`{name}`");
                rest = after;
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The `//!` documentation at the top of a file, as Markdown (its headings one level down,
/// its intra-doc links as plain names, see [`plain_names`]).
fn crate_doc(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines().take_while(|l| l.starts_with("//!")) {
        let line = line.strip_prefix("//!").unwrap();
        let line = line.strip_prefix(' ').unwrap_or(line);
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            out.push('#');
        }
        let line = if fenced { line.to_string() } else { plain_names(line) };
        out += &line;
        out.push('\n');
    }
    out
}

/// A tool's page: its folder, its description and its crate documentation; for a package with
/// integration tests, what each test file holds.
fn tool(p: &Package) -> String {
    let root = crate::root();
    let mut out = format!("# {}\n\nThe package `{}`, in `{}/`.\n", p.name, p.name, p.dir.display());
    if let Some(d) = &p.description {
        out += &format!("\n*{}.*\n", d.trim_end_matches('.'));
    }
    let doc = ["src/lib.rs", "src/main.rs"]
        .iter()
        .find_map(|f| std::fs::read_to_string(root.join(&p.dir).join(f)).ok().map(|t| (f, t)));
    if let Some((file, text)) = doc {
        let doc = crate_doc(&text);
        if !doc.trim().is_empty() {
            out += &format!("\nFrom `{}/{file}`:\n\n{}", p.dir.display(), doc.trim_end());
            out.push('\n');
        }
    }
    let tests = root.join(&p.dir).join("tests");
    let files = exercise_list::workspace::files(&tests, "rs");
    if !files.is_empty() {
        out += "\n## Its tests\n\n";
        for name in files {
            let text = std::fs::read_to_string(tests.join(format!("{name}.rs")));
            let doc = crate_doc(&text.unwrap_or_default());
            let first: Vec<&str> = doc.split("\n\n").next().unwrap_or("").lines().collect();
            out +=
                &format!("- `{}/tests/{name}.rs`: {}\n", p.dir.display(), first.join(" ").trim());
        }
    }
    out
}

/// The paragraph of the teachers' template that starts with `**lead**`, without its lead.
fn teachers_paragraph(lead: &str) -> Result<String, String> {
    let mut paragraphs = exercises_md::TEACHERS.split("\n\n");
    let text = paragraphs.find(|p| p.starts_with(&format!("**{lead}"))).ok_or(format!(
        "exercises/list/templates/teachers.md: no paragraph starting with **{lead}"
    ))?;
    // Written for EXERCISES.md, whose last part it is.
    Ok(text.trim().replace("writes this file again", "writes EXERCISES.md again"))
}

/// The teachers' pages: the handout, grading, the answer key and each answers package.
fn teachers(s: &Sources) -> Result<Vec<(String, String)>, String> {
    let mut pages = Vec::new();
    let handout = teachers_paragraph("The handout.")?;
    pages.push(("teachers/handout.md".into(), format!("# The handout\n\n{handout}\n")));
    let grading = teachers_paragraph("Grading.")?;
    pages.push(("teachers/grading.md".into(), format!("# Grading a class\n\n{grading}\n")));
    let key = s.package("answer-key").ok_or("no package answer-key")?;
    let mut out = format!(
        "# The answer key\n\n{}",
        tool(key).split_once('\n').map_or("", |(_, r)| r).trim_start()
    );
    out += &format!(
        "\n{}\n\n{}\n\nThe answers, exercise by exercise:\n\n",
        teachers_paragraph("The answers")?,
        teachers_paragraph("Adding an exercise")?
    );
    for e in s.exercises.iter().filter(|e| has_answers(e)) {
        out += &format!("- [Exercise {0}: answers](ex{0:02}-answers.md)\n", e.number);
    }
    pages.push(("teachers/answer-key.md".into(), out));
    // A page for each exercise's `answers/`: its solutions, its kept wrong answers, its mutants.
    for e in s.exercises.iter().filter(|e| has_answers(e)) {
        let n = e.number;
        let mut out =
            format!("# Exercise {n}: answers\n\nIn `{}/answers/`.\n", shown_from_root(&e.dir));
        out += &format!("\nExercise: {}.\n\n", s.exercise_link(n, "../exercises/"));
        let answers = exercises_md::answers(e);
        let answers = answers.trim_start_matches("- ").trim_end();
        out += &format!("What it holds: {answers}\n");
        if let Some(note) = e.teacher() {
            out += &format!("\n## Teacher's note\n\n{note}\n");
        }
        out += &answer_files(e)?;
        pages.push((answers_page(n), out));
    }
    // The notes of the exercises without answers (the observe-only ones): on a page each.
    for e in s.exercises.iter().filter(|e| !has_answers(e)) {
        if let Some(note) = e.teacher() {
            let mut out = format!("# Exercise {}: teacher's note\n\n", e.number);
            out +=
                &format!("Exercise: {}.\n\n{note}\n", s.exercise_link(e.number, "../exercises/"));
            pages.push((notes_page(e.number), out));
        }
    }
    Ok(pages)
}

/// Whether an exercise has answers (`answers/`, in the teachers' tree).
fn has_answers(e: &Exercise) -> bool {
    e.dir.join("answers").is_dir()
}

/// The page of an exercise's answers.
fn answers_page(n: usize) -> String {
    format!("teachers/ex{n:02}-answers.md")
}

/// The page of the teacher's note of an exercise without answers.
fn notes_page(n: usize) -> String {
    format!("teachers/ex{n:02}-notes.md")
}

/// An answer's `//!` header (or a mutant's `#` comment) as prose, its `Fails at` line apart.
fn answer_header(text: &str, comment: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| l.starts_with("#!"))
        .take_while(|l| l.starts_with(comment))
        .map(|l| l[comment.len()..].trim())
        .collect();
    lines.join(" ").replace(" Fails at: ", "\n\n*Fails at:* ")
}

/// The answers' files, for an answers page: each solution's preamble (what it changes, why),
/// its diff and the whole program (the patch applied, here: the page shows what the answer key
/// builds); each kept wrong answer's preamble (what it gets wrong, where the check rejects it)
/// and its diff; each mutant's header. A solution's patch that no longer applies is an error.
fn answer_files(e: &Exercise) -> Result<String, String> {
    let dir = e.dir.join("answers");
    // The files of `answers/SUB/` ending in `.EXT`: (name, path).
    let files = |sub: &str, ext: &str| {
        let names = exercise_list::workspace::files(&dir.join(sub), ext).into_iter();
        names.map(|n| (dir.join(sub).join(format!("{n}.{ext}")), n)).collect::<Vec<_>>()
    };
    // A patch's preamble, as prose, and its diff, included from its file (from its `--- ` line).
    let patch = |f: &std::path::Path| {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let preamble: Vec<&str> = text.lines().take_while(|l| !l.starts_with("--- ")).collect();
        let (file, from) = (shown_from_root(f), preamble.len() + 1);
        let diff = format!("`{file}`:\n\n```diff\n{{{{#include ../../../{file}:{from}:}}}}\n```\n");
        // "Run: …" and "Observe: …" each a paragraph of its own.
        let preamble = preamble.join("\n").replace("\nObserve: ", "\n\nObserve: ");
        let paragraphs = preamble.trim().split("\n\n").map(|p| answer_header(p, ""));
        (paragraphs.collect::<Vec<_>>().join("\n\n"), diff)
    };
    let mut out = String::new();
    let solutions = files("solutions", "patch");
    if !solutions.is_empty() {
        out += &format!(
            "\n## The solutions\n\nEach is a patch on the copy of {} that `check start {}` makes (`patch -p1 < FILE` in the course's folder turns a fresh copy into it); the answer key applies it, builds the program, and the check must pass it.\n",
            e.start, e.number
        );
    }
    for (f, name) in &solutions {
        let (preamble, diff) = patch(f);
        let answer = exercise_list::answers::Answer::solution(e, name)?;
        let program = answer.source()?;
        out += &format!(
            "\n### {}\n\n{preamble}\n\n{diff}\n<details>\n<summary>The whole program: {}'s <code>src/main.rs</code> as <code>check start {}</code> copies it, with the patch applied</summary>\n\n```rust\n{}```\n\n</details>\n",
            name, e.start, e.number, program
        );
    }
    let wrong = files("wrong", "patch");
    if !wrong.is_empty() {
        out += "\n## The kept wrong answers\n\nEach is a patch on the file its `---` line names; the answer key applies it, builds the program, and the check must reject it at the assertion its `Fails at:` line names.\n";
    }
    for (f, name) in &wrong {
        let (preamble, diff) = patch(f);
        out += &format!("\n### {name}\n\n{preamble}\n\n{diff}");
    }
    let mutants = files("mutants", "sh");
    if !mutants.is_empty() {
        out += "\n## The mutants\n\nScripts run in place of the program, each a way to be wrong that the check must see.\n\n";
    }
    for (f, name) in &mutants {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        out += &format!("- `{name}`: {}\n", answer_header(&text, "#"));
    }
    Ok(out)
}

/// The generated pages found in `book/src/` under `root` (relative to it): the `.md` files of
/// the generated folders, not the hand-written ones among them.
fn generated_files(root: &Path) -> Vec<String> {
    let src = root.join("book/src");
    let pages = GENERATED_FOLDERS.iter().flat_map(|folder| {
        let names = exercise_list::workspace::files(&src.join(folder), "md");
        names.into_iter().map(move |name| format!("{folder}/{name}.md"))
    });
    pages.filter(|page| !HAND_WRITTEN.contains(&page.as_str())).collect()
}

/// Writes the generated pages into `book/src/` under `root`, and removes the pages of the
/// generated folders that are no longer made. Returns the paths written.
pub fn write(root: &Path, pages: &[(String, String)]) -> Result<Vec<String>, String> {
    let src = root.join("book/src");
    for rel in generated_files(root) {
        if !pages.iter().any(|(p, _)| *p == rel) {
            let path = src.join(rel);
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for (rel, text) in pages {
        let path = src.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    for folder in GENERATED_FOLDERS {
        let dir = src.join(folder);
        if std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_none()) {
            std::fs::remove_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    Ok(pages.iter().map(|(p, _)| p.clone()).collect())
}

/// The pages found in the generated folders of `book/src/` (and SUMMARY.md), with their text;
/// not the teachers' hand-written ones.
pub fn committed(root: &Path) -> Vec<(String, String)> {
    let src = root.join("book/src");
    let mut found = Vec::new();
    if let Ok(text) = std::fs::read_to_string(src.join("SUMMARY.md")) {
        found.push(("SUMMARY.md".to_string(), text));
    }
    for rel in generated_files(root) {
        let text = std::fs::read_to_string(src.join(&rel)).unwrap_or_default();
        found.push((rel, text));
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_written_from_the_page() {
        assert_eq!(
            relink("see [Figures](beyond/timings.md#figures)", 1),
            "see [Figures](../beyond/timings.md#figures)"
        );
        assert_eq!(relink("[a](https://x) [b](#c)", 1), "[a](https://x) [b](#c)");
    }

    #[test]
    fn intra_doc_links_become_plain_names() {
        assert_eq!(
            plain_names("see [`Args`] and [Run], [`a::B`]."),
            "see `Args` and `Run`, `a::B`."
        );
        assert_eq!(plain_names("- [`course_map`]: the map"), "- `course_map`: the map");
        let kept = "[a](b.md), [c][d], `[THREADS]`, threads [1, 2], [not a name]";
        assert_eq!(plain_names(kept), kept);
    }

    #[test]
    fn headers_name_their_exercises() {
        assert_eq!(
            header_exercises("//! a\n//! Exercises: 4, 6 (EXERCISES.md).\nfn main() {}"),
            (vec![4, 6], None)
        );
        assert_eq!(
            header_exercises("//! Exercises: none start here; it answers 9 (EXERCISES.md).\n"),
            (vec![], Some(9))
        );
        assert_eq!(header_exercises("//! Observe: x.\n"), (vec![], None));
    }
}
