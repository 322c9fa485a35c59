//! Exercise 8, Append without the lock: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let scratch = Scratch::new("check-ex08");
    let path = scratch.0.join("out.txt");
    let watcher = lock_and_watch(&path, Duration::from_secs(10), |text| !text.is_empty());
    // Run in the scratch folder, with `out.txt` as the exercise's text writes it: the rerun line
    // makes the same file in the folder where the student pastes it.
    let args = ["16", "out.txt", "--lines", "10000"];
    let r = c.run_with(Command::new(&c.program).args(args).current_dir(&scratch.0), &args);
    let written = watcher.join().expect("the watcher");
    let what = format!("`{}` while another process holds the flock: lines are appended", r.command);
    let expected = "lines written while the file is locked (no lock taken)";
    let seen = "nothing written in 10 s while the file was locked: the program waits for the lock";
    c.check(written.is_some(), what, &r, expected, seen)?;
    c.succeeded(&r)?;
    let content = std::fs::read_to_string(&path).unwrap_or_default();
    let lines: Vec<&str> = content.lines().collect();
    let whole = |l: &&str| {
        let rest = l.strip_prefix("Process ").and_then(|l| l.split_once(" count = "));
        rest.is_some_and(|(p, n)| p.parse::<u32>().is_ok() && n.parse::<u64>().is_ok())
    };
    let broken = lines.iter().find(|l| !whole(l));
    let what = format!("`{}`: 160000 whole lines in the file", r.command);
    let seen = format!(
        "{} {}{}",
        lines.len(),
        plural(lines.len(), "line", "lines"),
        broken
            .map(|b| match b.is_empty() {
                true => ", an empty one among them".to_string(),
                false => format!(", such as this one:\n{b}"),
            })
            .unwrap_or_default()
    );
    let ok = lines.len() == 160_000 && broken.is_none();
    c.check(ok, what, &r, "160000 lines \"Process N count = M\"", seen)
}
