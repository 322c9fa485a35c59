//! Exercise 13, Send the parts through a channel: what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for n in ["1", "7", "1000", "1234567", "10000000"] {
        let sequential = pi_of(&example_pi(c, "pi-sequential", &[n])?);
        let near = format!("{n} points on 1, 2, 3 and 16 threads: PI within 1e-9 of pi-sequential");
        let same = format!("{n} points on 1, 2, 3 and 16 threads: the PI line of pi-threads");
        // 16 threads on 10^7 points finish in a different order at each run: 3 runs of it
        // show a sum made in arrival order.
        for t in ["1", "2", "3", "16", "16", "16"] {
            let r = c.run(&[t, n]);
            let line = pi_line(c, &r)?;
            let close = (pi_of(&line) - sequential).abs() < 1e-9;
            c.quietly(close, &near, &r, sequential, &line)?;
            let threads = example_pi(c, "pi-threads", &[t, n])?;
            c.quietly(line == threads, &same, &r, &threads, &line)?;
        }
        c.pass(same);
    }
    // The same PI comes out whether the parts travel through the channel or through `join`:
    // the source tells. The threads must also compute at the same time.
    spawned_then_joined(c)?;
    source_rule(
        c,
        "the value of `join` is not used: the parts come through the channel",
        "`h.join().expect(…);`, the value dropped",
        |s| match s.join_value_used() {
            Some(line) => Err(format!(
                "line {line}: the value `join` returns is used: the parts still come back through `join`"
            )),
            None => Ok(()),
        },
    )?;
    source_rule(
        c,
        "the PI printed is made of the parts received from the channel",
        "\"PI = …\" made of what the receiver gives",
        |s| {
            let receivers = s.receivers();
            if receivers.is_empty() {
                return Err("no channel: no `let (sender, receiver) = unbounded();`".into());
            }
            match s.printed_from("PI = ", &source::names_one_of(&receivers)) {
                None => Err("no `println!(\"PI = …\")`".into()),
                Some((line, false)) => Err(format!(
                    "line {line}: the PI printed is not made of what the receiver gives"
                )),
                Some((_, true)) => Ok(()),
            }
        },
    )?;
    seen_at_once(
        c,
        "the 4 threads compute at the same time",
        false,
        5,
        (100_000_000, 10_000_000_000),
        |n| vec!["4".to_string(), n.to_string()],
    )?;
    help(c)
}
