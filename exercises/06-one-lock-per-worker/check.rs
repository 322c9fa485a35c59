//! The check of exercise 6, One lock per worker: what its text says the student will observe,
//! asserted on the program under check.

#[allow(unused_imports)]
use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for (threads, increments) in [(4, 100), (4, 1_000_000), (8, 100_000), (1, 1), (64, 1000)] {
        let args = [threads.to_string(), increments.to_string()];
        let expected =
            format!("Counter = {}\nHand-overs = {}\n", threads * increments, threads - 1);
        let mut last = None;
        for _ in 0..20 {
            let r = c.run(&[&args[0], &args[1]]);
            c.succeeded(&r)?;
            let what = format!(
                "`{}`: {} in each of 20 runs",
                r.command,
                expected.trim_end().replace('\n', ", ")
            );
            c.quietly(r.stdout == expected, &what, &r, &expected, &r.stdout)?;
            last = Some((r, what));
        }
        let (_, what) = last.expect("a run");
        c.pass(what);
    }
    // Threads spawned and joined one by one hand the lock over THREADS − 1 times too: the
    // threads must be there at the same time, the others waiting for the lock. The source says
    // where the joins are; a run long enough to be watched shows the threads.
    spawned_then_joined(c)?;
    seen_at_once(
        c,
        "the threads are started together, the others wait",
        false,
        3,
        (10_000_000, 1_000_000_000),
        |n| vec!["4".to_string(), n.to_string()],
    )?;
    let r = c.run(&[]);
    let expected = "Counter = 400\nHand-overs = 3\n";
    c.check(
        r.stdout == expected,
        format!("`{}`: the defaults", r.command),
        &r,
        expected,
        &r.stdout,
    )?;
    help(c)
}
