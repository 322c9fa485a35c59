//! The solutions keep the examples' plumbing: `--help`, bad input refused, a closed stdout
//! ends them quietly. (What each exercise asks is in `answer_key.rs`, through `check`.)

use check::exercises;
use check::grade::Builder;
use course_tests::*;
use exercise_list::answers::Answer;

/// Exercise N's solution `exNN-solution`, its patch applied and built in `scratch` as
/// `check N --program` builds it: the path of its program, named `exNN` as a student's copy.
fn solution(name: &str, scratch: &Scratch) -> String {
    let n: usize = name[2..4].parse().unwrap();
    let e = exercises::exercise(n).unwrap();
    let answer = Answer::solution(&e, name).unwrap_or_else(|why| panic!("{why}"));
    let builder = Builder::new(&e, &scratch.0.join(name)).unwrap();
    let built = answer_key::build(&e, &builder, &answer, &scratch.0.join(name));
    built.unwrap_or_else(|why| panic!("{why}")).program.display().to_string()
}

#[test]
fn solutions_answer_help_and_refuse_bad_counts() {
    let scratch = Scratch::new("answer-key-plumbing-help");
    // Each solution, arguments it accepts (none: it takes no count), and bad input it refuses.
    for (name, valid, refused) in [
        ("ex01-solution", &["2"][..], &[(&["1001"][..], "'1001'")][..]),
        ("ex02-solution", &["10", "2", "7"], &[(&["10", "2", "0"], "'0'")]),
        ("ex03-solution", &[], &[]),
        ("ex05-solution", &["4", "100"], &[]),
        ("ex06-solution", &["4", "100"], &[]),
        ("ex11-solution", &["2"], &[]),
        ("ex12-solution", &["10", "2"], &[]),
        ("ex13-solution", &["2", "1000"], &[(&["2", "1000", "--timeline"], "'--timeline'")]),
        ("ex14-solution", &[], &[(&["2.5"], "'2.5'"), (&["10", "7"], "'7'")]),
        (
            "ex19-solution",
            &["2", "1000", "8"],
            &[(&["2", "1000", "8", "--simd", "sse9"], "'sse9'")],
        ),
        (
            "ex21-solution",
            &["2", "1000"],
            &[(&["1025"], "'1025'"), (&["2", "1000", "--simd", "avx2"], "'--simd'")],
        ),
    ] {
        let program = solution(name, &scratch);
        assert_help(&program);
        if !valid.is_empty() {
            assert_bad_counts_refused(&program, valid);
        }
        for (args, bad) in refused {
            assert_usage_error(&program, args, bad);
        }
    }
}

#[test]
fn solutions_end_quietly_when_stdout_is_closed() {
    let scratch = Scratch::new("answer-key-plumbing-closed");
    for (name, args) in [
        ("ex01-solution", &["1000"][..]),
        ("ex02-solution", &["1000000", "2"]),
        ("ex12-solution", &["100000", "2"]),
    ] {
        assert_quiet_when_stdout_closed(&solution(name, &scratch), args);
    }
    // These write their first line before any work: stdout closed from the start.
    for (name, args) in [("ex08-solution", &["4"][..]), ("ex07-solution", &["4", "10"])] {
        assert_quiet_when_stdout_closed_at_start(&solution(name, &scratch), args);
    }
}
