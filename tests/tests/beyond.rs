//! Beyond the course: pi-simd (the vector unit of each core) and pi-rayon (rayon's pool).

use course_tests::*;

/// The instruction sets this CPU has, by pi-simd's names, widest first.
fn sets_here() -> Vec<&'static str> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let flags: Vec<&str> = cpuinfo
        .lines()
        .find(|l| l.starts_with("flags"))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    let has = |all: &[&str]| all.iter().all(|f| flags.contains(f));
    let mut sets = Vec::new();
    if cfg!(target_arch = "x86_64") && has(&["avx512f", "avx512dq", "avx512vl"]) {
        sets.push("avx512");
    }
    if cfg!(target_arch = "x86_64") && has(&["avx2", "fma"]) {
        sets.push("avx2");
    }
    sets.push("baseline");
    sets
}

/// The odd splits: remainders, fewer points than 8 lanes × threads, one point.
const THREADS: [&str; 5] = ["1", "2", "3", "7", "16"];
const POINTS: [&str; 7] = ["1", "7", "10", "100", "1000", "1234567", "10000000"];

#[test]
fn pi_simd_split_covers_every_point_once_on_every_instruction_set() {
    for set in sets_here() {
        check_split("pi-simd", &["--simd", set], &THREADS, &POINTS, 1e-10);
    }
}

#[test]
fn pi_rayon_split_covers_every_point_once() {
    check_split("pi-rayon", &[], &THREADS, &POINTS, 1e-10);
}

/// Every path this CPU can run gives the same digits (the same operations in the same order,
/// only on wider registers), says which set it used, and the default is the widest one.
#[test]
fn pi_simd_instruction_sets_agree_and_are_named() {
    let sets = sets_here();
    for n in ["1234567", "10000000"] {
        let mut first_lines = Vec::new();
        for set in &sets {
            let r = run("pi-simd", &["2", n, "--simd", set]);
            let lines = r.lines();
            assert_eq!(
                lines.last().copied(),
                Some(format!("instruction set: {set} (8 partial sums per thread)").as_str()),
                "{}",
                r.stdout
            );
            first_lines.push(lines[0].to_string());
        }
        assert!(first_lines.iter().all(|l| *l == first_lines[0]), "{first_lines:?}");
        let default = run("pi-simd", &["2", n]);
        assert_eq!(default.lines()[0], first_lines[0]);
        assert!(
            default
                .ok()
                .ends_with(&format!("instruction set: {} (8 partial sums per thread)\n", sets[0]))
        );
    }
}

#[test]
fn pi_simd_and_pi_rayon_print_the_course_lines() {
    // pi-simd names its instruction set in one line more.
    for program in ["pi-simd", "pi-rayon"] {
        check_course_lines(&run(program, &["2", "1e7"]), 1e-10, usize::from(program == "pi-simd"));
    }
}

#[test]
fn command_lines() {
    for program in ["pi-simd", "pi-rayon"] {
        assert_help(program);
        assert_bad_counts_refused(program, &["2", "1000"]);
        assert_usage_error(program, &["1025"], "'1025'");
        for bad in ["0", "2.5", "1e-3", "1e14"] {
            assert_usage_error(program, &["2", bad], &format!("'{bad}'"));
        }
        assert_usage_error(program, &["2", "1000", "--bogus"], "'--bogus'");
        assert_quiet_when_stdout_closed_at_start(program, &["2", "1e6"]);
    }
    assert_usage_error("pi-simd", &["2", "1000", "--simd", "sse9"], "'sse9'");
    assert_usage_error("pi-simd", &["2", "1000", "--simd"], "'--simd'");
    assert_usage_error("pi-rayon", &["2", "1000", "--simd", "avx2"], "'--simd'");
    for set in ["avx512", "avx2"] {
        if !sets_here().contains(&set) {
            assert_usage_error("pi-simd", &["--simd", set], &format!("'{set}'"));
        }
    }
}
