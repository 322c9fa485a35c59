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
    let ex01_solution = solution("ex01-solution", &scratch);
    let ex02_solution = solution("ex02-solution", &scratch);
    let ex03_solution = solution("ex03-solution", &scratch);
    let ex05_solution = solution("ex05-solution", &scratch);
    let ex06_solution = solution("ex06-solution", &scratch);
    let ex11_solution = solution("ex11-solution", &scratch);
    let ex12_solution = solution("ex12-solution", &scratch);
    let ex13_solution = solution("ex13-solution", &scratch);
    let ex14_solution = solution("ex14-solution", &scratch);
    let ex19_solution = solution("ex19-solution", &scratch);
    let ex21_solution = solution("ex21-solution", &scratch);

    for (name, valid) in [
        (&ex01_solution, &["2"][..]),
        (&ex02_solution, &["10", "2", "7"]),
        (&ex05_solution, &["4", "100"]),
        (&ex06_solution, &["4", "100"]),
        (&ex13_solution, &["2", "1000"]),
        (&ex19_solution, &["2", "1000", "8"]),
        (&ex21_solution, &["2", "1000"]),
        (&ex03_solution, &[]),
        (&ex11_solution, &["2"]),
        (&ex12_solution, &["10", "2"]),
    ] {
        assert_help(name);
        if !valid.is_empty() {
            assert_bad_counts_refused(name, valid);
        }
    }
    assert_usage_error(&ex01_solution, &["1001"], "'1001'");
    assert_usage_error(&ex02_solution, &["10", "2", "0"], "'0'");
    assert_usage_error(&ex13_solution, &["2", "1000", "--timeline"], "'--timeline'");
    assert_usage_error(&ex14_solution, &["2.5"], "'2.5'");
    assert_usage_error(&ex14_solution, &["10", "7"], "'7'");
    assert_usage_error(&ex19_solution, &["2", "1000", "8", "--simd", "sse9"], "'sse9'");
    assert_usage_error(&ex21_solution, &["1025"], "'1025'");
    assert_usage_error(&ex21_solution, &["2", "1000", "--simd", "avx2"], "'--simd'");
}

#[test]
fn solutions_end_quietly_when_stdout_is_closed() {
    let scratch = Scratch::new("answer-key-plumbing-closed");
    let ex01_solution = solution("ex01-solution", &scratch);
    let ex02_solution = solution("ex02-solution", &scratch);
    let ex07_solution = solution("ex07-solution", &scratch);
    let ex08_solution = solution("ex08-solution", &scratch);
    let ex12_solution = solution("ex12-solution", &scratch);

    assert_quiet_when_stdout_closed(&ex01_solution, &["1000"]);
    assert_quiet_when_stdout_closed(&ex02_solution, &["1000000", "2"]);
    assert_quiet_when_stdout_closed(&ex12_solution, &["100000", "2"]);
    assert_quiet_when_stdout_closed_at_start(&ex08_solution, &["4"]);
    assert_quiet_when_stdout_closed_at_start(&ex07_solution, &["4", "10"]);
}
