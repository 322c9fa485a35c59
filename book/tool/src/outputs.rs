//! The stored outputs: one real run of each course-map row, kept beside its program as the Rust
//! Book keeps `output.txt` beside each listing: `examples-pi/pi-threads/output.txt` for a
//! package's first row, `output-2.txt`, `output-3.txt` for its next ones (see [`files`]). Each
//! says all there is to know about the run:
//!
//! ```text
//! $ cargo run -p two-threads -- 2
//! …what the program printed, stdout and stderr as a terminal shows them…
//! [exit status 1]                      (only for a command that ends so on purpose)
//! machine: <CPU, cores>; <rustc --version>; release build
//! ```
//!
//! Its first line is the command that made it: the row's command, or the row's command with more
//! arguments when a lighter run is stored (pi-scaling's fixes its workers and points). Its exit
//! status is 0 unless a line says otherwise.
//!
//! `cargo run -p book-tool -- outputs [PACKAGE...]` runs the programs again (built as the command
//! says: `--release` or not; the MPI ones under `mpirun`, as the command says), each with the
//! command its file names, and rewrites the files, only once every run ended with the status its
//! file states. (To store a new run that ends with another status on purpose, write its file's
//! `$ command` and `[exit status N]` lines first.) `tests/tests/book.rs` reruns each command and
//! compares the lines' [`shape`]s.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::course_map::{Invocation, Row};
use crate::packages::Package;

/// The stored output of each row, in order, relative to the root: in the folder of the row's
/// package, `output.txt` for its first row, `output-2.txt`, `output-3.txt` for the next ones.
pub fn files(rows: &[Row], packages: &[Package]) -> Result<Vec<PathBuf>, String> {
    let mut seen: Vec<&str> = Vec::new();
    rows.iter()
        .map(|row| {
            let package = packages
                .iter()
                .find(|p| p.name == row.package)
                .ok_or(format!("{}: a row of the course map, but no package", row.package))?;
            seen.push(&row.package);
            let name = match seen.iter().filter(|p| **p == row.package).count() {
                1 => "output.txt".to_string(),
                n => format!("output-{n}.txt"),
            };
            Ok(package.dir.join(name))
        })
        .collect()
}

/// What a row's stored run is made with: the command its file names, when that command is the
/// row's own or extends it (see [`Invocation::extends`]), with the status the file states;
/// otherwise (no file yet, or a row whose command changed) the row's command and status 0.
pub fn stored_run(row: &Row, file: &Path) -> (String, i32) {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let stored = parse(&text).ok().filter(|s| {
        let (run, base) = (Invocation::parse(&s.command), Invocation::parse(&row.command));
        run.zip(base).is_some_and(|(run, base)| run.extends(&base))
    });
    match stored {
        Some(s) => (s.command, s.status),
        None => (row.command.clone(), 0),
    }
}

/// One stored output, read back.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// The command after `$ `.
    pub command: String,
    /// What the program printed, line by line.
    pub lines: Vec<String>,
    /// Its exit status (0 unless a `[exit status N]` line says otherwise).
    pub status: i32,
    /// The machine line, without `machine: `.
    pub machine: String,
}

/// The text of a stored output.
pub fn format(command: &str, printed: &str, status: i32, machine: &str) -> String {
    let mut text = format!("$ {command}\n{printed}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if status != 0 {
        text += &format!("[exit status {status}]\n");
    }
    text + &format!("machine: {machine}\n")
}

/// Reads a stored output back.
pub fn parse(text: &str) -> Result<Stored, String> {
    let mut lines: Vec<&str> = text.lines().collect();
    let command = lines.first().and_then(|l| l.strip_prefix("$ ")).ok_or("no `$ command` line")?;
    let command = command.to_string();
    let machine = lines.pop().and_then(|l| l.strip_prefix("machine: ")).ok_or("no machine line")?;
    let machine = machine.to_string();
    let mut status = 0;
    if let Some(last) = lines.last()
        && let Some(n) = last.strip_prefix("[exit status ").and_then(|l| l.strip_suffix(']'))
    {
        status = n.parse().map_err(|_| format!("not a status: {last}"))?;
        lines.pop();
    }
    let lines = lines[1..].iter().map(|l| l.to_string()).collect();
    Ok(Stored { command, lines, status, machine })
}

/// The machine, as the stored outputs name it: CPU and cores, the rustc that builds the
/// workspace, the build the command makes, and the load average when it ran (the timings
/// depend on it).
pub fn machine(release: bool) -> String {
    let build = if release { "release build" } else { "dev build" };
    let load = std::fs::read_to_string("/proc/loadavg").ok();
    let load = load.as_deref().and_then(|l| l.split_whitespace().next()).unwrap_or("?");
    format!("{}; {}; {build}; load average {load}", course_support::host(), rustc_version())
}

/// `rustc --version` (the rustc on PATH: the one cargo uses), or `rustc ?`.
pub fn rustc_version() -> String {
    let out = Command::new("rustc").arg("--version").output().ok();
    let out = out.filter(|o| o.status.success()).map(|o| o.stdout).unwrap_or_default();
    let version = String::from_utf8_lossy(&out).trim().to_string();
    if version.is_empty() { "rustc ?".into() } else { version }
}

/// A line's shape: what stays the same from run to run and machine to machine. Every run of
/// digits becomes `#`; a run of the bar characters (`█▓▒░`, with the blanks among them) one `█`,
/// since a bar's length is a measured time; any other run of blanks one blank (a column's
/// padding follows its numbers' widths); the ends are trimmed. `machine` words (the CPU's name,
/// the rustc version) become `<machine>` first: a program may print the machine it runs on.
pub fn shape(line: &str, machine: &[&str]) -> String {
    let mut line = line.to_string();
    for word in machine.iter().filter(|w| !w.is_empty()) {
        line = line.replace(word, "<machine>");
    }
    let is_bar = |c: &char| matches!(c, '█' | '▓' | '▒' | '░');
    let blank = |c: &char| c.is_whitespace() || is_bar(c);
    let chars: Vec<char> = line.chars().collect();
    let runs =
        chars.chunk_by(|a, b| a.is_ascii_digit() && b.is_ascii_digit() || blank(a) && blank(b));
    let shapes = runs.map(|run| match run[0] {
        c if c.is_ascii_digit() => "#".to_string(),
        c if blank(&c) => if run.iter().any(is_bar) { "█" } else { " " }.to_string(),
        _ => run.iter().collect(),
    });
    shapes.collect::<String>().trim().to_string()
}

/// The shapes of `lines`, sorted: a multiset, since the order of lines from several threads,
/// processes or ranks changes from run to run.
pub fn shapes<S: AsRef<str>>(lines: &[S], machine: &[&str]) -> Vec<String> {
    let mut shapes: Vec<String> = lines.iter().map(|l| shape(l.as_ref(), machine)).collect();
    shapes.sort();
    shapes
}

/// The words of a machine line that a program may print itself: the CPU and cores part, and
/// the rustc version.
pub fn machine_words(machine: &str) -> Vec<String> {
    machine.split("; ").take(2).map(str::to_string).collect()
}

/// `cargo build [--release] -p P…` of the root workspace, or of `examples-mpi/` (into the
/// root's `target/`), for the programs of `rows`; a failed build: an error naming it. With them,
/// every program of the course map built the same way (same workspace, same profile): a program
/// may run others of the workspace, found beside it (pi-scaling runs pi-threads by default).
pub fn build(root: &Path, target: &Path, rows: &[&Invocation]) -> Result<(), String> {
    let map = crate::course_map::rows(root);
    let map: Vec<Invocation> = map.iter().filter_map(|r| Invocation::parse(&r.command)).collect();
    for mpi in [false, true] {
        for release in [false, true] {
            let group = |i: &&Invocation| {
                matches!(i, Invocation::Mpirun { .. }) == mpi && i.release() == release
            };
            if !rows.iter().any(group) {
                continue;
            }
            let mut packages: Vec<&str> =
                rows.iter().copied().chain(&map).filter(group).map(|i| i.package()).collect();
            packages.sort();
            packages.dedup();
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut cmd = Command::new(cargo);
            cmd.args(["build", "--quiet", "--target-dir"]).arg(target).current_dir(root);
            if mpi {
                cmd.args(["--manifest-path", "examples-mpi/Cargo.toml"]);
            }
            if release {
                cmd.arg("--release");
            }
            for p in &packages {
                cmd.arg("-p").arg(p);
            }
            let out = cmd.output().map_err(|e| format!("cargo build: {e}"))?;
            if !out.status.success() {
                let why = String::from_utf8_lossy(&out.stderr);
                let why = why.lines().rfind(|l| l.starts_with("error")).unwrap_or("see its output");
                return Err(format!("cargo build -p {} failed: {why}", packages.join(" -p ")));
            }
        }
    }
    Ok(())
}

/// The target folder: `CARGO_TARGET_DIR`, else the root's `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// The binary an invocation runs, in the target folder `target`.
pub fn binary(target: &Path, invocation: &Invocation) -> PathBuf {
    let profile = if invocation.release() { "release" } else { "debug" };
    target.join(profile).join(invocation.package())
}

/// The command that runs `invocation` here: the binary with its arguments, or `mpirun` with
/// the options this machine needs (`harness::mpirun_command`).
pub fn command(target: &Path, invocation: &Invocation) -> Command {
    let program = binary(target, invocation);
    match invocation {
        Invocation::Cargo { args, .. } => {
            let mut cmd = Command::new(program);
            cmd.args(args);
            cmd
        }
        Invocation::Mpirun { ranks, args, .. } => {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            harness::mpirun_command(*ranks, &program, &args)
        }
    }
}

/// Runs `invocation` with stdout and stderr in one pipe, in the order a terminal shows them,
/// until `harness::LONG_TIMEOUT`: (what it printed, its exit status), or why it failed.
pub fn run_merged(root: &Path, invocation: &Invocation) -> Result<(String, i32), String> {
    let target = target_dir(root);
    let program = binary(&target, invocation);
    if !program.is_file() {
        return Err(format!("no program {} (not built)", program.display()));
    }
    let (mut reader, writer) = std::io::pipe().map_err(|e| format!("pipe: {e}"))?;
    let mut cmd = command(&target, invocation);
    let writer2 = writer.try_clone().map_err(|e| format!("dup: {e}"))?;
    cmd.current_dir(root).stdin(Stdio::null()).stdout(writer).stderr(writer2).process_group(0);
    let _turn = matches!(invocation, Invocation::Mpirun { .. }).then(harness::one_mpirun_at_a_time);
    let child = cmd.spawn().map_err(|e| format!("{}: {e}", program.display()))?;
    drop(cmd); // our copies of the pipe's write end: the reader ends when the program does
    let reading = std::thread::spawn(move || {
        let mut text = Vec::new();
        reader.read_to_end(&mut text).map(|_| String::from_utf8_lossy(&text).into_owned())
    });
    let run = harness::finish(child, format!("{program:?}"), harness::LONG_TIMEOUT, |_| {});
    let printed = reading.join().expect("the reading thread").map_err(|e| format!("read: {e}"))?;
    match run.code() {
        Some(code) => Ok((printed, code)),
        None => Err(run.ended()),
    }
}

/// `outputs [PACKAGE...]`: builds and runs the rows of `packages` (every row when empty; an
/// error names a package without a row), then, if every run ended as expected, writes their
/// files. Returns the files written, or one line per failure.
pub fn rewrite(root: &Path, packages: &[String]) -> Result<Vec<PathBuf>, Vec<String>> {
    let rows = crate::course_map::rows(root);
    let all = crate::packages::all(root).map_err(|e| vec![e])?;
    let files = files(&rows, &all).map_err(|e| vec![e])?;
    if let Some(p) = packages.iter().find(|p| !rows.iter().any(|r| r.package == **p)) {
        return Err(vec![format!("{p}: no row of the course map runs it")]);
    }
    let chosen = rows.iter().zip(&files);
    let chosen = chosen.filter(|(r, _)| packages.is_empty() || packages.contains(&r.package));
    run_and_write(root, &chosen.collect::<Vec<_>>(), root)
}

/// Builds and runs the rows `chosen`, each with the command and status its file states (see
/// [`stored_run`]; each file relative to `dir`), then, if every run ended with that status,
/// writes their files; else writes nothing and returns one line per failure.
pub fn run_and_write(
    root: &Path,
    chosen: &[(&Row, &PathBuf)],
    dir: &Path,
) -> Result<Vec<PathBuf>, Vec<String>> {
    let mut runs = Vec::new();
    let mut failures = Vec::new();
    for (row, file) in chosen {
        let (command, status) = stored_run(row, &dir.join(file));
        match Invocation::parse(&command) {
            Some(i) => runs.push((command, status, i)),
            None => failures.push(format!(
                "{}: the command `{command}` is not one this tool runs (`cargo run [--release] -p P [-- ARGS]` or `mpirun -n N target/release/P`)",
                row.package
            )),
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let invocations: Vec<&Invocation> = runs.iter().map(|(_, _, i)| i).collect();
    build(root, &target_dir(root), &invocations).map_err(|e| vec![e])?;
    let mut made = Vec::new();
    for ((row, file), (command, expected, invocation)) in chosen.iter().zip(&runs) {
        eprintln!("book-tool: running {command}");
        match run_merged(root, invocation) {
            Ok((printed, status)) if status == *expected => {
                let text = format(command, &printed, status, &machine(invocation.release()));
                made.push((dir.join(file), text));
            }
            Ok((printed, status)) => failures.push(format!(
                "{}: `{command}` ended with exit status {status}, not {expected} (its last line: {:?})",
                row.package,
                printed.lines().last().unwrap_or("")
            )),
            Err(why) => failures.push(format!("{}: `{command}`: {why}", row.package)),
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    for (path, text) in &made {
        std::fs::write(path, text).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    }
    Ok(made.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_keep_what_does_not_change() {
        assert_eq!(shape("Counter = 400", &[]), "Counter = #");
        assert_eq!(shape("    2 █████████████████████████| 1.97", &[]), "#█| #.#");
        assert_eq!(shape("    3 ████████████████████              | 1.92", &[]), "#█| #.#");
        assert_eq!(
            shape("1 process  => 0:01.83elapsed  99%CPU", &[]),
            "# process => #:#.#elapsed #%CPU"
        );
        assert_eq!(shape("on Intel Xeon, 2 cores", &["Intel Xeon, 2 cores"]), "on <machine>");
    }

    /// The shapes are a multiset: the order of the lines does not count, but how many of
    /// each shape there are does (a line too many or too few is a change).
    #[test]
    fn shapes_count_each_line() {
        let two = shapes(&["In the thread 0", "Join thread", "In the thread 1"], &[]);
        assert_eq!(two, ["In the thread #", "In the thread #", "Join thread"]);
        let reordered = shapes(&["In the thread 1", "In the thread 0", "Join thread"], &[]);
        assert_eq!(two, reordered);
        assert_ne!(two, shapes(&["In the thread 0", "Join thread"], &[]), "a line too few");
        let more = ["In the thread 0", "In the thread 1", "In the thread 2", "Join thread"];
        assert_ne!(two, shapes(&more, &[]), "a line too many");
    }

    fn row(package: &str, command: &str) -> Row {
        Row { package: package.into(), command: command.into(), ..Row::default() }
    }

    #[test]
    fn a_package_with_two_rows_gets_two_files_beside_it() {
        let package = |name: &str| Package {
            name: name.into(),
            dir: format!("examples-x/{name}").into(),
            description: None,
        };
        let rows = [row("a", ""), row("b", ""), row("a", "")];
        let files = files(&rows, &[package("a"), package("b")]).unwrap();
        let files: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
        assert_eq!(
            files,
            ["examples-x/a/output.txt", "examples-x/b/output.txt", "examples-x/a/output-2.txt"]
        );
        assert!(super::files(&rows, &[package("a")]).unwrap_err().contains("b: "));
    }

    /// A stored run is rerun with the command and the status its file states, if that command
    /// is the row's or extends it; else with the row's command, expecting status 0.
    #[test]
    fn a_stored_run_is_made_as_its_file_says() {
        let scratch = harness::Scratch::new("book-tool-stored");
        let file = scratch.0.join("output.txt");
        let row = row("a", "cargo run -p a -- 2");
        assert_eq!(stored_run(&row, &file), ("cargo run -p a -- 2".into(), 0), "no file yet");
        std::fs::write(&file, format("cargo run -p a -- 2 --late", "x\n", 1, "m")).unwrap();
        assert_eq!(stored_run(&row, &file), ("cargo run -p a -- 2 --late".into(), 1));
        std::fs::write(&file, format("cargo run -p a -- 3", "x\n", 1, "m")).unwrap();
        assert_eq!(stored_run(&row, &file), ("cargo run -p a -- 2".into(), 0), "another run");
    }

    #[test]
    fn a_stored_output_reads_back() {
        let text = format("cargo run -p a -- 2", "x 1\ny\n", 1, "CPU; rustc 1.95.0; dev build");
        assert_eq!(
            text,
            "$ cargo run -p a -- 2\nx 1\ny\n[exit status 1]\nmachine: CPU; rustc 1.95.0; dev build\n"
        );
        let stored = parse(&text).unwrap();
        assert_eq!(stored.lines, ["x 1", "y"]);
        assert_eq!((stored.status, stored.command.as_str()), (1, "cargo run -p a -- 2"));
        assert_eq!(machine_words(&stored.machine), ["CPU", "rustc 1.95.0"]);
        assert!(parse("x\nmachine: m\n").is_err());
    }
}
