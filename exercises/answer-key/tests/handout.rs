//! The students' handout holds no answer: every file of every exercise's `answers/`, every note
//! for teachers and every example that answers an exercise handed out is looked for by its
//! content in the handout, both workspaces; the handout's book has no page for teachers. (A
//! teachers' test: the handout has no answers to look for.)

use answer_key::{check, files};
use check::exercises;
use check::handout::TEACHERS_PAGES;
use check::workspace;
use harness::Scratch;
use std::path::Path;

/// The default handout: no answer, no note or page for teachers, no exercise left out named.
#[test]
fn the_handout_holds_no_answer() {
    let dir = Scratch::new("answer-key-handout");
    let out = dir.0.join("course");
    let r = check(&["handout", out.to_str().unwrap()], None);
    assert!(r.succeeded(), "{}: {}", r.ended(), r.stderr);
    let root = workspace::root();
    for kept in ["Cargo.lock", "support/src/lib.rs", "exercises/check/src/main.rs"] {
        let (a, b) =
            (std::fs::read(root.join(kept)).unwrap(), std::fs::read(out.join(kept)).unwrap());
        assert_eq!(a, b, "{kept} differs in the handout");
    }
    // Its README's links all lead somewhere in it (the teachers' and maintainers' pages are not
    // there: the README's pointers to them are left out).
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(!readme.contains("teachers/"), "the handout's README names a teachers' page");
    for link in readme.split("](").skip(1) {
        let target = link.split([')', '#']).next().unwrap_or_default();
        if !target.starts_with("http") && !target.is_empty() {
            assert!(out.join(target).exists(), "the handout's README links {target}, not in it");
        }
    }
    let handed = files(&out);
    // The answers, found by their content: every file of every `answers/` folder (both
    // workspaces), every note for teachers, every example that answers an exercise handed out.
    let handed_out = check::handout::chosen(&exercises::all(), None).unwrap();
    let mut answers = std::collections::BTreeMap::new();
    for e in exercises::all() {
        answers.extend(files(&e.dir.join("answers")));
        answers.extend(files(&e.dir.join("teacher.md")));
        if handed_out.iter().any(|h| h.number == e.number) {
            for example in &e.answered_by {
                if let Some(d) = workspace::example_dir(example) {
                    answers.extend(files(&d.join("src")));
                }
            }
        }
    }
    assert!(answers.len() > 20, "the answers were found: {}", answers.len());
    for (path, content) in &answers {
        let found = handed.iter().find(|(_, c)| *c == content && !content.is_empty());
        assert!(
            found.is_none(),
            "the handout holds {}: {}",
            path.display(),
            found.unwrap().0.display()
        );
    }
    let text = String::from_utf8(handed[&out.join("EXERCISES.md")].clone()).unwrap();
    for teachers in [check::exercises_md::FOR_TEACHERS, "*Teacher:*", "answers/", "answer-key"] {
        assert!(!text.contains(teachers), "the handout's EXERCISES.md has {teachers:?}");
    }
    for e in &handed_out {
        assert!(text.contains(&format!("**{}. ", e.number)), "exercise {} is not in it", e.number);
    }
    // Nor does it name the exercises it leaves out: not in the examples' headers, the README or
    // the book's pages.
    let left_out: Vec<usize> = exercises::all()
        .iter()
        .map(|e| e.number)
        .filter(|n| !handed_out.iter().any(|h| h.number == *n))
        .collect();
    assert!(!left_out.is_empty(), "the default handout leaves out the exercises examples answer");
    for (path, content) in &handed {
        let relative = path.strip_prefix(&out).unwrap();
        let first = relative.iter().next().unwrap().to_string_lossy();
        let read = (first.starts_with("examples-") && relative.ends_with("src/main.rs"))
            || relative == Path::new("README.md")
            || (relative.starts_with("book/src")
                && relative.extension().is_some_and(|x| x == "md"));
        if !read {
            continue;
        }
        let named = named_exercises(&String::from_utf8_lossy(content));
        let wrong: Vec<&usize> = left_out.iter().filter(|n| named.contains(n)).collect();
        assert!(wrong.is_empty(), "{} names exercises {wrong:?}", relative.display());
    }
    // Its book has no page for teachers: not the pages, nor their part of SUMMARY.md (which the
    // teachers' tree has), nor a page naming one or holding one's text.
    let summary = std::fs::read_to_string(root.join("book/src/SUMMARY.md")).unwrap();
    assert!(summary.contains("\n# For teachers\n"), "SUMMARY.md has no part \"For teachers\"");
    let teachers = files(&root.join(TEACHERS_PAGES));
    assert!(!teachers.is_empty(), "{TEACHERS_PAGES} has no page");
    assert!(!out.join(TEACHERS_PAGES).exists(), "the handout has {TEACHERS_PAGES}");
    assert!(!out.join("book/book").exists(), "the handout has the built book, book/book");
    let summary = std::fs::read_to_string(out.join("book/src/SUMMARY.md")).unwrap();
    assert!(!summary.contains("For teachers"), "the handout's SUMMARY.md has:\n{summary}");
    let pages = files(&out.join("book/src"));
    assert!(pages.len() > 10, "the handout has the book's pages: {} files", pages.len());
    for (path, content) in &pages {
        let text = String::from_utf8_lossy(content);
        assert!(!text.contains("teachers/"), "{} names a page for teachers", path.display());
        if let Some((page, _)) = teachers.iter().find(|(_, t)| *t == content) {
            panic!("{} is the teachers' page {}", path.display(), page.display());
        }
    }
    // Nor a page of an exercise it leaves out.
    for e in exercises::all() {
        let page = out.join(format!("book/src/exercises/{:02}.md", e.number));
        let chosen = handed_out.iter().any(|h| h.number == e.number);
        assert_eq!(page.is_file(), chosen, "exercise {}'s page, handed out: {chosen}", e.number);
    }
    // A second handout into the same folder is refused, and the folder is left as it is.
    let r = check(&["handout", out.to_str().unwrap()], None);
    assert_eq!(r.code(), Some(1), "{}", r.ended());
    assert!(r.stderr.contains("is not empty"), "{}", r.stderr);
}

/// The course's own exercises, 9 and 10, assigned: the handout leaves out the examples that
/// answer them and all that presents them. No file of it names them (folder, page, stored run,
/// tests, lock file, the book's and the README's text), none holds their source, and the pages
/// of exercises 9 and 10 are in its book. (That its book builds and its tests pass, `.ci/run`
/// shows: its handout assigns them.)
#[test]
fn a_handout_that_assigns_9_and_10_leaves_out_their_answers() {
    let dir = Scratch::new("answer-key-handout-9-10");
    let out = dir.0.join("course");
    let r = check(&["handout", out.to_str().unwrap(), "--exercises", "1-10"], None);
    assert!(r.succeeded(), "{}: {}", r.ended(), r.stderr);
    let answered: Vec<exercises::Exercise> =
        exercises::all().into_iter().filter(|e| [9, 10].contains(&e.number)).collect();
    let programs = check::handout::answering_examples(&answered);
    assert!(programs.len() >= 2, "the examples that answer 9 and 10: {programs:?}");
    for name in &programs {
        assert!(
            r.stdout.contains(name),
            "check handout does not say it left out {name}: {}",
            r.stdout
        );
    }
    let handed = files(&out);
    let mut sources = std::collections::BTreeMap::new();
    for name in &programs {
        sources.extend(files(&workspace::example_dir(name).unwrap().join("src")));
    }
    for (path, content) in &handed {
        let relative = path.strip_prefix(&out).unwrap();
        let text = String::from_utf8_lossy(content);
        for name in &programs {
            for spelling in [name.clone(), name.replace('-', "_")] {
                assert!(!text.contains(&spelling), "{} names {spelling}", relative.display());
            }
        }
        if let Some((source, _)) = sources.iter().find(|(_, c)| *c == content) {
            panic!("{} is {}", relative.display(), source.display());
        }
    }
    for n in [9, 10] {
        let page = out.join(format!("book/src/exercises/{n:02}.md"));
        assert!(page.is_file(), "the handout's book has no page for exercise {n}");
    }
    // Every part of a chapter that the handout keeps is still in the tree.
    for (path, content) in handed.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "md")) {
        let text = String::from_utf8_lossy(content);
        for include in text.split("{{#").skip(1).filter(|i| i.contains("include ")) {
            let target = include.split("}}").next().unwrap_or_default();
            let target = target.split_whitespace().nth(1).unwrap_or_default();
            let file = target.split(':').next().unwrap_or_default();
            let at = path.parent().unwrap().join(file);
            assert!(at.exists(), "{} includes {target}, not in the handout", path.display());
        }
    }
}

/// The numbers a text names as exercises: after "exercise", "exercises", "Exercises:" and "it
/// answers" (a list such as `3, 9` or `19–21` too).
fn named_exercises(text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    let mut named = Vec::new();
    for word in ["exercise ", "exercises ", "exercises: ", "it answers "] {
        for (at, _) in lower.match_indices(word) {
            let list: String = lower[at + word.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || ", –-".contains(*c))
                .collect();
            let numbers: Vec<usize> =
                list.split([',', ' ']).filter_map(|n| n.parse().ok()).collect();
            named.extend(numbers);
            // A range, `19–21`.
            if let Some((from, to)) = list.trim().split_once('–')
                && let (Ok(from), Ok(to)) = (from.parse::<usize>(), to.parse::<usize>())
            {
                named.extend(from..=to);
            }
        }
    }
    named
}

#[test]
fn exercises_are_found_where_a_text_names_them() {
    let named = named_exercises(
        "Exercises: 3, 9 (EXERCISES.md). It is what exercise 10's check uses; Exercises 19–21; exercise 2.",
    );
    for n in [3, 9, 10, 19, 20, 21, 2] {
        assert!(named.contains(&n), "{n}: {named:?}");
    }
    assert!(!named.contains(&1), "{named:?}");
}
