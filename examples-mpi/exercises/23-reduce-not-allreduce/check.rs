//! The check of exercise 23, Reduce instead of Allreduce: what its text says the student will
//! observe, asserted on the program under check.

#[allow(unused_imports)]
use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for nbbloc in ["10", "7", "1000000"] {
        // pi-sequential's first line is "PI = …" (its own tests say so): NaN would fail below.
        let sequential = c.run_example("pi-sequential", &[nbbloc]);
        let first = c.succeeded(&sequential)?.lines().next().unwrap_or_default();
        let expected: f64 =
            first.strip_prefix("PI = ").and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
        let what = format!("N = {nbbloc} on 1 to 4 ranks: PI on rank 0 only (Reduce), 0 elsewhere");
        for n in 1..=4 {
            let r = c.mpirun(n, &[nbbloc]);
            c.succeeded(&r)?;
            let lines = r.lines();
            let of = |rank: usize| {
                let start = format!("Proc {rank} receive = ");
                lines.iter().find_map(|l| l.strip_prefix(&start)?.parse::<f64>().ok())
            };
            let root = of(0).is_some_and(|pi| (pi - expected).abs() < 1e-12);
            let others = (1..n).all(|rank| of(rank) == Some(0.0));
            let ok = root && others && lines.len() == n;
            let want =
                format!("\"Proc 0 receive = {expected}\" and \"Proc r receive = 0\" on the others");
            c.quietly(ok, &what, &r, want, r.stdout.trim_end())?;
        }
        c.pass(what);
    }
    help(c)
}
