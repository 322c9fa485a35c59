//! Exercise 7, Lock a shared descriptor: what its text says the student will observe, asserted.

use crate::helpers::*;

/// "Counter = N" in the output of file-counter.
fn counter(r: &Run) -> Option<u64> {
    r.stdout.lines().find_map(|l| l.strip_prefix("Counter = ")?.parse().ok())
}

pub fn check(c: &mut Check) -> Result<(), Stop> {
    // The children still take a lock: while another process holds it, the counter stays at 0.
    let scratch = Scratch::new("check-ex07");
    let path = scratch.0.join("counter.txt");
    let path_arg = path.to_str().expect("a UTF-8 path");
    let value = |text: &str| text.trim().parse::<u64>().unwrap_or(0);
    let watcher = lock_and_watch(&path, Duration::from_secs(2), move |text| value(text) > 0);
    let r = c.run(&["4", "10", path_arg]);
    let written = watcher.join().expect("the watcher");
    let what =
        format!("`{}` while another process holds the flock: the counter stays at 0", r.command);
    let expected = "0 until the lock is released (the children wait for it)";
    let seen = format!("the file held {}", written.as_deref().unwrap_or_default().trim());
    c.check(written.is_none(), what, &r, expected, seen)?;
    let after = counter(&r).unwrap_or(0);
    let what = format!("`{}`: once the lock is released, the children count", r.command);
    c.check(after > 0, what, &r, "a counter above 0 at the end", r.stdout.trim_end())?;
    // And yet the lock excludes nothing: updates are lost.
    let (r, lost, runs) = likely(c, &["4", "20000"], |c, r| {
        let got = counter(r);
        let ok = match got {
            Some(80_000) => r.succeeded(),
            Some(n) => {
                n < 80_000 && r.code() == Some(1) && r.stderr.contains("expected 80000, got")
            }
            None => false,
        };
        let expected = "\"Counter = 80000\", or a smaller one and \"expected 80000, got …\"";
        let seen = format!("{}; {}", r.stdout.trim_end(), r.ended());
        c.quietly(ok, "the counter is counted", r, expected, seen)?;
        Ok(got != Some(80_000))
    })?;
    let what = format!("`{}`: updates lost, lock held, in {lost} of {runs} runs", r.command);
    let seen = format!("Counter = 80000 in all {runs} runs");
    c.check(lost > 0, what, &r, "lost updates in some runs", seen)
}
