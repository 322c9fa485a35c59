//! A kept wrong answer of exercise 3: the file is read before the two threads are spawned, not
//! between the spawns and the joins. It prints "File content : " with nothing after it on
//! every run, as a right answer does on most runs; the source shows the read's place.
//! Fails at: the file is read after both threads are spawned, before the joins

use course_support::{Args, OrExit};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::thread;

const USAGE: &str = "usage: ex03-wrong-read-before-spawn [PATH]    PATH: file to write and keep (default: a fresh temporary file, removed at the end)
One thread prints 10 lines while another writes a file.";

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
    let mut args = Args::new(USAGE);
    let fname = args.path_or_temporary();
    args.end();

    // The mistake: the file is read before the threads even start: it is empty every time,
    // and there is no race to see.
    let content = fs::read_to_string(&fname).or_exit(format!("read {}", fname.display()));
    let path = fname.to_path_buf();
    // Two different tasks, so two handles of different types rather than one list.
    let thread_1 = thread::Builder::new().spawn(task_1).or_exit("spawn");
    let thread_2 = thread::Builder::new().spawn(move || task_2(&path)).or_exit("spawn");

    thread_1.join().expect("thread 1 panicked");
    thread_2.join().expect("thread 2 panicked").or_exit(format!("write {}", fname.display()));
    println!("File content : {content}");
}
