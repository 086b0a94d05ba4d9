//! Secret files (client tokens, bind passwords): refused when group or others can reach
//! them, bounded in size, read into a zeroizing buffer.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

/// The largest secret file accepted.
pub const MAX_SECRET_FILE_BYTES: u64 = 64 * 1024;

/// The secret in `path` without its final line break. The mode is read from the open
/// handle, so the file checked is the file read.
pub fn read_secret_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, String> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| format!("cannot open {shown}: {e}"))?;
    let metadata = file
        .metadata()
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(format!(
                "{shown} is accessible by group or others (mode {:o}); run `chmod 600 {shown}`",
                mode & 0o777
            ));
        }
    }
    if metadata.len() > MAX_SECRET_FILE_BYTES {
        return Err(format!(
            "{shown} is larger than {MAX_SECRET_FILE_BYTES} bytes"
        ));
    }
    let mut buf = Zeroizing::new(Vec::with_capacity(metadata.len() as usize + 1));
    file.take(MAX_SECRET_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    // The capacity covers the file, so read_to_end did not reallocate (and leave a copy)
    // unless the file grew while being read.
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    if buf.is_empty() {
        return Err(format!("{shown} is empty"));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn refuses_a_file_others_can_read_and_strips_the_line_break() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        std::fs::write(&path, "s3cret-token-0123\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = read_secret_file(&path).unwrap_err();
        assert!(e.contains("chmod 600"), "{e}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(&read_secret_file(&path).unwrap()[..], b"s3cret-token-0123");
        std::fs::write(&path, "\n").unwrap();
        assert!(read_secret_file(&path).unwrap_err().contains("empty"));
    }
}
