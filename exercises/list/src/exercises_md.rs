//! EXERCISES.md, made from the exercises' folders: the text of each, its hint (folded), and for
//! teachers their notes and answers. `cargo run -p book-tool -- regenerate` writes it (the
//! students' version in a handout); the answer key's tests hold the file to the folders.

use crate::exercises::{Exercise, Kind};
use crate::workspace;

/// The templates: the head of EXERCISES.md (the student's loop) and its part for teachers; the
/// book's exercises' index and teachers' pages quote them too.
pub const HEAD: &str = include_str!("../templates/head.md");
pub const TEACHERS: &str = include_str!("../templates/teachers.md");

/// The heading of the part for teachers.
pub const FOR_TEACHERS: &str = "## For teachers";

/// EXERCISES.md for `exercises`: for students, or (`teachers`) with the notes and the answers.
pub fn generate(exercises: &[Exercise], teachers: bool) -> String {
    let mut out = String::from(HEAD.trim_end());
    out.push('\n');
    let mut chapter = "";
    for e in exercises {
        if e.chapter != chapter {
            chapter = &e.chapter;
            out += &format!("\n## {chapter}\n");
        }
        out += &format!("\n{}", entry(e, teachers));
    }
    if teachers {
        out += &format!("\n---\n\n{FOR_TEACHERS}\n\n{}\n", TEACHERS.trim_end());
        for e in exercises {
            out += &answers(e);
        }
    }
    out
}

/// `**N. Title.** text`, the hint folded, and for teachers the note.
pub fn entry(e: &Exercise, teachers: bool) -> String {
    let mut out = format!("{} {}\n", heading(e), e.text());
    if let Some(hint) = e.hint() {
        out += &format!("<details><summary>Hint</summary>\n\n{hint}\n\n</details>\n\n");
    }
    if teachers && let Some(note) = e.teacher() {
        out += &format!("*Teacher:* {note}\n");
    }
    out.trim_end().to_string() + "\n"
}

/// `**N. Title.**`, the start of an exercise's paragraph.
pub fn heading(e: &Exercise) -> String {
    let stop = if e.title.ends_with(['?', '.', '!']) { "" } else { "." };
    format!("**{}. {}{stop}**", e.number, e.title)
}

/// The answers of `e`, in the teachers' part: one item (the book's teachers' pages use it too).
pub fn answers(e: &Exercise) -> String {
    let folder = workspace::shown_from_root(&e.dir);
    let mut said = Vec::new();
    let solutions = e.answers("solution");
    if e.kind == Kind::Refused && !solutions.is_empty() {
        said.push(format!("the sources the compiler must refuse {}", code(&solutions)));
    } else if !solutions.is_empty() {
        said.push(format!("solution {}", code(&solutions)));
    }
    if !e.answered_by.is_empty() {
        said.push(format!("answered by {}", code(&e.answered_by)));
    }
    let wrong = e.answers("wrong");
    if !wrong.is_empty() {
        said.push(format!("kept wrong answers, which the check must reject: {}", code(&wrong)));
    }
    if e.kind == Kind::Observed {
        said.push("observe-only: a timing has no right value to assert".into());
    }
    format!("- **{}** (`{folder}/`): {}.\n", e.number, said.join("; "))
}

fn code(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
