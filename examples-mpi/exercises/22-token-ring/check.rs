//! Exercise 22, A token around the ring: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for n in 2..=4 {
        let r = c.mpirun(n, &[]);
        let mut expected: Vec<String> = (1..n)
            .map(|r| format!("Proc {r} received token {} from {}", r * (r - 1) / 2, r - 1))
            .collect();
        expected.push(format!("Proc 0 received token {} from {}", n * (n - 1) / 2, n - 1));
        let what = format!("`{}`: the token goes once around the ring", r.command);
        same_lines(c, &r, &expected, what)?;
    }
    help(c)
}
