//! The file an example writes: the PATH given, or a fresh temporary file.

use std::ffi::CString;
use std::fs::OpenOptions;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering::SeqCst;

use crate::exit::{TEMPORARY, remove_temporary_file};
use crate::{fail, program};

/// The file an example writes: the PATH the user gave, kept; or a fresh temporary file,
/// removed at the end (when dropped, or when the program exits through this crate).
/// Unlike the course's fixed `/tmp/stupid.txt`, a temporary file is created exclusively
/// (`create_new` refuses an existing name or a planted link), under a name no one else uses.
pub struct OutputFile {
    pub(crate) path: PathBuf,
    pub(crate) temporary: bool,
}

impl OutputFile {
    pub(crate) fn temporary() -> OutputFile {
        for attempt in 0.. {
            let name = format!("{}-{}-{attempt}.txt", program(), std::process::id());
            let path = std::env::temp_dir().join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    let c_path = CString::new(path.as_os_str().as_bytes()).expect("a path");
                    let earlier = TEMPORARY.swap(CString::into_raw(c_path), SeqCst);
                    assert!(earlier.is_null(), "one temporary file at most");
                    return OutputFile { path, temporary: true };
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => fail(&format!("open {}: {e}", path.display())),
            }
        }
        unreachable!()
    }
}

impl std::ops::Deref for OutputFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for OutputFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.temporary {
            remove_temporary_file();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_is_fresh_and_removed_when_dropped() {
        let file = OutputFile::temporary();
        let path = file.to_path_buf();
        assert!(path.exists() && path.starts_with(std::env::temp_dir()));
        drop(file);
        assert!(!path.exists());
        let again = OutputFile::temporary(); // the same name is free again: a fresh file
        assert!(again.exists() && std::fs::read(&*again).unwrap().is_empty());
    }
}
