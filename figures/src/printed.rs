//! Reading back what the programs printed: the before and after lines of the MPI collectives,
//! and pi-scaling's tables (their arrays and clocks through `harness::read`, the one reader of
//! each format). A text that is not such output is refused with one line saying
//! what was expected (the `Err`), never half drawn.

use std::collections::BTreeMap;

use harness::read;

use crate::scaling::Series;

/// What every rank held before and after a collective call, read from the program's lines.
#[derive(Debug, PartialEq)]
pub struct Collective {
    /// The program that printed the lines (`mpi-bcast` …).
    pub program: &'static str,
    /// What the call did, the figure's title.
    pub title: String,
    /// One row per rank; empty for a rank that held nothing (Scatter's ranks but the root).
    pub before: Vec<Vec<f64>>,
    pub after: Vec<Vec<f64>>,
}

const COLLECTIVES: &str = "the output of mpi-bcast, mpi-scatter, mpi-gather, mpi-allgather, \
                           mpi-alltoall, mpi-reduce or mpi-allreduce";

/// The families of lines: the program that prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Bcast,
    Scatter,
    Gather,
    Allgather,
    Alltoall,
    Reduce,
}

/// The lines `Proc R …` of the collectives, by what follows the rank: the program's family and
/// the side, 0 for what a rank held before the call, 1 after it.
const PROC_LINES: [(&str, Family, usize); 4] = [
    ("scatter data ", Family::Scatter, 0),
    ("send ", Family::Gather, 0),
    ("data = ", Family::Reduce, 0),
    ("reduce results = ", Family::Reduce, 1),
];

/// `Proc 3 rest` as (3, `rest`).
fn proc_line(line: &str) -> Option<(usize, &str)> {
    let (rank, rest) = line.strip_prefix("Proc ")?.split_once(' ')?;
    Some((rank.parse().ok()?, rest))
}

/// Rank `rank`'s row of `rows`, set once (a second one is a mismatch).
fn set(
    rows: &mut BTreeMap<usize, Vec<f64>>,
    rank: usize,
    values: Vec<f64>,
    what: &str,
) -> Result<(), String> {
    match rows.insert(rank, values) {
        Some(_) => Err(format!("{what} of rank {rank} printed twice")),
        None => Ok(()),
    }
}

/// The before and after rows of every rank, from the lines of one collective program, in any
/// order (the ranks' lines interleave). `text` must be nothing but that program's lines.
pub fn collective(text: &str) -> Result<Collective, String> {
    let expected = |why: String| format!("expected {COLLECTIVES}; {why}");
    let (mut before, mut after) = (BTreeMap::new(), BTreeMap::new());
    let mut families: Vec<Family> = Vec::new();
    let mut reduce_only = false; // x, MAX, MINLOC: mpi-reduce, not mpi-allreduce
    // The lines of rank 0's Gather result, a 2-D array over several lines (read at once).
    let mut gathered: Option<Vec<usize>> = None;
    for (number, line) in text.lines().enumerate() {
        let bad = || expected(format!("line {} is not: '{}'", number + 1, shorten(line)));
        if line.trim().is_empty() || gathered.as_ref().is_some_and(|g| g.contains(&(number + 1))) {
            continue;
        }
        // side: 0 for what a rank held before the call, 1 after it.
        let call = [("Before ", 0), ("After ", 1)]
            .into_iter()
            .find_map(|(lead, side)| Some((line.strip_prefix(lead)?, side)));
        let (family, side, rank, values) = if let Some((rest, side)) = call {
            let (family, rank, values) = call_line(rest).ok_or_else(bad)?;
            (family, side, rank, values)
        } else {
            let (rank, rest) = proc_line(line).ok_or_else(bad)?;
            let known = PROC_LINES
                .iter()
                .find_map(|&(lead, family, side)| Some((family, side, rest.strip_prefix(lead)?)));
            if let Some((family, side, values)) = known {
                (family, side, rank, read::numpy(values).ok_or_else(bad)?)
            } else if rest.starts_with("has data : ") {
                if rank != 0 || gathered.is_some() {
                    return Err(bad());
                }
                families.push(Family::Gather);
                // This line is the first of its kind: the array starts here, and another
                // rank's lines may come between its rows.
                let (rows, lines) = read::numpy_rows(text, "Proc 0 has data : ")
                    .map_err(|e| expected(format!("rank 0's gathered array: {e}")))?;
                gathered = Some(lines);
                set(&mut after, 0, rows.concat(), "the gathered array").map_err(expected)?;
                continue;
            } else if rest.strip_prefix("x = ").is_some_and(|x| x.parse::<f64>().is_ok())
                || rest.strip_prefix("MAX = ").and_then(read::numpy).is_some()
                || rest.starts_with("MINLOC of x = ")
            {
                families.push(Family::Reduce);
                reduce_only = true;
                continue;
            } else {
                return Err(bad());
            }
        };
        families.push(family);
        let rows = if side == 0 { &mut before } else { &mut after };
        let what = ["the values before", "the values after"][side];
        set(rows, rank, values, what).map_err(expected)?;
    }
    families.sort();
    families.dedup();
    let family = match families.as_slice() {
        [] => return Err(expected("got no line".into())),
        [one] => *one,
        _ => return Err(expected(format!("got lines of several programs: {families:?}"))),
    };
    // The rows of ranks 0 to the last, empty where a rank printed nothing.
    let ranks = before.keys().chain(after.keys()).max().map_or(1, |last| last + 1);
    let complete = |mut rows: BTreeMap<usize, Vec<f64>>| {
        (0..ranks).map(|rank| rows.remove(&rank).unwrap_or_default()).collect::<Vec<_>>()
    };
    let (before, after) = (complete(before), complete(after));
    check(family, reduce_only, &before, &after).map_err(expected)?;
    let n = before.iter().map(Vec::len).max().unwrap_or(0) / ranks.max(1);
    let (program, title) = match (family, reduce_only) {
        (Family::Bcast, _) => ("mpi-bcast", "Bcast: rank 0's values on every rank"),
        (Family::Scatter, _) => ("mpi-scatter", "Scatter: rank 0's array, N values to each rank"),
        (Family::Gather, _) => ("mpi-gather", "Gather: every rank's values, as rows on rank 0"),
        (Family::Allgather, _) => {
            ("mpi-allgather", "Allgather: every rank's values, on every rank")
        }
        (Family::Alltoall, _) => ("mpi-alltoall", "Alltoall: block j of rank i goes to rank j"),
        (Family::Reduce, true) => ("mpi-reduce", "Reduce (SUM): the sums on rank 0"),
        (Family::Reduce, false) => ("mpi-allreduce", "Allreduce (SUM): the sums on every rank"),
    };
    let title = title.replace("N values", &format!("{n} values"));
    Ok(Collective { program, title, before, after })
}

/// `Bcast : Proc 2 - data = [..]` (after `Before ` or `After `) as (Bcast, 2, values).
fn call_line(rest: &str) -> Option<(Family, usize, Vec<f64>)> {
    let (call, rest) = rest.split_once(" : ")?;
    let family = match call {
        "Bcast" => Family::Bcast,
        "Scatter" => Family::Scatter,
        "Allgather" => Family::Allgather,
        "Alltoall" => Family::Alltoall,
        _ => return None,
    };
    let (rank, rest) = proc_line(rest)?;
    let values = rest.strip_prefix("- data = ").or_else(|| rest.strip_prefix("- recv = "))?;
    Some((family, rank, read::numpy(values)?))
}

/// Whether each rank printed what the program prints, with lengths that agree.
fn check(
    family: Family,
    reduce_only: bool,
    before: &[Vec<f64>],
    after: &[Vec<f64>],
) -> Result<(), String> {
    let ranks = before.len();
    let n = before.iter().map(Vec::len).find(|&len| len > 0).unwrap_or(0);
    let received = after[0].len(); // by each rank, in a Scatter
    // Each side: its rows, whether rank 0 alone prints it, its line, how many values each rank
    // that prints it holds and what they are; in the order checked.
    let sides = match family {
        Family::Scatter => [
            (after, false, "'After Scatter'", received, "received by each rank"),
            (before, true, "the scattered array", ranks * received, "in rank 0's array"),
        ],
        Family::Gather => [
            (before, false, "'send'", n, "sent by each rank"),
            (after, true, "'has data'", ranks * n, "gathered on rank 0"),
        ],
        Family::Reduce if reduce_only => [
            (before, false, "'data ='", n, "on each rank"),
            (after, true, "'reduce results'", n, "reduced on rank 0"),
        ],
        _ => {
            let (sent, received) = match family {
                Family::Allgather => (n, ranks * n),
                Family::Alltoall => (ranks, ranks),
                _ => (n, n),
            };
            [
                (before, false, "before", sent, "on each rank before the call"),
                (after, false, "after", received, "on each rank after the call"),
            ]
        }
    };
    for (rows, root_only, line, _, _) in sides {
        let others = rows.iter().skip(1).position(|r| !r.is_empty());
        if let (true, Some(rank)) = (root_only, others) {
            return Err(format!("rank {} printed {line}, which only rank 0 prints", rank + 1));
        }
        let rows = if root_only { &rows[..1] } else { rows };
        if let Some(rank) = rows.iter().position(Vec::is_empty) {
            return Err(format!("rank {rank} printed no {line} line"));
        }
    }
    for (rows, root_only, _, len, what) in sides {
        let rows = if root_only { &rows[..1] } else { rows };
        if let Some(rank) = rows.iter().position(|r| r.len() != len) {
            let has = rows[rank].len();
            return Err(format!(
                "{ranks} ranks, so {len} values {what}, but rank {rank} has {has}"
            ));
        }
    }
    Ok(())
}

/// At most 60 characters of `line`, for an error message.
fn shorten(line: &str) -> String {
    let mut short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

/// pi-scaling's printed tables, in their order, each with its machine line: a table is a
/// header `pi-threads: N = 1000 points, threads [1, 2]`, a line `machine: …`, then one row
/// `2 thread => 0:00.652elapsed 196%CPU  speedup   1.97  efficiency   99%` per count (the
/// course's own tables to the hundredth). The lines about the build or the CSV file are
/// skipped.
pub fn scaling(text: &str) -> Result<Vec<(Series, String)>, String> {
    let expected = |why: String| {
        format!(
            "expected pi-scaling's tables ('NAME: N = … points, threads [1, 2]', then a row per count); {why}"
        )
    };
    // Each with the counts its header announced and its machine line.
    let mut tables: Vec<(Series, Vec<u64>, Option<String>)> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let bad = || expected(format!("line {} is not: '{}'", number + 1, shorten(line)));
        if let Some((name, rest)) = line.split_once(": N = ") {
            let (_, counts) = rest.split_once('[').ok_or_else(bad)?;
            let counts = counts.strip_suffix(']').ok_or_else(bad)?;
            let counts: Option<Vec<u64>> = counts.split(", ").map(|c| c.parse().ok()).collect();
            let series = Series { name: name.to_string(), ..Series::default() };
            tables.push((series, counts.ok_or_else(bad)?, None));
        } else if let Some(text) = line.strip_prefix("machine: ") {
            match tables.last_mut() {
                Some((_, _, machine @ None)) => *machine = Some(text.to_string()),
                _ => return Err(bad()),
            }
        } else if let Some((count, rest)) = line.split_once(" => ") {
            let (series, _, _) = tables.last_mut().ok_or_else(bad)?;
            let count = count.split_whitespace().next().and_then(|c| c.parse().ok());
            let rest: Vec<&str> = rest.split_whitespace().collect();
            let seconds =
                rest.first().and_then(|t| t.strip_suffix("elapsed")).and_then(read::clock);
            let speedup = match rest.as_slice() {
                [_, _, "speedup", s, "efficiency", _] => s.parse().ok(),
                _ => None,
            };
            let (Some(count), Some(seconds), Some(speedup)) = (count, seconds, speedup) else {
                return Err(bad());
            };
            series.workers.push(count);
            series.seconds.push(seconds);
            series.speedups.push(speedup);
        } else if line.starts_with("WARNING: dev build")
            || line.starts_with("CSV written to ")
            || line.trim().is_empty()
        {
            // the build warning and the CSV line: not in the figure
        } else {
            return Err(bad());
        }
    }
    if tables.is_empty() {
        return Err(expected("got no table".into()));
    }
    let checked = tables.into_iter().map(|(series, counts, machine)| {
        if series.workers != counts {
            return Err(expected(format!(
                "the table of {} announces the counts {counts:?} but has rows for {:?}",
                series.name, series.workers
            )));
        }
        let no_machine = format!("the table of {} has no 'machine:' line", series.name);
        let machine = machine.ok_or_else(|| expected(no_machine))?;
        Ok((series, machine))
    });
    checked.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gather_rows_may_interleave_with_other_ranks_lines() {
        let text =
            "Proc 0 send [0. 0.]\nProc 0 has data : [[0. 0.]\nProc 1 send [1. 1.]\n [1. 1.]]\n";
        let c = collective(text).unwrap();
        assert_eq!(c.program, "mpi-gather");
        assert_eq!(c.before, vec![vec![0.0, 0.0], vec![1.0, 1.0]]);
        assert_eq!(c.after, vec![vec![0.0, 0.0, 1.0, 1.0], vec![]]);
        let cut = text.replace(" [1. 1.]]\n", "");
        assert!(collective(&cut).unwrap_err().contains("ends before its last row"));
        let stray = format!("{text} [2. 2.]\n");
        assert!(collective(&stray).unwrap_err().contains("line 5 is not: ' [2. 2.]'"));
        let twice = format!("{text}Proc 0 has data : [[0. 0.]]\n");
        assert!(collective(&twice).unwrap_err().contains("line 5 is not"));
    }

    #[test]
    fn reduce_and_allreduce_are_told_apart() {
        let all = "Proc 1 data = [1.]\nProc 0 data = [0.]\nProc 0 reduce results = [1.]\nProc 1 reduce results = [1.]\n";
        assert_eq!(collective(all).unwrap().program, "mpi-allreduce");
        let root = "Proc 1 data = [1.]\nProc 0 data = [0.]\nProc 0 x = 0.5\nProc 0 reduce results = [1.]\nProc 0 MAX = [1.]\n";
        assert_eq!(collective(root).unwrap().program, "mpi-reduce");
        assert!(collective(&root.replace("Proc 0 reduce", "Proc 1 reduce")).is_err());
    }

    #[test]
    fn a_mismatched_collective_is_refused() {
        let bcast =
            "Before Bcast : Proc 0 - data = [0.5 0.25]\nAfter Bcast : Proc 0 - data = [0.5 0.25]\n";
        assert!(collective(bcast).is_ok());
        let missing = format!("{bcast}After Bcast : Proc 2 - data = [0.5 0.25]\n");
        assert!(collective(&missing).unwrap_err().contains("rank 1 printed no before line"));
        let short = bcast.replace(
            "After Bcast : Proc 0 - data = [0.5 0.25]",
            "After Bcast : Proc 0 - data = [0.5]",
        );
        assert!(collective(&short).is_err());
        let twice = format!("{bcast}{bcast}");
        assert!(collective(&twice).unwrap_err().contains("twice"));
        let mixed = format!("{bcast}Proc 1 send [0. 0.]\n");
        assert!(collective(&mixed).unwrap_err().contains("several programs"));
        assert!(collective("").unwrap_err().contains("got no line"));
        assert!(collective("hello\n").unwrap_err().contains("line 1 is not: 'hello'"));
    }

    #[test]
    fn scaling_tables_read_back() {
        let text = "pi-threads: N = 1000 points, threads [1, 2]\nmachine: M\n\
                    1 thread  => 0:01.27elapsed 100%CPU   speedup   1.00  efficiency  100%\n\
                    2 threads => 1:00.652elapsed 196%CPU   speedup   1.97  efficiency   99%\n";
        let tables = scaling(text).unwrap();
        let (table, machine) = &tables[0];
        assert_eq!(machine, "M");
        assert_eq!(table.workers, vec![1, 2]);
        assert_eq!(table.seconds, vec![1.27, 60.652]);
        assert_eq!(table.speedups, vec![1.0, 1.97]);
        let no_machine = text.replace("machine: M\n", "");
        assert!(scaling(&no_machine).unwrap_err().contains("has no 'machine:' line"));
        let cut = text.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(scaling(&cut).unwrap_err().contains("announces the counts [1, 2]"));
        assert!(scaling("").is_err() && scaling("PI = 3.14\n").is_err());
        // A bar chart is not a table's line.
        let bars = format!("{text}    1 █████████████| 1.00\n");
        assert!(scaling(&bars).unwrap_err().contains("line 5 is not"));
    }
}
