//! The MPI examples (`examples-mpi/`, a workspace of its own): pi-mpi and mpi-hello.
//!
//! They need MPI (`mpirun`, and the MPI headers and libclang to build them). Where one is
//! missing, `tests/build.rs` sets `no_mpi` and `cargo test` reports these tests as ignored, with
//! the reason, unless `COURSE_REQUIRE_MPI=1` is set, as CI does: then a missing MPI fails them.

use course_tests::*;

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_pi_is_pi_for_1_2_and_4_ranks() {
    // The course's lines, printed by rank 0 only.
    for ranks in [1, 2, 4] {
        check_course_lines(&mpirun(ranks, "pi-mpi", &["1e7"]), 1e-10, 0);
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_pi_covers_every_point_when_ranks_do_not_divide_n() {
    for (ranks, n) in [(3, "10"), (3, "1000"), (3, "1000000"), (4, "7"), (4, "1"), (2, "1")] {
        let (_, expected) = pi_first(&run("pi-sequential", &[n]));
        let (_, got) = pi_first(&mpirun(ranks, "pi-mpi", &[n]));
        assert!((got - expected).abs() < 1e-9, "{ranks} ranks, N = {n}: {got} vs {expected}");
    }
}

/// The CPU seconds that pi-mpi's time line stands for (elapsed × %CPU), from `0:00.37 elapsed
/// 128%CPU`.
fn cpu_seconds(out: &str) -> f64 {
    let (elapsed, percent) = out.lines().find_map(read::time_line).expect("a time line");
    elapsed * percent / 100.0
}

/// The time line counts the CPU seconds of every rank, added up (a Reduce with SUM): on 4
/// ranks they are at least those of one rank that computes every point alone, less a margin
/// (the same work, split; a rank that waits for the others only adds some), whatever the
/// load. Not a timing: CPU seconds against CPU seconds. The busiest rank's alone (MAX) would
/// be about a quarter of them, on a quiet machine.
#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_pi_cpu_time_adds_up_every_rank() {
    let cpu = |ranks: usize| cpu_seconds(mpirun(ranks, "pi-mpi", &["3e8"]).ok());
    let alone = cpu(1).min(cpu(1));
    for _ in 0..2 {
        let all = cpu(4);
        assert!(all > 0.75 * alone, "4 ranks: {all:.2} CPU s, 1 rank alone: {alone:.2} CPU s");
    }
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_hello_one_line_per_rank() {
    let r = mpirun(3, "mpi-hello", &[]);
    let mut lines: Vec<&str> = r.ok().lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        ["Hello from rank 0 of 3", "Hello from rank 1 of 3", "Hello from rank 2 of 3"]
    );
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_command_lines() {
    // Started without mpirun, an MPI program is a single rank (an MPI "singleton").
    assert_help("pi-mpi");
    assert_help("mpi-hello");
    assert_bad_counts_refused("pi-mpi", &["1e7"]);
    assert_usage_error("mpi-hello", &["7"], "'7'");
    // Under mpirun the error is still told once, by rank 0.
    let r = mpirun(2, "pi-mpi", &["abc"]);
    assert_ne!(r.code(), Some(0));
    assert_eq!(r.stderr.matches("pi-mpi: POINTS must be").count(), 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked") && r.stdout.is_empty(), "{r:?}");
}

#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn mpi_pi_scaling_runs_pi_mpi_under_mpirun() {
    build_mpi_examples(); // pi-scaling finds pi-mpi beside itself
    let dir = Scratch::new("pi-scaling-mpi");
    let csv = dir.0.join("mpi.csv");
    let _turn = one_mpirun_at_a_time();
    let r = run(
        "pi-scaling",
        &[
            "--program",
            "pi-mpi",
            "--points",
            "1e5",
            "--workers",
            "1,2",
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    let out = r.ok();
    assert!(out.contains("1 rank => ") && out.contains("2 rank => "), "{out}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(
        rows[1].starts_with("pi-mpi,1,100000,") && rows[2].starts_with("pi-mpi,2,100000,"),
        "{text}"
    );
}
