//! Exercise 5, Repair the racy counter without a lock: what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let expected = "Counter = 4000000\nexpected = 4000000, actual = 4000000, lost updates = 0\n";
    prints_every_time(c, &[], 20, expected, "lost updates = 0")?;
    // Threads spawned and joined one by one lose nothing either: the threads must be there at
    // the same time. The source says where the joins are; a run long enough shows the threads.
    spawned_then_joined(c)?;
    seen_at_once(
        c,
        "the threads run at the same time",
        false,
        3,
        (1_000_000, 1_000_000_000),
        |n| vec!["4".to_string(), n.to_string()],
    )?;
    let r = c.run(&["16", "10000"]);
    c.succeeded(&r)?;
    let what = format!("`{}`: lost updates = 0", r.command);
    c.check(r.stdout.ends_with("lost updates = 0\n"), what, &r, "lost updates = 0", &r.stdout)?;
    // `incr` is one `fetch_add` (comments aside): on a busy machine the threads of racy-counter
    // may take turns and lose nothing, so the output alone cannot tell.
    source_uses(c, "one `fetch_add` instead of a load and a store", &["fetch_add("])?;
    help(c)
}
