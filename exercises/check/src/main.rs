//! `check`: the exercises of EXERCISES.md for students and teachers.
//!
//! Run:     cargo run -p check -- list          every exercise, and your progress
//!          cargo run -p check -- start 6       your copy of the example: exercises/ex06/
//!          cargo run -p check -- 6             builds exercises/ex06 and checks it
//!          cargo run -p check -- 6 --program PATH     checks any program (a teacher grading)
//!          cargo run -p check -- handout DIR   the students' tree, without the answer key
//! Each assertion prints one line, `  ok  …` or `FAIL  …: expected …; seen …; rerun: COMMAND`;
//! the exit status is 0 when all hold, 1 when one fails, 2 for bad arguments.

use std::hash::{DefaultHasher, Hasher};
use std::io::IsTerminal;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use check::{Check, EXERCISES, Exercise, Kind, Run, check_exercise, check_refusal, exercise};
use check::{handout, observe, workspace};
use course_support::{Args, fail};

const USAGE: &str = "usage: check list | start N | N [--program PATH] | handout DIR    N: an exercise of EXERCISES.md, 1 to 25
The exercises of EXERCISES.md, checked.
  list            every exercise, the example it starts from, and the state of your copy
  start N         copies the example exercise N starts from into exercises/exNN/ and builds it
  N               builds exercises/exNN and runs exercise N's check on it
  N --program PATH    runs exercise N's check on the program PATH (for exercise 4: a Rust
                  source file, compiled alone by rustc)
  handout DIR     writes the students' tree into DIR (new or empty): no answer key, no notes
                  for teachers";

fn main() {
    let mut args = Args::new(USAGE);
    let program = args.option("--program");
    let Some(command) = args.word() else {
        args.error("a command is missing: list, start N, N or handout DIR")
    };
    let number = |args: &mut Args| {
        let text = args.word().unwrap_or_else(|| args.error("N is missing"));
        args.number::<usize>("N", &text, EXERCISES.len())
    };
    match command.as_str() {
        "list" | "start" | "handout" if program.is_some() => {
            args.error("--program goes with N only")
        }
        "list" => {
            args.end();
            list();
        }
        "start" => {
            let n = number(&mut args);
            args.end();
            start(n);
        }
        "handout" => {
            let dir = args.word().unwrap_or_else(|| args.error("DIR is missing"));
            args.end();
            make_handout(Path::new(&dir));
        }
        text => {
            let n = args.number::<usize>("N", text, EXERCISES.len());
            args.end();
            let ok = check(exercise(n).expect("1 to 25"), program.as_deref());
            std::process::exit(if ok { 0 } else { 1 });
        }
    }
}

/// `check N`: builds the student's copy (or takes PATH), runs the check, says how it went.
fn check(e: &Exercise, program: Option<&str>) -> bool {
    let n = e.number;
    if e.kind == Kind::Observed {
        if program.is_some() {
            usage_line(&format!("--program: exercise {n} is observe-only: it runs the examples"));
        }
        println!("Exercise {n}. {}", e.title);
        return observe(n);
    }
    let package = workspace::package(n);
    if workspace::is_mpi(e.start) && !workspace::has_mpirun() {
        fail(&format!(
            "exercise {n} runs under mpirun, which is not here: install MPI (`sudo apt-get install libopenmpi-dev openmpi-bin libclang-dev`, see the README)"
        ));
    }
    let (path, source) = match program {
        Some(path) => (given_program(path, e.kind), None),
        None => {
            let dir = workspace::copy_dir(n);
            if !dir.join("Cargo.toml").is_file() {
                fail(&format!(
                    "no {} yet: start it with `cargo run -p check -- start {n}`",
                    workspace::copy_name(n)
                ));
            }
            (workspace::binaries().join(&package), Some(dir.join("src/main.rs")))
        }
    };
    println!("Exercise {n}. {}", e.title);
    let mut c = Check::new(&path, source.as_deref());
    let ok = if e.kind == Kind::Refused {
        let build = match program {
            Some(file) => compile_alone(Path::new(file)),
            None => build_copy(n),
        };
        check_refusal(&mut c, &build)
    } else {
        if program.is_none() && !build_copy(n).succeeded() {
            fail(&format!("{package} does not build: see the compiler's errors above"));
        }
        println!("checking {}", workspace::shown(&path));
        check_exercise(n, &mut c)
    };
    let failed = if c.failed { ", 1 failed: the check stops at its first failure" } else { "" };
    println!("{}: {} passed{failed}", if ok { "PASSED" } else { "FAILED" }, c.passed);
    if program.is_none() {
        record(n, ok);
    }
    ok
}

/// A program given with `--program`: it must exist and be executable (for exercise 4, a
/// source file); otherwise one line and exit status 2.
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

/// `cargo build -p exNN`, its output shown as cargo shows it.
fn build_copy(n: usize) -> Run {
    let package = workspace::package(n);
    let mut cmd = workspace::cargo_build(&package, None);
    if std::io::stderr().is_terminal() {
        cmd.arg("--color=always");
    }
    let shown = format!("cargo build -p {package}");
    built(&mut cmd, shown)
}

/// `rustc FILE` alone, as the answer key's sources of exercise 4 are compiled.
fn compile_alone(file: &Path) -> Run {
    let out = std::env::temp_dir().join(format!("check-rustc-{}", std::process::id()));
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut cmd = Command::new(rustc);
    cmd.args(["--edition", "2024", "--crate-type", "bin", "-o"]).arg(&out).arg(file);
    let run = built(&mut cmd, format!("rustc --edition 2024 {}", file.display()));
    let _ = std::fs::remove_file(&out);
    run
}

fn built(cmd: &mut Command, shown: String) -> Run {
    match cmd.output() {
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            eprint!("{stderr}");
            Run::of_build(shown, Some(out.status), stderr)
        }
        Err(e) => fail(&format!("{shown}: {e}")),
    }
}

/// `check list`: the exercises, and the state of each of the student's copies.
fn list() {
    println!("{:>2}  {:<52} {:<19} {:<13} your copy", "N", "exercise", "starts from", "check");
    let mut passed = 0;
    for e in &EXERCISES {
        let kind = if e.kind == Kind::Observed { "observe-only" } else { "checked" };
        let state = copy_state(e.number);
        passed += usize::from(state == "passes");
        println!("{:>2}  {:<52} {:<19} {kind:<13} {state}", e.number, e.title, e.start);
    }
    let checked = EXERCISES.iter().filter(|e| e.kind != Kind::Observed).count();
    println!(
        "\n{passed} of {checked} checked exercises pass. Start one: cargo run -p check -- start N"
    );
}

/// "none yet", "does not build", "builds", or the last check's "passes" / "fails" if the copy
/// has not changed since.
fn copy_state(n: usize) -> &'static str {
    if !workspace::copy_dir(n).join("Cargo.toml").is_file() {
        return "none yet";
    }
    let builds = workspace::cargo_build(&workspace::package(n), None).output();
    let builds = builds.is_ok_and(|out| out.status.success());
    let last = std::fs::read_to_string(result_file(n)).unwrap_or_default();
    match last.split_once(' ') {
        Some((verdict, print)) if print == fingerprint(n) => {
            if verdict == "passes" {
                "passes"
            } else {
                "fails"
            }
        }
        _ if builds => "builds",
        _ => "does not build",
    }
}

/// Where the last check of a copy is kept: `target/<profile>/check-results/exNN`.
fn result_file(n: usize) -> PathBuf {
    workspace::binaries().join("check-results").join(workspace::package(n))
}

fn record(n: usize, ok: bool) {
    let file = result_file(n);
    let _ = std::fs::create_dir_all(file.parent().expect("a folder"));
    let verdict = if ok { "passes" } else { "fails" };
    let _ = std::fs::write(file, format!("{verdict} {}", fingerprint(n)));
}

/// A hash of every file of the copy: a check's result stands until one of them changes.
fn fingerprint(n: usize) -> String {
    fn add(dir: &Path, hasher: &mut DefaultHasher) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                add(&path, hasher);
            } else {
                hasher.write(path.to_string_lossy().as_bytes());
                hasher.write(&std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut hasher = DefaultHasher::new();
    add(&workspace::copy_dir(n), &mut hasher);
    format!("{:016x}", hasher.finish())
}

/// `check start N`: the copy of the example, renamed exNN, built.
fn start(n: usize) {
    let e = exercise(n).expect("1 to 25");
    let package = workspace::package(n);
    let dir = workspace::copy_dir(n);
    if dir.exists() {
        fail(&format!(
            "{} exists already: your work is kept (remove the folder yourself to start again)",
            workspace::copy_name(n)
        ));
    }
    if workspace::is_mpi(e.start) && !workspace::has_mpirun() {
        fail(&format!("exercise {n} needs MPI, which is not here: see the README's MPI section"));
    }
    // Exercise 20 goes on with exercise 19's program, when there is one.
    let ex19 = workspace::copy_dir(19);
    let (from, name) = match n {
        20 if ex19.join("Cargo.toml").is_file() => (ex19, workspace::package(19)),
        _ => (workspace::example_dir(e.start).expect("the starting example"), e.start.to_string()),
    };
    copy_renamed(&from, &dir, &name, &package)
        .unwrap_or_else(|err| fail(&format!("copy to {}: {err}", dir.display())));
    println!("Exercise {n}. {}", e.title);
    let copy = workspace::copy_name(n);
    println!("{copy} is your copy of {name} (package and program {package}).");
    if !build_copy(n).succeeded() {
        fail(&format!("{package} does not build: see the compiler's errors above"));
    }
    println!(
        "Edit {copy}/src/main.rs, run it with {}, check it with `cargo run -p check -- {n}`.",
        if workspace::is_mpi(e.start) {
            format!(
                "`(cd examples-mpi && cargo build -p {package}) && mpirun -n 4 target/debug/{package}`"
            )
        } else {
            format!("`cargo run -p {package}`")
        }
    );
    if let Some(text) = exercise_text(n) {
        println!("\n{text}");
    }
}

/// Copies the package folder `from` to `to`, its package and usage line renamed `name` → `new`.
fn copy_renamed(from: &Path, to: &Path, name: &str, new: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "target" {
                copy_renamed(&path, &target, name, new)?;
            }
        } else if entry.file_name() == "Cargo.toml" {
            let text = std::fs::read_to_string(&path)?;
            std::fs::write(
                &target,
                text.replacen(&format!("name = \"{name}\""), &format!("name = \"{new}\""), 1),
            )?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path)?;
            std::fs::write(
                &target,
                text.replace(&format!("\"usage: {name} "), &format!("\"usage: {new} ")),
            )?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// The text of exercise `n` in EXERCISES.md, without its note for teachers.
fn exercise_text(n: usize) -> Option<String> {
    let text = std::fs::read_to_string(workspace::root().join("EXERCISES.md")).ok()?;
    let text = handout::students_exercises(&text);
    let from = text.find(&format!("\n**{n}. "))?;
    let paragraph = text[from + 1..].split("\n\n").next()?;
    Some(paragraph.to_string())
}

/// `check handout DIR`.
fn make_handout(dir: &Path) {
    let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none());
    if let Ok(false) = empty {
        fail(&format!(
            "{} is not empty: the handout goes into a new or empty folder",
            dir.display()
        ));
    }
    match handout::write(dir) {
        Ok(files) => {
            println!(
                "{files} files written to {}: the workspace without the answer key.",
                dir.display()
            );
            println!("In it: `cargo test --workspace`, then `cargo run -p check -- list`.");
        }
        Err(e) => fail(&format!("handout {}: {e}", dir.display())),
    }
}
