//! Exercise 23, Reduce instead of Allreduce: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for nbbloc in ["10", "7", "1000000"] {
        // pi-sequential's first line is "PI = …" (its own tests say so): NaN would fail below.
        let sequential = c.run_example("pi-sequential", &[nbbloc]);
        let first = c.succeeded(&sequential)?.lines().next().unwrap_or_default();
        let expected: f64 = read::pi(first).unwrap_or(f64::NAN);
        let what = format!("N = {nbbloc} on 1 to 4 ranks: PI on rank 0 only, 0 elsewhere");
        for n in 1..=4 {
            let r = c.mpirun(n, &[nbbloc]);
            c.succeeded(&r)?;
            // The starting example's `%timeit` line may stay: it is not a rank's value.
            let timeit = |l: &&str| l.contains(" per loop (mean ± std. dev. of ");
            let lines: Vec<&str> = r.lines().into_iter().filter(|l| !timeit(l)).collect();
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
    // Rank 0 receiving the parts one by one prints the same PI, or nearly: the source tells.
    let what = "every rank calls Reduce: `reduce_into_root` on rank 0, `reduce_into` on the others, no message sent one by one";
    source_rule(c, what, "`reduce_into_root` and `reduce_into`, no `send` or `receive`", |s| {
        let calls = s.method_calls(&[
            "reduce_into_root",
            "reduce_into",
            "send",
            "receive",
            "receive_into",
            "receive_vec",
            "immediate_send",
            "matched_receive",
        ]);
        let has = |name: &str| calls.iter().any(|(n, _)| n == name);
        if let Some((name, line)) = calls.iter().find(|(n, _)| !n.starts_with("reduce")) {
            return Err(format!("line {line}: `{name}`: a point-to-point message, not Reduce"));
        }
        match (has("reduce_into_root"), has("reduce_into")) {
            (true, true) => Ok(()),
            (false, _) => Err("no `reduce_into_root`: rank 0 takes no part in a Reduce".into()),
            (true, false) => {
                Err("no `reduce_into`: the other ranks take no part in the Reduce".into())
            }
        }
    })?;
    help(c)
}
