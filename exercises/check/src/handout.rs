//! The students' tree: the workspace without the answers, for the exercises a teacher chooses.

use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

use crate::exercises::Exercise;
use crate::workspace;

/// The exercises of `--exercises LIST` (`1-8,11,13`), or by default every exercise whose answer
/// is not an example of the tree. An exercise that an example answers (the course's own two,
/// 9 and 10) is handed out only when named: the handout then leaves out the examples that
/// answer it (see [`answering_examples`]).
pub fn chosen(all: &[Exercise], list: Option<&str>) -> Result<Vec<Exercise>, String> {
    let Some(list) = list else {
        let not_answered = |e: &&Exercise| answering_examples(std::slice::from_ref(*e)).is_empty();
        return Ok(all.iter().filter(not_answered).cloned().collect());
    };
    let mut numbers = std::collections::BTreeSet::new();
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
    // In number order, each once.
    let exercise = |n: usize| all.iter().find(|e| e.number == n).cloned();
    let exercise = |n| exercise(n).ok_or(format!("--exercises: no exercise '{n}' here"));
    numbers.into_iter().map(exercise).collect()
}

/// The examples a handout of `chosen` leaves out: those that answer one of its exercises.
pub fn answering_examples(chosen: &[Exercise]) -> Vec<String> {
    let answers = chosen.iter().flat_map(|e| &e.answered_by);
    answers.filter(|name| workspace::example_dir(name).is_some()).cloned().collect()
}

/// Writes the students' tree into `dir`, a new or empty folder: every file of the workspace but
/// the answers (each exercise's `answers/` and `teacher.md`, the package `exercises/answer-key`),
/// the folders of the exercises not chosen, the students' copies (`exNN/`, `exNN.saved-K/`),
/// the book's pages for teachers (`book/src/teachers/`), build output (`target/`, the built
/// book `book/book/`) and git's folder; EXERCISES.md made for students; the workspaces' member
/// lines for the answers taken out; the book's generated pages written for the students' tree
/// (no part "For teachers", no page of an exercise left out). Returns how many files it copied.
///
/// An example that answers a chosen exercise is left out with all that presents it: its folder
/// (with its stored runs), its page (`book/src/examples/NAME.md`), its tests
/// (`tests/tests/NAME.rs`, `-` as `_`), its entry in `Cargo.lock`, and in every Markdown file
/// the text marked as its own (see [`without_programs`]).
pub fn write(dir: &Path, chosen: &[Exercise]) -> io::Result<usize> {
    let root = workspace::root().canonicalize()?;
    fs::create_dir_all(dir)?;
    let mut count = 0;
    let keep: Vec<String> =
        chosen.iter().map(|e| e.dir.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let numbers = chosen.iter().map(|e| e.number).collect();
    let out = Out { keep, numbers, programs: answering_examples(chosen) };
    copy_tree(&root, &root, &dir.canonicalize()?, &out, &mut count)?;
    write_book(dir)?;
    Ok(count + 1)
}

/// What a handout leaves out besides the answers: the exercises' folders it keeps (`keep`), and
/// the examples that answer those exercises (`programs`).
struct Out {
    keep: Vec<String>,
    numbers: Vec<usize>,
    programs: Vec<String>,
}

/// Whether the handout leaves out `relative` (a path inside the workspace), as the files of a
/// program in `programs`.
fn a_programs_file(relative: &Path, programs: &[String]) -> bool {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let named = |file: &str, ext: &str| {
        programs.iter().any(|p| {
            file == format!("{p}.{ext}") || file == format!("{}.{ext}", p.replace('-', "_"))
        })
    };
    match parts[..] {
        [chapter, name] => chapter.starts_with("examples-") && programs.iter().any(|p| p == name),
        ["book", "src", "examples", file] => named(file, "md"),
        ["tests", "tests", file] => named(file, "rs"),
        _ => false,
    }
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
        || relative == Path::new("book/book")
        || relative == Path::new(TEACHERS_PAGES)
        || (name == "EXERCISES.md" && parent == Path::new(""))
        || (is_exercises(parent) && name == "answer-key")
        || (is_exercises(parent) && name.starts_with("ex") && numbered(name, 2))
        || (is_exercises(parent) && exercise(name) && !keep.iter().any(|k| k == name))
        || (in_exercise && (name == "answers" || name == "teacher.md"))
}

fn copy_tree(root: &Path, from: &Path, to: &Path, out: &Out, count: &mut usize) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).expect("inside the workspace");
        if left_out(relative, &out.keep) || a_programs_file(relative, &out.programs) || path == to {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(root, &path, &target, out, count)?;
        } else if relative == Path::new("Cargo.toml") {
            fs::write(&target, students_manifest(&fs::read_to_string(&path)?))?;
            *count += 1;
        } else if is_example_main(relative) {
            fs::write(&target, students_header(&fs::read_to_string(&path)?, &out.keep))?;
            *count += 1;
        } else if relative.extension().is_some_and(|e| e == "md") {
            let text = without_programs(&fs::read_to_string(&path)?, &out.programs);
            let text = without_teachers_text(&text);
            fs::write(&target, without_exercise_links(&text, &out.numbers))?;
            *count += 1;
        } else if relative == Path::new("Cargo.lock") {
            fs::write(&target, lock_without(&fs::read_to_string(&path)?, &out.programs))?;
            *count += 1;
        } else if entry.file_name() == "exercise.toml" {
            // `answered-by`, the teachers' list of the examples that answer it, stays with them.
            let text = fs::read_to_string(&path)?;
            let lines = text.lines().filter(|l| !l.starts_with("answered-by"));
            fs::write(&target, lines.map(|l| format!("{l}\n")).collect::<String>())?;
            *count += 1;
        } else {
            fs::copy(&path, &target)?;
            *count += 1;
        }
    }
    Ok(())
}

/// Whether `relative` is an example's program, `examples-CHAPTER/NAME/src/main.rs`.
fn is_example_main(relative: &Path) -> bool {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    matches!(parts[..], [chapter, _, "src", "main.rs"] if chapter.starts_with("examples-"))
}

/// An example's program for students: its `//! Exercises: …` line names only the exercises
/// handed out (`keep`, their folders' names); a line left with none goes.
fn students_header(text: &str, keep: &[String]) -> String {
    let kept = |n: &str| keep.iter().any(|k| k.split('-').next() == Some(&format!("{n:0>2}")));
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let list =
            line.strip_prefix("//! Exercises: ").and_then(|l| l.strip_suffix(" (EXERCISES.md).\n"));
        match list {
            // "none start here; it answers 9": an exercise that is not handed out.
            Some(list) if list.contains("it answers ") => {
                let n = list.rsplit(' ').next().unwrap_or_default();
                if kept(n) {
                    out += line;
                }
            }
            Some(list) => {
                let numbers: Vec<&str> = list.split(", ").filter(|n| kept(n)).collect();
                if !numbers.is_empty() {
                    out += &format!("//! Exercises: {} (EXERCISES.md).\n", numbers.join(", "));
                }
            }
            None => out += line,
        }
    }
    out
}

/// Markdown without the text marked as a program's own, for each program in `programs`: from
/// `<!-- program NAME -->` to `<!-- end program NAME -->` (a span inside a line, or whole lines
/// when the markers stand on lines of their own), and a line holding `<!-- line of program NAME -->`
/// (a table's row, where a marker on a line of its own would end the table).
pub fn without_programs(text: &str, programs: &[String]) -> String {
    let mut text = text.to_string();
    for name in programs {
        let line_marker = format!("<!-- line of program {name} -->");
        text = text.split_inclusive('\n').filter(|l| !l.contains(&line_marker)).collect();
        let span = (format!("<!-- program {name} -->"), format!("<!-- end program {name} -->"));
        text = without_spans(&text, &span.0, &span.1);
    }
    text
}

/// Markdown without what only the teachers' tree holds (the README's pointers to the teachers'
/// and maintainers' pages, which a handout leaves out): from `<!-- teachers' tree only -->` to
/// `<!-- end of teachers' tree only -->`.
pub fn without_teachers_text(text: &str) -> String {
    without_spans(text, "<!-- teachers' tree only -->", "<!-- end of teachers' tree only -->")
}

/// `text` without each span from `start` to `end`, the markers included (whole lines when the
/// markers stand on lines of their own). An unclosed marker is left as it is (the handout's
/// test names what it leaves behind).
fn without_spans(text: &str, start: &str, end: &str) -> String {
    let mut text = text.to_string();
    while let Some(from) = text.find(start) {
        let Some(to) = text[from..].find(end).map(|at| from + at + end.len()) else { break };
        let whole_lines = text[..from].ends_with('\n') && text[to..].starts_with('\n');
        let to = if whole_lines { to + 1 } else { to };
        text.replace_range(from..to, "");
    }
    text
}

/// Markdown whose links to the page of an exercise not handed out (`exercises/NN.md`, NN not in
/// `numbers`) are left as text: `[9. Title](../exercises/09.md)` becomes `9. Title (not in this
/// handout)`.
pub fn without_exercise_links(text: &str, numbers: &[usize]) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let (before, after) = (&rest[..at], &rest[at + 2..]);
        let target = &after[..after.find(')').unwrap_or(0)];
        let page = target.split('#').next().unwrap_or_default();
        let number = page.strip_suffix(".md").and_then(|p| p.rsplit_once("exercises/"));
        let number = number.and_then(|(_, n)| (n.len() == 2).then(|| n.parse::<usize>().ok())?);
        let opening = before.rfind('[');
        match (number, opening) {
            (Some(n), Some(open)) if !numbers.contains(&n) => {
                out += &before[..open];
                out += &format!("{} (not in this handout)", &before[open + 1..]);
                rest = &after[target.len() + 1..];
            }
            _ => {
                out += &rest[..at + 2];
                rest = after;
            }
        }
    }
    out + rest
}

/// `Cargo.lock` without the packages in `programs` (cargo would drop them at the first build).
fn lock_without(text: &str, programs: &[String]) -> String {
    let blocks = text.split_inclusive("\n\n");
    let gone =
        |block: &str| programs.iter().any(|p| block.contains(&format!("\nname = \"{p}\"\n")));
    blocks.filter(|b| !gone(b)).collect()
}

/// The book's pages for teachers, which the handout leaves out.
pub const TEACHERS_PAGES: &str = "book/src/teachers";
/// The package whose `regenerate` command writes what is generated for the tree it runs in.
const BOOK_TOOL: &str = "book-tool";

/// Writes what is generated for the handout in `dir`, as `book-tool regenerate` makes it in a
/// tree without the answers: the book's pages (SUMMARY.md without its part "For teachers", no
/// page for an exercise left out), EXERCISES.md for students, and check's registry of the
/// exercises it holds. The tool is the teachers' tree's, built if needed; it runs in `dir`,
/// whose tree it reads.
fn write_book(dir: &Path) -> io::Result<()> {
    let tool = workspace::built(false, BOOK_TOOL, BOOK_TOOL);
    let out = Command::new(&tool).arg("regenerate").current_dir(dir).output()?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(io::Error::other(format!(
            "{BOOK_TOOL} regenerate failed in it: {}",
            why.trim()
        )));
    }
    Ok(())
}

/// The workspace's `Cargo.toml` for students: without the member line of the answer key, which
/// the handout leaves out (the exercises' answers are patches, in no package).
/// The comment just above that line, which speaks of it, goes with it.
pub fn students_manifest(text: &str) -> String {
    let mut out = String::new();
    let mut comment = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            comment += &format!("{line}\n");
        } else if trimmed.starts_with('"') && line.contains("answer-key\"") {
            comment.clear();
        } else {
            out += &std::mem::take(&mut comment);
            out += &format!("{line}\n");
        }
    }
    out + &comment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handouts_manifests_keep_no_comment_on_the_lines_left_out() {
        let root = workspace::root();
        for manifest in ["Cargo.toml", "examples-mpi/Cargo.toml"] {
            let text = fs::read_to_string(root.join(manifest)).unwrap();
            // The MPI workspace names no answers: it is copied as it is.
            let students =
                if manifest == "Cargo.toml" { students_manifest(&text) } else { text.clone() };
            assert!(!students.contains("answer"), "{manifest} in the handout:\n{students}");
            assert!(!students.contains("teachers"), "{manifest} in the handout:\n{students}");
            // Every other line is kept.
            let others = |t: &str| t.lines().filter(|l| !l.contains("answer")).count();
            assert!(others(&students) + 2 >= others(&text), "{manifest}: lines lost");
        }
    }

    #[test]
    fn an_examples_header_names_the_exercises_handed_out_only() {
        let keep = ["03-read-before-join".to_string(), "13-parts-through-a-channel".to_string()];
        let header = |line: &str| format!("//! Run: it\n{line}\n\nfn main() {{}}\n");
        for (line, students) in [
            ("//! Exercises: 3, 9 (EXERCISES.md).", "//! Exercises: 3 (EXERCISES.md)."),
            ("//! Exercises: 13, 16 (EXERCISES.md).", "//! Exercises: 13 (EXERCISES.md)."),
            ("//! Exercises: none start here; it answers 9 (EXERCISES.md).", ""),
            ("//! Exercises: 10 (EXERCISES.md).", ""),
            (
                "//! Exercises: none start here; it answers 3 (EXERCISES.md).",
                "//! Exercises: none start here; it answers 3 (EXERCISES.md).",
            ),
        ] {
            let expected = if students.is_empty() {
                "//! Run: it\n\nfn main() {}\n".to_string()
            } else {
                header(students)
            };
            assert_eq!(students_header(&header(line), &keep), expected, "{line}");
        }
        assert!(is_example_main(Path::new("examples-threads/io-thread/src/main.rs")));
        assert!(!is_example_main(Path::new("exercises/check/src/main.rs")));
    }

    #[test]
    fn a_programs_text_and_the_links_to_exercises_left_out_go() {
        let programs = ["an-answer".to_string()];
        for (text, students) in [
            ("a<!-- program an-answer --> b<!-- end program an-answer -->.\n", "a.\n"),
            ("x\n<!-- program an-answer -->\n- b\n<!-- end program an-answer -->\ny\n", "x\ny\n"),
            ("| a | b <!-- line of program an-answer --> |\n| c |\n", "| c |\n"),
            (
                "<!-- program two-threads -->a<!-- end program two-threads -->",
                "<!-- program two-threads -->a<!-- end program two-threads -->",
            ),
        ] {
            assert_eq!(without_programs(text, &programs), students, "{text}");
        }
        let text =
            "See [9. Title `x`](../exercises/09.md#a) and [3. T](exercises/03.md), [n](notes.md).";
        assert_eq!(
            without_exercise_links(text, &[3]),
            "See 9. Title `x` (not in this handout) and [3. T](exercises/03.md), [n](notes.md)."
        );
        assert!(a_programs_file(Path::new("examples-processes/an-answer"), &programs));
        assert!(a_programs_file(Path::new("tests/tests/an_answer.rs"), &programs));
        assert!(!a_programs_file(Path::new("examples-processes/an-answer-2"), &programs));
        assert!(!a_programs_file(Path::new("tests/tests/processes.rs"), &programs));
    }

    #[test]
    fn the_handout_leaves_out_the_teachers_pages_and_the_built_book() {
        for out in ["book/src/teachers", "book/book", "target", "exercises/answer-key"] {
            assert!(left_out(Path::new(out), &[]), "{out} is handed out");
        }
        for kept in
            ["book", "book/src", "book/src/SUMMARY.md", "book/book.toml", "book/src/examples"]
        {
            assert!(!left_out(Path::new(kept), &[]), "{kept} is left out");
        }
        // The students' copies in the teachers' tree, and those kept aside by `reset`.
        for copy in ["exercises/ex01", "exercises/ex13.saved-2", "examples-mpi/exercises/ex22"] {
            assert!(left_out(Path::new(copy), &[]), "{copy} is handed out");
        }
        assert!(!left_out(
            Path::new("exercises/01-count-lines-join"),
            &["01-count-lines-join".into()]
        ));
    }
}
