//! A kept wrong answer of exercise 9: io-processes whose children do not end after their task
//! (no `child_exit`, no `_exit`): the first child goes on, forks a second writer of its own and
//! prints "File content" too; the second one prints it as well, or fails to wait for a brother
//! that is not its child. The check rejects it at "10 lines of the first process, then the
//! file's content".

use course_support::{Args, OrExit, check_children};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

const USAGE: &str = "usage: ex09-wrong-no-exit [PATH]    PATH: file to write and keep (default: a fresh temporary file, removed at the end)
One process prints 10 lines while another writes a file.";

fn task_1() {
    for _ in 0..10 {
        println!("I am the first process I do nothing");
    }
}

fn task_2(fname: &Path) -> io::Result<()> {
    let written = File::create(fname).and_then(|mut fid| fid.write_all(b"I am the second process"));
    written.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", fname.display())))
}

fn main() {
    let mut args = Args::new(USAGE);
    let fname = args.path_or_temporary();
    args.end();

    let mut procs = Vec::new();
    io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
    // SAFETY: no other thread exists, so the child may run any code.
    match unsafe { fork() }.or_exit("fork") {
        ForkResult::Child => task_1(), // the mistake: the child goes on after its task
        ForkResult::Parent { child } => procs.push(child),
    }
    io::stdout().flush().or_exit("write");
    // SAFETY: as above.
    match unsafe { fork() }.or_exit("fork") {
        ForkResult::Child => task_2(&fname).or_exit("write"), // the same mistake
        ForkResult::Parent { child } => procs.push(child),
    }

    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    check_children(&ends); // a child that failed is reported, and the program fails
    let content = fs::read_to_string(&fname).or_exit(format!("read {}", fname.display()));
    println!("File content : {content}");
}
