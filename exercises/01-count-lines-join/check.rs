//! Exercise 1, Count the lines through `join`: what its text says, asserted.

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
    let count = |text: &str| lines.iter().filter(|l| **l == text).count();
    let (started, joins) = (count("Threads are started"), count("Join thread"));
    let expected = format!("\"Threads are started\" once and \"Join thread\" {threads} times");
    let seen = format!("{started} and {joins}");
    let ok = started == 1 && joins == threads;
    c.quietly(ok, "the main thread's lines", &r, expected, seen)?;
    let total = format!("Total lines = {}", 10 * threads);
    let last = lines.last().copied().unwrap_or_default();
    c.quietly(last == total, "the last line is the total", &r, format!("\"{total}\""), last)?;
    let count = 10 * threads + 1 + threads + 1; // the threads' lines, started, the joins, total
    let what = format!(
        "`{}`: 10 lines per thread, \"Threads are started\", {threads} \"Join thread\", then \"{total}\", and no other line",
        r.command
    );
    c.check(lines.len() == count, what, &r, format!("{count} lines"), lines.len())
}

/// A shared counter prints the same total as the values the joins hand back, and so does a
/// total computed from the arguments: the source tells them apart. Nothing shared is counted
/// into (no `static mut`, no atomic, no lock), the threads are all spawned before one is
/// joined, and the total printed is made of what the `join`s return.
fn through_join(c: &mut Check) -> Result<(), Stop> {
    source_rule(
        c,
        "no shared counter",
        "no `static mut`, atomic, `Mutex` or `RwLock`",
        |s| match s.shared_counters().first() {
            Some((name, line)) => Err(format!("line {line}: a shared counter: `{name}`")),
            None => Ok(()),
        },
    )?;
    spawned_then_joined(c)?;
    let what = "the total printed is the sum of what the `join`s return";
    source_rule(c, what, "\"Total lines = …\" made of the values of `join`", |s| {
        match s.printed_from("Total lines", &source::is_join) {
            None => Err("no `println!(\"Total lines = …\")`".into()),
            Some((line, false)) => {
                Err(format!("line {line}: the total printed is not made of what `join` returns"))
            }
            Some((_, true)) => Ok(()),
        }
    })
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
