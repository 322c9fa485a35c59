//! « Du vrai multi-thread en Python - le module `threading` » → « Création et utilisation des threads »
//!
//! Mirrors `task_1` / `task_2`: one thread prints "I am the first thread I do nothing" 10 times
//! while another writes "I am the second thread" to a file; after both joins the main thread
//! prints "File content : …".
//!
//! Run:     cargo run -p io-thread              (or `-- notes.txt` to keep the file)
//! Observe: the two threads do different tasks at the same time.
//! Unlike the course, which writes the fixed path /tmp/stupid.txt (a clash between two users,
//! or a link planted there, breaks it), the default file is a fresh one, created exclusively in
//! the temporary directory and removed at the end.
//! Exercises: 3, 9 (EXERCISES.md).

use nix::sys::signal::{SigHandler, Signal, signal};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;

const USAGE: &str = "usage: io-thread [PATH]    PATH: file to write and keep (default: a fresh temporary file, removed at the end)";

fn task_1() {
    for _ in 0..10 {
        println!("I am the first thread I do nothing");
    }
}

fn task_2(fname: &Path) -> io::Result<()> {
    let mut fid = File::create(fname)?;
    fid.write_all(b"I am the second thread")
}

fn main() {
    let (fname, temporary) = command_line();
    let path = fname.clone();
    // Two different tasks, so two handles of different types rather than one list.
    let thread_1 = thread::spawn(task_1);
    let thread_2 = thread::spawn(move || task_2(&path));

    thread_1.join().expect("thread 1 panicked");
    let written = thread_2.join().expect("thread 2 panicked");
    let content = written.and_then(|()| fs::read_to_string(&fname));
    if temporary {
        let _ = fs::remove_file(&fname); // nothing is left behind, even after an error
    }
    match content {
        Ok(content) => println!("File content : {content}"),
        Err(e) => {
            eprintln!("io-thread: {}: {e}", fname.display());
            std::process::exit(1);
        }
    }
}

/// A new file in the temporary directory: `create_new` refuses an existing name or link.
fn fresh_temporary_file() -> PathBuf {
    for attempt in 0.. {
        let path =
            std::env::temp_dir().join(format!("io-thread-{}-{attempt}.txt", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return path,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                eprintln!("io-thread: cannot create {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
    unreachable!()
}

/// Reads `[PATH]`; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> (PathBuf, bool) {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}\nOne thread prints 10 lines while another writes a file.");
        std::process::exit(0);
    }
    match args.as_slice() {
        [] => (fresh_temporary_file(), true),
        [p] if p.is_empty() || p.starts_with('-') => usage_error(&format!("bad PATH '{p}'")),
        [p] => (PathBuf::from(p), false),
        [_, extra, ..] => usage_error(&format!("unexpected argument '{extra}'")),
    }
}

fn usage_error(message: &str) -> ! {
    eprintln!("io-thread: {message}\n{USAGE}");
    std::process::exit(2);
}
