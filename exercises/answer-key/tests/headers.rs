//! EXERCISES.md and the examples' headers name each other; the answer key's part of
//! EXERCISES.md names each solution.

use std::path::PathBuf;

/// Each example's `//!` header ends with `//! Exercises: 4, 6 (EXERCISES.md).` (or says that
/// none start there); each number is an exercise of EXERCISES.md that names the example, and
/// every exercise is named by some header.
#[test]
fn headers_name_the_exercises_that_start_from_them() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("EXERCISES.md")).unwrap();
    let (body, solutions) = text.split_once(check::handout::TEACHERS).expect("a part for teachers");
    // "**N. Title.** …" up to the next exercise.
    let exercises: Vec<(usize, &str)> = body
        .split("\n**")
        .skip(1)
        .filter_map(|part| {
            let (number, _) = part.split_once(". ")?;
            Some((number.parse().ok()?, part))
        })
        .collect();
    let numbers: Vec<usize> = exercises.iter().map(|e| e.0).collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "numbering");
    let mut named = vec![false; numbers.len() + 1];
    // Every example of the shared-memory chapters has the line; in examples-mpi, the four that
    // exercises 22-25 start from.
    for chapter in ["threads", "locks", "processes", "pi", "mpi"] {
        for entry in std::fs::read_dir(root.join(format!("examples-{chapter}"))).unwrap() {
            let dir = entry.unwrap().path();
            let package = dir.file_name().unwrap().to_str().unwrap().to_string();
            let Ok(main) = std::fs::read_to_string(dir.join("src/main.rs")) else { continue };
            let header: Vec<&str> = main.lines().take_while(|l| l.starts_with("//!")).collect();
            assert!(header.len() <= 13, "{package}: header of {} lines", header.len());
            let last = header.last().unwrap();
            if chapter == "mpi" && !last.starts_with("//! Exercises: ") {
                continue;
            }
            let list = last
                .strip_prefix("//! Exercises: ")
                .and_then(|l| l.strip_suffix(" (EXERCISES.md)."))
                .unwrap_or_else(|| panic!("{package}: last header line {last}"));
            if let Some((_, n)) = list.split_once("it answers ") {
                // A solution: the solutions part names it on the exercise's row.
                let row = format!("\n| {n} | ");
                let row = solutions.split(&row).nth(1).expect("a row per exercise");
                let row = row.lines().next().unwrap();
                assert!(row.contains(&format!("`{package}`")), "{package}: row {n}: {row}");
                continue;
            }
            for n in list.split(", ") {
                let n: usize = n.parse().unwrap_or_else(|_| panic!("{package}: {last}"));
                let (_, exercise) = exercises[n - 1];
                assert!(
                    exercise.contains(&format!("`{package}`")),
                    "{package}: exercise {n} does not name it"
                );
                named[n] = true;
            }
        }
    }
    let orphans: Vec<usize> = (1..named.len()).filter(|&n| !named[n]).collect();
    assert!(orphans.is_empty(), "exercises in no header: {orphans:?}");
}
