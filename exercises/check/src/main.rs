//! `check`: the exercises (EXERCISES.md, made from the folders `exercises/NN-slug/`) for
//! students and teachers; its commands and options are its usage text, [`USAGE`]
//! (`cargo run -p check -- --help`). Each assertion prints one line, `  ok  …`, or `FAIL  …` and
//! below it what was expected, what was seen and `rerun: COMMAND`; the exit status is 0 when
//! all hold, 1 when one fails, 2 for bad arguments.

use std::io::IsTerminal;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use check::Checker;
use check::exercises::{self, Exercise, Kind};
use check::{Check, Run, copy, handout, plural, workspace};
use course_support::{Args, fail};

const USAGE: &str = "usage: check list | start N | N [--program PATH] | hint N | watch N | reset N | grade N DIR [OPTIONS] | handout DIR [--exercises LIST]    N: an exercise's number (see `check list`)
The exercises of EXERCISES.md, checked.
  list            every exercise, the example it starts from, and the state of your copy
  start N         copies the example exercise N starts from into exercises/exNN/ and builds it
  N               builds your copy exercises/exNN and runs exercise N's check on it
  hint N          what to look at for exercise N (not the answer)
  watch N         builds and checks exercise N again each time you save, until Ctrl-C
  reset N         moves your copy aside (exercises/exNN.saved-K/) and starts again from the example
  N --program PATH    runs exercise N's check on the program PATH, a binary, or a main.rs
                  (FILE.rs) built as a copy of the exercise, with the course's dependencies
  grade N DIR     checks every student's copy of exercise N in DIR (one folder per student,
                  named by the student: the copy as handed in, or a folder holding exNN/; or
                  NAME.rs, the program alone), each built in a scratch folder and run under
                  limits; writes the table (student, verdict, first failed assertion, times)
                  to OUT/grades.csv and OUT/grades.md, prints it, and each check to
                  OUT/logs/STUDENT.txt. Exit status 0 once the table is written (Ctrl-C:
                  130, the table of the copies checked until then). Options:
                  --out OUT (default: DIR-grades beside DIR), and the limits of each program:
                  --memory MB (4096, address space), --file-size MB (256), --processes N
                  (256, threads included), --cpu SECONDS (60)
  handout DIR     writes the students' tree into DIR (new or empty): no answers, no notes for
                  teachers; --exercises LIST (such as 1-8,11) chooses the exercises it is for";

fn main() {
    let mut args = Args::new(USAGE);
    let program = args.option("--program");
    let chosen = args.option("--exercises");
    let grading = check::grade::Options::take(&mut args);
    let graded = ["--out", "--memory", "--file-size", "--processes", "--cpu"];
    let grade_option = std::env::args().find(|a| graded.contains(&a.as_str()));
    let Some(command) = args.word() else {
        args.error(
            "a command is missing: list, start N, N, hint N, watch N, reset N, grade N DIR or handout DIR",
        )
    };
    if program.is_some()
        && ["list", "start", "hint", "watch", "reset", "grade", "handout"]
            .contains(&command.as_str())
    {
        args.error(&format!("'--program' goes with N only, not with '{command}'"));
    }
    if chosen.is_some() && command != "handout" {
        args.error(&format!("'--exercises' goes with handout only, not with '{command}'"));
    }
    if let Some(option) = grade_option.filter(|_| command != "grade") {
        args.error(&format!("'{option}' goes with grade only, not with '{command}'"));
    }
    let all = exercises::all();
    let number = |args: &Args, text: &str| -> Exercise {
        let max = all.iter().map(|e| e.number).max().unwrap_or(1);
        let n = args.number::<usize>("N", text, max);
        let e = all.iter().find(|e| e.number == n);
        e.cloned()
            .unwrap_or_else(|| args.error(&format!("no exercise '{n}' here (see `check list`)")))
    };
    let next = |args: &mut Args| args.word().unwrap_or_else(|| args.error("N is missing"));
    match command.as_str() {
        "list" => {
            args.end();
            list(&all);
        }
        "start" | "hint" | "watch" | "reset" => {
            let text = next(&mut args);
            let e = number(&args, &text);
            if command == "reset" && !copy::exists(&e) {
                args.error(&format!("exercise '{text}' is not started: there is nothing to reset"));
            }
            args.end();
            match command.as_str() {
                "start" => start(&e),
                "hint" => hint(&e),
                "watch" => watch(&e),
                _ => reset(&e),
            }
        }
        "grade" => {
            let text = next(&mut args);
            let e = number(&args, &text);
            let dir = args.word().unwrap_or_else(|| args.error("DIR is missing"));
            args.end();
            if !Path::new(&dir).is_dir() {
                usage_line(&format!("grade: {dir} is not a folder"));
            }
            std::process::exit(check::grade::grade(&e, Path::new(&dir), &grading));
        }
        "handout" => {
            let dir = args.word().unwrap_or_else(|| args.error("DIR is missing"));
            let chosen =
                handout::chosen(&all, chosen.as_deref()).unwrap_or_else(|e| args.error(&e));
            args.end();
            make_handout(Path::new(&dir), &chosen);
            for e in &all {
                let answers = handout::answering_examples(std::slice::from_ref(e)).join(", ");
                let n = e.number;
                match (chosen.iter().any(|c| c.number == n), answers.is_empty()) {
                    (true, false) => println!(
                        "Exercise {n} is in it, so the examples that answer it are not: {answers}."
                    ),
                    (false, false) => println!(
                        "Exercise {n} is not in it: the example {answers} answers it (name it in --exercises to leave that out)."
                    ),
                    (false, true) => println!("Exercise {n} is not in it (--exercises)."),
                    (true, true) => {}
                }
            }
        }
        text => {
            let e = number(&args, text);
            args.end();
            let outcome = check(&e, program.as_deref());
            std::process::exit(if outcome == Outcome::Passed { 0 } else { 1 });
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
    Passed,
    Failed,
    /// It could not be checked (no copy, does not build, no MPI): said on one line.
    NotChecked,
}

/// `check N`: builds the student's copy (or takes PATH), runs the check, says how it went.
fn check(e: &Exercise, program: Option<&str>) -> Outcome {
    let n = e.number;
    let checker = check::check_of(e);
    if let Checker::Observe(observe) = checker {
        if program.is_some() {
            usage_line(&format!("--program: exercise {n} is observe-only: it runs the examples"));
        }
        println!("Exercise {n}. {}", e.title);
        println!("machine: {}", course_support::machine());
        if cfg!(debug_assertions) {
            println!(
                "dev build: for figures to compare with the course, `cargo run --release -p check -- {n}`"
            );
        }
        return if observe() { Outcome::Passed } else { Outcome::Failed };
    }
    if e.mpi() && !workspace::has_mpirun() {
        return not_checked(&format!(
            "exercise {n} runs under mpirun, which is not here: install MPI (`sudo apt-get install libopenmpi-dev openmpi-bin libclang-dev`, see the README)"
        ));
    }
    // `--program FILE.rs`: built as the `src/main.rs` of a copy of the exercise, with the
    // course's dependencies, in a scratch folder.
    // Made only then: a `std::process::exit` (a usage error) would leave it in TMPDIR.
    let mut scratch = None;
    let mut from_source = None;
    let (path, source) = match program {
        Some(file) if file.ends_with(".rs") => {
            let file = given_program(file, Kind::Refused);
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if check::grade::is_starting_source(e, &text) {
                return starting_example(e, &file);
            }
            let shown = format!("cargo build ({} as {}/src/main.rs)", file.display(), e.package());
            println!("{shown} …");
            let scratch = scratch.insert(harness::Scratch::new("check-program"));
            let builder = match check::grade::Builder::new(e, &scratch.0) {
                Ok(builder) => builder,
                Err(err) => return not_checked(&format!("a copy of exercise {n}: {err}")),
            };
            let home = scratch.0.join("copy");
            let (build, binary) = builder.build_source(&file, &home, &shown);
            if binary.is_none() && e.kind != Kind::Refused {
                eprint!("{}", build.stderr);
                return not_checked(&format!(
                    "{} does not build: see the compiler's errors above",
                    file.display()
                ));
            }
            from_source = Some(build);
            (binary.unwrap_or_else(|| home.join(e.package())), Some(file))
        }
        Some(_) if e.kind == Kind::Refused => usage_line(&format!(
            "--program: exercise {n} reads the compiler's refusal: give a main.rs (FILE.rs)"
        )),
        Some(path) => {
            let path = given_program(path, e.kind);
            if check::grade::is_starting_binary(e, &path) {
                return starting_example(e, &path);
            }
            (path, None)
        }
        None if !copy::exists(e) => {
            return not_checked(&format!(
                "no {} yet: start it with `cargo run -p check -- start {n}`",
                workspace::shown(&e.copy_dir())
            ));
        }
        None => (copy::binary(e), Some(e.copy_dir().join("src/main.rs"))),
    };
    println!("Exercise {n}. {}", e.title);
    let mut c = Check::new(&path, source.as_deref());
    c.blocked = e.blocked.clone();
    let ok = match checker {
        Checker::Refusal(refusal) => {
            let build = match from_source.take() {
                Some(build) => build,
                None => build_copy(e, true),
            };
            c.verdict(|c| refusal(c, &build))
        }
        Checker::Program(run) => {
            if program.is_none() && !build_copy(e, true).succeeded() {
                // No verdict kept: `list` says "does not build", not "fails".
                return not_checked(&format!(
                    "{} does not build: see the compiler's errors above",
                    e.package()
                ));
            }
            println!("checking {}", workspace::shown(&path));
            c.verdict(run)
        }
        Checker::Observe(_) => unreachable!("handled above"),
    };
    let failed = if c.failed { ", 1 failed: the check stops at its first failure" } else { "" };
    println!("{}: {} passed{failed}", if ok { "PASSED" } else { "FAILED" }, c.passed);
    if !ok && e.hint().is_some() {
        println!("Stuck? `cargo run -p check -- hint {n}` says what to look at.");
    }
    if program.is_none() {
        copy::record(e, ok);
    }
    if ok { Outcome::Passed } else { Outcome::Failed }
}

/// A program that is the exercise's starting example, unchanged: nothing to check.
fn starting_example(e: &Exercise, path: &Path) -> Outcome {
    println!("Exercise {}. {}", e.number, e.title);
    println!(
        "FAILED: {} is the unchanged starting example, {}: nothing was done",
        workspace::shown(path),
        e.start
    );
    Outcome::Failed
}

fn not_checked(message: &str) -> Outcome {
    eprintln!("check: {message}");
    Outcome::NotChecked
}

/// A program given with `--program`: it must exist and be executable (for a refusal exercise,
/// a source file); otherwise one line and exit status 2.
fn given_program(path: &str, kind: Kind) -> PathBuf {
    let path = PathBuf::from(path);
    let mode = std::fs::metadata(&path).map(|m| (m.is_file(), m.permissions().mode()));
    match mode {
        Err(e) => usage_line(&format!("--program {}: {e}", path.display())),
        Ok((false, _)) => usage_line(&format!("--program {}: not a file", path.display())),
        Ok((true, mode)) if kind == Kind::Checked && mode & 0o111 == 0 => {
            usage_line(&format!("--program {}: not executable", path.display()))
        }
        Ok(_) => path.canonicalize().unwrap_or(path), // not looked up in $PATH
    }
}

/// Bad input that the usage line would not help with: one line, exit status 2.
fn usage_line(message: &str) -> ! {
    eprintln!("check: {message}");
    std::process::exit(2)
}

/// `cargo build` of the copy; with `show`, said first and its output shown as cargo shows it.
fn build_copy(e: &Exercise, show: bool) -> Run {
    let mut cmd = workspace::cargo(&e.copy_dir());
    let shown =
        format!("cargo build --manifest-path {}/Cargo.toml", workspace::shown(&e.copy_dir()));
    if show {
        if std::io::stderr().is_terminal() {
            cmd.arg("--color=always");
        }
        // Said first: the first build of a copy, or the first after the course's folder moved,
        // compiles more than the copy (seconds, or a minute on a busy machine).
        println!("{shown} …");
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }
    match cmd.output() {
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            if show {
                eprint!("{stderr}");
            }
            Run::new(shown, Some(out.status), String::new(), stderr)
        }
        Err(e) => Run::new(format!("{shown}: {e}"), None, String::new(), e.to_string()),
    }
}

/// `check list`: the exercises, and the state of each of the student's copies.
fn list(all: &[Exercise]) {
    println!("{:>2}  {:<52} {:<19} {:<13} your copy", "N", "exercise", "starts from", "check");
    let mut passed = 0;
    for e in all {
        let kind = match e.kind {
            Kind::Observed => "observe-only",
            Kind::Refused => "compile error",
            Kind::Checked => "checked",
        };
        let state = copy_state(e);
        passed += usize::from(state == "passes");
        println!("{:>2}  {:<52} {:<19} {kind:<13} {state}", e.number, e.title, e.start);
    }
    let checked = all.iter().filter(|e| e.kind != Kind::Observed).count();
    println!(
        "\n{passed} of {checked} checked exercises pass. Start one: cargo run -p check -- start N"
    );
}

/// "none yet", "does not build: FIRST ERROR LINE", "builds", or the last check's "passes" /
/// "fails" if the copy has not changed since.
fn copy_state(e: &Exercise) -> String {
    if !copy::exists(e) {
        return "none yet".into();
    }
    if let Some(verdict) = copy::last_check(e) {
        return verdict.into();
    }
    if e.mpi() && !workspace::has_mpirun() {
        return "started (MPI is not here to build it)".into();
    }
    let build = build_copy(e, false);
    if build.succeeded() {
        return "builds".into();
    }
    let first = build.stderr.lines().find(|l| l.starts_with("error")).unwrap_or("see `check N`");
    format!("does not build: {first}")
}

/// `check start N`: the copy of the example, renamed exNN, built.
fn start(e: &Exercise) {
    let n = e.number;
    let dir = e.copy_dir();
    if dir.exists() {
        fail(&format!(
            "{} exists already: your work is kept (`cargo run -p check -- reset {n}` starts again and keeps it aside)",
            workspace::shown(&dir)
        ));
    }
    if e.mpi() && !workspace::has_mpirun() {
        fail(&format!("exercise {n} needs MPI, which is not here: see the README's set-up"));
    }
    let name =
        copy::make(e).unwrap_or_else(|err| fail(&format!("copy to {}: {err}", dir.display())));
    println!("Exercise {n}. {}", e.title);
    let copy = workspace::shown(&dir);
    println!("{copy} is your copy of {name} (package and program {}).", e.package());
    if !build_copy(e, true).succeeded() {
        fail(&format!("{} does not build: see the compiler's errors above", e.package()));
    }
    println!("Edit {copy}/src/main.rs, run it with `{}`,", run_command(e));
    println!("check it with `cargo run -p check -- {n}` (or `watch {n}`: again at every save).");
    println!("\n{} {}", check::exercises_md::heading(e), e.text());
    if e.hint().is_some() {
        println!("\nStuck? `cargo run -p check -- hint {n}`");
    }
}

/// How the student runs the copy, as printed (and typed from the course's folder).
fn run_command(e: &Exercise) -> String {
    let manifest = format!("{}/Cargo.toml", workspace::shown(&e.copy_dir()));
    if e.mpi() {
        let binary = workspace::shown(&copy::binary(e));
        format!(
            "cargo build --manifest-path {manifest} && {} -n 4 {binary}",
            harness::mpirun_words().join(" ")
        )
    } else {
        format!("cargo run --manifest-path {manifest} -- ARGUMENTS")
    }
}

/// `check hint N`.
fn hint(e: &Exercise) {
    match e.hint() {
        Some(hint) => println!("Exercise {}. {}\nHint: {hint}", e.number, e.title),
        None => println!("Exercise {} has no hint: its text says what to observe.", e.number),
    }
}

/// `check reset N`: the copy moved aside, a new one made from the example.
fn reset(e: &Exercise) {
    let saved = copy::save(e).unwrap_or_else(|err| {
        fail(&format!("move {} aside: {err}", workspace::shown(&e.copy_dir())))
    });
    let name = copy::make(e)
        .unwrap_or_else(|err| fail(&format!("copy to {}: {err}", e.copy_dir().display())));
    let (saved, copy) = (workspace::shown(&saved), workspace::shown(&e.copy_dir()));
    println!("Your copy is kept in {saved}/ (your program: {saved}/src/main.rs).");
    println!("{copy}/ is {name} again: edit its src/main.rs.");
    if !build_copy(e, true).succeeded() {
        fail(&format!("{} does not build: see the compiler's errors above", e.package()));
    }
}

/// `check watch N`: checks at the start and after each change to the copy, until Ctrl-C.
fn watch(e: &Exercise) {
    harness::stop_on_interrupt();
    if !copy::exists(e) {
        fail(&format!(
            "no {} yet: start it with `cargo run -p check -- start {}`",
            workspace::shown(&e.copy_dir()),
            e.number
        ));
    }
    println!(
        "Watching {}: each save builds and checks it again. Ctrl-C ends.",
        workspace::shown(&e.copy_dir())
    );
    let mut seen = String::new();
    let mut round = 0;
    loop {
        let now = copy::fingerprint(e);
        if now != seen {
            seen = now;
            let start = Instant::now();
            round += 1;
            let why = if round == 1 { "first check" } else { "a change was saved" };
            println!("\n==== exercise {} ({why}): check {round} ====", e.number);
            let outcome = check(e, None);
            if harness::interrupted() {
                break;
            }
            let outcome = match outcome {
                Outcome::Passed => "passed",
                Outcome::Failed => "failed",
                Outcome::NotChecked => "not checked",
            };
            println!(
                "==== {outcome} in {:.1} s; waiting for a change (Ctrl-C ends) ====",
                start.elapsed().as_secs_f64()
            );
        }
        if harness::interrupted() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("\nwatch: stopped");
    std::process::exit(130);
}

/// `check handout DIR`.
fn make_handout(dir: &Path, chosen: &[Exercise]) {
    let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none());
    if let Ok(false) = empty {
        fail(&format!(
            "{} is not empty: the handout goes into a new or empty folder",
            dir.display()
        ));
    }
    match handout::write(dir, chosen) {
        Ok(files) => {
            let numbers: Vec<String> = chosen.iter().map(|e| e.number.to_string()).collect();
            println!(
                "{files} files written to {}: the workspace without the answers, for {} {}.",
                dir.display(),
                plural(numbers.len(), "exercise", "exercises"),
                numbers.join(", ")
            );
            println!("In it: `cargo test --workspace`, then `cargo run -p check -- list`.");
        }
        Err(e) => fail(&format!("handout {}: {e}", dir.display())),
    }
}
