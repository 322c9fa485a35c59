//! The solutions keep the examples' plumbing: `--help`, bad input refused, a closed stdout
//! ends them quietly. (What each exercise asks is in `answer_key.rs`, through `check`.)

use course_tests::*;

#[test]
fn solutions_answer_help_and_refuse_bad_counts() {
    for (name, valid) in [
        ("ex01-solution", &["2"][..]),
        ("ex02-solution", &["10", "2", "7"]),
        ("ex05-solution", &["4", "100"]),
        ("ex06-solution", &["4", "100"]),
        ("ex13-solution", &["2", "1000"]),
        ("ex19-solution", &["2", "1000", "8"]),
        ("ex21-solution", &["2", "1000"]),
        ("ex03-solution", &[]),
        ("ex11-solution", &["2"]),
        ("ex12-solution", &["10", "2"]),
    ] {
        assert_help(name);
        if !valid.is_empty() {
            assert_bad_counts_refused(name, valid);
        }
    }
    assert_usage_error("ex01-solution", &["1001"], "'1001'");
    assert_usage_error("ex02-solution", &["10", "2", "0"], "'0'");
    assert_usage_error("ex13-solution", &["2", "1000", "--timeline"], "'--timeline'");
    assert_usage_error("ex14-solution", &["2.5"], "'2.5'");
    assert_usage_error("ex14-solution", &["10", "7"], "'7'");
    assert_usage_error("ex19-solution", &["2", "1000", "8", "--simd", "sse9"], "'sse9'");
    assert_usage_error("ex21-solution", &["1025"], "'1025'");
    assert_usage_error("ex21-solution", &["2", "1000", "--simd", "avx2"], "'--simd'");
}

#[test]
fn solutions_end_quietly_when_stdout_is_closed() {
    assert_quiet_when_stdout_closed("ex01-solution", &["1000"]);
    assert_quiet_when_stdout_closed("ex02-solution", &["1000000", "2"]);
    assert_quiet_when_stdout_closed("ex12-solution", &["100000", "2"]);
    assert_quiet_when_stdout_closed_at_start("ex08-solution", &["4"]);
    assert_quiet_when_stdout_closed_at_start("ex07-solution", &["4", "10"]);
}
