//! Photos as image XObjects. For print, JPEGs pass through byte for byte;
//! everything else (PNG, rotated or 16-bit photos) is stored as a
//! high-quality JPEG unless it has transparency (then as compressed
//! samples with a soft mask); nothing is kept above 300 ppi of its printed
//! size. For the screen, photos are stored at 150 ppi, or at up to 180 ppi
//! when a size made for print is within that (`Resampled::size`).

use crate::layout::{Document, Item};
use crate::model::{Photo, PhotoData};
use image::DynamicImage;
use printpdf::{DictItem, ExternalStream, ExternalXObject, XObjectId};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// Who a document's photos are for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// The print shop: up to 300 ppi, JPEG quality 92.
    #[default]
    Print,
    /// Screens and e-mail: 150 ppi at JPEG quality 82, CMYK as RGB; or a
    /// size made for print that prints at up to 180 ppi
    /// ([`Resampled::size`]).
    Screen,
}

impl Profile {
    /// What a photo is resampled to.
    fn target_ppi(self) -> f64 {
        match self {
            Profile::Print => 300.0,
            Profile::Screen => 150.0,
        }
    }

    /// Above this resolution at the printed size a photo only adds bytes.
    fn resample_above(self) -> f64 {
        match self {
            Profile::Print => 400.0,
            Profile::Screen => 180.0,
        }
    }

    /// JPEG quality of photos encoded again.
    fn quality(self) -> u8 {
        match self {
            Profile::Print => 92,
            Profile::Screen => 82,
        }
    }
}

/// The image XObjects of a document, each photo once.
pub struct Images {
    /// The XObjects, named by their photo's content ([`resource`]), in order of
    /// first use.
    pub objects: Vec<(XObjectId, ExternalXObject)>,
    /// Alpha channels to attach as soft masks after serialization.
    pub masks: BTreeMap<String, (u32, u32, Vec<u8>)>,
}

impl Images {
    pub fn collect(doc: &Document, cache: &Resampled, profile: Profile) -> Images {
        let mut images = Images {
            objects: Vec::new(),
            masks: BTreeMap::new(),
        };
        // Photos of the same content (two files, one picture) are one
        // image, as large as the largest use needs.
        let mut named: Vec<(String, Arc<Photo>, f64)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (photo, width_in) in largest(doc) {
            let id = resource(&cache.fingerprint(&photo));
            match index.get(&id) {
                Some(&k) => named[k].2 = named[k].2.max(width_in),
                None => {
                    index.insert(id.clone(), named.len());
                    named.push((id, photo, width_in));
                }
            }
        }
        for (id, photo, width_in) in named {
            images.add(id, &photo, width_in, cache, profile);
        }
        images
    }

    /// Adds a photo printed at most `width_in` inches wide.
    fn add(
        &mut self,
        id: String,
        photo: &Arc<Photo>,
        width_in: f64,
        cache: &Resampled,
        profile: Profile,
    ) {
        let id = XObjectId(id);
        let resampled = (cache.size(photo, width_in, profile))
            .and_then(|(width, profile)| cache.get(photo, width, profile));
        let embedded = resampled.as_deref().unwrap_or(photo);
        let (object, mask) = xobject(embedded);
        if let Some(alpha) = mask {
            // The mask has the size of the image it masks: the resampled one.
            self.masks
                .insert(id.0.clone(), (embedded.width, embedded.height, alpha));
        }
        self.objects.push((id, object));
    }
}

/// The resource name of a photo in every document: from its content, so a
/// page shows it by the same name wherever it appears.
pub fn resource(fingerprint: &[u8; 32]) -> String {
    format!("Im{}", crate::output::hex(&fingerprint[..8]))
}

/// Each photo of a document, in order of first use, with the largest
/// width it is printed at, in inches: that decides its resolution.
fn largest(doc: &Document) -> Vec<(Arc<Photo>, f64)> {
    let mut order: Vec<(Arc<Photo>, f64)> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for page in &doc.pages {
        page.each_item(&mut |item| {
            if let Item::Image { photo, rect, .. } = item {
                let inches = inches_wide(photo, *rect);
                let k = *index.entry(key(photo)).or_insert_with(|| {
                    order.push((photo.clone(), 0.0));
                    order.len() - 1
                });
                order[k].1 = order[k].1.max(inches);
            }
        });
    }
    order
}

/// How many inches wide `photo` prints when drawn over `rect`.
fn inches_wide(photo: &Photo, rect: crate::geom::Rect) -> f64 {
    (rect.w.0 / 72.0).max(rect.h.0 / 72.0 * f64::from(photo.width) / f64::from(photo.height))
}

/// The width in pixels a photo printed `width_in` inches wide is stored at
/// for `profile`, or `None` when it is kept as it is: a JPEG at the right
/// size, a CMYK one for print at any size (the original's colours), or
/// transparency at the right size.
fn target(photo: &Photo, width_in: f64, profile: Profile) -> Option<u32> {
    if profile == Profile::Print && matches!(photo.data, PhotoData::Jpeg { components: 4, .. }) {
        return None;
    }
    let ppi = f64::from(photo.width) / width_in.max(1e-6);
    let width = if ppi > profile.resample_above() {
        (width_in * profile.target_ppi()).ceil().max(1.0) as u32
    } else {
        photo.width
    };
    let keep = width == photo.width
        && match &photo.data {
            PhotoData::Jpeg { components, .. } => *components != 4,
            PhotoData::Raw { alpha, .. } => alpha.is_some(),
        };
    (!keep).then_some(width)
}

/// One photo's sizes made in this build, guarded as one: the first writer
/// to need any size makes every size the build expects of it from one
/// decoding, and writers wanting the same photo meanwhile wait instead of
/// decoding it again.
struct Slot {
    /// Held so its address stays its own.
    photo: Arc<Photo>,
    /// (width, profile) → the result (`None`: kept as it is).
    made: Mutex<HashMap<Size, Option<Arc<Photo>>>>,
}

/// A photo that did not decode, and the decoder's words.
pub type Undecodable = (Arc<Photo>, String);

/// A photo's width in pixels and who it is for.
pub type Size = (u32, Profile);

/// A photo (held so its address stays its own) and the sizes a build
/// expects of it.
pub type Expected = (Arc<Photo>, Vec<Size>);

/// A photo (held so its address stays its own) and its content's SHA-256.
type Fingerprint = (Arc<Photo>, [u8; 32]);

/// Photos resampled for the documents of one build: keyed by the photo
/// itself (its address, kept alive by the entry, so no other photo can
/// take it) and the target width, never by file name, so two events built
/// in one process cannot swap photos.
#[derive(Default)]
pub struct Resampled {
    slots: Mutex<HashMap<usize, Arc<Slot>>>,
    /// The sizes each photo will be asked for ([`Resampled::expect`]).
    expected: Mutex<HashMap<usize, Expected>>,
    /// Each photo's content hashed once per build, for the disk's keys and
    /// for the documents' digests (`pdf::Digests`).
    fingerprints: Mutex<HashMap<usize, Fingerprint>>,
    /// Where results are kept for the next build, if anywhere.
    disk: Option<super::store::Store>,
    /// Results made before the build knew it would write (ahead, while
    /// the documents are laid out), put on disk once it does: a build that
    /// fails writes nothing. Entries are the key and the bytes.
    unstored: Mutex<Vec<(String, Vec<u8>)>>,
    /// Whether the build writes: results go to disk as they are made.
    storing: std::sync::atomic::AtomicBool,
    /// The widths each photo is resampled to for print in this build
    /// ([`Resampled::plan`]), which its screen uses may take instead of a
    /// size of their own ([`Resampled::size`]).
    for_print: Mutex<HashMap<usize, Vec<u32>>>,
}

impl std::fmt::Debug for Resampled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Resampled")
    }
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Resampled {
    /// Resampled photos that are also kept in `dir` for the next build, and
    /// taken from it when an earlier build made them: resampling and JPEG
    /// encoding were most of a small event's build time.
    pub fn on_disk(dir: &std::path::Path) -> Resampled {
        Resampled {
            disk: Some(super::store::Store::new(dir)),
            ..Resampled::default()
        }
    }

    /// Notes the widths each photo of `uses` (a photo, the rectangle it is
    /// drawn over, who for: every use the build's documents will make,
    /// [`layout::foreseen_photos`](crate::layout::foreseen_photos)) is
    /// resampled to for print, for [`Resampled::size`]. Called once,
    /// before any size is asked for or foreseen.
    pub fn plan(&self, uses: &[(Arc<Photo>, crate::geom::Rect, Profile)]) {
        let mut for_print = locked(&self.for_print);
        for (photo, rect, profile) in uses {
            if *profile != Profile::Print {
                continue;
            }
            if let Some(w) = target(photo, inches_wide(photo, *rect), Profile::Print) {
                let widths = for_print.entry(key(photo)).or_default();
                if !widths.contains(&w) {
                    widths.push(w);
                }
            }
        }
    }

    /// The widths `photo` is resampled to for print in this build, in the
    /// order planned: what its screen uses may take ([`Resampled::size`]),
    /// so part of what a document's digest says.
    pub fn planned(&self, photo: &Arc<Photo>) -> Vec<u32> {
        let for_print = locked(&self.for_print);
        (for_print.get(&key(photo)).cloned()).unwrap_or_default()
    }

    /// The width and profile `photo` is stored at when printed `width_in`
    /// inches wide for `profile`, or `None` when it is kept as it is. A
    /// screen use takes a width the photo is resampled to for print anyway
    /// when that prints at no more than the screen keeps of any photo
    /// (180 ppi): a speaker's e-mail badge and proof show the photo made
    /// for the printed booklet (2.05 inches wide at 173 ppi, JPEG quality
    /// 92, 3 KB more) rather than one more resampled and encoded at 150
    /// ppi — a third of a small event's photo work.
    pub fn size(&self, photo: &Arc<Photo>, width_in: f64, profile: Profile) -> Option<Size> {
        let w = target(photo, width_in, profile)?;
        if profile == Profile::Screen {
            let limit = width_in * Profile::Screen.resample_above();
            let for_print = locked(&self.for_print);
            let widths = for_print.get(&key(photo));
            let fits = widths.into_iter().flatten().copied();
            if let Some(p) = fits.filter(|&p| p >= w && f64::from(p) <= limit).min() {
                return Some((p, Profile::Print));
            }
        }
        Some((w, profile))
    }

    /// Notes the sizes `doc`'s photos will be asked for when it is written
    /// for `profile`, so that a photo is decoded once for all of them: a
    /// photo appears at up to four sizes (booklet and badge, print and
    /// screen), and decoding was a quarter of a small event's first build.
    /// Nothing is made here: files kept from the last build ask for nothing.
    pub fn expect(&self, doc: &Document, profile: Profile) {
        self.note(largest(doc), profile);
    }

    /// [`Resampled::expect`] for each of `docs`, their pages walked on
    /// every core: walking a large booklet's items for its photos, once
    /// for print and once for the screen, was 20 ms at 10 000 speakers
    /// each, on one core with the other idle.
    pub fn expect_all(&self, docs: &[(&Document, Profile)]) {
        let found = crate::output::parallel_map(docs, |_| false, |(doc, _)| largest(doc));
        for ((_, profile), uses) in docs.iter().zip(found) {
            self.note(uses, *profile);
        }
    }

    /// Notes the sizes of `uses` (each photo and the largest width it is
    /// printed at, in inches) for `profile`.
    fn note(&self, uses: Vec<(Arc<Photo>, f64)>, profile: Profile) {
        let mut expected = locked(&self.expected);
        for (photo, width_in) in uses {
            if let Some(size) = self.size(&photo, width_in, profile) {
                let sizes = &mut expected
                    .entry(key(&photo))
                    .or_insert_with(|| (photo, Vec::new()))
                    .1;
                if !sizes.contains(&size) {
                    sizes.push(size);
                }
            }
        }
    }

    /// Makes every expected size that is neither made nor kept on disk, on
    /// every core, a photo to a core (decoded once for all its sizes), so
    /// that the documents written next find them made: left to the
    /// writers, a writer needing a photo waited while another made it, and
    /// a small event's photos were made on one core.
    pub fn make_expected(&self) {
        // The build writes: what was made ahead is kept for the next.
        self.storing
            .store(true, std::sync::atomic::Ordering::Release);
        let unstored = std::mem::take(&mut *locked(&self.unstored));
        if let Some(disk) = &self.disk {
            for (key, entry) in unstored {
                disk.put(&key, &entry);
            }
        }
        let mut expected: Vec<(usize, Expected)> = (locked(&self.expected).iter())
            .map(|(&key, entry)| (key, entry.clone()))
            .collect();
        // The biggest photos first, so that the cores end together.
        expected.sort_by_key(|(key, (photo, _))| {
            let pixels = u64::from(photo.width) * u64::from(photo.height);
            (std::cmp::Reverse(pixels), *key)
        });
        crate::output::parallel_map(
            &expected,
            |_| false,
            |(_, (photo, sizes))| {
                let missing =
                    (sizes.iter()).find(|&&(w, profile)| !self.is_on_disk(photo, w, profile));
                if let Some(&(w, profile)) = missing {
                    self.get(photo, w, profile);
                }
            },
        );
    }

    /// Removes from the disk every resampled photo this build did not
    /// expect: to be called after a build that wrote (or kept) every
    /// document, so that nothing a later build of the same event needs
    /// goes. How many went.
    pub fn sweep(&self) -> usize {
        let Some(disk) = &self.disk else {
            return 0;
        };
        let expected: Vec<(Arc<Photo>, Vec<Size>)> =
            locked(&self.expected).values().cloned().collect();
        let keep = (expected.iter())
            .flat_map(|(photo, sizes)| sizes.iter().map(move |&size| (photo, size)))
            .filter_map(|(photo, (w, profile))| Some(self.disk_entry(photo, w, profile)?.1))
            .collect();
        disk.retain(&keep)
    }

    /// Whether an earlier build kept the photo at width `w` on disk.
    fn is_on_disk(&self, photo: &Arc<Photo>, w: u32, profile: Profile) -> bool {
        (self.disk_entry(photo, w, profile)).is_some_and(|(disk, key)| disk.has(&key))
    }

    /// Where the photo at width `w` is kept on disk, if it can be: the
    /// store and its key there (only photos without transparency are).
    fn disk_entry(
        &self,
        photo: &Arc<Photo>,
        w: u32,
        profile: Profile,
    ) -> Option<(&super::store::Store, String)> {
        let disk = self.disk.as_ref().filter(|_| opaque(photo))?;
        let key = disk_key(&self.fingerprint(photo), w, height(photo, w), profile);
        Some((disk, key))
    }

    /// Makes, on every core, the sizes foreseen for `uses` (a photo, the
    /// rectangle it is drawn over, who for) that are neither made nor kept
    /// on disk, each photo decoded once, and decodes the photos of `check`
    /// that nothing resamples: started while the documents are laid out,
    /// so that their photos are ready when they are written. Nothing is
    /// noted as expected (the documents still say what they need). Returns
    /// the photos that did not decode, each with the decoder's words.
    pub fn make_ahead(
        &self,
        uses: &[(Arc<Photo>, crate::geom::Rect, Profile)],
        check: &[Arc<Photo>],
    ) -> Vec<Undecodable> {
        // Each photo, the sizes to make of it, and whether it must be
        // decoded even if none is.
        let mut unchecked: std::collections::HashSet<usize> = check.iter().map(key).collect();
        let mut jobs: Vec<(Arc<Photo>, Vec<Size>, bool)> = (self.foreseen(uses).into_iter())
            .map(|(photo, sizes)| {
                let sizes = (sizes.into_iter())
                    .filter(|&(w, profile)| !self.is_on_disk(&photo, w, profile))
                    .collect();
                let check = unchecked.remove(&key(&photo));
                (photo, sizes, check)
            })
            .collect();
        let only_checked = check.iter().filter(|photo| unchecked.remove(&key(photo)));
        jobs.extend(only_checked.map(|photo| (photo.clone(), Vec::new(), true)));
        jobs.retain(|(_, sizes, check)| *check || !sizes.is_empty());
        jobs.sort_by_key(|(photo, _, _)| {
            std::cmp::Reverse(u64::from(photo.width) * u64::from(photo.height))
        });
        let failed = crate::output::parallel_map(
            &jobs,
            |_| false,
            |(photo, sizes, check)| {
                let slot = self.slot(photo);
                let mut made = locked(&slot.made);
                let mut pixels = None;
                if *check {
                    pixels = Some(decode(&slot.photo));
                }
                self.make_all(&slot.photo, &mut made, sizes, &mut pixels);
                match pixels {
                    Some(Err(why)) => Some((photo.clone(), why)),
                    _ => None,
                }
            },
        );
        failed.into_iter().flatten().collect()
    }

    /// Each photo of `uses` (a photo, the rectangle it is drawn over, who
    /// for) and the sizes they need, in order of first use (as planned:
    /// [`Resampled::plan`]).
    pub fn foreseen(&self, uses: &[(Arc<Photo>, crate::geom::Rect, Profile)]) -> Vec<Expected> {
        let mut foreseen: Vec<Expected> = Vec::new();
        let mut index: HashMap<usize, usize> = HashMap::new();
        for (photo, rect, profile) in uses {
            let Some((w, profile)) = self.size(photo, inches_wide(photo, *rect), *profile) else {
                continue;
            };
            let k = *index.entry(key(photo)).or_insert_with(|| {
                foreseen.push((photo.clone(), Vec::new()));
                foreseen.len() - 1
            });
            if !foreseen[k].1.contains(&(w, profile)) {
                foreseen[k].1.push((w, profile));
            }
        }
        foreseen
    }

    /// The sizes noted as expected so far ([`Resampled::expect`]).
    #[cfg(test)]
    pub fn expected(&self) -> Vec<Expected> {
        locked(&self.expected).values().cloned().collect()
    }

    /// The slot of `photo`'s sizes, made when first asked for.
    fn slot(&self, photo: &Arc<Photo>) -> Arc<Slot> {
        locked(&self.slots)
            .entry(key(photo))
            .or_insert_with(|| {
                Arc::new(Slot {
                    photo: photo.clone(),
                    made: Mutex::default(),
                })
            })
            .clone()
    }

    /// The photo `w` pixels wide (Lanczos-filtered when smaller), as a JPEG
    /// of the profile's quality unless it has transparency.
    fn get(&self, photo: &Arc<Photo>, w: u32, profile: Profile) -> Option<Arc<Photo>> {
        let slot = self.slot(photo);
        let mut made = locked(&slot.made);
        if let Some(hit) = made.get(&(w, profile)) {
            return hit.clone();
        }
        // Made here: this size, then every other size expected of the
        // photo that is neither made nor on disk, from one decoding.
        let others = locked(&self.expected)
            .get(&key(photo))
            .map(|(_, sizes)| sizes.clone())
            .unwrap_or_default();
        let sizes: Vec<Size> = std::iter::once((w, profile)).chain(others).collect();
        self.make_all(&slot.photo, &mut made, &sizes, &mut None);
        made.get(&(w, profile)).cloned().flatten()
    }

    /// Each of `sizes` not in `made` yet, taken from the disk or made, the
    /// photo decoded into `pixels` once for all of them (and only if one
    /// must be made and it is not decoded yet).
    fn make_all(
        &self,
        photo: &Arc<Photo>,
        made: &mut HashMap<Size, Option<Arc<Photo>>>,
        sizes: &[Size],
        pixels: &mut Option<Result<Pixels, String>>,
    ) {
        // The largest first, so that the pixels only the larger need can
        // go before the smaller are made (the order changes no bytes).
        let mut sizes = sizes.to_vec();
        sizes.sort_by_key(|&(w, profile)| (std::cmp::Reverse(w), profile == Profile::Print));
        for (k, &(w, profile)) in sizes.iter().enumerate() {
            if let std::collections::hash_map::Entry::Vacant(entry) = made.entry((w, profile)) {
                let got = self
                    .kept_on_disk(photo, w, profile)
                    .or_else(|| (self.make(photo, pixels, w, profile)).map(Arc::new));
                entry.insert(got);
            }
            if let (Some(Ok(pixels)), Some(&(next, _))) = (pixels.as_mut(), sizes.get(k + 1)) {
                pixels.keep_for(next);
            }
        }
    }

    /// The SHA-256 of a photo's pixels as stored (size, kind, bytes),
    /// taken once per build however many sizes and documents use it.
    pub fn fingerprint(&self, photo: &Arc<Photo>) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let k = key(photo);
        if let Some((_, d)) = locked(&self.fingerprints).get(&k) {
            return *d;
        }
        let mut h = Sha256::new();
        h.update(photo.width.to_le_bytes());
        h.update(photo.height.to_le_bytes());
        match &photo.data {
            PhotoData::Jpeg {
                bytes,
                components,
                inverted_cmyk,
            } => {
                h.update([0, *components, u8::from(*inverted_cmyk)]);
                h.update((bytes.len() as u64).to_le_bytes());
                h.update(bytes);
            }
            PhotoData::Raw {
                components,
                samples,
                alpha,
            } => {
                h.update([1, *components]);
                h.update((samples.len() as u64).to_le_bytes());
                h.update(samples);
                if let Some(alpha) = alpha {
                    h.update(alpha);
                }
            }
        }
        let d: [u8; 32] = h.finalize().into();
        locked(&self.fingerprints).insert(k, (photo.clone(), d));
        d
    }

    /// The photo at width `w` as an earlier build stored it, if it did.
    /// Only JPEG results are kept (transparent photos stay samples and are
    /// rare).
    fn kept_on_disk(&self, photo: &Arc<Photo>, w: u32, profile: Profile) -> Option<Arc<Photo>> {
        let (disk, key) = self.disk_entry(photo, w, profile)?;
        let h = height(photo, w);
        // An entry is the number of components, then the JPEG, whole.
        let whole = |b: &[u8]| {
            b.len() > 4
                && matches!(b[0], 1 | 3)
                && b[1..3] == [0xFF, 0xD8]
                && b.ends_with(&[0xFF, 0xD9])
        };
        let entry = disk.get(&key, whole)?;
        Some(Arc::new(Photo {
            path: photo.path.clone(),
            width: w,
            height: h,
            data: PhotoData::Jpeg {
                components: entry[0],
                bytes: entry[1..].to_vec(),
                inverted_cmyk: false,
            },
        }))
    }

    /// The photo resampled to width `w`, from its pixels (decoded into
    /// `pixels` by the first size that needs them), and stored on disk.
    fn make(
        &self,
        photo: &Arc<Photo>,
        pixels: &mut Option<Result<Pixels, String>>,
        w: u32,
        profile: Profile,
    ) -> Option<Photo> {
        let pixels = pixels.get_or_insert_with(|| decode(photo)).as_mut().ok()?;
        let made = resample(photo, pixels, w, height(photo, w), profile)?;
        if let (
            Some((disk, key)),
            PhotoData::Jpeg {
                bytes, components, ..
            },
        ) = (self.disk_entry(photo, w, profile), &made.data)
        {
            let entry = [&[*components][..], bytes].concat();
            match self.storing.load(std::sync::atomic::Ordering::Acquire) {
                true => disk.put(&key, &entry),
                false => locked(&self.unstored).push((key, entry)),
            }
        }
        Some(made)
    }
}

/// What a photo is known by in a build's maps: its address (the maps hold
/// the photo, so no other can take it).
fn key(photo: &Arc<Photo>) -> usize {
    Arc::as_ptr(photo) as usize
}

/// Whether a photo has no transparency (only those are kept on disk).
fn opaque(photo: &Photo) -> bool {
    !matches!(&photo.data, PhotoData::Raw { alpha: Some(_), .. })
}

/// The height of a photo scaled to width `w`.
fn height(photo: &Photo, w: u32) -> u32 {
    ((f64::from(w) * f64::from(photo.height) / f64::from(photo.width)).round() as u32).max(1)
}

/// What a resampled photo is made from: the source's pixels as stored
/// (their fingerprint), the target size and the profile.
fn disk_key(source: &[u8; 32], w: u32, h: u32, profile: Profile) -> String {
    super::store::Key::new()
        .part(
            &[u32::from(profile.quality()), w, h]
                .map(u32::to_le_bytes)
                .concat(),
        )
        .part(&[u8::from(profile == Profile::Print)])
        .part(source)
        .finish()
}

/// A photo's pixels as decoded, and halvings of them made as the sizes
/// asked for need them.
struct Pixels {
    /// 1 (grey) or 3 (RGB).
    components: u8,
    /// The opacity of each pixel as decoded, if it has any transparency.
    alpha: Option<Vec<u8>>,
    /// The samples as decoded, then each half the size of the one before
    /// (width, height, samples).
    levels: Vec<(u32, u32, Vec<u8>)>,
}

impl Pixels {
    /// The samples a photo `w` pixels wide is resampled from: the smallest
    /// halving still at least twice as wide, or the photo as decoded. A
    /// camera's photo (4000 pixels across) was filtered in full for each
    /// of its three sizes, a third of a real event's first build; halved
    /// first (each pixel the mean of four, as Pillow reduces before it
    /// resamples), its sizes are filtered from a quarter of the pixels or
    /// fewer, the filter still reducing by two or more. Which
    /// samples depends only on the photo and `w`, never on what else was
    /// made: the same bytes whatever sizes a build asks for. (A photo with
    /// transparency is always resampled as decoded: its mask must match.)
    fn source(&mut self, w: u32) -> Option<&(u32, u32, Vec<u8>)> {
        if self.alpha.is_none() {
            while let Some(&(lw, lh, _)) = self.levels.last()
                && lw.div_ceil(2) >= 2 * w
            {
                let last = self.levels.last()?;
                let half = halve(&last.2, usize::from(self.components), (lw, lh));
                self.levels.push((lw.div_ceil(2), lh.div_ceil(2), half));
            }
        }
        self.levels.get(self.pick(w))
    }

    /// Which of the levels made so far a photo `w` pixels wide is
    /// resampled from.
    fn pick(&self, w: u32) -> usize {
        (self.levels.iter())
            .rposition(|l| l.0 >= 2 * w)
            .unwrap_or(0)
    }

    /// Lets go of the levels no photo of at most `w` pixels wide is made
    /// from: those larger than its source (the last level stays, the
    /// smaller ones are made from it). A camera's decoded photo is 36 MB.
    fn keep_for(&mut self, w: u32) {
        let first = self.pick(w);
        for level in &mut self.levels[..first] {
            spare::give(std::mem::take(&mut level.2));
        }
    }
}

impl Drop for Pixels {
    fn drop(&mut self) {
        for level in &mut self.levels {
            spare::give(std::mem::take(&mut level.2));
        }
    }
}

/// Buffers for decoded and halved samples, kept by each thread that makes
/// photos for the next photo it makes: a camera's photo decodes to 36 MB,
/// and memory taken afresh for each photo was faulted in and zeroed each
/// time (the allocator keeps freed memory a while rather than handing it
/// back, so every photo took new pages). Freed with their thread.
mod spare {
    use std::cell::RefCell;

    /// Buffers a thread keeps: a photo's decoding and its halvings.
    const KEPT: usize = 4;

    thread_local! {
        static POOL: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer of `len` bytes (what they hold is left from earlier use:
    /// the caller writes every one).
    pub fn take(len: usize) -> Vec<u8> {
        let mut buf = POOL.with_borrow_mut(|pool| {
            // The smallest that holds `len`, else the largest.
            let fits = (0..pool.len())
                .filter(|&i| pool[i].capacity() >= len)
                .min_by_key(|&i| pool[i].capacity());
            let pick = fits.or_else(|| (0..pool.len()).max_by_key(|&i| pool[i].capacity()));
            pick.map(|i| pool.swap_remove(i)).unwrap_or_default()
        });
        if buf.len() < len {
            buf.resize(len, 0);
        }
        buf.truncate(len);
        buf
    }

    /// Keeps `buf` for the thread's next [`take`], unless the largest
    /// [`KEPT`] are larger.
    pub fn give(buf: Vec<u8>) {
        if buf.capacity() == 0 {
            return;
        }
        POOL.with_borrow_mut(|pool| {
            pool.push(buf);
            if pool.len() > KEPT {
                let smallest = (0..pool.len()).min_by_key(|&i| pool[i].capacity());
                if let Some(i) = smallest {
                    pool.swap_remove(i);
                }
            }
        });
    }
}

/// `samples` (`components` a pixel, `w` × `h`) at half the size, each
/// pixel the rounded mean of the four it covers (an odd last column or
/// row is its own neighbour). Integer arithmetic: the same on every CPU.
fn halve(samples: &[u8], components: usize, (w, h): (u32, u32)) -> Vec<u8> {
    let (w, h) = (w as usize, h as usize);
    let (hw, hh) = (w.div_ceil(2), h.div_ceil(2));
    let (row, c) = (w * components, components);
    // Every byte is written below.
    let mut out = spare::take(hw * hh * c);
    // Two rows summed first (a loop the compiler vectorises), then pairs
    // of pixels across.
    let mut sums = vec![0u16; row];
    for (y, out_row) in out.chunks_exact_mut(hw * c).enumerate() {
        let top = &samples[2 * y * row..][..row];
        let bottom = &samples[(2 * y + 1).min(h - 1) * row..][..row];
        for ((s, &a), &b) in sums.iter_mut().zip(top).zip(bottom) {
            *s = u16::from(a) + u16::from(b);
        }
        let pairs = w / 2;
        match c {
            1 => pair_up::<1>(out_row, &sums),
            3 => pair_up::<3>(out_row, &sums),
            _ => {
                for (o, p) in (out_row.chunks_exact_mut(c)).zip(sums.chunks_exact(2 * c)) {
                    for k in 0..c {
                        o[k] = ((p[k] + p[c + k] + 2) / 4) as u8;
                    }
                }
            }
        }
        if w % 2 == 1 {
            let (o, p) = (&mut out_row[pairs * c..], &sums[2 * pairs * c..]);
            for k in 0..c {
                o[k] = ((2 * p[k] + 2) / 4) as u8;
            }
        }
    }
    out
}

/// Each pixel of `out` the rounded mean of two pixels across of `sums`
/// (each the sum of two rows): `C` components known when compiled, so
/// the loop is unrolled (it was a sixth of a camera photo's build).
fn pair_up<const C: usize>(out: &mut [u8], sums: &[u16]) {
    for (o, p) in out.chunks_exact_mut(C).zip(sums.chunks_exact(2 * C)) {
        for k in 0..C {
            o[k] = ((p[k] + p[C + k] + 2) / 4) as u8;
        }
    }
}

/// The photo's pixels, decoded once for all the sizes a build makes; or
/// the decoder's words on why it cannot be.
fn decode(photo: &Photo) -> Result<Pixels, String> {
    #[cfg(test)]
    tests::DECODES.with(|n| n.set(n.get() + 1));
    let (w, h) = (photo.width, photo.height);
    let pixels = |components, samples, alpha| Pixels {
        components,
        alpha,
        levels: vec![(w, h, samples)],
    };
    match &photo.data {
        PhotoData::Jpeg { bytes, .. } => {
            use image::ImageDecoder;
            let cursor = std::io::Cursor::new(bytes.as_slice());
            let mut decoder =
                image::codecs::jpeg::JpegDecoder::new(cursor).map_err(|e| e.to_string())?;
            // The limits `image::load_from_memory` decodes within.
            let mut limits = image::Limits::default();
            (limits.reserve(decoder.total_bytes()))
                .and_then(|()| decoder.set_limits(limits))
                .map_err(|e| e.to_string())?;
            // 8-bit grey or RGB (a JPEG nearly always is, CMYK comes as
            // RGB) decoded into a buffer this thread kept (see `spare`).
            let components = match decoder.color_type() {
                image::ColorType::L8 => 1,
                image::ColorType::Rgb8 => 3,
                _ => {
                    let img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
                    return Ok(pixels(3, img.to_rgb8().into_raw(), None));
                }
            };
            let len = usize::try_from(decoder.total_bytes()).map_err(|e| e.to_string())?;
            let mut samples = spare::take(len);
            decoder
                .read_image(&mut samples)
                .map_err(|e| e.to_string())?;
            Ok(pixels(components, samples, None))
        }
        PhotoData::Raw {
            components,
            samples,
            alpha,
        } => Ok(pixels(*components, samples.clone(), alpha.clone())),
    }
}

fn resample(photo: &Photo, pixels: &mut Pixels, w: u32, h: u32, profile: Profile) -> Option<Photo> {
    let components = pixels.components;
    let (w0, h0) = (photo.width, photo.height);
    let alpha = match &pixels.alpha {
        Some(mask) => Some(lanczos(mask, 1, (w0, h0), (w, h))?),
        None => None,
    };
    let (lw, lh, source) = pixels.source(w)?;
    let samples = lanczos(source, components, (*lw, *lh), (w, h))?;
    let data = match alpha {
        // Transparency stays samples with a soft mask of its own size.
        Some(alpha) => PhotoData::Raw {
            components,
            samples,
            alpha: Some(alpha),
        },
        None => {
            let encoded = jpeg(&samples, components, (w, h), profile.quality());
            spare::give(samples);
            encoded?
        }
    };
    Some(Photo {
        path: photo.path.clone(),
        width: w,
        height: h,
        data,
    })
}

/// `samples` (grey or RGB, `from` pixels) resampled to `to` with a
/// Lanczos-3 filter, by `fast_image_resize`: SIMD where the CPU has it,
/// several times faster than the `image` crate's filter, which was most of
/// a small event's first build. Its 8-bit path is fixed-point integer
/// arithmetic, so every CPU gets the same pixels (checked by a test).
fn lanczos(samples: &[u8], components: u8, from: (u32, u32), to: (u32, u32)) -> Option<Vec<u8>> {
    use fast_image_resize as fr;
    if from == to {
        return Some(samples.to_vec());
    }
    let pixel = match components {
        1 => fr::PixelType::U8,
        _ => fr::PixelType::U8x3,
    };
    let src = fr::images::ImageRef::new(from.0, from.1, samples, pixel).ok()?;
    // Into a buffer this thread kept (see `spare`): a new one for each
    // size was faulted in and zeroed, a quarter of a small event's page
    // faults. Every byte is written by the resampling.
    let len = to.0 as usize * to.1 as usize * pixel.size();
    let mut dst = fr::images::Image::from_vec_u8(to.0, to.1, spare::take(len), pixel).ok()?;
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(lanczos3_filter()));
    // One resizer per thread: its buffer for the pass between the two
    // directions (most of what a resampling allocates) is kept for the
    // thread's next photo rather than made and touched afresh each time.
    thread_local! {
        static RESIZER: std::cell::RefCell<fr::Resizer> = std::cell::RefCell::new(fr::Resizer::new());
    }
    RESIZER
        .with_borrow_mut(|resizer| resizer.resize(&src, &mut dst, &options))
        .ok()?;
    Some(dst.into_vec())
}

/// The Lanczos-3 filter with our own weights ([`lanczos3`]).
fn lanczos3_filter() -> fast_image_resize::FilterType {
    use fast_image_resize::{Filter, FilterType};
    Filter::new("Lanczos3", lanczos3, 3.0).map_or(FilterType::Lanczos3, FilterType::Custom)
}

/// The Lanczos-3 kernel, sinc(x)·sinc(x/3), from one sine of our own
/// ([`sine`]) instead of two of the C library's. The filter's weights are
/// computed for every photo and size: the library's two sines a weight
/// were a twelfth of a small event's photo work, and which of its sines a
/// CPU gets (with or without fused multiply-add) may round differently in
/// the last place, which can move a weight's fixed-point rounding. With
/// t = πx/3: sin(πx) = sin 3t = sin t · (3 − 4 sin²t), so the kernel is
/// sin 3t · sin t / 3t².
fn lanczos3(x: f64) -> f64 {
    if x == 0.0 {
        return 1.0;
    }
    if !(-3.0..3.0).contains(&x) {
        return 0.0;
    }
    let t = x * (std::f64::consts::PI / 3.0);
    let s = sine(t);
    s * (3.0 - 4.0 * s * s) * s / (3.0 * t * t)
}

/// sin t for |t| ≤ π, within 1e-11: folded into [−π/2, π/2] and summed as
/// Taylor's series to t¹⁵, plain multiplications and additions (no fused
/// multiply-add: Rust does not contract them), so every CPU gets the same
/// bits.
fn sine(t: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, PI};
    let u = if t > FRAC_PI_2 {
        PI - t
    } else if t < -FRAC_PI_2 {
        -PI - t
    } else {
        t
    };
    let u2 = u * u;
    // 1/3!, 1/5!, … 1/15!, alternating.
    const C: [f64; 7] = [
        -1.0 / 6.0,
        1.0 / 120.0,
        -1.0 / 5040.0,
        1.0 / 362_880.0,
        -1.0 / 39_916_800.0,
        1.0 / 6_227_020_800.0,
        -1.0 / 1_307_674_368_000.0,
    ];
    let mut p = C[6];
    for c in C[..6].iter().rev() {
        p = p * u2 + c;
    }
    u + u * u2 * p
}

/// Samples (grey or RGB) as a JPEG of `quality`, by `jpeg-encoder` (an
/// integer DCT after libjpeg's: the same bytes on every machine, and
/// several times faster than the `image` crate's encoder, which was most
/// of a small event's first build). Colour at half resolution (4:2:0, as
/// libjpeg does at any quality and cameras do): the encoder's default above
/// quality 90 is full-resolution colour, which at 300 ppi prints no finer
/// (the eye resolves colour far less finely than brightness) but made print
/// photos a third bigger and slower to encode.
fn jpeg(samples: &[u8], components: u8, (w, h): (u32, u32), quality: u8) -> Option<PhotoData> {
    let (w, h) = (u16::try_from(w).ok()?, u16::try_from(h).ok()?);
    let colour = match components {
        1 => jpeg_encoder::ColorType::Luma,
        _ => jpeg_encoder::ColorType::Rgb,
    };
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
    encoder.encode(samples, w, h, colour).ok()?;
    Some(PhotoData::Jpeg {
        bytes,
        components,
        inverted_cmyk: false,
    })
}

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

fn colour_space(components: u8) -> DictItem {
    name(match components {
        1 => "DeviceGray",
        4 => "DeviceCMYK",
        _ => "DeviceRGB",
    })
}

fn xobject(photo: &Photo) -> (ExternalXObject, Option<Vec<u8>>) {
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), DictItem::Int(i64::from(photo.width)));
    dict.insert("Height".to_string(), DictItem::Int(i64::from(photo.height)));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    let (content, compress, mask) = match &photo.data {
        PhotoData::Jpeg {
            bytes,
            components,
            inverted_cmyk,
        } => {
            dict.insert("ColorSpace".to_string(), colour_space(*components));
            dict.insert("Filter".to_string(), name("DCTDecode"));
            if *inverted_cmyk {
                let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
                dict.insert("Decode".to_string(), DictItem::Array(decode));
            }
            (bytes.clone(), false, None)
        }
        PhotoData::Raw {
            components,
            samples,
            alpha,
        } => {
            dict.insert("ColorSpace".to_string(), colour_space(*components));
            (samples.clone(), true, alpha.clone())
        }
    };
    (
        ExternalXObject {
            stream: ExternalStream {
                dict,
                content,
                compress,
            },
            width: None,
            height: None,
            dpi: None,
        },
        mask,
    )
}

#[cfg(test)]
mod tests {
    use super::{Profile, Resampled};
    use crate::geom::{Pt, Rect, Size};
    use crate::layout::{Document, Frame, Item, Shape};
    use crate::model::{Photo, PhotoData};
    use fast_image_resize as fr;
    use std::sync::Arc;

    thread_local! {
        /// Photos decoded on this thread.
        pub static DECODES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// A page showing `photo` `w` points wide.
    fn page_with(photo: &Arc<Photo>, w: f64) -> Document {
        let mut frame = Frame::new(Size::new(Pt(400.0), Pt(400.0)));
        let rect = Rect::new(Pt(10.0), Pt(10.0), Pt(w), Pt(w * 4.0 / 3.0));
        frame.items.push(Item::Image {
            photo: photo.clone(),
            rect,
            clip: rect,
            shape: Shape::Rect,
        });
        Document {
            pages: vec![Arc::new(frame)],
            ..Document::default()
        }
    }

    /// A screen use takes the size made for print when it prints at 150
    /// to 180 ppi, planned before anything is asked for: the documents
    /// and the forecast agree, and nothing else changes.
    #[test]
    fn screen_uses_take_a_print_size_within_their_range() {
        let photo = photo_600x800();
        let rect = |w: f64| Rect::new(Pt(0.0), Pt(0.0), Pt(w), Pt(w * 4.0 / 3.0));
        // The booklet's photo 85 pt wide: 355 px for print (300 ppi).
        let (booklet, badge, big) = (85.0, 148.0, 190.0);
        let uses = [
            (photo.clone(), rect(booklet), Profile::Print),
            (photo.clone(), rect(booklet), Profile::Screen),
            (photo.clone(), rect(badge), Profile::Screen),
            (photo.clone(), rect(big), Profile::Screen),
        ];
        let planned = Resampled::default();
        planned.plan(&uses);
        let inches = |w: f64| w / 72.0;
        // The badge (2.06 in) wants 309 px at 150 ppi; 355 px is 173 ppi.
        assert_eq!(
            planned.size(&photo, inches(badge), Profile::Screen),
            Some((355, Profile::Print))
        );
        // Too small for the booklet's screen use (300 ppi), too large a
        // stand-in for nothing, and 355 px is 135 ppi at 190 pt: too few.
        assert_eq!(
            planned.size(&photo, inches(booklet), Profile::Screen),
            Some((178, Profile::Screen))
        );
        assert_eq!(
            planned.size(&photo, inches(big), Profile::Screen),
            Some((396, Profile::Screen))
        );
        // Unplanned, every use has its own size.
        let alone = Resampled::default();
        assert_eq!(
            alone.size(&photo, inches(badge), Profile::Screen),
            Some((309, Profile::Screen))
        );
        // The forecast is what the documents then ask for.
        let foreseen = planned.foreseen(&uses);
        assert_eq!(foreseen.len(), 1);
        assert_eq!(
            foreseen[0].1,
            [
                (355, Profile::Print),
                (178, Profile::Screen),
                (396, Profile::Screen)
            ]
        );
        for (w, profile) in [
            (booklet, Profile::Print),
            (booklet, Profile::Screen),
            (badge, Profile::Screen),
        ] {
            planned.expect(&page_with(&photo, w), profile);
        }
        let expected = planned.expected();
        assert_eq!(
            expected[0].1,
            [(355, Profile::Print), (178, Profile::Screen)]
        );
        // Print keeps a CMYK JPEG as it is, whatever its size: its screen
        // uses have sizes of their own (in RGB).
        let cmyk = Arc::new(Photo {
            path: "cmyk.jpg".into(),
            width: photo.width,
            height: photo.height,
            data: PhotoData::Jpeg {
                bytes: Vec::new(),
                components: 4,
                inverted_cmyk: false,
            },
        });
        let uses = [
            (cmyk.clone(), rect(booklet), Profile::Print),
            (cmyk.clone(), rect(badge), Profile::Screen),
        ];
        let planned = Resampled::default();
        planned.plan(&uses);
        assert!(planned.planned(&cmyk).is_empty());
        assert_eq!(
            planned.size(&cmyk, inches(badge), Profile::Screen),
            Some((309, Profile::Screen))
        );
    }

    /// A photo wanted at three sizes (booklet for print and screen, badge
    /// for screen) is decoded once, and each size comes out as if it had
    /// been made alone.
    #[test]
    fn a_photo_is_decoded_once_for_every_size_expected() {
        let photo = photo_600x800();
        let (booklet, badge) = (page_with(&photo, 85.0), page_with(&photo, 120.0));
        let cache = Resampled::default();
        cache.expect(&booklet, Profile::Print);
        cache.expect(&booklet, Profile::Screen);
        cache.expect(&badge, Profile::Screen);
        let size = |doc: &Document, p: Profile| {
            let (_, inches) = &super::largest(doc)[0];
            (super::target(&photo, *inches, p).unwrap(), p)
        };
        let sizes = [
            size(&booklet, Profile::Print),
            size(&booklet, Profile::Screen),
            size(&badge, Profile::Screen),
        ];
        assert_eq!(sizes.map(|s| s.0)[..2], [355, 178]);
        let before = DECODES.with(|n| n.get());
        let made: Vec<_> = (sizes.iter())
            .map(|&(w, p)| cache.get(&photo, w, p).expect("resampled"))
            .collect();
        assert_eq!(DECODES.with(|n| n.get()) - before, 1);
        for (&(w, p), made) in sizes.iter().zip(&made) {
            assert_eq!(made.width, w);
            let alone = Resampled::default().get(&photo, w, p).expect("resampled");
            assert_eq!(**made, *alone, "{w} px for {p:?}");
        }
        // Asked again: nothing decoded.
        cache.get(&photo, sizes[1].0, Profile::Screen);
        assert_eq!(DECODES.with(|n| n.get()) - before, 1 + sizes.len());
        assert!(matches!(made[0].data, PhotoData::Jpeg { .. }));
    }

    /// A 600 × 800 JPEG with some detail.
    fn photo_600x800() -> Arc<Photo> {
        let (w, h) = (600u32, 800u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % w) as u8, (i / w % 256) as u8, (i % 7 * 30) as u8])
            .collect();
        let Some(jpeg) = super::jpeg(&rgb, 3, (w, h), 92) else {
            panic!("no JPEG")
        };
        Arc::new(Photo {
            path: "p.jpg".into(),
            width: w,
            height: h,
            data: jpeg,
        })
    }

    /// Made ahead (on other threads), every expected size is there when a
    /// document asks for it: nothing is decoded then, and each is what
    /// asking alone makes.
    #[test]
    fn expected_sizes_are_made_ahead() {
        let photo = photo_600x800();
        let other = photo_600x800();
        let cache = Resampled::default();
        let (booklet, badge) = (page_with(&photo, 85.0), page_with(&other, 120.0));
        cache.expect(&booklet, Profile::Print);
        cache.expect(&booklet, Profile::Screen);
        cache.expect(&badge, Profile::Screen);
        cache.make_expected();
        let before = DECODES.with(|n| n.get());
        let width = |doc: &Document, profile| {
            let (photo, inches) = &super::largest(doc)[0];
            super::target(photo, *inches, profile).unwrap()
        };
        let made = [
            (&photo, width(&booklet, Profile::Print), Profile::Print),
            (&photo, width(&booklet, Profile::Screen), Profile::Screen),
            (&other, width(&badge, Profile::Screen), Profile::Screen),
        ]
        .map(|(p, w, profile)| (cache.get(p, w, profile).expect("made"), p, w, profile));
        assert_eq!(DECODES.with(|n| n.get()), before, "made ahead, not now");
        for (made, p, w, profile) in made {
            let alone = Resampled::default().get(p, w, profile).expect("made");
            assert_eq!(*made, *alone, "{w} px for {profile:?}");
        }
    }

    /// A photo resampled on a CPU without SIMD must come out exactly as on
    /// this one: same inputs, same bytes, on every machine.
    #[test]
    fn lanczos_gives_the_same_pixels_on_every_cpu() {
        let (w0, h0) = (97u32, 131u32);
        let rgb: Vec<u8> = (0..w0 * h0 * 3).map(|i| (i * 7919 % 251) as u8).collect();
        let grey: Vec<u8> = (0..w0 * h0).map(|i| (i * 31 % 256) as u8).collect();
        for (samples, components, pixel) in [
            (&rgb, 3, fr::PixelType::U8x3),
            (&grey, 1, fr::PixelType::U8),
        ] {
            let fast = super::lanczos(samples, components, (w0, h0), (40, 53)).unwrap();
            let src = fr::images::ImageRef::new(w0, h0, samples, pixel).unwrap();
            let mut dst = fr::images::Image::new(40, 53, pixel);
            let mut scalar = fr::Resizer::new();
            // SAFETY: no extension at all is supported by every CPU.
            unsafe { scalar.set_cpu_extensions(fr::CpuExtensions::None) };
            let options = fr::ResizeOptions::new()
                .resize_alg(fr::ResizeAlg::Convolution(super::lanczos3_filter()));
            scalar.resize(&src, &mut dst, &options).unwrap();
            assert_eq!(fast.len(), 40 * 53 * usize::from(components));
            assert_eq!(fast, dst.into_vec(), "{components} components");
        }
    }

    /// Grey and colour photos encode to JPEGs that decode to what went in
    /// (within JPEG's loss at quality 92).
    #[test]
    fn jpegs_decode_to_their_pixels() {
        let (w, h) = (64u32, 48u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % w * 4) as u8, (i / w * 5) as u8, 128])
            .collect();
        let grey: Vec<u8> = (0..w * h).map(|i| (i % w * 4) as u8).collect();
        for (samples, components) in [(&rgb, 3u8), (&grey, 1)] {
            let Some(crate::model::PhotoData::Jpeg { bytes, .. }) =
                super::jpeg(samples, components, (w, h), 92)
            else {
                panic!("no JPEG")
            };
            if components == 3 {
                assert_eq!(sampling(&bytes), [0x22, 0x11, 0x11], "4:2:0");
            }
            let back = image::load_from_memory(&bytes).unwrap();
            assert_eq!((back.width(), back.height()), (w, h));
            let back = match components {
                1 => back.to_luma8().into_raw(),
                _ => back.to_rgb8().into_raw(),
            };
            let error = (samples.iter().zip(&back))
                .map(|(&a, &b)| f64::from(a.abs_diff(b)))
                .sum::<f64>()
                / samples.len() as f64;
            assert!(error < 3.0, "{components} components: mean error {error}");
        }
    }

    /// Each component's sampling factors, from a baseline JPEG's frame header.
    fn sampling(jpeg: &[u8]) -> Vec<u8> {
        let sof = jpeg
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .expect("SOF0");
        let n = usize::from(jpeg[sof + 9]);
        (0..n).map(|k| jpeg[sof + 10 + 3 * k + 1]).collect()
    }

    /// Halving takes the rounded mean of each four pixels, an odd last
    /// column or row its own neighbour.
    #[test]
    fn halving_takes_the_mean_of_four() {
        let grey = [0, 10, 20, 30, 40, 50, 60, 70, 80];
        assert_eq!(super::halve(&grey, 1, (3, 3)), [20, 35, 65, 80]);
        let rgb = [0, 0, 0, 255, 255, 255, 1, 2, 3, 4, 5, 6];
        assert_eq!(super::halve(&rgb, 3, (2, 2)), [65, 66, 66]);
    }

    /// A photo many times larger than a size asked for is resampled from a
    /// halving of it: which one depends on that size alone, so the bytes
    /// are the same whatever else is made from the same decoding, and
    /// they differ from filtering the whole photo by less than a level.
    #[test]
    fn large_photos_are_halved_first_the_same_whatever_else_is_made() {
        let (w, h) = (1200u32, 1600u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let (x, y) = (i % w, i / w);
                [
                    (x / 3 % 256) as u8,
                    (y / 5 % 256) as u8,
                    ((x ^ y) % 97 + 80) as u8,
                ]
            })
            .collect();
        let photo = Photo {
            path: "big.png".into(),
            width: w,
            height: h,
            data: PhotoData::Raw {
                components: 3,
                samples: rgb.clone(),
                alpha: None,
            },
        };
        let mut alone = super::decode(&photo).unwrap();
        let (lw, lh, from_alone) = alone.source(150).unwrap().clone();
        assert_eq!(
            (lw, lh),
            (300, 400),
            "the smallest halving at least 300 wide"
        );
        let mut shared = super::decode(&photo).unwrap();
        shared.source(500).unwrap();
        shared.keep_for(400);
        shared.source(400).unwrap();
        shared.keep_for(150);
        assert_eq!(shared.source(150).unwrap(), &(lw, lh, from_alone.clone()));
        // Close to the whole photo filtered at once.
        let via = super::lanczos(&from_alone, 3, (lw, lh), (150, 200)).unwrap();
        let direct = super::lanczos(&rgb, 3, (w, h), (150, 200)).unwrap();
        let error = (via.iter().zip(&direct))
            .map(|(&a, &b)| f64::from(a.abs_diff(b)))
            .sum::<f64>()
            / via.len() as f64;
        assert!(error < 1.5, "mean difference {error}");
        // A photo no larger than twice the size is filtered as decoded.
        assert_eq!(alone.source(700).unwrap().0, w);
    }

    /// Our sine and kernel are the C library's within rounding, and the
    /// kernel is 1 at 0 and 0 from ±3 on.
    #[test]
    fn lanczos_kernel_is_sinc_times_sinc() {
        use std::f64::consts::PI;
        let sinc = |x: f64| {
            if x == 0.0 {
                1.0
            } else {
                (PI * x).sin() / (PI * x)
            }
        };
        for i in -3000..=3000 {
            let x = f64::from(i) / 1000.0;
            let t = x * PI / 3.0;
            assert!((super::sine(t) - t.sin()).abs() < 1e-11, "sin {t}");
            let want = if x.abs() < 3.0 {
                sinc(x) * sinc(x / 3.0)
            } else {
                0.0
            };
            assert!((super::lanczos3(x) - want).abs() < 1e-11, "lanczos {x}");
        }
        assert_eq!(super::lanczos3(0.0), 1.0);
        assert_eq!(super::lanczos3(3.0), 0.0);
        assert_eq!(super::lanczos3(-3.5), 0.0);
        // The weights differ from the library's Lanczos-3 in no pixel of a
        // photo-like image.
        let (w0, h0) = (150u32, 200u32);
        let rgb: Vec<u8> = (0..w0 * h0 * 3)
            .map(|i| ((i / 3 % w0) * 255 / w0 + (i / 3 / w0) % 7) as u8)
            .collect();
        let ours = super::lanczos(&rgb, 3, (w0, h0), (89, 118)).unwrap();
        let src = fr::images::ImageRef::new(w0, h0, &rgb, fr::PixelType::U8x3).unwrap();
        let mut dst = fr::images::Image::new(89, 118, fr::PixelType::U8x3);
        let options = fr::ResizeOptions::new()
            .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
        fr::Resizer::new().resize(&src, &mut dst, &options).unwrap();
        assert_eq!(ours, dst.into_vec());
    }

    /// A flat grey photo stays that grey: the filter is normalised.
    #[test]
    fn lanczos_keeps_flat_colour() {
        let flat = vec![128u8; 300 * 400 * 3];
        let small = super::lanczos(&flat, 3, (300, 400), (75, 100)).unwrap();
        assert!(small.iter().all(|&v| v == 128));
    }
}
