//! Exercise 25, The deadlock made safe: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for args in [&[][..], &["--wrong-order"][..]] {
        for n in [2, 4] {
            let r = c.mpirun(n, args);
            let what = format!("`{}` ends well: no rank waits for another", r.command);
            c.check(r.succeeded(), what, &r, "exit status 0", r.ended())?;
            // `Proc 0 send [0.5 1.] to 1`: the array, then whom it goes to.
            let array_after = |start: String| {
                let rest = r.lines().into_iter().find_map(|l| l.strip_prefix(&start))?;
                read::numpy_start(rest).map(|(values, _)| values)
            };
            let sent_by = |rank: usize| array_after(format!("Proc {rank} send "));
            let received_by = |rank: usize| array_after(format!("Proc {rank} receive "));
            let ok = sent_by(0).is_some()
                && received_by(1) == sent_by(0)
                && received_by(0) == sent_by(1);
            let what = format!("`{}`: ranks 0 and 1 swap their values", r.command);
            let expected = "each of ranks 0 and 1 receives what the other sent";
            c.check(ok, what, &r, expected, r.stdout.trim_end())?;
        }
    }
    source_uses(c, "the exchange is one `send_receive_into` per rank", &["send_receive_into("])?;
    help(c)
}
