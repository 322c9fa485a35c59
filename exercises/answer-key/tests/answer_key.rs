//! Every exercise folder against its answers, through the checks of `check` (one source of
//! truth): the solutions (`answers/solutions/exNN-solution*.patch`, each applied to the copy of
//! its starting example and built in a scratch folder) pass; the unchanged starting example and every kept wrong answer
//! (`answers/wrong/exNN-wrong-*.patch`, the mistakes the teacher's note names, each applied to
//! its solution and built in a scratch folder) fail, at the assertion its `Fails at:` line
//! names; and every assertion the check makes on a solution is shown able to fail: some wrong
//! answer, mutant (`answers/mutants/*.sh`) or starting example fails at it, or a test of the
//! shared helper (`check`'s own tests) does.

use check::Checker;
use check::exercises::{self, Exercise};
use check::grade::Builder;
use check::{Check, Run, workspace};
use exercise_list::answers::{self, Answer};
use harness::Scratch;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, TryLockError};

/// The labels of the shared helpers' assertions (`check::helpers`): `check`'s own tests show
/// each able to fail, with a program that breaks that one rule.
const HELPERS: [&str; 3] = ["`…` prints the usage", "`…` is refused", "`…` ends well"];

/// What one program did under a check: passed, the labels of its assertions, and the label of
/// the one that failed. A refusal exercise's check reads `build`, or the program (a source)
/// compiled alone.
fn run_check(
    e: &Exercise,
    program: &Path,
    source: Option<&Path>,
    build: Option<Run>,
) -> (bool, Vec<String>, Option<String>) {
    let mut c = Check::new(program, source);
    c.blocked = e.blocked.clone();
    let ok = match check::check_of(e) {
        Checker::Program(check) => c.verdict(check),
        Checker::Refusal(check) => {
            let build = build.unwrap_or_else(|| compile_alone(program));
            c.verdict(|c| check(c, &build))
        }
        Checker::Observe(_) => unreachable!("no answers"),
    };
    let failed = c.failed_label().map(str::to_string);
    (ok, c.labels, failed)
}

/// `rustc FILE` alone, as a refusal exercise's sources are compiled.
fn compile_alone(file: &Path) -> Run {
    let scratch =
        Scratch::new(&format!("answer-key-rustc-{}", file.file_stem().unwrap().to_string_lossy()));
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .args(["--edition", "2024", "--crate-type", "bin", "-o"])
        .arg(scratch.0.join("program"))
        .arg(file)
        .output()
        .expect("run rustc");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let shown = format!("rustc --edition 2024 {}", file.display());
    Run::new(shown, Some(out.status), String::new(), stderr)
}

/// An answer, ready to check: its name, program and source, and the assertion its patch's
/// preamble says it fails at (a wrong answer's).
struct Program {
    name: String,
    program: PathBuf,
    source: PathBuf,
    fails_at: Option<String>,
}

/// The answers of `e` of one kind, `solution` or `wrong`, each patch applied and the program
/// built in `scratch` as `check N --program FILE.rs` builds one (a refusal exercise's source is
/// left as it is: its check compiles it), the program copied to `scratch/KIND/NAME` (where the
/// mutants find the wrong ones). A solution of `answered-by` is an example of the workspace,
/// built there, or another exercise's solution, built here. A patch that no longer applies, or a
/// program that does not build, is a problem, named.
fn programs(
    e: &Exercise,
    kind: &str,
    scratch: &Scratch,
    problems: &mut Vec<String>,
) -> Vec<Program> {
    let n = e.number;
    let programs = scratch.0.join(kind);
    std::fs::create_dir_all(&programs).unwrap();
    let mut builder = None;
    let mut all = Vec::new();
    let mut names = e.answers(kind);
    if kind == "solution" {
        names.extend(e.answered_by.iter().cloned());
    }
    for name in names {
        if let Some(dir) = workspace::example_dir(&name) {
            let (program, source) = (workspace::example(&name), dir.join("src/main.rs"));
            all.push(Program { name, program, source, fails_at: None });
            continue;
        }
        let read = match kind {
            "wrong" => Answer::wrong(e, &name),
            _ => answers::solution_named(e, &name)
                .unwrap_or_else(|| Err(format!("{name}: no such solution nor example"))),
        };
        let built = read.and_then(|answer| {
            let builder = builder.get_or_insert_with(|| Builder::new(e, &scratch.0).unwrap());
            answer_key::build(e, builder, &answer, &scratch.0).map(|b| (answer, b))
        });
        let (answer, built) = match built {
            Ok(found) => found,
            Err(why) => {
                problems.push(format!("exercise {n}: {why}"));
                continue;
            }
        };
        let fails_at = answer.patch.fails_at().map(str::to_string);
        let (program, source) = (built.program, built.source);
        if e.kind == exercises::Kind::Refused {
            all.push(Program { name, program, source, fails_at });
            continue;
        }
        // Run from a copy that `cp` writes, not this process: a file written here can be held
        // open for writing by a child that another thread is starting (until it execs), and
        // running it then fails with "Text file busy".
        let named = programs.join(&name);
        let copied = Command::new("cp").arg(&program).arg(&named).status();
        assert!(copied.is_ok_and(|s| s.success()), "cp {} {}", program.display(), named.display());
        all.push(Program { name, program: named, source, fails_at });
    }
    all
}

/// The mutants of `e`: `answers/mutants/NAME.sh`, shell bodies run with `$solution` set to
/// `solution`'s binary and `$wrong` to the folder of the kept wrong answers' programs
/// (`"$wrong/ex05-wrong-join-in-the-loop"`); each becomes an executable in `scratch`, checked
/// with `NAME.rs` as its source if there is one (else the solution's), and says on its line
/// `# Fails at: …` the assertion it fails at.
fn mutants(e: &Exercise, solution: &Program, scratch: &Scratch) -> Vec<Program> {
    use std::os::unix::fs::PermissionsExt;
    let dir = e.dir.join("answers/mutants");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    found.sort();
    let mut all = Vec::new();
    for path in found {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let body = std::fs::read_to_string(&path).unwrap();
        let program = scratch.0.join(format!("ex{:02}-mutant-{name}", e.number));
        let (solution_binary, wrong) = (solution.program.display(), scratch.0.join("wrong"));
        let script =
            format!("#!/bin/sh\nsolution='{solution_binary}'\nwrong='{}'\n{body}", wrong.display());
        std::fs::write(&program, script).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        let source = dir.join(format!("{name}.rs"));
        let source = if source.is_file() { source } else { solution.source.clone() };
        let fails_at = body.lines().find_map(|l| l.strip_prefix("# Fails at: "));
        let (name, fails_at) = (format!("mutant {name}"), fails_at.map(str::to_string));
        all.push(Program { name, program, source, fails_at });
    }
    all
}

/// Exercise `e` against its answers; the problems found, in words.
fn against_its_answers(e: &Exercise) -> Vec<String> {
    let n = e.number;
    let mut problems = Vec::new();
    let scratch = Scratch::new(&format!("answer-key-ex{n:02}"));
    let solutions = programs(e, "solution", &scratch, &mut problems);
    if solutions.is_empty() {
        // None found, or each one a problem already named.
        if problems.is_empty() {
            problems.push(format!("exercise {n}: no solution in answers/ nor answered-by"));
        }
        return problems;
    }
    let mut made = BTreeSet::new();
    for Program { name, program, source, .. } in &solutions {
        println!("-- exercise {n}, solution {name}");
        let (ok, labels, _) = run_check(e, program, Some(source), None);
        if !ok {
            problems.push(format!("exercise {n}: the solution {name} fails its check"));
        }
        made.extend(labels);
    }
    let mut failed_at = BTreeSet::new();
    // The unchanged starting example must fail.
    let start = e.start_dir().expect("the starting example");
    println!("-- exercise {n}, the starting example {}", e.start);
    // A refusal exercise's starting example, as `check N` builds a copy: in the workspace.
    let refused = e.kind == exercises::Kind::Refused;
    let build = refused.then(|| {
        let out = workspace::cargo_build(e.mpi(), &e.start, None).output().expect("run cargo");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        Run::new(format!("cargo build -p {}", e.start), Some(out.status), String::new(), stderr)
    });
    let source = (!refused).then(|| start.join("src/main.rs"));
    let (ok, _, label) = run_check(e, &workspace::example(&e.start), source.as_deref(), build);
    if ok {
        problems.push(format!("exercise {n}: the unchanged {} passes its check", e.start));
    }
    failed_at.extend(label);
    // Every kept wrong answer and mutant must fail.
    // (That each names the assertion it fails at, `headers.rs` holds.)
    let mut wrong = programs(e, "wrong", &scratch, &mut problems);
    wrong.extend(mutants(e, &solutions[0], &scratch));
    for Program { name, program, source, fails_at } in &wrong {
        println!("-- exercise {n}, wrong answer {name}");
        let (ok, _, label) = run_check(e, program, Some(source), None);
        if ok {
            problems.push(format!("exercise {n}: the wrong answer {name} passes its check"));
        }
        let at = label.clone().unwrap_or_default();
        println!("-- exercise {n}, wrong answer {name}: fails at \"{at}\"");
        // A wrong answer that names the assertion it fails at must fail there: a check made
        // weaker at that assertion lets it through to another, and this says so.
        if let Some(declared) = fails_at
            && !at.contains(&check::label(declared))
        {
            problems.push(format!(
                "exercise {n}: the wrong answer {name} fails at \"{at}\", not at \"{declared}\" as its header says"
            ));
        }
        failed_at.extend(label);
    }
    // Every assertion made on a solution fails on some program.
    for label in made.iter().filter(|l| !HELPERS.contains(&l.as_str())) {
        if !failed_at.contains(label) {
            problems.push(format!("exercise {n}: no kept wrong answer, mutant or starting example fails at \"{label}\""));
        }
    }
    problems
}

/// Every exercise that has a check, except the MPI ones, every problem listed.
#[test]
fn every_check_against_the_answers() {
    check_exercises(false);
}

/// The MPI exercises, every problem listed. They need MPI (`mpirun`, `mpicc`, libclang): where it
/// is missing, `build.rs` (the same as `tests/build.rs`) sets `no_mpi` and `cargo test` reports
/// this test as ignored, except under `COURSE_REQUIRE_MPI=1` (CI), where a missing MPI fails it.
#[test]
#[cfg_attr(no_mpi, ignore = "needs MPI: mpirun, mpicc and libclang (see the README's set-up)")]
fn every_mpi_check_against_the_answers() {
    assert!(workspace::has_mpirun(), "mpirun was not found: the MPI exercises need MPI");
    check_exercises(true);
}

/// The right answers again and again (`exercises/answer-key/solutions-again.sh` runs this idle,
/// then with both cores busy): every solution of every exercise with a program check (only
/// `EXERCISE=N`, if set; MPI ones where `mpirun` is), `REPEAT` times (50 unless set). No right
/// answer may fail, fast or slow, idle or busy: the counts are printed, and any failure fails.
#[test]
#[ignore = "minutes to hours: run by exercises/answer-key/solutions-again.sh"]
fn solutions_again_and_again() {
    let only: Option<usize> = std::env::var("EXERCISE").ok().and_then(|n| n.parse().ok());
    let repeat: usize = std::env::var("REPEAT").ok().and_then(|n| n.parse().ok()).unwrap_or(50);
    let mut failures = Vec::new();
    for e in exercises::all() {
        let mpi_missing = e.mpi() && !workspace::has_mpirun();
        if e.kind != exercises::Kind::Checked || only.is_some_and(|n| n != e.number) || mpi_missing
        {
            continue;
        }
        let scratch = Scratch::new(&format!("answer-key-again-ex{:02}", e.number));
        let mut problems = Vec::new();
        let solutions = programs(&e, "solution", &scratch, &mut problems);
        failures.extend(problems);
        for Program { name, program, source, .. } in &solutions {
            let mut failed = 0;
            for _ in 0..repeat {
                let (ok, _, label) = run_check(&e, program, Some(source), None);
                if !ok {
                    failed += 1;
                    failures.push(format!(
                        "exercise {}: {name} failed at \"{}\"",
                        e.number,
                        label.unwrap_or_default()
                    ));
                }
            }
            eprintln!(
                "SOLUTIONS exercise {}, {name}: {failed} failed of {repeat} checks",
                e.number
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The exercises with a check (only those named by `EXERCISE=N`, if set), MPI or not, two at a
/// time (the machine's cores) across both tests.
fn check_exercises(mpi: bool) {
    let only: Option<usize> = std::env::var("EXERCISE").ok().and_then(|n| n.parse().ok());
    let todo: Vec<Exercise> = exercises::all()
        .into_iter()
        .filter(|e| e.kind != exercises::Kind::Observed && only.is_none_or(|n| n == e.number))
        .filter(|e| e.mpi() == mpi)
        .collect();
    let todo = Mutex::new(todo.into_iter());
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let next = todo.lock().unwrap().next();
                    let Some(e) = next else { break };
                    let _core = take_core();
                    let found = against_its_answers(&e);
                    problems.lock().unwrap().extend(found);
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One of the machine's 2 cores, held while an exercise is checked: the two tests above run at
/// the same time, and a check that counts lost updates must not share its cores with 3 others.
fn take_core() -> MutexGuard<'static, ()> {
    static CORES: [Mutex<()>; 2] = [Mutex::new(()), Mutex::new(())];
    loop {
        for core in &CORES {
            match core.try_lock() {
                Ok(held) => return held,
                Err(TryLockError::Poisoned(held)) => return held.into_inner(),
                Err(TryLockError::WouldBlock) => {}
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
