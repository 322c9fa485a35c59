//! `check grade N DIR`: a class's copies of exercise N, each built and checked apart from the
//! teacher's tree, and a table of the verdicts.
//!
//! DIR holds one entry per student, named by the student: a folder that is the copy as handed
//! in (`DIR/alice/`, holding `src/main.rs`), or a folder holding that copy (`DIR/bob/ex06/`),
//! or the program alone (`DIR/carol.rs`). Each copy's `src/` is copied into a scratch folder
//! (in `TMPDIR`, removed at the end) and built there with the course's `Cargo.toml` for the
//! exercise (what `check start N` writes, its paths made absolute, with the course's crates
//! that the code uses: the student's own `Cargo.toml` is not used) and the course's
//! `Cargo.lock`, into one target folder for every copy, the course's `target/exercises/`: the
//! dependencies are compiled once, then only each copy's own crate. Then each program is checked
//! under [`harness::limits`]: processes, memory, file size, CPU time, its own folder for cwd,
//! `HOME` and `TMPDIR`, and (as root) a user of its own. Neither DIR nor the course's files are
//! written; the results go to OUT (`--out`, by default `DIR-grades/` beside DIR): `grades.csv`,
//! `grades.md` (also printed) and each student's check, `logs/STUDENT.txt`.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use course_support::Args;
use harness::limits::{self, Confinement, Limits};
use harness::{LONG_TIMEOUT, Run, Scratch};
use nix::fcntl::{Flock, FlockArg};

use crate::checker::Checker;
use crate::exercises::{Exercise, Kind};
use crate::{Check, copy, helpers, workspace};

const MB: u64 = 1 << 20;

/// The options of `check grade`.
pub struct Options {
    pub out: Option<PathBuf>,
    pub limits: Limits,
}

impl Options {
    /// Takes `--out`, `--memory`, `--file-size`, `--processes` and `--cpu` from `args`.
    pub fn take(args: &mut Args) -> Options {
        let mut number = |name: &str, default: u64| {
            let text = args.option(name);
            text.map_or(default, |t| args.number::<u64>(name, &t, 1 << 20))
        };
        let limits = Limits {
            memory: number("--memory", 4096) * MB,
            file_size: number("--file-size", 256) * MB,
            processes: number("--processes", 256),
            cpu_seconds: number("--cpu", 60),
        };
        Options { out: args.option("--out").map(PathBuf::from), limits }
    }
}

/// One student's entry of DIR.
struct Copy {
    student: String,
    /// The copy's `src/` folder, or its program alone; `None`: not a copy.
    src: Option<PathBuf>,
}

/// The entries of DIR, in name order.
fn copies(e: &Exercise, dir: &Path) -> io::Result<Vec<Copy>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let copy = if path.is_dir() {
            let inside = [path.clone(), path.join(e.package())];
            let src =
                inside.into_iter().map(|d| d.join("src")).find(|s| s.join("main.rs").is_file());
            Copy { student: name, src }
        } else if let Some(student) = name.strip_suffix(".rs") {
            Copy { student: student.to_string(), src: Some(path) }
        } else {
            continue;
        };
        found.push(copy);
    }
    found.sort_by(|a, b| a.student.cmp(&b.student));
    Ok(found)
}

/// What a copy got.
struct Grade {
    student: String,
    verdict: String,
    /// The first assertion that failed, or the first error of the build.
    why: String,
    build_seconds: f64,
    check_seconds: f64,
}

/// `check grade N DIR`: the table, and the exit status (0: every copy graded, the table
/// written; 1: not graded).
pub fn grade(e: &Exercise, dir: &Path, options: &Options) -> i32 {
    let n = e.number;
    let checker = crate::check_of(e);
    if let Checker::Observe(_) = checker {
        return not_graded(&format!("exercise {n} is observe-only: it has no verdict to grade"));
    }
    if e.mpi() && !workspace::has_mpirun() {
        return not_graded(&format!("exercise {n} runs under mpirun, which is not here"));
    }
    let list = match copies(e, dir) {
        Ok(list) if list.is_empty() => {
            return not_graded(&format!(
                "{} holds no copy: one folder (or NAME.rs) per student",
                dir.display()
            ));
        }
        Ok(list) => list,
        Err(err) => return not_graded(&format!("{}: {err}", dir.display())),
    };
    let out = options.out.clone().unwrap_or_else(|| {
        let name = dir.canonicalize().ok().and_then(|d| d.file_name().map(|n| n.to_os_string()));
        let name = name.map_or("copies".into(), |n| n.to_string_lossy().into_owned());
        dir.join("..").join(format!("{name}-grades"))
    });
    if let Err(err) = std::fs::create_dir_all(out.join("logs")) {
        return not_graded(&format!("{}: {err}", out.display()));
    }
    let scratch = Scratch::reachable_by_all("check-grade");
    let user = nix::unistd::Uid::effective().is_root().then(limits::free_user);
    let copies =
        if list.len() == 1 { "1 copy".to_string() } else { format!("{} copies", list.len()) };
    println!("Exercise {n}. {}: {copies} in {}", e.title, dir.display());
    println!("scratch folder: {} (removed at the end)", scratch.0.display());
    let l = options.limits;
    println!(
        "each program: at most {} processes and threads, {} MB of address space, files of {} MB, {} s of CPU; {}",
        l.processes,
        l.memory / MB,
        l.file_size / MB,
        l.cpu_seconds,
        match user {
            Some(uid) => format!("run as user {uid}, which owns no file"),
            None => "run as you (not root): the processes beyond yours, and it can write wherever you can".into(),
        }
    );
    // Ctrl-C stops the build or the program running (its whole group, which the terminal's
    // Ctrl-C does not reach), then the grading: the table of the copies checked so far.
    harness::stop_on_interrupt();
    let builder = match Builder::new(e, &scratch.0) {
        Ok(b) => b,
        Err(err) => return not_graded(&format!("the scratch copy of exercise {n}: {err}")),
    };
    // The builds first, one after the other (each uses both cores), then the checks.
    let mut built = Vec::new();
    for (i, copy) in list.iter().enumerate() {
        if harness::interrupted() {
            break;
        }
        let home = scratch.0.join(format!("{:03}", i + 1));
        print!("building {} ({}/{}) … ", copy.student, i + 1, list.len());
        if i == 0 {
            print!("(the first build also compiles what the course's crates need, once) ");
        }
        let _ = io::stdout().flush();
        let b = builder.build(copy, &home);
        let said = match (&b.build, &b.binary) {
            (None, _) => "not a copy: no src/main.rs",
            (Some(_), Some(_)) => "built",
            (Some(_), None) if e.kind == Kind::Refused => "built (a refusal is the answer)",
            (Some(_), None) => "does not build",
        };
        println!("{said} ({:.1} s)", b.seconds);
        built.push((home, b));
    }
    let tmp = scratch.0.join("tmp");
    std::fs::create_dir(&tmp).expect("a folder in the scratch folder");
    std::fs::set_permissions(&tmp, PermissionsExt::from_mode(0o1777)).expect("chmod 1777");
    // The checks' own temporary files, in the scratch folder; and, when the programs run as a
    // user of their own, readable and writable by it.
    // SAFETY: no other thread runs now (the runs' reader threads have ended).
    unsafe { std::env::set_var("TMPDIR", &tmp) };
    let mask = user.map(|_| nix::sys::stat::umask(nix::sys::stat::Mode::empty()));
    let mut grades = Vec::new();
    for (i, (copy, (home, b))) in list.iter().zip(&built).enumerate() {
        if harness::interrupted() {
            break;
        }
        print!("checking {} ({}/{}) … ", copy.student, i + 1, list.len());
        let _ = io::stdout().flush();
        let log = out.join("logs").join(format!("{}.txt", copy.student));
        let start = Instant::now();
        let (verdict, why) = graded(e, checker, b, home, user, options.limits, &log);
        let check_seconds = start.elapsed().as_secs_f64();
        if harness::interrupted() {
            println!("stopped by Ctrl-C");
            break;
        }
        println!("{verdict} ({check_seconds:.1} s)");
        let (student, build_seconds) = (copy.student.clone(), b.seconds);
        grades.push(Grade { student, verdict, why, build_seconds, check_seconds });
    }
    if let Some(mask) = mask {
        nix::sys::stat::umask(mask);
    }
    let markdown = table(&grades, true);
    let written = std::fs::write(out.join("grades.csv"), table(&grades, false))
        .and_then(|_| std::fs::write(out.join("grades.md"), &markdown));
    if let Err(err) = written {
        return not_graded(&format!("{}: {err}", out.display()));
    }
    println!("\n{markdown}");
    let out = workspace::shown(&out);
    println!("Written: {out}/grades.csv, {out}/grades.md, each check in {out}/logs/STUDENT.txt.");
    if harness::interrupted() {
        println!("Stopped by Ctrl-C: the table holds the copies checked until then.");
        return 130;
    }
    0
}

fn not_graded(message: &str) -> i32 {
    eprintln!("check grade: {message}");
    1
}

/// How a copy was built.
pub struct Built {
    /// `None`: not a copy (nothing to build).
    pub build: Option<Run>,
    /// The program, copied out of the target folder.
    pub binary: Option<PathBuf>,
    pub seconds: f64,
}

/// Builds copies of exercise `e` one after the other in one scratch folder: `exNN/` with the
/// course's manifest, into the course's `target/exercises/`.
pub struct Builder {
    e: Exercise,
    dir: PathBuf,
    target: PathBuf,
}

impl Builder {
    pub fn new(e: &Exercise, scratch: &Path) -> io::Result<Builder> {
        let dir = scratch.join("build").join(e.package());
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("Cargo.toml"), copy::manifest_anywhere(e, "")?)?;
        let workspace =
            e.copy_dir().parent().and_then(Path::parent).expect("a workspace").to_path_buf();
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock"))?;
        let target = workspace::binaries().parent().expect("target/<profile>").join("exercises");
        Ok(Builder { e: e.clone(), dir, target })
    }

    /// Builds `copy` (its `src/`, or its program as `src/main.rs`); the program and the source
    /// are copied into `home`, a new folder.
    fn build(&self, copy: &Copy, home: &Path) -> Built {
        let start = Instant::now();
        let Some(src) = &copy.src else {
            return Built { build: None, binary: None, seconds: 0.0 };
        };
        let shown = format!("cargo build ({}'s copy, with the course's Cargo.toml)", copy.student);
        let (build, binary) = self.build_source(src, home, &shown);
        Built { build: Some(build), binary, seconds: start.elapsed().as_secs_f64() }
    }

    /// Builds `src` (a `src/` folder, or a `main.rs`) as the copy; `home` gets `src/` and, if it
    /// built, the program `exNN`. Shows the build as `shown`.
    pub fn build_source(&self, src: &Path, home: &Path, shown: &str) -> (Run, Option<PathBuf>) {
        // Every copy of exercise N builds the same `target/exercises/PROFILE/exNN` (and cargo
        // takes a source older than the last build for built): one copy, its build and the
        // copy of its program at a time, also with another `check grade` or `--program`.
        let _ = std::fs::create_dir_all(&self.target);
        let lock = File::create(self.target.join("check-build.lock"));
        let _turn = lock.ok().and_then(|f| Flock::lock(f, FlockArg::LockExclusive).ok());
        let mine = self.dir.join("src");
        let _ = std::fs::remove_dir_all(&mine);
        let copied = if src.is_dir() {
            copy::copy_sources(src, &mine, None)
        } else {
            std::fs::create_dir_all(&mine)
                .and_then(|_| std::fs::copy(src, mine.join("main.rs")))
                .and_then(|_| std::fs::read_to_string(src))
        };
        // The course's manifest, with the course's crates the code uses; the sources kept in
        // `home`.
        let copied = copied
            .and_then(|code| copy::manifest_anywhere(&self.e, &code))
            .and_then(|text| std::fs::write(self.dir.join("Cargo.toml"), text))
            .and_then(|_| copy::copy_sources(&mine, &home.join("src"), None));
        if let Err(err) = copied {
            let run = Run::new(shown.into(), None, String::new(), format!("copy: {err}"));
            return (run, None);
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--color", "never", "--manifest-path"]).arg(self.dir.join("Cargo.toml"));
        cmd.arg("--target-dir").arg(&self.target);
        let profile = if workspace::binaries().ends_with("release") { "release" } else { "debug" };
        if profile == "release" {
            cmd.arg("--release");
        }
        // The build runs the compiler on code nobody has read: limits too (as root, the number
        // of processes is not bounded: rustc and cargo need the teacher's files).
        let not_root = !nix::unistd::Uid::effective().is_root();
        let processes = if not_root { limits::tasks_of_this_user() + 512 } else { 1 << 20 };
        Limits { processes, memory: 16 << 30, file_size: 4 << 30, cpu_seconds: 1200 }
            .set_on(&mut cmd);
        let run = harness::run_watched(&mut cmd, shown, LONG_TIMEOUT, |_| {});
        if run.code() != Some(0) {
            return (run, None);
        }
        let program = home.join(self.e.package());
        let made = self.target.join(profile).join(self.e.package());
        match std::fs::copy(made, &program) {
            Ok(_) => (run, Some(program)),
            Err(err) => (Run::new(shown.into(), None, String::new(), format!("copy: {err}")), None),
        }
    }
}

/// Whether `source` (a copy's `main.rs`) is the exercise's starting example, as it is or as
/// `check start` copies it (its usage line renamed), give or take comments and spacing.
pub fn is_starting_source(e: &Exercise, source: &str) -> bool {
    let Some(example) = e.start_dir().map(|d| d.join("src/main.rs")) else { return false };
    let Ok(text) = std::fs::read_to_string(example) else { return false };
    let plain =
        |t: &str| -> String { helpers::code(t).chars().filter(|c| !c.is_whitespace()).collect() };
    let source = plain(source);
    source == plain(&text) || source == plain(&copy::renamed(&text, &e.start, &e.package()))
}

/// Whether `program` is, byte for byte, the starting example's binary (as built here).
pub fn is_starting_binary(e: &Exercise, program: &Path) -> bool {
    let Ok(bytes) = std::fs::read(program) else { return false };
    let target = workspace::binaries().parent().expect("target/<profile>").to_path_buf();
    let mut builds: Vec<PathBuf> =
        ["debug", "release"].iter().map(|p| target.join(p).join(&e.start)).collect();
    if e.kind != Kind::Refused {
        builds.push(workspace::example(&e.start));
    }
    builds.iter().any(|b| std::fs::read(b).is_ok_and(|theirs| theirs == bytes))
}

/// The verdict of one built copy, and why; its check written to `log`.
fn graded(
    e: &Exercise,
    checker: Checker,
    b: &Built,
    home: &Path,
    user: Option<u32>,
    limits: Limits,
    log: &Path,
) -> (String, String) {
    let Some(build) = &b.build else {
        return ("not a copy".into(), "no src/main.rs".into());
    };
    let _ = std::fs::write(log, format!("{}\n{}\n", build.command, build.stderr));
    let source = &home.join("src/main.rs");
    let text = std::fs::read_to_string(source).unwrap_or_default();
    if is_starting_source(e, &text) {
        let why = format!("src/main.rs is {} as `check start` copies it", e.start);
        return ("the unchanged starting example".into(), why);
    }
    let program = match (&b.binary, checker) {
        (Some(p), _) => p.clone(),
        (None, Checker::Refusal(_)) => home.join(e.package()),
        (None, _) => {
            let first = build.stderr.lines().find(|l| l.starts_with("error")).unwrap_or_default();
            return ("does not build".into(), first.to_string());
        }
    };
    // The program's own folder: cwd, HOME and TMPDIR, its user's.
    let dir = home.join("home");
    let made = std::fs::create_dir(&dir).and_then(|_| match user {
        Some(uid) => std::os::unix::fs::chown(&dir, Some(uid), Some(uid)),
        None => Ok(()),
    });
    if let Err(err) = made {
        return ("not checked".into(), format!("{}: {err}", dir.display()));
    }
    // As another user than root, RLIMIT_NPROC counts the user's other processes too.
    let mut limits = limits;
    if user.is_none() {
        limits.processes += limits::tasks_of_this_user();
    }
    limits::confine(Some(Confinement { dir: home.to_path_buf(), limits, user, home: dir }));
    let ok = captured(log, || {
        println!("Exercise {}. {}", e.number, e.title);
        println!("checking {}", program.display());
        let mut c = Check::new(&program, Some(source));
        c.blocked = e.blocked.clone();
        let ok = match checker {
            Checker::Program(run) => c.verdict(run),
            Checker::Refusal(refusal) => c.verdict(|c| refusal(c, build)),
            Checker::Observe(_) => unreachable!("not graded"),
        };
        println!("{}: {} passed", if ok { "PASSED" } else { "FAILED" }, c.passed);
        ok
    });
    limits::confine(None);
    // The harness killed each run's process group: anything still running a moment later had
    // left it.
    let running = || {
        let of_user = user.is_some_and(|uid| !limits::running_processes_of(uid).is_empty());
        of_user || !limits::processes_in(home).is_empty()
    };
    let start = Instant::now();
    while running() && start.elapsed() < std::time::Duration::from_secs(2) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut left = running();
    limits::end_processes_in(home);
    if let Some(uid) = user {
        left |= !limits::end_processes_of(uid);
    }
    let text = std::fs::read_to_string(log).unwrap_or_default();
    if left {
        let _ = writeln!(
            File::options().append(true).open(log).expect("the log"),
            "processes left behind: killed"
        );
    }
    // `FAIL  what`, then its indented lines (expected, seen or blocked, rerun).
    let mut lines = text.lines().skip_while(|l| !l.starts_with("FAIL  "));
    let what = lines.next().and_then(|l| l.strip_prefix("FAIL  ")).unwrap_or_default();
    let details: Vec<&str> = lines.take_while(|l| l.starts_with("  ")).collect();
    let fail = format!("{what}\n{}", details.join("\n"));
    // The rerun command names the scratch folder, which is gone: it stays in the log only.
    let said = details.iter().map(|l| l.trim()).filter(|l| !l.starts_with("rerun:")).take(3);
    let why = std::iter::once(what).chain(said).collect::<Vec<_>>().join("; ");
    let why = why.replace(&format!("{}/", home.display()), "");
    let verdict = match ok {
        Some(true) => "passed",
        Some(false) if details.iter().any(|l| l.trim_start().starts_with("blocked: ")) => "blocked",
        Some(false) if fail.contains("SIGXFSZ") => "over the file size limit",
        Some(false) if fail.contains("SIGXCPU") => "over the CPU time limit",
        Some(false) if fail.contains("memory allocation of") => "over the memory limit",
        // A thread's stack that does not fit in the address space fails the same way.
        Some(false) if fail.contains("Resource temporarily unavailable") => {
            "over the process or memory limit"
        }
        Some(false) => "failed",
        None => "not checked",
    };
    let why = if ok.is_none() { "the check itself stopped: see its log".into() } else { why };
    let verdict = if left { format!("{verdict}, processes left behind") } else { verdict.into() };
    (verdict, why)
}

/// Runs `check` with the process's stdout and stderr appended to `log`; `None` if it panicked.
fn captured(log: &Path, check: impl FnOnce() -> bool) -> Option<bool> {
    let file = File::options().append(true).open(log).ok()?;
    let _ = io::stdout().flush();
    let saved: (OwnedFd, OwnedFd) =
        (nix::unistd::dup(io::stdout()).ok()?, nix::unistd::dup(io::stderr()).ok()?);
    let _ = nix::unistd::dup2_stdout(&file);
    let _ = nix::unistd::dup2_stderr(&file);
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).ok();
    let _ = io::stdout().flush();
    let _ = nix::unistd::dup2_stdout(&saved.0);
    let _ = nix::unistd::dup2_stderr(&saved.1);
    ok
}

/// The table of `grades`, as CSV (quoted where a cell holds a comma, a quote or a line break),
/// or as Markdown.
fn table(grades: &[Grade], markdown: bool) -> String {
    let cell = |t: &str| {
        if markdown {
            t.replace('|', "\\|")
        } else if t.contains([',', '"', '\n']) {
            format!("\"{}\"", t.replace('"', "\"\""))
        } else {
            t.into()
        }
    };
    let line = |cells: [String; 5]| match markdown {
        true => format!("| {} |\n", cells.join(" | ")),
        false => format!("{}\n", cells.join(",")),
    };
    let header = ["student", "verdict", "first failed assertion", "build (s)", "check (s)"];
    let mut out = line(header.map(String::from));
    if markdown {
        out += "|---|---|---|---:|---:|\n";
    }
    for g in grades {
        let (build, check) = (format!("{:.1}", g.build_seconds), format!("{:.1}", g.check_seconds));
        out += &line([cell(&g.student), cell(&g.verdict), cell(&g.why), build, check]);
    }
    out
}
