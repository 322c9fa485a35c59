//! The solutions keep the examples' plumbing: `--help`, bad input refused, a closed stdout
//! ends them quietly. (What each exercise asks is in `answer_key.rs`, through `check`.)

use course_tests::*;

#[test]
fn solutions_answer_help_and_refuse_bad_counts() {
    for (name, valid) in [
        ("two-threads-count", &["2"][..]),
        ("shared-fill-seeded", &["10", "2", "7"]),
        ("racy-counter-fixed", &["4", "100"]),
        ("mutex-counter-coarse", &["4", "100"]),
        ("pi-threads-channel", &["2", "1000"]),
        ("pi-simd-lanes", &["2", "1000", "8"]),
        ("pi-rayon-fold", &["2", "1000"]),
        ("io-thread-early-read", &[]),
        ("two-processes-no-exit", &["2"]),
        ("process-fill-same-seed", &["10", "2"]),
    ] {
        assert_help(name);
        if !valid.is_empty() {
            assert_bad_counts_refused(name, valid);
        }
    }
    assert_usage_error("two-threads-count", &["1001"], "'1001'");
    assert_usage_error("shared-fill-seeded", &["10", "2", "0"], "'0'");
    assert_usage_error("pi-threads-channel", &["2", "1000", "--timeline"], "'--timeline'");
    assert_usage_error("pi-kahan", &["2.5"], "'2.5'");
    assert_usage_error("pi-kahan", &["10", "7"], "'7'");
    assert_usage_error("pi-simd-lanes", &["2", "1000", "8", "--simd", "sse9"], "'sse9'");
    assert_usage_error("pi-rayon-fold", &["1025"], "'1025'");
    assert_usage_error("pi-rayon-fold", &["2", "1000", "--simd", "avx2"], "'--simd'");
}

#[test]
fn solutions_end_quietly_when_stdout_is_closed() {
    assert_quiet_when_stdout_closed("two-threads-count", &["1000"]);
    assert_quiet_when_stdout_closed("shared-fill-seeded", &["1000000", "2"]);
    assert_quiet_when_stdout_closed("process-fill-same-seed", &["100000", "2"]);
    assert_quiet_when_stdout_closed_at_start("locked-append-unlocked", &["4"]);
    assert_quiet_when_stdout_closed_at_start("file-counter-shared", &["4", "10"]);
}
