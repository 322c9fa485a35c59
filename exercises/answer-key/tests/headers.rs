//! The exercises' folders and the documents hold each other: each example's `//!` header names
//! the exercises that start from it (or that it answers), and each answer says what it does.
//! (That EXERCISES.md is the one made from the folders, `check`'s own test holds: in a handout too.)

use check::exercises;
use check::workspace;
use exercise_list::answers::Answer;

/// Each example's `//!` header ends with `//! Exercises: 4, 6 (EXERCISES.md).` (or says that
/// none start there, or which one it answers); each number is an exercise whose folder starts
/// from (or is answered by) the example, and every exercise is named by some header.
#[test]
fn headers_name_the_exercises_that_start_from_them() {
    let all = exercises::all();
    let root = workspace::root();
    let mut named = std::collections::BTreeSet::new();
    let dirs = workspace::example_dirs();
    assert!(dirs.len() > 30, "the examples' folders were found: {dirs:?}");
    for dir in dirs {
        let package = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mpi = dir.parent() == Some(&root.join("examples-mpi"));
        let Ok(main) = std::fs::read_to_string(dir.join("src/main.rs")) else { continue };
        let header: Vec<&str> = main.lines().take_while(|l| l.starts_with("//!")).collect();
        assert!(header.len() <= 13, "{package}: header of {} lines", header.len());
        let last = header.last().unwrap();
        if mpi && !last.starts_with("//! Exercises: ") {
            continue;
        }
        let list = last
            .strip_prefix("//! Exercises: ")
            .and_then(|l| l.strip_suffix(" (EXERCISES.md)."))
            .unwrap_or_else(|| panic!("{package}: last header line {last}"));
        if let Some((_, n)) = list.split_once("it answers ") {
            let n: usize = n.parse().unwrap();
            let e = all.iter().find(|e| e.number == n).expect("the exercise");
            assert!(
                e.answered_by.contains(&package),
                "{package} answers {n}, whose folder does not say so"
            );
            continue;
        }
        for n in list.split(", ") {
            let n: usize = n.parse().unwrap_or_else(|_| panic!("{package}: {last}"));
            let e = all
                .iter()
                .find(|e| e.number == n)
                .unwrap_or_else(|| panic!("{package}: no exercise {n}"));
            let text = e.text();
            assert!(
                e.start == package || text.contains(&format!("`{package}`")),
                "{package}: exercise {n} does not start from it"
            );
            named.insert(n);
        }
    }
    let orphans: Vec<usize> = all.iter().map(|e| e.number).filter(|n| !named.contains(n)).collect();
    assert!(orphans.is_empty(), "exercises in no header: {orphans:?}");
}

/// Each solution (`answers/solutions/NAME.patch`) and each kept wrong answer
/// (`answers/wrong/NAME.patch`) says in its preamble what it changes, or what it gets wrong;
/// names the file it applies to (a solution: the student's copy; a wrong answer: its solution),
/// and applies there. A wrong answer also names, on a line `Fails at: …`, the assertion its check
/// rejects it at (which the answer key holds it to).
#[test]
fn every_answer_says_what_it_does() {
    let (mut solutions, mut wrong) = (0, 0);
    for e in exercises::all() {
        for name in e.answers("solution") {
            let answer = Answer::solution(&e, &name).unwrap_or_else(|why| panic!("{why}"));
            assert!(!answer.patch.preamble.trim().is_empty(), "{name}.patch: no preamble");
            answer.source().unwrap_or_else(|why| panic!("{why}"));
            solutions += 1;
        }
        for name in e.answers("wrong") {
            let answer = Answer::wrong(&e, &name).unwrap_or_else(|why| panic!("{why}"));
            let prose = answer.patch.preamble.lines().filter(|l| !l.starts_with("Fails at: "));
            assert!(prose.count() > 0, "{name}.patch: no preamble saying what it gets wrong");
            let fails_at = answer.patch.fails_at().unwrap_or_default();
            assert!(!fails_at.trim().is_empty(), "{name}.patch: no line `Fails at: …`");
            answer.source().unwrap_or_else(|why| panic!("{why}"));
            wrong += 1;
        }
    }
    assert!(solutions >= 20, "only {solutions} solutions");
    assert!(wrong >= 40, "only {wrong} kept wrong answers");
}

/// Each exercise folder has its text, its hint and its check, and names a starting example of
/// the workspace.
#[test]
fn every_folder_is_whole() {
    for e in exercises::all() {
        let n = e.number;
        assert!(!e.text().trim().is_empty(), "exercise {n}: exercise.md is empty");
        assert!(e.hint().is_some_and(|h| !h.trim().is_empty()), "exercise {n}: no hint.md");
        assert!(e.start_dir().is_some(), "exercise {n}: no example {}", e.start);
        assert!(e.dir.join("check.rs").is_file(), "exercise {n}: no check.rs");
    }
}
