//! Every exercise folder against its answers, through the checks of `check` (one source of
//! truth): the solutions pass; the unchanged starting example and every kept wrong answer
//! (`answers/src/bin/exNN-wrong-*.rs`, the mistakes the teacher's note names) fail; and every
//! assertion the check makes on a solution is shown able to fail: some wrong answer, mutant
//! (`answers/mutants/*.sh`) or starting example fails at it, or a test of the shared helper
//! (`check`'s own tests) does.

use check::Checker;
use check::exercises::{self, Exercise};
use check::{Check, Run, workspace};
use harness::Scratch;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Condvar, Mutex};

/// The labels of the shared helpers' assertions (`check::helpers`): `check`'s own tests show
/// each able to fail, with a program that breaks that one rule.
const HELPERS: [&str; 3] = ["`…` prints the usage", "`…` is refused", "`…` ends well"];

/// What one program did under a check: passed, or the label of the assertion that failed.
fn run_check(
    e: &Exercise,
    program: &Path,
    source: Option<&Path>,
) -> (bool, Vec<String>, Option<String>) {
    let mut c = Check::new(program, source);
    c.set_blocked(e.blocked.clone());
    let ok = match check::check_of(e) {
        Checker::Program(check) => c.verdict(check),
        Checker::Refusal(check) => {
            let build = compile_alone(program);
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

/// A solution or wrong answer named `name`: its binary (built) and source.
fn answer(e: &Exercise, name: &str) -> (PathBuf, PathBuf) {
    let source = e.dir.join("answers/src/bin").join(format!("{name}.rs"));
    if e.kind == exercises::Kind::Refused {
        return (source.clone(), source);
    }
    if source.is_file() {
        return (workspace::built(e.mpi(), &format!("ex{:02}-answers", e.number), name), source);
    }
    // Another exercise's solution (`answered-by`), or an example of the workspace.
    let all = exercises::all();
    let owner =
        all.iter().find(|o| o.dir.join("answers/src/bin").join(format!("{name}.rs")).is_file());
    if let Some(o) = owner {
        let source = o.dir.join("answers/src/bin").join(format!("{name}.rs"));
        return (workspace::built(o.mpi(), &format!("ex{:02}-answers", o.number), name), source);
    }
    let dir = workspace::example_dir(name)
        .unwrap_or_else(|| panic!("exercise {}: no answer {name}", e.number));
    (workspace::example(name), dir.join("src/main.rs"))
}

/// The mutants of `e`: `answers/mutants/NAME.sh`, shell bodies run with `$solution` set to the
/// first solution's binary; each becomes an executable in `scratch`.
fn mutants(e: &Exercise, solution: &Path, scratch: &Scratch) -> Vec<(String, PathBuf)> {
    let dir = e.dir.join("answers/mutants");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|path| {
            use std::os::unix::fs::PermissionsExt;
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let body = std::fs::read_to_string(&path).unwrap();
            let program = scratch.0.join(format!("ex{:02}-mutant-{name}", e.number));
            let script = format!("#!/bin/sh\nsolution='{}'\n{body}", solution.display());
            std::fs::write(&program, script).unwrap();
            std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
            (format!("mutant {name}"), program)
        })
        .collect()
}

/// Exercise `e` against its answers; the problems found, in words.
fn against_its_answers(e: &Exercise) -> Vec<String> {
    let n = e.number;
    let mut problems = Vec::new();
    let mut solutions: Vec<String> = e.answers("solution");
    solutions.extend(e.answered_by.iter().cloned());
    if e.kind == exercises::Kind::Refused {
        solutions = refused(e, "solution");
    }
    if solutions.is_empty() {
        return vec![format!("exercise {n}: no solution in answers/ nor answered-by")];
    }
    let mut made = BTreeSet::new();
    let mut first = None;
    for name in &solutions {
        let (program, source) = if e.kind == exercises::Kind::Refused {
            let file = e.dir.join("answers/refused").join(name);
            (file.clone(), file)
        } else {
            answer(e, name)
        };
        println!("-- exercise {n}, solution {name}");
        let (ok, labels, _) = run_check(e, &program, Some(&source));
        if !ok {
            problems.push(format!("exercise {n}: the solution {name} fails its check"));
        }
        made.extend(labels);
        first.get_or_insert(program);
    }
    let mut failed_at = BTreeSet::new();
    // The unchanged starting example must fail.
    let start = e.start_dir().expect("the starting example");
    println!("-- exercise {n}, the starting example {}", e.start);
    let (ok, _, label) = if e.kind == exercises::Kind::Refused {
        let out = workspace::cargo_build(e.mpi(), &e.start, None).output().expect("run cargo");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let shown = format!("cargo build -p {}", e.start);
        let build = Run::new(shown, Some(out.status), String::new(), stderr);
        let mut c = Check::new(&workspace::example(&e.start), None);
        let Checker::Refusal(check) = check::check_of(e) else { unreachable!() };
        let ok = c.verdict(|c| check(c, &build));
        (ok, c.labels.clone(), c.failed_label().map(str::to_string))
    } else {
        run_check(e, &workspace::example(&e.start), Some(&start.join("src/main.rs")))
    };
    if ok {
        problems.push(format!("exercise {n}: the unchanged {} passes its check", e.start));
    }
    failed_at.extend(label);
    // Every kept wrong answer and mutant must fail.
    let scratch = Scratch::new(&format!("answer-key-ex{n:02}"));
    let mut wrong: Vec<(String, PathBuf, PathBuf)> = e
        .answers("wrong")
        .into_iter()
        .map(|name| {
            let (program, source) = answer(e, &name);
            (name, program, source)
        })
        .collect();
    // A refusal exercise's wrong answers that the compiler refuses for another reason.
    for name in refused(e, "wrong") {
        let file = e.dir.join("answers/refused").join(&name);
        wrong.push((name, file.clone(), file));
    }
    let solution_source = answer_source(e, &solutions[0]);
    for (name, program) in mutants(e, first.as_ref().unwrap(), &scratch) {
        let source = e.dir.join("answers/mutants").join(format!("{}.rs", &name["mutant ".len()..]));
        let source = if source.is_file() { source } else { solution_source.clone() };
        wrong.push((name, program, source));
    }
    for (name, program, source) in &wrong {
        println!("-- exercise {n}, wrong answer {name}");
        let (ok, _, label) = run_check(e, program, Some(source));
        if ok {
            problems.push(format!("exercise {n}: the wrong answer {name} passes its check"));
        }
        // A wrong answer that names the assertion it fails at must fail there: a check made
        // weaker at that assertion lets it through to another, and this says so.
        let declared = match name.strip_prefix("mutant ") {
            Some(mutant) => {
                let file = e.dir.join("answers/mutants").join(format!("{mutant}.sh"));
                fails_at(&file, "# Fails at: ")
            }
            None => fails_at(source, "//! Fails at: "),
        };
        if let Some(declared) = declared {
            let at = label.clone().unwrap_or_default();
            if !at.contains(&check::label(&declared)) {
                problems.push(format!(
                    "exercise {n}: the wrong answer {name} fails at \"{at}\", not at \"{declared}\" as its header says"
                ));
            }
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

/// The assertion a wrong answer says it fails at: its header's line `PREFIX …` (`//! Fails at:
/// …` in a source, `# Fails at: …` in a mutant).
fn fails_at(file: &Path, prefix: &str) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|l| l.strip_prefix(prefix)).map(str::to_string)
}

fn answer_source(e: &Exercise, name: &str) -> PathBuf {
    if e.kind == exercises::Kind::Refused {
        return e.dir.join("answers/refused").join(name);
    }
    answer(e, name).1
}

/// The sources of `answers/refused/` named `exNN-KIND…` (`solution` or `wrong`).
fn refused(e: &Exercise, kind: &str) -> Vec<String> {
    let prefix = format!("ex{:02}-{kind}", e.number);
    let mut names: Vec<String> = std::fs::read_dir(e.dir.join("answers/refused"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|f| f.file_name().to_str().map(str::to_string))
        .filter(|name| name.starts_with(&prefix) && name.ends_with(".rs"))
        .collect();
    names.sort();
    names
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
        let mut solutions = e.answers("solution");
        solutions.extend(e.answered_by.iter().cloned());
        for name in &solutions {
            let (program, source) = answer(&e, name);
            let mut failed = 0;
            for _ in 0..repeat {
                let (ok, _, label) = run_check(&e, &program, Some(&source));
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
                    let _core = Core::take();
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
struct Core;

static FREE_CORES: (Mutex<usize>, Condvar) = (Mutex::new(2), Condvar::new());

impl Core {
    fn take() -> Core {
        let (free, freed) = &FREE_CORES;
        let mut free = free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 {
            free = freed.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        *free -= 1;
        Core
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        let (free, freed) = &FREE_CORES;
        *free.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        freed.notify_one();
    }
}
