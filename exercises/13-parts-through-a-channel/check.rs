//! The check of exercise 13, Send the parts through a channel: what its text says the student will
//! observe, asserted on the program under check.

#[allow(unused_imports)]
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
    // Each of the 4 threads computes a few hundred milliseconds: all of them at once, unless
    // each is joined before the next starts.
    let (r, threads, _) = at_once(c, &["4", "4e8"]);
    pi_line(c, &r)?;
    let what = format!("`{}`: the 4 threads compute at the same time", r.command);
    c.check(
        threads >= 5,
        what,
        &r,
        "5 threads at once (main and 4)",
        format!("at most {threads}"),
    )?;
    source_uses(c, "the parts travel through a channel", &["crossbeam_channel", ".send("])?;
    help(c)
}
