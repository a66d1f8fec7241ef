//! Reading a dump and writing its cleaned copy as `cleaner/textio.py` does (`read_dump_bytes`,
//! `write_atomic`), for a binding call that cleans a task's files from their paths with the GIL released
//! throughout: each system call the Python path makes gives the GIL up and takes it back (bench/README.md,
//! "one engine call a task").
//!
//! Nothing here says why a file could not be read or written: any failure leaves the file as it was (a
//! temporary copy is removed) and the caller hands the file to the Python path, which meets the same
//! failure and reports it in its own words.

use std::collections::hash_map::RandomState;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, ErrorKind, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// A regular file's bytes and permission bits, or None where `read_dump_bytes` has something to say:
/// missing, unreadable, not a regular file, over `max_bytes` (0: no limit).
///
/// As the Python path reads it: one `stat`, then reads sized by it; a read that returns the size `stat`
/// gave ends it, a file that grew is read on, to the limit.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("cleaner-read-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), b"story\n").unwrap();
/// let (data, _mode) = cleaner_engine::files::read_regular(&dir.join("a.txt"), 0).unwrap();
/// assert_eq!(data, b"story\n");
/// assert!(cleaner_engine::files::read_regular(&dir.join("a.txt"), 3).is_none());
/// assert!(cleaner_engine::files::read_regular(&dir, 0).is_none());
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn read_regular(path: &Path, max_bytes: u64) -> Option<(Vec<u8>, u32)> {
    let meta = fs::metadata(path).ok()?;
    if !meta.file_type().is_file() || (max_bytes > 0 && meta.len() > max_bytes) {
        return None;
    }
    let size = usize::try_from(meta.len()).ok()?;
    let limit = if max_bytes > 0 {
        usize::try_from(max_bytes).ok()?.saturating_add(1)
    } else {
        usize::MAX
    };
    let mut file = File::open(path).ok()?;
    let mut data = vec![0u8; size.saturating_add(1).min(limit)];
    let first = read_some(&mut file, &mut data).ok()?;
    data.truncate(first);
    if first != size && first != 0 {
        // It changed since `stat`: read on, as far as the limit.
        let mut rest = Vec::new();
        let room = (limit - first) as u64;
        file.take(room).read_to_end(&mut rest).ok()?;
        data.extend_from_slice(&rest);
    }
    if max_bytes > 0 && data.len() as u64 > max_bytes {
        return None;
    }
    Some((data, meta.mode() & 0o7777))
}

/// One `read` (retried when interrupted): what `os.read` returns.
fn read_some(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match file.read(buf) {
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// The bits a written file gets, as `write_atomic` gives them: the file's own when it exists, else
/// `like_mode` (its input's), else those of a new file under `umask`.
pub fn target_mode(path: &Path, like_mode: Option<u32>, umask: u32) -> u32 {
    match fs::metadata(path) {
        Ok(meta) => meta.mode() & 0o7777,
        Err(_) => match like_mode {
            Some(mode) if mode != 0 => mode,
            _ => 0o666 & !umask,
        },
    }
}

/// A temporary copy written in full beside its path, still open, to be synced and renamed onto it.
#[derive(Debug)]
pub struct Staged {
    file: File,
    tmp: PathBuf,
    path: PathBuf,
    mode: u32,
}

impl Staged {
    /// The folder the file is renamed into (`.` for a bare name).
    pub fn folder(&self) -> PathBuf {
        folder_of(&self.path)
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A name for a temporary copy: `.<name>.<12 hex digits>.tmp`, as `write_atomic` names them.
fn temp_name(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    let tag = hasher.finish() & 0xFFFF_FFFF_FFFF;
    Some(folder_of(path).join(format!(".{name}.{tag:012x}.tmp")))
}

/// `data` written to a new temporary copy beside `path` (its folders made when missing), created with
/// `mode`'s permission bits: the first half of `write_atomic`. On failure nothing is left behind.
pub fn stage(path: &Path, data: &[u8], mode: u32) -> io::Result<Staged> {
    let mut made_folder = false;
    for _ in 0..100 {
        let tmp = temp_name(path).ok_or_else(|| io::Error::from(ErrorKind::InvalidInput))?;
        let opened = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode & 0o777)
            .open(&tmp);
        let mut file = match opened {
            Ok(file) => file,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) if !made_folder && (e.kind() == ErrorKind::NotFound || e.raw_os_error() == Some(20)) => {
                // 20: ENOTDIR. The Python path makes the folders once, then gives up.
                made_folder = true;
                fs::create_dir_all(folder_of(path))?;
                continue;
            }
            Err(e) => return Err(e),
        };
        if let Err(e) = file.write_all(data) {
            drop(file);
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        return Ok(Staged {
            file,
            tmp,
            path: path.to_path_buf(),
            mode,
        });
    }
    Err(ErrorKind::AlreadyExists.into())
}

/// Sync (when `sync`), close and rename a staged copy onto its path: the second half of `write_atomic`.
/// On failure the copy is removed and the path left as it was.
pub fn commit(staged: Staged, sync: bool, umask: u32) -> io::Result<()> {
    let Staged { file, tmp, path, mode } = staged;
    let done = (|| {
        if sync {
            file.sync_all()?;
        }
        drop(file);
        if mode & (0o7000 | umask) != 0 {
            fs::set_permissions(&tmp, fs::Permissions::from_mode(mode))?;
        }
        fs::rename(&tmp, &path)
    })();
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

/// Sync a staged copy's data; on failure it is removed (the path left as it was) and None returned.
pub fn sync(staged: Staged) -> Option<Staged> {
    match staged.file.sync_all() {
        Ok(()) => Some(staged),
        Err(_) => {
            let Staged { file, tmp, .. } = staged;
            drop(file);
            let _ = fs::remove_file(&tmp);
            None
        }
    }
}

/// Make the renames into `folder` durable; where a folder cannot be synced, it need not be.
pub fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cleaner-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_staged_copy_is_invisible_until_committed() {
        let dir = scratch("stage");
        let target = dir.join("sub/out.txt");
        let staged = stage(&target, b"new\n", 0o640).unwrap();
        assert!(!target.exists());
        let tmp_names = names(&dir.join("sub"));
        assert_eq!(tmp_names.len(), 1);
        assert!(tmp_names[0].starts_with(".out.txt.") && tmp_names[0].ends_with(".tmp"));
        commit(staged, true, 0o022).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new\n");
        assert_eq!(names(&dir.join("sub")), vec!["out.txt".to_string()]);
        assert_eq!(fs::metadata(&target).unwrap().mode() & 0o777, 0o640);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bits_outside_the_umask_are_set_after_creation() {
        let dir = scratch("bits");
        let target = dir.join("x.txt");
        commit(stage(&target, b"x", 0o666).unwrap(), false, 0o077).unwrap();
        assert_eq!(fs::metadata(&target).unwrap().mode() & 0o777, 0o666);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_mode_comes_from_the_file_then_its_input_then_the_umask() {
        let dir = scratch("mode");
        let there = dir.join("there.txt");
        fs::write(&there, b"x").unwrap();
        fs::set_permissions(&there, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(target_mode(&there, Some(0o644), 0o022), 0o600);
        let missing = dir.join("missing.txt");
        assert_eq!(target_mode(&missing, Some(0o640), 0o022), 0o640);
        assert_eq!(target_mode(&missing, None, 0o022), 0o644);
        // `mode or _new_file_mode()`: an input of mode 000 gives a new file the usual bits.
        assert_eq!(target_mode(&missing, Some(0), 0o022), 0o644);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_in_the_way_of_the_folder_fails_and_leaves_nothing() {
        let dir = scratch("inway");
        fs::write(dir.join("blocker"), b"x").unwrap();
        assert!(stage(&dir.join("blocker/out.txt"), b"x", 0o644).is_err());
        assert_eq!(names(&dir), vec!["blocker".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_stops_at_the_limit_and_skips_what_is_not_a_file() {
        let dir = scratch("read");
        let file = dir.join("a.txt");
        fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap().0, b"0123456789");
        assert!(read_regular(&file, 9).is_none());
        assert!(read_regular(&dir.join("none.txt"), 0).is_none());
        assert!(read_regular(&dir, 0).is_none());
        assert_eq!(read_regular(&dir.join("a.txt"), 0).unwrap().0.len(), 10);
        fs::remove_dir_all(&dir).unwrap();
    }
}
