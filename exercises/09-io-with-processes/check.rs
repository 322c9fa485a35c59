//! Exercise 9, The course's "Vous pouvez pour vous entraîner": what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let scratch = Scratch::new("check-ex09");
    let r = c.run_with(Command::new(&c.program).env("TMPDIR", &scratch.0), &[]);
    // The lines first: a child that does not end prints "File content" too, then fails.
    let lines = r.lines();
    let mut expected = vec!["I am the first process I do nothing"; 10];
    expected.push("File content : I am the second process");
    let what = format!("`{}`: 10 lines of the first process, then the file's content", r.command);
    c.check(lines == expected, what, &r, in_runs(&expected), in_runs(&lines))?;
    c.succeeded(&r)?;
    let left: Vec<String> = std::fs::read_dir(&scratch.0)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let what = "its temporary file is removed at the end";
    c.check(left.is_empty(), what, &r, "nothing left in TMPDIR", left.join("\n"))?;
    // The default file is made in TMPDIR, not at a fixed path such as /tmp/stupid.txt: with
    // TMPDIR a folder that does not exist, it cannot be made.
    let missing = scratch.0.join("missing");
    let mut cmd = Command::new(&c.program);
    cmd.env("TMPDIR", &missing);
    let shown = format!(
        "TMPDIR={} {}",
        workspace::shown(&missing),
        crate::checker::command_line(&c.program, &[])
    );
    let r = run_command(&mut cmd, shown);
    let what = format!("`{}` fails: its default file is made fresh in TMPDIR", r.command);
    let expected = "a failure to create the file in the missing folder (not a fixed path like /tmp/stupid.txt)";
    c.check(!r.succeeded() && !r.blocked(), what, &r, expected, r.ended())?;
    let kept = scratch.0.join("notes.txt");
    let r = c.run(&[kept.to_str().expect("a UTF-8 path")]);
    c.succeeded(&r)?;
    let text = std::fs::read_to_string(&kept).unwrap_or_default();
    let what = format!("`{}`: the file given is kept, written by the second process", r.command);
    c.check(text == "I am the second process", what, &r, "\"I am the second process\"", text)
}

/// Lines as runs of equal lines, one run a line (`10 × I am …`, then `1 × File content : …`):
/// short enough to show a line too many.
fn in_runs(lines: &[&str]) -> String {
    let mut runs: Vec<(usize, &str)> = Vec::new();
    for line in lines {
        match runs.last_mut() {
            Some((count, last)) if last == line => *count += 1,
            _ => runs.push((1, line)),
        }
    }
    let runs: Vec<String> = runs.iter().map(|(count, line)| format!("{count} × {line}")).collect();
    if runs.is_empty() { "no line".into() } else { runs.join("\n") }
}
