//! Exercise 10, The course's Exercice: memory that does not grow: what its text says, asserted.

use crate::helpers::*;

/// The peak resident memory of the program under check run with `args`, in KiB, measured by
/// the `peak-rss` tool (a small process: see its header); `None` if it printed no figure.
fn peak_rss(c: &mut Check, args: &[&str]) -> Result<(Run, Option<f64>), Stop> {
    let tool = workspace::built(false, "check", "peak-rss");
    let mut cmd = Command::new(&tool);
    cmd.arg(&c.program).args(args);
    let mut shown = vec![c.program.to_str().unwrap_or_default()];
    shown.extend(args);
    let r = run_command(&mut cmd, crate::checker::command_line(&tool, &shown));
    let out = c.succeeded(&r)?.trim_end();
    let kib = out.strip_prefix("Maximum resident set size (kbytes): ").and_then(|k| k.parse().ok());
    Ok((r, kib))
}

/// Runs in which the children must be seen at work together: one is enough (a sample can miss
/// them on a busy machine; a program whose children run one after another never shows it).
const ATTEMPTS: usize = 5;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for (n, procs) in [(10, 2), (11, 3), (3, 5), (1000, 7), (99_999, 2)] {
        let (r, tab) = filled(c, &[&n.to_string(), &procs.to_string()], n)?;
        let bad = in_their_hundreds(&tab, procs);
        let what = format!("`{}`: every slot filled by its process", r.command);
        let seen = bad.map(|i| format!("slot {i} = {}", tab[i])).unwrap_or_default();
        c.check(bad.is_none(), what, &r, "slot i in [100 k, 100 k + 1) for its process k", seen)?;
    }
    // With 2 processes, a child that starts with a copy of a whole array and adds its half
    // peaks at 1.5 arrays: well above the limit, as the parent holding 3 arrays.
    let array_kib = 2_000_000.0 * 8.0 / 1024.0; // N = 2 000 000 f64: 15 625 KiB
    let (_, baseline) = peak_rss(c, &["1", "1"])?;
    let (r, peak) = peak_rss(c, &["2000000", "2"])?;
    let what = format!(
        "`{}`: the peak holds about one array of N f64 ({array_kib} KiB), not one per process",
        r.command
    );
    let baseline = baseline.unwrap_or(f64::NAN);
    let limit = 1.2 * array_kib + baseline;
    let seen = match peak {
        Some(peak) => format!("{peak} KiB, {:.1} arrays", (peak - baseline) / array_kib),
        None => format!("no figure in:\n{}", r.stdout.trim_end()),
    };
    let expected = format!("at most {limit:.0} KiB (1.2 arrays + the {baseline} KiB of `1 1`)");
    c.check(peak.is_some_and(|peak| peak <= limit), what, &r, expected, seen)?;
    // The lesson is the memory, but the children still fill their parts at the same time.
    let (mut most, mut last) = (0, None);
    for _ in 0..ATTEMPTS {
        let (r, _, processes) = at_once(c, &["2000000", "4"]);
        c.succeeded(&r)?;
        most = most.max(processes);
        last = Some(r);
        if most > 2 {
            break;
        }
    }
    let r = last.expect("a run");
    let what = format!("`{}`: its children fill at the same time", r.command);
    let many = plural(most, "process", "processes");
    let seen =
        format!("at most {most} {many} at once in {ATTEMPTS} runs: one child after the other");
    c.check(most > 2, what, &r, "the parent and more than one child at once", seen)
}
