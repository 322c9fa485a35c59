//! The answer key against the checks of `check` (one source of truth): every check passes on
//! the teachers' solutions, and fails on the unchanged example the exercise starts from (a
//! check that the starting example passes would check nothing). The observe-only exercises
//! have no check; EXERCISES.md says why.

use check::{Check, EXERCISES, Kind, Run, check_exercise, check_refusal, workspace};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The solutions of each checked exercise: binaries of this package (`src/bin/NAME.rs`) or, for
/// the course's own exercises, examples of the workspace.
const SOLUTIONS: [(usize, &[&str]); 20] = [
    (1, &["two-threads-count"]),
    (2, &["shared-fill-seeded"]),
    (3, &["io-thread-early-read"]),
    (5, &["racy-counter-fixed"]),
    (6, &["mutex-counter-coarse"]),
    (7, &["file-counter-shared"]),
    (8, &["locked-append-unlocked"]),
    (9, &["io-processes"]),
    (10, &["process-fill-slices", "process-fill-shm"]),
    (11, &["two-processes-no-exit"]),
    (12, &["process-fill-same-seed"]),
    (13, &["pi-threads-channel"]),
    (14, &["pi-kahan"]),
    (19, &["pi-simd-lanes"]),
    (20, &["pi-simd-lanes"]),
    (21, &["pi-rayon-fold"]),
    // MPI: binaries of `answer-key-mpi` (examples-mpi/exercises/answer-key/, which needs MPI).
    (22, &["mpi-ring"]),
    (23, &["pi-mpi-reduce"]),
    (24, &["mpi-scatterv"]),
    (25, &["mpi-exchange-sendrecv"]),
];

/// A solution's binary and source.
fn solution(name: &str) -> (PathBuf, PathBuf) {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin").join(format!("{name}.rs"));
    if own.is_file() {
        return (workspace::binaries().join(name), own); // built by `cargo test` with this test
    }
    let mpi = workspace::root().join("examples-mpi/exercises/answer-key/src/bin");
    if mpi.join(format!("{name}.rs")).is_file() {
        return (workspace::built("answer-key-mpi", name), mpi.join(format!("{name}.rs")));
    }
    let dir = workspace::example_dir(name).expect("a solution of the answer key or an example");
    (workspace::example(name), dir.join("src/main.rs"))
}

/// Exercise `n`'s check on its solutions (all must pass) and on its starting example (must fail).
/// The MPI exercises need `mpirun`: without it they say SKIPPED and pass, unless
/// `COURSE_REQUIRE_MPI=1` (CI).
fn solutions_pass_and_start_fails(n: usize) {
    if workspace::is_mpi(EXERCISES[n - 1].start) && !workspace::has_mpirun() {
        let required = std::env::var_os("COURSE_REQUIRE_MPI").is_some_and(|v| v == "1");
        assert!(!required, "COURSE_REQUIRE_MPI=1 but mpirun was not found");
        eprintln!("SKIPPED: exercise {n} (no mpirun on PATH)");
        return;
    }
    let (_, names) = SOLUTIONS.iter().find(|s| s.0 == n).expect("a solution");
    for name in *names {
        let (program, source) = solution(name);
        println!("-- exercise {n}, solution {name}");
        let mut c = Check::new(&program, Some(&source));
        assert!(check_exercise(n, &mut c), "exercise {n}: the solution {name} fails its check");
    }
    let start = EXERCISES[n - 1].start;
    println!("-- exercise {n}, the starting example {start}");
    let source = workspace::example_dir(start).expect("the example").join("src/main.rs");
    let mut c = Check::new(&workspace::example(start), Some(&source));
    assert!(!check_exercise(n, &mut c), "exercise {n}: the unchanged {start} passes its check");
}

#[test]
fn every_checked_exercise_has_a_test_here() {
    let with_solutions: Vec<usize> = SOLUTIONS.iter().map(|s| s.0).collect();
    let checked: Vec<usize> =
        EXERCISES.iter().filter(|e| e.kind == Kind::Checked).map(|e| e.number).collect();
    assert_eq!(with_solutions, checked);
}

macro_rules! checked {
    ($($test:ident: $n:expr,)*) => {$(
        #[test]
        fn $test() {
            solutions_pass_and_start_fails($n);
        }
    )*};
}

checked! {
    exercise_01_total_lines_through_join: 1,
    exercise_02_shared_fill_reproducible: 2,
    exercise_03_read_before_the_join: 3,
    exercise_05_racy_counter_repaired: 5,
    exercise_06_one_lock_per_worker: 6,
    exercise_07_lock_on_a_shared_descriptor: 7,
    exercise_08_append_without_the_lock: 8,
    exercise_09_io_with_processes: 9,
    exercise_10_memory_that_does_not_grow: 10,
    exercise_11_forget_exit: 11,
    exercise_12_the_same_random_numbers: 12,
    exercise_13_parts_through_a_channel: 13,
    exercise_14_compensated_sum: 14,
    exercise_19_partial_sums: 19,
    exercise_20_last_digits: 20,
    exercise_21_fold_and_reduce: 21,
    exercise_22_token_around_the_ring: 22,
    exercise_23_reduce_instead_of_allreduce: 23,
    exercise_24_scatterv: 24,
    exercise_25_deadlock_made_safe: 25,
}

/// Exercise 4: the answer key's two sources, compiled alone, are refused as the exercise says;
/// the unchanged mutex-counter compiles, and fails the check.
#[test]
fn exercise_04_the_compiler_refuses_the_unlocked_counter() {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    for file in ["mutex_counter_without_lock.rs", "unlocked_counter.rs"] {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("compile_fail").join(file);
        let out_dir =
            std::env::temp_dir().join(format!("answer-key-{}-{file}", std::process::id()));
        let out = Command::new(&rustc)
            .args(["--edition", "2024", "--crate-type", "bin", "-o"])
            .arg(&out_dir)
            .arg(&source)
            .output()
            .expect("run rustc");
        let _ = std::fs::remove_file(&out_dir);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let build = Run::of_build(format!("rustc {file}"), Some(out.status), stderr);
        let mut c = Check::new(&source, Some(&source));
        assert!(check_refusal(&mut c, &build), "{file}: {}", build.stderr);
        assert!(build.stderr.contains("aborting due to 1 previous error"), "{}", build.stderr);
    }
    let out = workspace::cargo_build("mutex-counter", None).output().expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let build = Run::of_build("cargo build -p mutex-counter".into(), Some(out.status), stderr);
    let mut c = Check::new(&workspace::example("mutex-counter"), None);
    assert!(!check_refusal(&mut c, &build), "the unchanged mutex-counter passes exercise 4");
}
