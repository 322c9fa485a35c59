//! The check of exercise 1, Count the lines through `join`: what its text says the student will
//! observe, asserted on the program under check.

#[allow(unused_imports)]
use crate::helpers::*;

fn total_lines(c: &mut Check, args: &[&str], threads: usize) -> Result<(), Stop> {
    let r = c.run(args);
    c.succeeded(&r)?;
    let lines = r.lines();
    for tid in 0..threads {
        let mine = lines.iter().filter(|l| **l == format!("In the thread {tid}")).count();
        let expected = format!("10 lines \"In the thread {tid}\"");
        c.quietly(mine == 10, "each thread prints 10 lines", &r, expected, mine)?;
    }
    let total = format!("Total lines = {}", 10 * threads);
    let last = lines.last().copied().unwrap_or_default();
    c.quietly(last == total, "the last line is the total", &r, format!("\"{total}\""), last)?;
    let count = 10 * threads + 1 + threads + 1; // the threads' lines, started, the joins, total
    let what = format!("`{}`: {threads} × 10 lines, the joins, then \"{total}\"", r.command);
    c.check(lines.len() == count, what, &r, format!("{count} lines"), lines.len())
}

/// A shared counter prints the same total as the values the joins hand back: the source tells
/// them apart. `thread_function` returns its count (`-> usize`), and nothing shared is counted
/// into (no atomic, no lock, no `static mut`), comments aside.
fn through_join(c: &mut Check) -> Result<(), Stop> {
    let Some(path) = c.source().map(Path::to_path_buf) else {
        println!(
            "  --  not checked without the source (--program): the count comes through `join`"
        );
        return Ok(());
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect();
    let code = code.join("\n");
    let signature = code
        .split_once("fn thread_function(")
        .map(|(_, rest)| rest.split('{').next().unwrap_or_default())
        .unwrap_or_default();
    let shared: Vec<&str> = ["Atomic", "Mutex", "RwLock", "static mut"]
        .into_iter()
        .filter(|word| code.contains(word))
        .collect();
    let shown = workspace::shown(&path);
    let what = format!("`{shown}`: `thread_function` returns its count, no shared counter");
    let seen = match (signature.contains("->"), shared.is_empty()) {
        (false, _) => "`thread_function` returns nothing".to_string(),
        (true, false) => format!("a shared counter: {shared:?}"),
        (true, true) => "it does".to_string(),
    };
    let ok = signature.contains("->") && shared.is_empty();
    let expected = "`fn thread_function(…) -> usize`, the sum of what `join` returns";
    c.check(ok, what, &file_read(&shown), expected, seen)
}

pub fn check(c: &mut Check) -> Result<(), Stop> {
    total_lines(c, &[], 2)?;
    for n in [1, 5, 64] {
        total_lines(c, &[&n.to_string()], n)?;
    }
    through_join(c)?;
    help(c)?;
    refused(c, &["abc"], "abc")
}
