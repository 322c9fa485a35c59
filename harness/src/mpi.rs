//! `mpirun` as the tests and the checks run it: the same command line on any machine, on
//! shared memory, one at a time.

use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard, OnceLock};

/// `mpirun` and the options that make a command line run as printed on any machine: with
/// Open MPI, `--oversubscribe` (4 ranks on 2 cores) and, as root, `--allow-run-as-root`.
pub fn mpirun_words() -> Vec<String> {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let version = Command::new("mpirun").arg("--version").output();
            let open_mpi = version.is_ok_and(|out| {
                let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
                text.contains("open mpi") || text.contains("open-mpi") || text.contains("openrte")
            });
            let mut words = vec!["mpirun".to_string()];
            if open_mpi {
                words.push("--oversubscribe".into());
                if nix::unistd::Uid::effective().is_root() {
                    words.push("--allow-run-as-root".into());
                }
            }
            words
        })
        .clone()
}

/// `mpirun [the options of mpirun_words] -n RANKS PROGRAM ARGS…`, on shared memory (Open MPI):
/// without `OMPI_MCA_btl` and `OMPI_MCA_pml` each mpirun also probes the network transports,
/// and takes 0.34 s instead of 0.13 s here (2 ranks of mpi-hello). Run it while holding
/// [`one_mpirun_at_a_time`].
pub fn mpirun_command(ranks: usize, program: &Path, args: &[&str]) -> Command {
    let words = mpirun_words();
    let mut cmd = Command::new(&words[0]);
    cmd.args(&words[1..]).args(["-n", &ranks.to_string()]).arg(program).args(args);
    cmd.env("OMPI_MCA_btl", "self,vader").env("OMPI_MCA_pml", "ob1");
    cmd
}

/// Two `mpirun` started at once stall each other for about 10 s (their runtimes start up
/// together), as long as the time-out: the runs of one process take turns.
pub fn one_mpirun_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
