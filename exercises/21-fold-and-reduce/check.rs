//! Exercise 21, Fold and reduce: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for n in ["1", "7", "1000", "1234567", "10000000"] {
        let expected = pi_of(&example_pi(c, "pi-sequential", &[n])?);
        let what =
            format!("POINTS = {n}, THREADS = 1, 2, 3 and 16: PI within 1e-10 of pi-sequential");
        for t in ["1", "2", "3", "16"] {
            let r = c.run(&[t, n]);
            let line = pi_line(c, &r)?;
            let close = (pi_of(&line) - expected).abs() < 1e-10;
            c.quietly(close, &what, &r, expected, &line)?;
        }
        c.pass(what);
    }
    source_uses(c, "the sum is a fold and a reduce", &[".fold(", ".reduce("])?;
    help(c)?;
    refused(c, &["2", "0"], "0")
}
