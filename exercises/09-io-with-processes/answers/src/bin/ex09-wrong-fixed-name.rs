//! A kept wrong answer of exercise 9: io-processes with a fixed default name in the temporary
//! directory (`temp_dir().join("stupid.txt")`), neither created fresh nor removed at the end.
//! The check rejects it at "its temporary file is removed at the end".

use course_support::{Args, OrExit, check_children, child_exit};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

const USAGE: &str = "usage: ex09-wrong-fixed-name [PATH]    PATH: file to write and keep (default: stupid.txt in the temporary directory)
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
    // The mistake: a fixed name, in the right folder, but neither fresh nor removed at the end.
    let fname = args.word().map_or(std::env::temp_dir().join("stupid.txt"), Into::into);
    args.end();

    // Two different tasks, so two `fork`s written out rather than a loop.
    io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
    // SAFETY: no other thread exists, so the child may run any code.
    let process_1 = match unsafe { fork() }.or_exit("fork") {
        ForkResult::Child => child_exit(task_1),
        ForkResult::Parent { child } => child,
    };
    io::stdout().flush().or_exit("write");
    // SAFETY: as above.
    let process_2 = match unsafe { fork() }.or_exit("fork") {
        ForkResult::Child => child_exit(|| task_2(&fname)),
        ForkResult::Parent { child } => child,
    };

    let ends = [process_1, process_2].map(|p| waitpid(p, None).or_exit("waitpid")); // p.join()
    check_children(&ends); // a child that failed is reported, and the program fails
    let content = fs::read_to_string(&fname).or_exit(format!("read {}", fname.display()));
    println!("File content : {content}");
}
