//! Exercise 6, One lock per worker: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for (threads, increments) in [(4, 100), (4, 1_000_000), (8, 100_000), (1, 1), (64, 1000)] {
        let (counter, hand_overs) = (threads * increments, threads - 1);
        let expected = format!("Counter = {counter}\nHand-overs = {hand_overs}\n");
        let what = format!("Counter = {counter}, Hand-overs = {hand_overs}");
        let args = [threads.to_string(), increments.to_string()];
        prints_every_time(c, &[&args[0], &args[1]], 20, &expected, &what)?;
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
    let what = format!("`{}`: the defaults", r.command);
    c.check(r.stdout == expected, what, &r, expected, &r.stdout)?;
    help(c)
}
