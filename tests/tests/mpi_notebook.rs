//! The MPI notebook, « Parallélisme à mémoire distribuée en pratique », cell by cell
//! (`examples-mpi/`): each program under `mpirun` with 1 to 4 ranks, what each rank prints, and
//! that the data arrived intact (every value is printed with all its digits). Without MPI these
//! tests print SKIPPED and pass, except in CI (`COURSE_REQUIRE_MPI=1`).

use course_tests::*;

/// The numbers of a printed array, `[0.5 1. 0.25]`, found in `line` between `[` and `]`.
fn list_in(line: &str) -> Vec<f64> {
    let from = line.find('[').unwrap_or_else(|| panic!("no array in {line:?}"));
    let to = from + line[from..].find(']').unwrap_or_else(|| panic!("no ] in {line:?}"));
    let inner = line[from..to].trim_start_matches('['); // `[[0. 0.]` in a 2-D array's first row
    inner.split_whitespace().map(|v| v.parse().expect("a number")).collect()
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
    assert!(!r.status.success(), "{program} with 1 rank");
    let said = format!("{program}: needs at least 2 ranks, got 1: mpirun -n 2 {program}");
    assert_eq!(r.stderr.matches(&said).count(), 1, "{program}: {}", r.stderr);
    assert!(r.stdout.is_empty() && !r.stderr.contains("panicked"), "{r:?}");
}

#[test]
fn mpi_communicator_and_groups_for_1_to_4_ranks() {
    if !mpi_ready() {
        return;
    }
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
fn mpi_message_size_counts_the_bytes_that_travel() {
    if !mpi_ready() {
        return;
    }
    let sizes = "Size of a = 24 + 800 (the Vec, then its values)\nSize of a as a message = 800 (MPI_DOUBLE × 100, no pickling)\n";
    assert_eq!(ok(1, "mpi-message-size", &[]), sizes);
    let out = ok(2, "mpi-message-size", &[]);
    line(&out, "Proc 1 received 800 bytes (100 f64) from 0");
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
fn mpi_send_recv_delivers_what_was_sent() {
    if !mpi_ready() {
        return;
    }
    needs_two("mpi-send-recv");
    for n in [2, 4] {
        let out = ok(n, "mpi-send-recv", &[]);
        let sent = list_in(line(&out, "Proc 0 send ["));
        assert_eq!(sent.len(), 5);
        assert!(line(&out, "Proc 0 send [").ends_with("] to 1"));
        assert_eq!(list_in(line(&out, "Proc 1 receive [")), sent, "{out}");
        assert_eq!(out.lines().filter(|l| *l == "Nothing to do").count(), n - 2, "{out}");
        // Seeded per rank: the same numbers on every run.
        assert_eq!(list_in(line(&ok(n, "mpi-send-recv", &[]), "Proc 0 send [")), sent);
    }
}

/// Ranks 0 and 1 each receive what the other sent (`send` lines name the values sent).
fn exchanged(out: &str) {
    let sent_by = |r: i32| list_in(line(out, &format!("Proc {r} send [")));
    let received_by = |r: i32| list_in(line(out, &format!("Proc {r} receive [")));
    assert_eq!(received_by(0), sent_by(1), "{out}");
    assert_eq!(received_by(1), sent_by(0), "{out}");
    assert_ne!(sent_by(0), sent_by(1), "the ranks draw different numbers");
}

#[test]
fn mpi_exchange_safe_order_sendrecv_and_replace() {
    if !mpi_ready() {
        return;
    }
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
fn mpi_exchange_in_the_wrong_order_is_stopped_by_its_watchdog() {
    if !mpi_ready() {
        return;
    }
    // With 4 ranks, ranks 2 and 3 end while 0 and 1 are blocked.
    let n = 4;
    let r = mpirun(n, "mpi-exchange", &["--wrong-order"]);
    assert_eq!(r.status.code(), Some(1), "{n} ranks: {r:?}");
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
        let alive = |pid: &&str| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            stat.rsplit(") ").next().is_some_and(|s| !s.is_empty() && !s.starts_with('Z'))
        };
        pids.split_whitespace().filter(alive).map(String::from).collect::<Vec<_>>()
    };
    let start = std::time::Instant::now();
    while !running().is_empty() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(running(), Vec::<String>::new(), "ranks left running");
}

#[test]
fn mpi_broadcasts_by_hand_and_with_bcast() {
    if !mpi_ready() {
        return;
    }
    for n in 1..=4 {
        let out = ok(n, "mpi-bcast-loop", &[]);
        let sent = list_in(out.lines().find(|l| l.starts_with("Proc 0 send [")).unwrap_or("[]"));
        assert_eq!(out.lines().filter(|l| l.starts_with("Proc 0 send [")).count(), n - 1, "{out}");
        for r in 1..n {
            assert_eq!(list_in(line(&out, &format!("Proc {r} receive ["))), sent, "{out}");
        }
        let out = ok(n, "mpi-bcast", &[]);
        let root = list_in(line(&out, "Before Bcast : Proc 0 - data = "));
        assert_eq!(root.len(), 5);
        for r in 0..n {
            if r > 0 {
                let before = list_in(line(&out, &format!("Before Bcast : Proc {r} - data = ")));
                assert_eq!(before, [0.0; 5]);
            }
            let after = list_in(line(&out, &format!("After Bcast : Proc {r} - data = ")));
            assert_eq!(after, root, "rank {r} of {n}:\n{out}");
        }
    }
}

#[test]
fn mpi_scatter_and_gather() {
    if !mpi_ready() {
        return;
    }
    for n in 1..=4 {
        let out = ok(n, "mpi-scatter", &[]);
        let data = list_in(line(&out, "Proc 0 scatter data "));
        assert_eq!(data.len(), 4 * n);
        let mut parts = Vec::new();
        for r in 0..n {
            parts.extend(list_in(line(&out, &format!("After Scatter : Proc {r} - recv = "))));
        }
        assert_eq!(parts, data, "the parts, in rank order, are rank 0's array:\n{out}");

        let out = ok(n, "mpi-gather", &[]);
        for r in 0..n {
            assert_eq!(list_in(line(&out, &format!("Proc {r} send "))), [r as f64; 5]);
        }
        let at = out.find("Proc 0 has data : [").expect("rank 0's array");
        let rows: Vec<Vec<f64>> = out[at..].lines().take(n).map(list_in).collect();
        let expected: Vec<Vec<f64>> = (0..n).map(|r| vec![r as f64; 5]).collect();
        assert_eq!(rows, expected, "row r is rank r's:\n{out}");
    }
}

#[test]
fn mpi_allgather_and_alltoall() {
    if !mpi_ready() {
        return;
    }
    for n in 1..=4 {
        let out = ok(n, "mpi-allgather", &[]);
        let mut all = Vec::new();
        for r in 0..n {
            all.extend(list_in(line(&out, &format!("Before Allgather : Proc {r} - data = "))));
        }
        assert_eq!(all.len(), 2 * n);
        for r in 0..n {
            let recv = list_in(line(&out, &format!("After Allgather : Proc {r} - recv = ")));
            assert_eq!(recv, all, "rank {r} holds every rank's values:\n{out}");
        }

        let out = ok(n, "mpi-alltoall", &[]);
        let before: Vec<Vec<f64>> = (0..n)
            .map(|r| list_in(line(&out, &format!("Before Alltoall : Proc {r} - data = "))))
            .collect();
        let after: Vec<Vec<f64>> = (0..n)
            .map(|r| list_in(line(&out, &format!("After Alltoall : Proc {r} - recv = "))))
            .collect();
        for i in 0..n {
            for j in 0..n {
                assert_eq!(after[i][j], before[j][i], "block ({i}, {j}) is rank {j}'s block {i}");
            }
        }
    }
}

#[test]
fn mpi_reduce_and_allreduce() {
    if !mpi_ready() {
        return;
    }
    for n in 1..=4 {
        let sum = (0..n).sum::<usize>() as f64;
        let out = ok(n, "mpi-reduce", &[]);
        assert_eq!(list_in(line(&out, "Proc 0 reduce results = ")), [sum; 5], "{out}");
        assert_eq!(list_in(line(&out, "Proc 0 MAX = ")), [(n - 1) as f64; 5], "{out}");
        let xs: Vec<f64> = (0..n)
            .map(|r| line(&out, &format!("Proc {r} x = "))["Proc 0 x = ".len()..].parse().unwrap())
            .collect();
        let (at, min) = xs
            .iter()
            .enumerate()
            .fold((0, f64::MAX), |m, (r, &x)| if x < m.1 { (r, x) } else { m });
        assert_eq!(
            line(&out, "Proc 0 MINLOC of x = "),
            format!("Proc 0 MINLOC of x = {min:?} on rank {at}")
        );
        assert_eq!(out.lines().filter(|l| l.contains("reduce results")).count(), 1, "rank 0 only");

        let out = ok(n, "mpi-allreduce", &[]);
        for r in 0..n {
            assert_eq!(list_in(line(&out, &format!("Proc {r} data = "))), [r as f64; 5]);
            let results = list_in(line(&out, &format!("Proc {r} reduce results = ")));
            assert_eq!(results, [sum; 5], "every rank has the sums:\n{out}");
        }
    }
}

fn pi_line(out: &str) -> f64 {
    line(out, "PI = ")["PI = ".len()..].parse().unwrap()
}

#[test]
fn pi_mpi_allreduce_counts_every_point_once() {
    if !mpi_ready() {
        return;
    }
    for n in ["10", "7", "1000000"] {
        let expected = pi_line(run("pi-sequential", &[n]).ok());
        for ranks in 1..=4 {
            let got = pi_line(&ok(ranks, "pi-mpi-allreduce", &[n]));
            assert!((got - expected).abs() < 1e-12, "{ranks} ranks, N = {n}: {got} vs {expected}");
        }
    }
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
fn mpi_collectives_draw_one_row_per_rank() {
    if !mpi_ready() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("mpi-svg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for program in [
        "mpi-bcast",
        "mpi-scatter",
        "mpi-gather",
        "mpi-allgather",
        "mpi-alltoall",
        "mpi-reduce",
        "mpi-allreduce",
    ] {
        let path = dir.join(format!("{program}.svg"));
        let out = ok(3, program, &["--svg", path.to_str().unwrap()]);
        assert_eq!(out.matches("SVG written to").count(), 1, "{out}");
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{program}: {e}"));
        let texts: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        let texts: Vec<&str> = texts.into_iter().map(str::trim).collect();
        for r in 0..3 {
            let rows = texts.iter().filter(|t| **t == format!("rank {r}")).count();
            assert_eq!(rows, 2, "{program}: rank {r}'s row, before and after");
        }
        assert_eq!(texts.iter().filter(|t| **t == "rank 3").count(), 0);
        // The values drawn are the ones printed (3 decimals).
        let first = out.lines().find(|l| l.contains("Proc 0")).map(list_in).unwrap();
        assert!(texts.contains(&format!("{:.3}", first[0]).as_str()), "{program}: {texts:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn mpi_notebook_programs_answer_help_and_refuse_extra_arguments() {
    if !mpi_ready() {
        return;
    }
    for program in [
        "mpi-communicator",
        "mpi-groups",
        "mpi-message-size",
        "mpi-send-recv",
        "mpi-exchange",
        "mpi-sendrecv",
        "mpi-sendrecv-replace",
        "mpi-bcast-loop",
        "mpi-bcast",
        "mpi-scatter",
        "mpi-gather",
        "mpi-allgather",
        "mpi-alltoall",
        "mpi-reduce",
        "mpi-allreduce",
        "pi-mpi-allreduce",
    ] {
        assert_help(program);
        let extra: &[&str] = if program == "pi-mpi-allreduce" { &["10", "7"] } else { &["7"] };
        assert_usage_error(program, extra, "'7'");
    }
    assert_usage_error("mpi-bcast", &["--svg"], "'--svg'");
    assert_usage_error("pi-mpi-allreduce", &["abc"], "'abc'");
}
