//! A temporary folder for the files of one test or check.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A folder of the temporary directory, removed with what it holds when dropped (also when a
/// test fails).
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A new folder `NAME-PID-N` in `TMPDIR`.
    pub fn new(name: &str) -> Scratch {
        Scratch::make(std::env::temp_dir(), name)
    }

    /// A new folder `NAME-PID-N` (mode 755) that every user can reach: in `TMPDIR`, or in
    /// `/tmp` if other users cannot enter `TMPDIR`.
    pub fn reachable_by_all(name: &str) -> Scratch {
        use std::os::unix::fs::PermissionsExt;
        // Every folder on the way must let others through (the x bit for "others").
        let reachable = |dir: &Path| {
            dir.canonicalize().is_ok_and(|dir| {
                dir.ancestors()
                    .all(|d| d.metadata().is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
            })
        };
        let tmp = std::env::temp_dir();
        let base = [tmp.clone(), PathBuf::from("/tmp")].into_iter().find(|d| reachable(d));
        let base = base.unwrap_or_else(|| {
            panic!("neither TMPDIR ({}) nor /tmp can be entered by other users", tmp.display())
        });
        let scratch = Scratch::make(base, name);
        std::fs::set_permissions(&scratch.0, PermissionsExt::from_mode(0o755)).expect("chmod 755");
        scratch
    }

    fn make(base: PathBuf, name: &str) -> Scratch {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir); // left by an earlier process of the same pid
        std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("could not remove {}: {e}", self.0.display());
        }
    }
}
