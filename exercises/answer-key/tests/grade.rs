//! `check grade N DIR` on a class of copies that are right, wrong, not building, hanging,
//! forking without end, writing a huge file, allocating without end, leaving a process behind
//! and unchanged: the table says which is which, nothing is left running, nothing is written
//! outside the scratch folder (the teacher's tree as `git status` showed it, the copies as they
//! were, TMPDIR empty). And `check N --program`: a main.rs builds with the course's
//! dependencies, the starting example is named as such. (A teachers' test: the right and wrong
//! copies are the answers; `check`'s own tests hold what needs no answer.)

use answer_key::{check, files};
use check::workspace;
use exercise_list::answers::Answer;
use harness::Scratch;
use std::path::Path;
use std::process::Command;

/// The source of exercise 6's answer `name`: a solution or a kept wrong answer, its patch
/// applied (`exercise_list::answers`).
fn answer(name: &str) -> String {
    let e = check::exercises::exercise(6).unwrap();
    let answer =
        if name.contains("-wrong-") { Answer::wrong(&e, name) } else { Answer::solution(&e, name) };
    answer.and_then(|a| a.source()).unwrap()
}

fn git_status() -> Option<String> {
    let mut git = Command::new("git");
    git.args(["status", "--porcelain"]).current_dir(workspace::root());
    let out = git.output().ok().filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The pids of the processes whose command line, folder or program names `text`.
fn processes_naming(text: &str) -> Vec<String> {
    let entries = std::fs::read_dir("/proc").unwrap().flatten();
    let pids = entries.filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok());
    pids.filter(|pid| {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let link = |name: &str| std::fs::read_link(format!("/proc/{pid}/{name}")).ok();
        String::from_utf8_lossy(&cmdline).contains(text)
            || [link("cwd"), link("exe")]
                .iter()
                .flatten()
                .any(|p| p.display().to_string().contains(text))
    })
    .map(|pid| pid.to_string())
    .collect()
}

/// The fields of a CSV line (quoted where they hold a comma or a quote).
fn fields(line: &str) -> Vec<String> {
    let (mut all, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => all.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    all.push(field);
    all
}

#[test]
fn a_class_is_graded_and_nothing_escapes() {
    let class = Scratch::new("check-test-class");
    let tmp = Scratch::new("check-test-grade-tmp");
    let out = Scratch::new("check-test-grades");
    let escape = workspace::root().join("written-by-a-graded-copy");
    let write = |path: &str, text: &str| {
        let path = class.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    // A copy as handed in: a folder exNN/ with its Cargo.toml (which points to ../../support).
    write("alice/ex06/src/main.rs", &answer("ex06-solution"));
    write(
        "alice/ex06/Cargo.toml",
        "[package]\nname = \"ex06\"\n[dependencies]\ncourse-support = { path = \"../../support\" }\n",
    );
    write("bob/src/main.rs", &answer("ex06-wrong-lock-per-increment"));
    // A right answer that uses a crate of the course the exercise's Cargo.toml does not name.
    let nix = answer("ex06-solution")
        .replace("fn main() {", "fn main() {\n    let _ = nix::unistd::getpid();");
    assert_ne!(nix, answer("ex06-solution"));
    write("judy/src/main.rs", &nix);
    write("carol.rs", &format!("{}\nfn broken(\n", answer("ex06-solution")));
    write(
        "dave.rs",
        "fn main() { loop { std::thread::sleep(std::time::Duration::from_secs(1)); } }\n",
    );
    // A fork bomb that pauses 10 ms between forks: as many processes (up to the limit), but
    // little CPU, for the other tests running beside this one (`check-grade-demo.sh` keeps one
    // that does not pause).
    write(
        "erin.rs",
        "fn main() {\n    let mut said = false;\n    loop {\n        if let Err(e) = std::process::Command::new(\"/proc/self/exe\").spawn() {\n            if !said { println!(\"spawn: {e}\"); said = true; }\n        }\n        std::thread::sleep(std::time::Duration::from_millis(10));\n    }\n}\n",
    );
    write(
        "frank.rs",
        &format!(
            "use std::io::Write;\nfn main() {{\n    let _ = std::fs::write({:?}, \"x\");\n    let mut f = std::fs::File::create(\"big\").unwrap();\n    loop {{ f.write_all(&[7u8; 1 << 16]).unwrap(); }}\n}}\n",
            escape.display().to_string()
        ),
    );
    write(
        "gina.rs",
        "fn main() { let mut v = Vec::new(); loop { v.push(vec![0u8; 1 << 24]); } }\n",
    );
    let example = workspace::root().join("examples-locks/mutex-counter/src/main.rs");
    let example = std::fs::read_to_string(example).unwrap();
    write("hugo/src/main.rs", &example.replace("\"usage: mutex-counter ", "\"usage: ex06 "));
    // A child of its own process group outlives the run: found by the sweep after the check.
    write(
        "ivan.rs",
        "use std::os::unix::process::CommandExt;\nfn main() {\n    std::process::Command::new(\"sleep\").arg(\"60\").process_group(0).spawn().unwrap();\n}\n",
    );
    write("notes.txt", "not a copy: left out");
    let before = (files(&class.0), git_status());
    let out_dir = out.0.join("grades");
    let r = check(
        &[
            "grade",
            "6",
            class.0.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--memory",
            "2048",
            "--file-size",
            "16",
        ],
        Some(&tmp.0),
    );
    println!("{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.code(), Some(0), "{}", r.ended());
    let csv = std::fs::read_to_string(out_dir.join("grades.csv")).unwrap();
    let verdict = |student: &str| {
        let line = csv.lines().find(|l| l.starts_with(&format!("{student},"))).unwrap();
        fields(line)[1].clone()
    };
    for (student, expected) in [
        ("alice", "passed"),
        ("judy", "passed"),
        ("bob", "failed"),
        ("carol", "does not build"),
        ("dave", "blocked"),
        ("frank", "over the file size limit"),
        ("gina", "over the memory limit"),
        ("hugo", "the unchanged starting example"),
        ("ivan", "failed, processes left behind"),
    ] {
        assert_eq!(verdict(student), expected, "{student}:\n{csv}");
    }
    // The fork bomb: its forks refused at the process limit (it says so once per process),
    // stopped at the time-out.
    let bomb = csv.lines().find(|l| l.starts_with("erin,")).unwrap();
    assert!(bomb.starts_with("erin,blocked,"), "{csv}");
    assert!(bomb.contains("last line printed: spawn: Resource temporarily unavailable"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 10, "a row per copy:\n{csv}");
    let markdown = std::fs::read_to_string(out_dir.join("grades.md")).unwrap();
    assert!(r.stdout.contains(&markdown), "the table is printed");
    assert!(out_dir.join("logs/alice.txt").is_file());
    // Nothing left running, nothing written outside the scratch folder.
    let scratch = r.stdout.lines().find_map(|l| l.strip_prefix("scratch folder: ")).unwrap();
    let scratch = scratch.split(' ').next().unwrap();
    assert!(!Path::new(scratch).exists(), "{scratch} removed");
    assert_eq!(processes_naming(scratch), Vec::<String>::new(), "processes left running");
    if let Some(user) = r.stdout.split("run as user ").nth(1) {
        let uid: u32 = user.split(',').next().unwrap().parse().unwrap();
        assert_eq!(
            harness::limits::processes_of(uid),
            Vec::<u32>::new(),
            "processes of {uid} left"
        );
        assert!(!escape.exists(), "a copy wrote into the teacher's tree");
    }
    let _ = std::fs::remove_file(&escape);
    let left: Vec<_> = std::fs::read_dir(&tmp.0).unwrap().flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
    assert!(files(&class.0) == before.0, "the copies changed");
    assert_eq!(git_status(), before.1, "the teacher's tree changed");
}

#[test]
fn program_builds_a_main_rs_with_the_courses_dependencies_and_names_the_starting_example() {
    let tmp = Scratch::new("check-test-program-tmp");
    let dir = Scratch::new("check-test-program");
    let example = workspace::root().join("examples-locks/mutex-counter/src/main.rs");
    let example = std::fs::read_to_string(example).unwrap();
    // Exercise 4, part (a): the counter inside the mutex, reached without lock(). Compiled
    // alone, rustc would stop at `course_support` and `parking_lot` (E0432).
    let part_a = example.replace(
        "let mut guard = counter.lock(); // mutex.acquire()\n        guard.incr();\n        drop(guard); // mutex.release()",
        "counter.incr();",
    );
    assert_ne!(part_a, example);
    let file = dir.0.join("main.rs");
    std::fs::write(&file, &part_a).unwrap();
    let r = check(&["4", "--program", file.to_str().unwrap()], Some(&tmp.0));
    assert_eq!(r.code(), Some(0), "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("E0432"), "{}", r.stdout);
    // A right answer of exercise 6, as a file.
    std::fs::write(&file, answer("ex06-solution")).unwrap();
    let r = check(&["6", "--program", file.to_str().unwrap()], Some(&tmp.0));
    assert_eq!(r.code(), Some(0), "{}\n{}", r.stdout, r.stderr);
    // The starting example: its source, and its binary.
    std::fs::write(&file, &example).unwrap();
    for program in [file.clone(), workspace::example("mutex-counter")] {
        let r = check(&["6", "--program", program.to_str().unwrap()], Some(&tmp.0));
        assert_eq!(r.code(), Some(1), "{}\n{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains("is the unchanged starting example, mutex-counter"),
            "{}",
            r.stdout
        );
    }
    let left: Vec<_> = std::fs::read_dir(&tmp.0).unwrap().flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
}
