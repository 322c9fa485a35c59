//! The MPI notebook, « Parallélisme à mémoire distribuée en pratique », cell by cell
//! (`examples-mpi/`): each program under `mpirun` with 1 to 4 ranks, what each rank prints, and
//! that the data arrived intact (every value is printed with all its digits). Without MPI
//! `cargo test` reports these tests as ignored, with the reason (`no_mpi`, set by
//! `tests/build.rs`), except in CI (`COURSE_REQUIRE_MPI=1`), where a missing MPI fails them.

use course_tests::*;
use std::process::Command;

/// The array printed on the only line of `out` that starts with `start`, right after it, and
/// the end of the line if any: ` to N` or ` from N` (`Proc 0 send [0.5 1.] to 1`).
fn array(out: &str, start: &str) -> Vec<f64> {
    let line = line(out, start);
    let read = read::numpy_start(&line[start.len()..]);
    let (values, rest) = read.unwrap_or_else(|| panic!("no array after {start:?}: {line:?}"));
    let whom = rest.strip_prefix(" to ").or_else(|| rest.strip_prefix(" from "));
    assert!(rest.is_empty() || whom.is_some_and(|w| w.parse::<usize>().is_ok()), "{line:?}");
    values
}

/// The values of the array on `line`, after its label (`Proc 0 send [0.5 1.] to 1`), or of its
/// row on a line of a 2-D array (`Proc 0 has data : [[0. 0.]`, ` [1. 1.]]`).
fn values_on(line: &str) -> Vec<f64> {
    let from = line.find('[').unwrap_or_else(|| panic!("no array in {line:?}"));
    let from = if line[from..].starts_with("[[") { from + 1 } else { from };
    read::numpy_start(&line[from..]).unwrap_or_else(|| panic!("no array in {line:?}")).0
}

/// The arrays of `ranks` on the lines that start with `start`, where `{r}` stands for the rank
/// (`After Bcast : Proc {r} - data = `).
fn by_rank(out: &str, ranks: std::ops::Range<usize>, start: &str) -> Vec<Vec<f64>> {
    ranks.map(|r| array(out, &start.replace("{r}", &r.to_string()))).collect()
}

/// The only line of `out` that starts with `start`.
fn line<'a>(out: &'a str, start: &str) -> &'a str {
    let found: Vec<&str> = out.lines().filter(|l| l.starts_with(start)).collect();
    assert_eq!(found.len(), 1, "one line starting {start:?} in:\n{out}");
    found[0]
}

/// `mpirun -n ranks program args` that must succeed: its stdout.
fn ok(ranks: usize, program: &str, args: &[&str]) -> String {
    let r = mpirun(ranks, program, args);
    r.ok().to_string()
}

/// A program that needs 2 ranks, started with 1: one line, from rank 0, and a failed run.
fn needs_two(program: &str) {
    let r = mpirun(1, program, &[]);
    assert_ne!(r.code(), Some(0), "{program} with 1 rank");
    let said = format!("{program}: needs at least 2 ranks, got 1: mpirun -n 2 {program}");
    assert_eq!(r.stderr.matches(&said).count(), 1, "{program}: {}", r.stderr);
    assert!(r.stdout.is_empty() && !r.stderr.contains("panicked"), "{r:?}");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_communicator_and_groups_for_1_to_4_ranks() {
    for n in 1..=4 {
        let out = ok(n, "mpi-communicator", &[]);
        let mut lines: Vec<&str> = out.lines().collect();
        lines.sort();
        let mut expected: Vec<String> = vec!["MPI_COMM_WORLD".into(); n];
        expected.extend((0..n).map(|r| format!("Je suis le processus {r} sur {n}")));
        expected.sort();
        assert_eq!(lines, expected, "{n} ranks");

        let out = ok(n, "mpi-groups", &[]);
        let mut lines: Vec<&str> = out.lines().collect();
        lines.sort();
        let (evens, odds) = (n.div_ceil(2), n / 2);
        let mut expected: Vec<String> = (0..n)
            .map(|r| match r % 2 {
                0 => format!("Je suis le processus pair {} sur {evens}", r / 2),
                _ => format!("Je suis le processus impair {} sur {odds}", r / 2),
            })
            .collect();
        expected.sort();
        assert_eq!(lines, expected, "{n} ranks");
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_message_size_counts_the_bytes_that_travel() {
    let sizes = "Size of a = 24 + 800 (the Vec, then its values)\nSize of a as a message = 800 (MPI_DOUBLE × 100, no pickling)\n";
    assert_eq!(ok(1, "mpi-message-size", &[]), sizes);
    let out = ok(2, "mpi-message-size", &[]);
    line(&out, "Proc 1 received 800 bytes (100 f64) from 0");
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_send_recv_delivers_what_was_sent() {
    needs_two("mpi-send-recv");
    for n in [2, 4] {
        let out = ok(n, "mpi-send-recv", &[]);
        let sent = array(&out, "Proc 0 send ");
        assert_eq!(sent.len(), 5);
        assert!(line(&out, "Proc 0 send [").ends_with("] to 1"));
        assert_eq!(array(&out, "Proc 1 receive "), sent, "{out}");
        assert_eq!(out.lines().filter(|l| *l == "Nothing to do").count(), n - 2, "{out}");
        // Seeded per rank: the same numbers on every run.
        assert_eq!(array(&ok(n, "mpi-send-recv", &[]), "Proc 0 send "), sent);
    }
}

/// Ranks 0 and 1 each receive what the other sent (`send` lines name the values sent).
fn exchanged(out: &str) {
    let sent_by = |r: i32| array(out, &format!("Proc {r} send "));
    let received_by = |r: i32| array(out, &format!("Proc {r} receive "));
    assert_eq!(received_by(0), sent_by(1), "{out}");
    assert_eq!(received_by(1), sent_by(0), "{out}");
    assert_ne!(sent_by(0), sent_by(1), "the ranks draw different numbers");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_exchange_safe_order_sendrecv_and_replace() {
    for program in ["mpi-exchange", "mpi-sendrecv", "mpi-sendrecv-replace"] {
        needs_two(program);
        for n in [2, 3] {
            let out = ok(n, program, &[]);
            exchanged(&out);
            let others =
                out.lines().filter(|l| !l.starts_with("Proc 0") && !l.starts_with("Proc 1"));
            let nothing =
                if program == "mpi-exchange" { vec!["Nothing to do"; n - 2] } else { vec![] };
            assert_eq!(others.collect::<Vec<_>>(), nothing, "{program}, {n} ranks:\n{out}");
        }
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_exchange_in_the_wrong_order_is_stopped_by_its_watchdog() {
    // With 4 ranks, ranks 2 and 3 wait at the final barrier while 0 and 1 are blocked. The
    // watchdog ends it after 3 s (3.4 s in all here); one that does not fire leaves it to the
    // harness's time-out, which fails the test.
    let n = 4;
    let r = mpirun(n, "mpi-exchange", &["--wrong-order"]);
    assert_eq!(r.code(), Some(1), "{n} ranks: {r:?}");
    let said = "mpi-exchange: ranks 0 and 1 are blocked in `receive`, each waiting for the other's `send`: stopped after 3 s";
    assert_eq!(r.stderr.lines().filter(|l| *l == said).count(), 1, "{}", r.stderr);
    assert_eq!(r.stdout.matches("wait for receive").count(), 2, "{}", r.stdout);
    assert!(!r.stdout.contains("receive ["), "{}", r.stdout);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    // No rank is left running (mpirun may return while its SIGKILLs are taking effect).
    let running = || {
        let pids = std::process::Command::new("pgrep").args(["-x", "mpi-exchange"]).output();
        let pids = pids.map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        let pids = pids.unwrap_or_default();
        let alive = |pid: &&str| pid.parse().is_ok_and(read::running);
        pids.split_whitespace().filter(alive).map(String::from).collect::<Vec<_>>()
    };
    let start = std::time::Instant::now();
    while !running().is_empty() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(running(), Vec::<String>::new(), "ranks left running");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_broadcasts_by_hand_and_with_bcast() {
    for n in 1..=4 {
        let out = ok(n, "mpi-bcast-loop", &[]);
        // Rank 0 sends to every other rank (none with 1 rank): the same array each time.
        let sends = out.lines().filter_map(|l| l.strip_prefix("Proc 0 send "));
        let sent = sends.map(|rest| read::numpy_start(rest).expect("an array").0).next();
        let sent = sent.unwrap_or_default();
        assert_eq!(out.lines().filter(|l| l.starts_with("Proc 0 send [")).count(), n - 1, "{out}");
        assert_eq!(by_rank(&out, 1..n, "Proc {r} receive "), vec![sent; n - 1], "{out}");
        let out = ok(n, "mpi-bcast", &[]);
        let root = array(&out, "Before Bcast : Proc 0 - data = ");
        assert_eq!(root.len(), 5);
        let before = by_rank(&out, 1..n, "Before Bcast : Proc {r} - data = ");
        assert_eq!(before, vec![[0.0; 5]; n - 1], "{n} ranks:\n{out}");
        let after = by_rank(&out, 0..n, "After Bcast : Proc {r} - data = ");
        assert_eq!(after, vec![root; n], "{n} ranks:\n{out}");
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_scatter_and_gather() {
    for n in 1..=4 {
        let out = ok(n, "mpi-scatter", &[]);
        let data = array(&out, "Proc 0 scatter data ");
        assert_eq!(data.len(), 4 * n);
        let parts = by_rank(&out, 0..n, "After Scatter : Proc {r} - recv = ").concat();
        assert_eq!(parts, data, "the parts, in rank order, are rank 0's array:\n{out}");

        let out = ok(n, "mpi-gather", &[]);
        let expected: Vec<Vec<f64>> = (0..n).map(|r| vec![r as f64; 5]).collect();
        assert_eq!(by_rank(&out, 0..n, "Proc {r} send "), expected, "{out}");
        // Rank 0's array: its first line, then its rows. mpirun passes on each rank's lines
        // as they come, so another rank's `Proc r send` line may sit between the rows (the
        // reader passes over it, as `figures collective` does).
        let rows = read::numpy_rows(&out, "Proc 0 has data : ");
        let (rows, _) = rows.unwrap_or_else(|e| panic!("{e}:\n{out}"));
        assert_eq!(rows, expected, "row r is rank r's:\n{out}");
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_allgather_and_alltoall() {
    for n in 1..=4 {
        let out = ok(n, "mpi-allgather", &[]);
        let all = by_rank(&out, 0..n, "Before Allgather : Proc {r} - data = ").concat();
        assert_eq!(all.len(), 2 * n);
        let recv = by_rank(&out, 0..n, "After Allgather : Proc {r} - recv = ");
        assert_eq!(recv, vec![all; n], "every rank holds every rank's values:\n{out}");

        let out = ok(n, "mpi-alltoall", &[]);
        let before = by_rank(&out, 0..n, "Before Alltoall : Proc {r} - data = ");
        let after = by_rank(&out, 0..n, "After Alltoall : Proc {r} - recv = ");
        for i in 0..n {
            for j in 0..n {
                assert_eq!(after[i][j], before[j][i], "block ({i}, {j}) is rank {j}'s block {i}");
            }
        }
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_reduce_and_allreduce() {
    for n in 1..=4 {
        let sum = (0..n).sum::<usize>() as f64;
        let out = ok(n, "mpi-reduce", &[]);
        assert_eq!(array(&out, "Proc 0 reduce results = "), [sum; 5], "{out}");
        assert_eq!(array(&out, "Proc 0 MAX = "), [(n - 1) as f64; 5], "{out}");
        let xs: Vec<f64> = (0..n)
            .map(|r| line(&out, &format!("Proc {r} x = "))["Proc 0 x = ".len()..].parse().unwrap())
            .collect();
        let (at, min) = xs
            .iter()
            .enumerate()
            .fold((0, f64::MAX), |m, (r, &x)| if x < m.1 { (r, x) } else { m });
        // Two ranks hold the smallest x: MINLOC names the smaller rank.
        let holders = xs.iter().filter(|&&x| x == min).count();
        assert_eq!(holders, n.min(2), "ranks holding the smallest x:\n{out}");
        assert_eq!(
            line(&out, "Proc 0 MINLOC of x = "),
            format!("Proc 0 MINLOC of x = {min:?} on rank {at}")
        );
        assert_eq!(out.lines().filter(|l| l.contains("reduce results")).count(), 1, "rank 0 only");

        let out = ok(n, "mpi-allreduce", &[]);
        let data: Vec<Vec<f64>> = (0..n).map(|r| vec![r as f64; 5]).collect();
        assert_eq!(by_rank(&out, 0..n, "Proc {r} data = "), data, "{out}");
        let results = by_rank(&out, 0..n, "Proc {r} reduce results = ");
        assert_eq!(results, vec![[sum; 5]; n], "every rank has the sums:\n{out}");
    }
}

fn pi_line(out: &str) -> f64 {
    let line = line(out, "PI = ");
    read::pi(line).unwrap_or_else(|| panic!("not a PI line, every digit: {line}"))
}

/// Rank `rank`'s part of the midpoint rule over `nbbloc` points on `nbprocs` ranks, summed as
/// pi-mpi-allreduce sums it (a copy of its loop): points rank·nbbloc/nbprocs up to the next
/// rank's first.
fn part(nbbloc: i64, rank: i64, nbprocs: i64) -> f64 {
    let (start, end) = ((rank * nbbloc) / nbprocs, ((rank + 1) * nbbloc) / nbprocs);
    let (mut somme, largeur, mut i) = (0.0, 1.0 / nbbloc as f64, start);
    while i < end {
        let x = largeur * (i as f64 + 0.5);
        somme += largeur * (4.0 / (1.0 + x * x));
        i += 1;
    }
    somme
}

/// Every value of the sum of `parts` added in any order and grouping, as a reduction may add
/// them (Open MPI 4.1 adds 4 parts as (s0 + s1) + (s2 + s3), 3 parts as (s0 + s1) + s2).
fn sums(parts: &[f64]) -> Vec<f64> {
    if parts.len() == 1 {
        return parts.to_vec();
    }
    let mut all = Vec::new();
    for mask in 1..(1usize << parts.len()) - 1 {
        // left: the parts whose bit is set in `mask`; right: the others.
        let pick = |bit| -> Vec<f64> {
            (0..parts.len()).filter(|i| mask >> i & 1 == bit).map(|i| parts[i]).collect()
        };
        let (left, right) = (pick(1), pick(0));
        for a in sums(&left) {
            for b in sums(&right) {
                if !all.contains(&(a + b)) {
                    all.push(a + b);
                }
            }
        }
    }
    all
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn pi_mpi_allreduce_counts_every_point_once() {
    // What it prints, digit for digit: the ranks' parts added up, in the order MPI chose. That
    // is pi-sequential's PI on 1 rank only: on more, the last digits change (1000002 % 4 = 2:
    // parts that are not pi-threads' either).
    for n in ["10", "7", "1000000", "1000002"] {
        let sequential = run("pi-sequential", &[n]);
        let sequential = line(sequential.ok(), "PI = ").to_string();
        for ranks in 1..=4 {
            let out = ok(ranks, "pi-mpi-allreduce", &[n]);
            let got = line(&out, "PI = ");
            let nbbloc: i64 = n.parse().unwrap();
            let parts: Vec<f64> =
                (0..ranks as i64).map(|r| part(nbbloc, r, ranks as i64)).collect();
            let sums: Vec<String> = sums(&parts).iter().map(|s| format!("PI = {s}")).collect();
            assert!(
                sums.contains(&got.to_string()),
                "{ranks} ranks, N = {n}: {got}, not one of {sums:?}"
            );
            if ranks == 1 {
                assert_eq!(got, sequential, "1 rank, N = {n}");
            }
            let (got, expected) = (pi_line(&out), pi_line(&sequential));
            assert!((got - expected).abs() < 1e-12, "{ranks} ranks, N = {n}: {got} vs {expected}");
        }
    }
    // The book's example: at the course's 10^8 points, 3 ranks and pi-sequential differ.
    assert_eq!(line(&ok(3, "pi-mpi-allreduce", &["1e8"]), "PI = "), "PI = 3.1415926535900605");
    assert_eq!(line(run("pi-sequential", &["1e8"]).ok(), "PI = "), "PI = 3.141592653589362");
    // The notebook's split adds N % RANKS points beyond the interval on the last rank.
    let notebook = pi_line(&ok(4, "pi-mpi-allreduce", &["10", "--notebook-split"]));
    assert!((notebook - 3.5049038901040754).abs() < 1e-12, "{notebook}");
    let notebook = pi_line(&ok(3, "pi-mpi-allreduce", &["1000000", "--notebook-split"]));
    let right = pi_line(run("pi-sequential", &["1000000"]).ok());
    assert!((notebook - right - 2.0e-6).abs() < 1e-9, "{notebook} vs {right}");
    let divides = pi_line(&ok(4, "pi-mpi-allreduce", &["1000000", "--notebook-split"]));
    assert!((divides - right).abs() < 1e-12, "4 ranks divide 10^6: no point too many");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_collectives_draw_one_row_per_rank() {
    // The figure comes from what the program printed: `mpirun -n 3 PROGRAM | figures collective`.
    for program in [
        "mpi-bcast",
        "mpi-scatter",
        "mpi-gather",
        "mpi-allgather",
        "mpi-alltoall",
        "mpi-reduce",
        "mpi-allreduce",
    ] {
        let out = ok(3, program, &[]);
        let figure = run_with_input(Command::new(bin("figures")).arg("collective"), &out);
        let text = figure.ok();
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{program}: {e}"));
        let texts: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        let texts: Vec<&str> = texts.into_iter().map(str::trim).collect();
        for r in 0..3 {
            let rows = texts.iter().filter(|t| **t == format!("rank {r}")).count();
            assert_eq!(rows, 2, "{program}: rank {r}'s row, before and after");
        }
        assert_eq!(texts.iter().filter(|t| **t == "rank 3").count(), 0);
        assert!(texts.contains(&"before") && texts.contains(&"after"), "{program}: {texts:?}");
        assert!(texts.iter().any(|t| t.contains("logical cores")), "{program}: no machine");
        // The values drawn are the ones printed (3 decimals), each in a box.
        let first = out.lines().find(|l| l.contains("Proc 0")).map(values_on).unwrap();
        assert!(texts.contains(&format!("{:.3}", first[0]).as_str()), "{program}: {texts:?}");
        let boxes = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
        // (mpi-reduce's figure is its SUM: its MAX line is not drawn.)
        let arrays = out.lines().filter(|l| l.contains('[') && !l.contains("MAX ="));
        let values: usize = arrays.map(|l| values_on(l).len()).sum();
        assert_eq!(boxes, 1 + values, "{program}: a box per value, and the background");
    }
    // A run with a rank's lines missing is refused: no figure.
    let out = ok(3, "mpi-bcast", &[]);
    let cut: String =
        out.lines().filter(|l| !l.contains("Proc 1")).map(|l| format!("{l}\n")).collect();
    let figure = run_with_input(Command::new(bin("figures")).arg("collective"), &cut);
    assert_eq!(figure.code(), Some(2), "{figure:?}");
    assert!(figure.stdout.is_empty() && figure.stderr.contains("rank 1 printed no"), "{figure:?}");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_notebook_programs_answer_help_and_refuse_extra_arguments() {
    // Every program of examples-mpi/ but pi-mpi and mpi-hello (tests/tests/mpi.rs).
    let all = book_tool::packages::all(&book_tool::root()).unwrap_or_else(|e| panic!("{e}"));
    let mpi = all.iter().filter(|p| p.dir.starts_with("examples-mpi")).map(|p| p.name.as_str());
    let notebook: Vec<&str> = mpi.filter(|p| !["pi-mpi", "mpi-hello"].contains(p)).collect();
    assert!(notebook.len() >= 16 && notebook.contains(&"pi-mpi-allreduce"), "{notebook:?}");
    for program in notebook {
        assert_help(program);
        let extra: &[&str] = if program == "pi-mpi-allreduce" { &["10", "7"] } else { &["7"] };
        assert_usage_error(program, extra, "'7'");
    }
    assert_usage_error("mpi-bcast", &["--svg"], "'--svg'");
    assert_usage_error("pi-mpi-allreduce", &["abc"], "'abc'");
}
