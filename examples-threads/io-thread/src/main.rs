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

use course_support::{Args, OrExit};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::thread;

const USAGE: &str = "usage: io-thread [PATH]    PATH: file to write and keep (default: a fresh temporary file, removed at the end)
One thread prints 10 lines while another writes a file.";

// ANCHOR: tasks
fn task_1() {
    for _ in 0..10 {
        println!("I am the first thread I do nothing");
    }
}

fn task_2(fname: &Path) -> io::Result<()> {
    let mut fid = File::create(fname)?;
    fid.write_all(b"I am the second thread")
}
// ANCHOR_END: tasks

fn main() {
    let mut args = Args::new(USAGE);
    let fname = args.path_or_temporary();
    args.end();

    // ANCHOR: spawn
    let path = fname.to_path_buf();
    // Two different tasks, so two handles of different types rather than one list.
    let thread_1 = thread::Builder::new().spawn(task_1).or_exit("spawn");
    let thread_2 = thread::Builder::new().spawn(move || task_2(&path)).or_exit("spawn");
    // ANCHOR_END: spawn

    // ANCHOR: join
    thread_1.join().expect("thread 1 panicked");
    thread_2.join().expect("thread 2 panicked").or_exit(format!("write {}", fname.display()));
    let content = fs::read_to_string(&fname).or_exit(format!("read {}", fname.display()));
    println!("File content : {content}");
    // ANCHOR_END: join
}
