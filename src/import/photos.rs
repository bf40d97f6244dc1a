//! Pictures of imported people: a path is copied from beside the export, a
//! URL downloaded (only when asked), into `speakers_pictures/<id>.<ext>`.
//! Downloads have time-outs and a size limit, and must be a JPEG or PNG;
//! every failure is listed, and the build still works with a placeholder.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// The largest picture taken.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// How long a download may take, in all.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Fetches `source` (a URL, or a path relative to `beside`) for person
/// `id` into `pictures`; the file name written, or why not.
pub fn fetch(
    source: &str,
    id: &str,
    beside: &Path,
    pictures: &Path,
    download: bool,
) -> Result<String, String> {
    let bytes = if source.starts_with("http://") || source.starts_with("https://") {
        if !download {
            return Err("not downloaded (--no-download)".into());
        }
        get(source)?
    } else {
        let path = beside.join(source.trim_start_matches("file://"));
        std::fs::read(&path).map_err(|e| format!("cannot read {} ({e})", path.display()))?
    };
    let ext = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else {
        return Err("not a JPEG or PNG image".into());
    };
    let name = format!("{id}.{ext}");
    crate::output::write_atomic(&pictures.join(&name), &bytes)
        .map_err(|e| format!("cannot write it ({e})"))?;
    Ok(name)
}

/// Downloads `url`: an image, within the size limit and the time-out.
fn get(url: &str) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| format!("download failed ({e})"))?;
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !kind.starts_with("image/jpeg") && !kind.starts_with("image/png") {
        return Err(format!("the server sent `{kind}`, not a JPEG or PNG image"));
    }
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("download failed ({e})"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("larger than {} MB", MAX_BYTES / 1024 / 1024));
    }
    Ok(bytes)
}
