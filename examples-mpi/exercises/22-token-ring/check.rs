//! Exercise 22, A token around the ring: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for n in 2..=4 {
        let r = c.mpirun(n, &[]);
        let mut expected: Vec<String> = (1..n)
            .map(|r| format!("Proc {r} received token {} from {}", r * (r - 1) / 2, r - 1))
            .collect();
        expected.push(format!("Proc 0 received token {} from {}", n * (n - 1) / 2, n - 1));
        // The ranks' lines arrive in any order.
        c.succeeded(&r)?;
        let mut seen = r.lines();
        seen.sort();
        expected.sort();
        let what = format!("`{}`: the token goes once around the ring", r.command);
        c.check(seen == expected, what, &r, expected.join("\n"), seen.join("\n"))?;
    }
    help(c)
}
