//! The check of exercise 5, Repair the racy counter without a lock: what its text says the student
//! will observe, asserted on the program under check.

#[allow(unused_imports)]
use crate::helpers::*;

/// `incr` is one `fetch_add` (comments aside): on a busy machine the threads of racy-counter
/// may take turns and lose nothing, so the output alone cannot tell.
fn one_fetch_add(c: &mut Check) -> Result<(), Stop> {
    let what = "one `fetch_add` instead of a load and a store";
    let Some(path) = c.source().map(Path::to_path_buf) else {
        println!("  --  not checked without the source (--program): {what}");
        return Ok(());
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let code =
        text.lines().any(|l| l.split("//").next().unwrap_or_default().contains("fetch_add("));
    let shown = workspace::shown(&path);
    let r = file_read(&shown);
    c.check(code, format!("`{shown}`: {what}"), &r, "`fetch_add(` in the source", "none")
}

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let expected = "Counter = 4000000\nexpected = 4000000, actual = 4000000, lost updates = 0\n";
    let mut last = None;
    for _ in 0..20 {
        let r = c.run(&[]);
        c.succeeded(&r)?;
        let what = format!("`{}`: lost updates = 0 in each of 20 runs", r.command);
        c.quietly(r.stdout == expected, what, &r, expected, &r.stdout)?;
        last = Some(r);
    }
    let r = last.expect("a run");
    c.pass(format!("`{}`: lost updates = 0 in each of 20 runs", r.command));
    // Threads spawned and joined one by one lose nothing either: the threads must be there at
    // the same time (each busy for a good part of a second).
    let (r, threads, _) = at_once(c, &["4", "5000000"]);
    c.succeeded(&r)?;
    let what = format!("`{}`: the threads run at the same time", r.command);
    let many = plural(threads, "thread", "threads");
    let seen = format!("at most {threads} {many} at once: one worker after the other");
    c.check(threads > 2, what, &r, "main and more than one worker at once", seen)?;
    let r = c.run(&["16", "10000"]);
    c.succeeded(&r)?;
    let what = format!("`{}`: lost updates = 0", r.command);
    c.check(r.stdout.ends_with("lost updates = 0\n"), what, &r, "lost updates = 0", &r.stdout)?;
    one_fetch_add(c)?;
    help(c)
}
