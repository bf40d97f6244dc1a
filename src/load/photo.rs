//! Speaker photos: checked, and prepared for embedding.
//!
//! A JPEG that needs no change is kept byte for byte: re-encoding would lose
//! quality and grow the file. Everything else is decoded to 8-bit samples.
//! Dimensions are read from the header before anything is decoded, so a
//! decompression bomb is refused without allocating it, and a truncated file
//! is refused even where the decoder would quietly pad it with grey.

use super::PHOTO_DIR;
use crate::diag::Diagnostic;
use crate::files::Files;
use crate::model::{Photo, PhotoData};
use crate::output::{hex, unhex};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sha2::Digest;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Larger photos are refused: 100 megapixels is beyond any camera a
/// speaker sends, and far beyond print needs.
const MAX_PIXELS: u64 = 100_000_000;
const MAX_SIDE: u32 = 20_000;

/// Loads each photo file once, however many speakers use it.
#[derive(Default)]
pub struct PhotoCache {
    loaded: BTreeMap<PathBuf, Result<Option<Arc<Photo>>, Diagnostic>>,
    /// Photos known to decode, from earlier builds.
    checked: Option<Arc<Checked>>,
}

/// JPEGs an earlier build decoded in full, by the SHA-256 of the file,
/// kept in one file of the output's cache (`out/.cache/checked-photos`):
/// a JPEG that goes into the PDF byte for byte is decoded only to check
/// it, and a real event's thousand photos took most of a rebuild. The
/// same bytes decode the same, so the check holds; a new program checks
/// again.
#[derive(Debug, Default)]
pub struct Checked {
    file: PathBuf,
    known: std::collections::HashSet<[u8; 32]>,
    /// Those that decoded in this build, to keep for the next.
    good: std::sync::Mutex<Vec<[u8; 32]>>,
    /// Whether JPEGs it does not know are left unchecked here, listed in
    /// `pending` for the build to decode once, when it resamples them.
    defer: bool,
    /// The JPEGs left unchecked: their path and hash.
    pending: std::sync::Mutex<Vec<(PathBuf, [u8; 32])>>,
}

/// The first line of the file: the program that checked.
const CHECKED_BY: &str = concat!("booklet ", env!("CARGO_PKG_VERSION"), " checked photos");

impl Checked {
    /// The photos `file` lists (none if it is missing, damaged or from
    /// another program).
    pub fn in_file(file: PathBuf) -> Checked {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let mut lines = text.lines();
        let known = match lines.next() == Some(CHECKED_BY) {
            true => lines.filter_map(unhex).collect(),
            false => Default::default(),
        };
        Checked {
            file,
            known,
            ..Checked::default()
        }
    }

    /// The same, the JPEGs it does not know not decoded when they are
    /// loaded but listed ([`Checked::pending`]): a build decodes each of
    /// them once, when it resamples them for the screen or to check them
    /// (on a first build every photo was decoded twice, half a small
    /// event's photo work). Whoever decodes them says so ([`Checked::decoded`]).
    pub fn deferring(self) -> Checked {
        Checked {
            defer: true,
            ..self
        }
    }

    fn knows(&self, hash: &[u8; 32]) -> bool {
        self.known.contains(hash)
    }

    /// The JPEGs loaded but not checked yet (see [`Checked::deferring`]):
    /// each photo's path (as the photo gives it) and the hash of its file.
    pub fn pending(&self) -> Vec<(PathBuf, [u8; 32])> {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Notes that the file of `hash` decoded in this build.
    pub fn decoded(&self, hash: [u8; 32]) {
        self.good
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(hash);
    }

    /// Keeps the photos of this build that decode (known before or
    /// decoded now), written atomically; a cache that cannot be written
    /// is only a slower next build.
    pub fn save(&self) {
        let mut good = std::mem::take(&mut *self.good.lock().unwrap_or_else(|e| e.into_inner()));
        good.sort_unstable();
        good.dedup();
        let mut text = String::from(CHECKED_BY);
        for hash in &good {
            text.push('\n');
            text.push_str(&hex(hash));
        }
        text.push('\n');
        if std::fs::read_to_string(&self.file).is_ok_and(|old| old == text) {
            return;
        }
        let _ = crate::output::write_atomic(&self.file, text.as_bytes());
    }
}

impl PhotoCache {
    /// Photos checked with the help of `checked` (see [`Checked`]).
    pub fn with_checked(checked: Option<Arc<Checked>>) -> PhotoCache {
        PhotoCache {
            loaded: BTreeMap::new(),
            checked,
        }
    }

    /// The photo `name` of `speakers_pictures/`; `Ok(None)` when the file
    /// does not exist. A name that leads out of the folder is an error.
    pub fn get(&mut self, files: &Files, name: &Path) -> Result<Option<Arc<Photo>>, Diagnostic> {
        let rel = Path::new(PHOTO_DIR).join(name);
        self.loaded
            .entry(rel)
            .or_insert_with(|| load(files, name, self.checked.as_deref()))
            .clone()
    }

    /// Decodes the JPEGs loaded but left unchecked (see
    /// [`Checked::deferring`]), an error for each that does not decode.
    pub fn check_pending(&self, diags: &mut crate::diag::Diagnostics) {
        let Some(checked) = &self.checked else { return };
        for (path, hash) in checked.pending() {
            let Some(Ok(Some(photo))) = self.loaded.get(&path) else {
                continue;
            };
            let PhotoData::Jpeg { bytes, .. } = &photo.data else {
                continue;
            };
            match decode(bytes, ImageFormat::Jpeg) {
                Ok(_) => checked.decoded(hash),
                Err(why) => diags.push(unusable(&path, why)),
            }
        }
    }

    /// Loads the photos `names` on every core, each once: what [`get`]
    /// then returns.
    ///
    /// [`get`]: PhotoCache::get
    pub fn prefetch(&mut self, files: &Files, names: &[&str]) {
        let mut todo: Vec<&str> = (names.iter().copied())
            .filter(|n| !self.loaded.contains_key(&Path::new(PHOTO_DIR).join(n)))
            .collect();
        todo.sort_unstable();
        todo.dedup();
        let checked = self.checked.as_deref();
        let photos = crate::output::parallel_map(
            &todo,
            |_| false,
            |name| load(files, Path::new(name), checked),
        );
        let paths = todo.iter().map(|name| Path::new(PHOTO_DIR).join(name));
        self.loaded.extend(paths.zip(photos));
    }
}

/// Reads and checks one photo of `speakers_pictures/`.
fn load(
    files: &Files,
    name: &Path,
    checked: Option<&Checked>,
) -> Result<Option<Arc<Photo>>, Diagnostic> {
    let rel = Path::new(PHOTO_DIR).join(name);
    let disk = files.confine(name, Path::new(PHOTO_DIR)).map_err(|e| {
        Diagnostic::error(format!("{e}")).hint(format!(
            "put the photo in {PHOTO_DIR}/ and give its name, such as `ada.jpg`"
        ))
    })?;
    match std::fs::read(&disk) {
        Ok(bytes) => prepare_checked(&rel, bytes, checked).map(|p| Some(Arc::new(p))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::error(format!("cannot read the file ({e})"))
            .hint("check the file's permissions")),
    }
}

/// Checks a photo file and turns it into what the PDF embeds.
pub fn prepare(path: &Path, bytes: Vec<u8>) -> Result<Photo, Diagnostic> {
    prepare_checked(path, bytes, None)
}

/// [`prepare`], a JPEG kept as it is not decoded again when `checked`
/// knows it.
fn prepare_checked(
    path: &Path,
    bytes: Vec<u8>,
    checked: Option<&Checked>,
) -> Result<Photo, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        prepare_jpeg(path, bytes, checked)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (w, h) = png_size(&bytes).ok_or_else(|| corrupt("the PNG header is damaged"))?;
        check_size(w, h)?;
        let img = decode(&bytes, ImageFormat::Png)?;
        Ok(raw_photo(path, img))
    } else {
        Err(Diagnostic::error("the file is not a JPEG or PNG image")
            .hint("export the photo as JPEG (or PNG) and check that the file name points at it"))
    }
}

fn prepare_jpeg(
    path: &Path,
    bytes: Vec<u8>,
    checked: Option<&Checked>,
) -> Result<Photo, Diagnostic> {
    let header = jpeg_header(&bytes).ok_or_else(|| corrupt("the JPEG header is damaged"))?;
    check_size(header.width, header.height)?;
    let end = bytes.iter().rposition(|&b| b != 0).unwrap_or(0);
    if end < 1 || bytes[end - 1..=end] != [0xFF, 0xD9] {
        return Err(corrupt("the JPEG file is truncated (it has no end marker)"));
    }
    let passthrough =
        header.orientation <= 1 && header.precision == 8 && matches!(header.components, 1 | 3 | 4);
    let hash = checked
        .filter(|_| passthrough)
        .map(|c| (c, <[u8; 32]>::from(sha2::Sha256::digest(&bytes))));
    let img = match hash {
        Some((c, h)) if c.knows(&h) => {
            c.decoded(h);
            None
        }
        Some((c, h)) if c.defer => {
            let mut pending = c.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.push((path.to_path_buf(), h));
            None
        }
        Some((c, h)) => {
            let img = decode(&bytes, ImageFormat::Jpeg)?;
            c.decoded(h);
            Some(img)
        }
        None => Some(decode(&bytes, ImageFormat::Jpeg)?),
    };
    if passthrough {
        return Ok(Photo {
            path: path.to_path_buf(),
            width: header.width,
            height: header.height,
            data: PhotoData::Jpeg {
                bytes,
                components: header.components,
                inverted_cmyk: header.components == 4 && header.adobe,
            },
        });
    }
    let Some(mut img) = img else {
        return Err(corrupt("the image cannot be decoded"));
    };
    if let Some(o) =
        image::metadata::Orientation::from_exif(u8::try_from(header.orientation).unwrap_or(1))
    {
        img.apply_orientation(o);
    }
    Ok(raw_photo(path, img))
}

fn raw_photo(path: &Path, img: DynamicImage) -> Photo {
    let (width, height) = (img.width(), img.height());
    let alpha = img.color().has_alpha().then(|| {
        img.to_luma_alpha8()
            .pixels()
            .map(|p| p.0[1])
            .collect::<Vec<u8>>()
    });
    let alpha = alpha.filter(|a| a.iter().any(|&v| v != 255));
    let grey = matches!(
        img.color(),
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    let (components, samples) = if grey {
        (1, img.to_luma8().into_raw())
    } else {
        (3, img.to_rgb8().into_raw())
    };
    Photo {
        path: path.to_path_buf(),
        width,
        height,
        data: PhotoData::Raw {
            components,
            samples,
            alpha,
        },
    }
}

fn corrupt(what: &str) -> Diagnostic {
    Diagnostic::error(what.to_string()).hint("export the photo again from the original")
}

fn check_size(w: u32, h: u32) -> Result<(), Diagnostic> {
    if w == 0 || h == 0 {
        return Err(corrupt("the image has no pixels"));
    }
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Diagnostic::error(format!(
            "the image is {w} × {h} pixels, too large to process safely"
        ))
        .hint("scale the photo down to at most 4000 pixels on its longer side"));
    }
    Ok(())
}

/// What is said of a photo that does not decode: `why`, the decoder's
/// words. Also said by the build for the JPEGs it checks later.
pub fn undecodable(why: &str) -> Diagnostic {
    corrupt(&format!("the image cannot be decoded ({why})"))
}

/// The error for the photo at `path` (as the event names it) that cannot
/// be used, for the reason `why` says (its hints kept).
pub fn unusable(path: &Path, why: Diagnostic) -> Diagnostic {
    let mut d = Diagnostic::error(format!(
        "cannot use photo `{}`: {}",
        path.display(),
        why.message
    ));
    d.hints = why.hints;
    d
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Diagnostic> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    reader.decode().map_err(|e| undecodable(&e.to_string()))
}

fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// What the JPEG's markers say before its scan data.
#[derive(Debug, Default, PartialEq)]
struct JpegHeader {
    width: u32,
    height: u32,
    components: u8,
    precision: u8,
    /// An Adobe APP14 segment: CMYK samples are stored inverted.
    adobe: bool,
    /// EXIF orientation, 1 (upright) when absent.
    orientation: u16,
}

fn jpeg_header(b: &[u8]) -> Option<JpegHeader> {
    let mut h = JpegHeader {
        orientation: 1,
        ..JpegHeader::default()
    };
    let mut i = 2;
    let mut seen_frame = false;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let seg = b.get(i + 4..i + 2 + len)?;
        match marker {
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                h.precision = *seg.first()?;
                h.height = u32::from(u16::from_be_bytes([*seg.get(1)?, *seg.get(2)?]));
                h.width = u32::from(u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]));
                h.components = *seg.get(5)?;
                seen_frame = true;
            }
            0xEE if seg.starts_with(b"Adobe") => h.adobe = true,
            0xE1 if seg.starts_with(b"Exif\0\0") => {
                h.orientation = exif_orientation(&seg[6..]).unwrap_or(1);
            }
            0xDA => break,
            _ => {}
        }
        i += 2 + len;
    }
    seen_frame.then_some(h)
}

/// Tag 0x0112 of IFD0 in a TIFF structure.
fn exif_orientation(t: &[u8]) -> Option<u16> {
    let le = match t.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |o: usize| -> Option<u16> {
        let s: [u8; 2] = t.get(o..o + 2)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(s)
        } else {
            u16::from_be_bytes(s)
        })
    };
    let u32_at = |o: usize| -> Option<u32> {
        let s: [u8; 4] = t.get(o..o + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(s)
        } else {
            u32::from_be_bytes(s)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count).find_map(|k| {
        let e = ifd + 2 + 12 * k;
        (u16_at(e)? == 0x0112).then(|| u16_at(e + 8)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, codecs::jpeg::JpegEncoder, codecs::png::PngEncoder};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 85)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    /// Photos loaded ahead on every core are what loading each alone
    /// gives: the same photos, the same errors, nothing for a missing file.
    #[test]
    fn prefetched_photos_are_those_loaded_one_by_one() {
        let root = std::env::temp_dir().join(format!("booklet-prefetch-{}", std::process::id()));
        let dir = root.join(PHOTO_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.jpg"), jpeg(60, 80)).unwrap();
        std::fs::write(dir.join("b.jpg"), jpeg(30, 20)).unwrap();
        std::fs::write(dir.join("bad.jpg"), b"not a photo").unwrap();
        let files = Files::new(&root);
        let names = [
            "a.jpg",
            "b.jpg",
            "a.jpg",
            "bad.jpg",
            "missing.jpg",
            "../x.jpg",
        ];
        let (mut ahead, mut alone) = (PhotoCache::default(), PhotoCache::default());
        ahead.prefetch(&files, &names);
        for name in names {
            let (a, b) = (
                ahead.get(&files, Path::new(name)),
                alone.get(&files, Path::new(name)),
            );
            match (a, b) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
                (Err(a), Err(b)) => assert_eq!(a.message, b.message, "{name}"),
                (a, b) => panic!("{name}: {a:?} vs {b:?}"),
            }
        }
        assert_eq!(ahead.loaded.len(), 5);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn plain_jpeg_passes_through_unchanged() {
        let bytes = jpeg(60, 80);
        let photo = prepare(Path::new("a.jpg"), bytes.clone()).unwrap();
        assert_eq!((photo.width, photo.height), (60, 80));
        match photo.data {
            PhotoData::Jpeg {
                bytes: b,
                components,
                ..
            } => {
                assert_eq!(b, bytes);
                assert_eq!(components, 3);
            }
            other => panic!("expected passthrough, got {other:?}"),
        }
    }

    /// A JPEG decoded once is not decoded again by the next build: a
    /// damaged one whose hash the file lists passes unchecked (which shows
    /// the decoding is skipped), and is checked again once the file comes
    /// from another program or does not list it.
    #[test]
    fn photos_decoded_once_are_not_decoded_again() {
        let file = std::env::temp_dir().join(format!("booklet-checked-{}", std::process::id()));
        let good = jpeg(60, 80);
        let first = Checked::in_file(file.clone());
        prepare_checked(Path::new("a.jpg"), good.clone(), Some(&first)).unwrap();
        first.save();
        let listed = std::fs::read_to_string(&file).unwrap();
        let hash = |b: &[u8]| -> String {
            sha2::Sha256::digest(b)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        assert_eq!(listed, format!("{CHECKED_BY}\n{}\n", hash(&good)));
        // Damaged inside (a Huffman table that counts too many codes),
        // header and end marker whole.
        let mut damaged = good.clone();
        let dht = damaged.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
        damaged[dht + 5..dht + 21].fill(0xFF);
        assert!(prepare(Path::new("b.jpg"), damaged.clone()).is_err());
        std::fs::write(&file, format!("{CHECKED_BY}\n{}\n", hash(&damaged))).unwrap();
        let known = Checked::in_file(file.clone());
        assert!(prepare_checked(Path::new("b.jpg"), damaged.clone(), Some(&known)).is_ok());
        std::fs::write(
            &file,
            format!("booklet 0.0.0 checked photos\n{}\n", hash(&damaged)),
        )
        .unwrap();
        let other = Checked::in_file(file.clone());
        assert!(prepare_checked(Path::new("b.jpg"), damaged, Some(&other)).is_err());
        std::fs::remove_file(file).unwrap();
    }

    #[test]
    fn truncated_jpeg_is_refused() {
        let mut bytes = jpeg(300, 400);
        bytes.truncate(bytes.len() / 2);
        let err = prepare(Path::new("a.jpg"), bytes).unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
    }

    #[test]
    fn header_only_jpeg_is_refused() {
        let bytes = jpeg(60, 80);
        let err = prepare(Path::new("a.jpg"), bytes[..300].to_vec()).unwrap_err();
        assert!(err.is_error());
    }

    #[test]
    fn text_file_is_not_an_image() {
        let err = prepare(Path::new("a.jpg"), b"hello".to_vec()).unwrap_err();
        assert!(err.message.contains("not a JPEG or PNG"));
    }

    #[test]
    fn png_bomb_is_refused_before_decoding() {
        // A valid header claiming 20001 × 20001 pixels, and nothing else.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&20_001u32.to_be_bytes());
        png.extend_from_slice(&20_001u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        let err = prepare(Path::new("bomb.png"), png).unwrap_err();
        assert!(err.message.contains("too large"), "{}", err.message);
    }

    #[test]
    fn png_with_alpha_keeps_a_mask() {
        let img = image::RgbaImage::from_fn(4, 4, |x, _| {
            image::Rgba([200, 10, 10, if x < 2 { 0 } else { 255 }])
        });
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(img.as_raw(), 4, 4, image::ExtendedColorType::Rgba8)
            .unwrap();
        let photo = prepare(Path::new("a.png"), out).unwrap();
        match photo.data {
            PhotoData::Raw {
                components: 3,
                alpha: Some(a),
                ..
            } => assert_eq!(a[0], 0),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn reads_exif_orientation() {
        // Big-endian TIFF with one IFD entry: orientation = 6.
        let tiff = [
            b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0,
        ];
        assert_eq!(exif_orientation(&tiff), Some(6));
    }
}
