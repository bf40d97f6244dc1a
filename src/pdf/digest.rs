//! What a written file is made from, as one hash: every page's items,
//! the outline, labels and metadata, the fonts' and photos' bytes, the
//! write options, and the writer's own code. Two documents with the same
//! digest give the same PDF, so a build can keep a file an earlier build
//! wrote instead of writing it again (see `output::Memo`): most of a
//! rebuild after one speaker's edit is then not done at all.
//!
//! Floats go in by their bits, strings and lists with their lengths, so no
//! two different documents feed the same bytes.

use super::images::Resampled;
use crate::layout::{Document, Frame, Item, Shape, Stroke, Target};
use crate::model::Colour;
use crate::text::{FaceId, FontBook};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The writer's code and every crate's version: a new program rewrites
/// every file.
const WRITER: [&str; 10] = [
    env!("CARGO_PKG_VERSION"),
    include_str!("mod.rs"),
    include_str!("content.rs"),
    include_str!("fonts.rs"),
    include_str!("images.rs"),
    include_str!("post.rs"),
    include_str!("hash.rs"),
    include_str!("digest.rs"),
    include_str!("zlib.rs"),
    include_str!("../../Cargo.lock"),
];

/// Digests of the fonts and shared frames of one build, each taken once
/// however many documents use it (photos' are the photo cache's
/// fingerprints). Frames are keyed by address and held, so no other frame
/// can take the address.
#[derive(Default)]
pub struct Digests {
    writer: std::sync::OnceLock<[u8; 32]>,
    faces: Mutex<HashMap<FaceId, [u8; 32]>>,
    /// Frames shared by several documents (the booklet's pages in its
    /// imposed and screen copies and in proofs, badges on sheets), each
    /// hashed once.
    frames: Mutex<HashMap<usize, FrameDigest>>,
}

/// A frame, held so that its address stays its own, and its digest.
type FrameDigest = (Arc<Frame>, [u8; 32]);

impl std::fmt::Debug for Digests {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Digests")
    }
}

impl Digests {
    /// The digest of `doc` written with `options` and the fonts of `book`.
    pub fn of(&self, doc: &Document, book: &FontBook, options: &super::WriteOptions) -> [u8; 32] {
        let mut feed = Feed::new(book, &options.photos, self);
        feed.bytes(self.writer.get_or_init(|| {
            let mut h = Hasher::new();
            for part in WRITER {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
            h.finish()
        }));
        feed.str(&options.date);
        feed.u64(u64::from(options.profile == super::Profile::Screen));
        feed.document(doc);
        feed.finish()
    }

    fn face(&self, book: &FontBook, id: FaceId) -> [u8; 32] {
        let lock = || self.faces.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(d) = lock().get(&id) {
            return *d;
        }
        let face = book.face(id);
        let mut h = Hasher::new();
        h.update(face.postscript_name.as_bytes());
        h.update(&[0]);
        h.update(face.data.as_ref().as_ref());
        let d = h.finish();
        lock().insert(id, d);
        d
    }

    /// The digest of a frame (the pages of its sheets and badges by
    /// their own digests), taken once per build.
    pub(super) fn frame(
        &self,
        book: &FontBook,
        photos: &Resampled,
        frame: &Arc<Frame>,
    ) -> [u8; 32] {
        if let Some(sealed) = super::sealed_frame(frame) {
            return sealed.digest;
        }
        let key = Arc::as_ptr(frame) as usize;
        let lock = || self.frames.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, d)) = lock().get(&key) {
            return *d;
        }
        let mut feed = Feed::new(book, photos, self);
        feed.frame(frame);
        let d = feed.finish();
        lock().insert(key, (frame.clone(), d));
        d
    }

    /// [`Digests::frame`], neither taken from nor kept in the build's
    /// digests, nor its groups': for a page about to be sealed, which
    /// nothing may hold after.
    pub(super) fn frame_alone(
        &self,
        book: &FontBook,
        photos: &Resampled,
        frame: &Frame,
    ) -> [u8; 32] {
        if let Some(sealed) = super::sealed_frame(frame) {
            return sealed.digest;
        }
        let mut feed = Feed::new(book, photos, self);
        feed.alone = true;
        feed.frame(frame);
        feed.finish()
    }
}

/// The hash of digests: XXH3, 128 bits, twice with two seeds (256 bits,
/// as the memo and the files' /ID take them). A digest only tells whether
/// what a file is made from changed since the last build, never guards
/// against anyone: SHA-256 took 2 % of a build (a 1000-speaker booklet's
/// pages are 30 MB of glyphs to hash), XXH3 a tenth of that. The same
/// bytes on every machine (XXH3 is defined on bytes).
struct Hasher([xxhash_rust::xxh3::Xxh3; 2]);

impl Hasher {
    fn new() -> Hasher {
        use xxhash_rust::xxh3::Xxh3;
        Hasher([Xxh3::with_seed(0), Xxh3::with_seed(0x6f6f_6b6c_6574)])
    }

    fn update(&mut self, bytes: &[u8]) {
        for h in &mut self.0 {
            h.update(bytes);
        }
    }

    fn finish(&self) -> [u8; 32] {
        let mut d = [0; 32];
        for (half, h) in d.chunks_exact_mut(16).zip(&self.0) {
            half.copy_from_slice(&h.digest128().to_le_bytes());
        }
        d
    }
}

/// What goes into a digest, gathered in a buffer and hashed a block at a
/// time: fed to the hash eight bytes at a time, the calls cost more than the
/// hashing.
struct Feed<'a> {
    h: Hasher,
    buf: Vec<u8>,
    book: &'a FontBook,
    photos: &'a Resampled,
    digests: &'a Digests,
    /// Shared frames are hashed here, not taken from or kept in `digests`.
    alone: bool,
    /// The last face's digest: runs of one face follow each other, and
    /// each look-up in `digests` takes a lock.
    last_face: Option<(FaceId, [u8; 32])>,
}

/// Bytes gathered before they are hashed.
const FEED_BUFFER: usize = 16 * 1024;

impl<'a> Feed<'a> {
    fn new(book: &'a FontBook, photos: &'a Resampled, digests: &'a Digests) -> Feed<'a> {
        Feed {
            h: Hasher::new(),
            buf: Vec::with_capacity(FEED_BUFFER + 1024),
            book,
            photos,
            digests,
            alone: false,
            last_face: None,
        }
    }

    /// A face's digest ([`Digests::face`]).
    fn face(&mut self, id: FaceId) -> [u8; 32] {
        match self.last_face {
            Some((last, d)) if last == id => d,
            _ => {
                let d = self.digests.face(self.book, id);
                self.last_face = Some((id, d));
                d
            }
        }
    }

    fn finish(mut self) -> [u8; 32] {
        self.h.update(&self.buf);
        self.h.finish()
    }

    fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= FEED_BUFFER {
            self.h.update(&self.buf);
            self.buf.clear();
        }
    }

    fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    fn f64(&mut self, x: f64) {
        self.u64(x.to_bits());
    }

    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }

    fn document(&mut self, doc: &Document) {
        let info = &doc.info;
        for s in [&info.title, &info.author, &info.subject, &info.language] {
            self.str(s);
        }
        self.u64(info.keywords.len() as u64);
        for k in &info.keywords {
            self.str(k);
        }
        self.u64(doc.outline.len() as u64);
        for e in &doc.outline {
            self.str(&e.title);
            self.u64(e.page as u64);
            self.u64(u64::from(e.level));
        }
        self.u64(doc.page_labels.len() as u64);
        for l in &doc.page_labels {
            self.u64(l.page as u64);
            self.u64(u64::from(l.roman));
            self.u64(l.first as u64);
        }
        self.u64(doc.anchors.len() as u64);
        for &a in &doc.anchors {
            self.u64(a as u64);
        }
        self.u64(doc.pages.len() as u64);
        for page in &doc.pages {
            self.shared(page);
        }
    }

    /// A shared frame, by its digest.
    fn shared(&mut self, f: &Arc<Frame>) {
        let d = match self.alone {
            true => self.digests.frame_alone(self.book, self.photos, f),
            false => self.digests.frame(self.book, self.photos, f),
        };
        self.bytes(&d);
    }

    fn frame(&mut self, f: &Frame) {
        for x in [f.size.w, f.size.h, f.bleed, f.slug] {
            self.f64(x.0);
        }
        self.u64(f.items.len() as u64);
        for item in &f.items {
            self.item(item);
        }
    }

    fn point(&mut self, p: crate::geom::Point) {
        self.f64(p.x.0);
        self.f64(p.y.0);
    }

    fn rect(&mut self, r: crate::geom::Rect) {
        for x in [r.x, r.y, r.w, r.h] {
            self.f64(x.0);
        }
    }

    fn colour(&mut self, c: Colour) {
        match c {
            Colour::Rgb(r, g, b) => {
                self.u64(3);
                for x in [r, g, b] {
                    self.u64(u64::from(x.to_bits()));
                }
            }
            Colour::Cmyk(c, m, y, k) => {
                self.u64(4);
                for x in [c, m, y, k] {
                    self.u64(u64::from(x.to_bits()));
                }
            }
        }
    }

    fn stroke(&mut self, s: &Stroke) {
        self.colour(s.colour);
        self.f64(s.width.0);
    }

    fn shape(&mut self, s: Shape) {
        match s {
            Shape::Rect => self.u64(0),
            Shape::Rounded(r) => {
                self.u64(1);
                self.f64(r.0);
            }
            Shape::Circle => self.u64(2),
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Text { origin, run } => {
                self.u64(0);
                self.point(*origin);
                let face = self.face(run.face);
                self.bytes(&face);
                self.f64(run.size.0);
                self.colour(run.colour);
                self.f64(run.x.0);
                self.f64(run.scale);
                self.f64(run.width.0);
                self.u64(run.glyphs.len() as u64);
                // A glyph as it is stored, and what it reads as: its
                // length in a byte (255: in four more), then its bytes.
                // Straight into the buffer, full or not (it is emptied
                // after the run): a large booklet has millions of glyphs.
                for g in &run.glyphs {
                    let text = g.text.as_str().as_bytes();
                    self.buf.extend_from_slice(&g.stored());
                    match u8::try_from(text.len()) {
                        Ok(n) if n < u8::MAX => self.buf.push(n),
                        _ => {
                            self.buf.push(u8::MAX);
                            self.buf
                                .extend_from_slice(&(text.len() as u32).to_le_bytes());
                        }
                    }
                    self.buf.extend_from_slice(text);
                }
                self.bytes(&[]);
            }
            Item::Rect { rect, fill, stroke } => {
                self.u64(1);
                self.rect(*rect);
                match fill {
                    Some(c) => self.colour(*c),
                    None => self.u64(0),
                }
                match stroke {
                    Some(s) => self.stroke(s),
                    None => self.u64(0),
                }
            }
            Item::Line { from, to, stroke } => {
                self.u64(2);
                self.point(*from);
                self.point(*to);
                self.stroke(stroke);
            }
            Item::Fill { rect, shape, fill } => {
                self.u64(3);
                self.rect(*rect);
                self.shape(*shape);
                self.colour(*fill);
            }
            Item::Image {
                photo,
                rect,
                clip,
                shape,
            } => {
                self.u64(4);
                let d = self.photos.fingerprint(photo);
                self.bytes(&d);
                // A screen document may show a size made for print: which
                // ones this build makes (a build for the screen alone, or
                // the booklet's photo frame changed, makes others).
                let planned = self.photos.planned(photo);
                self.u64(planned.len() as u64);
                for w in planned {
                    self.u64(u64::from(w));
                }
                self.rect(*rect);
                self.rect(*clip);
                self.shape(*shape);
            }
            Item::Link { rect, target } => {
                self.u64(5);
                self.rect(*rect);
                match target {
                    Target::Uri(u) => self.str(u),
                    Target::Anchor(a) => {
                        self.u64(u64::MAX);
                        self.u64(*a as u64);
                    }
                }
            }
            Item::Group { origin, frame } => {
                self.u64(6);
                self.point(*origin);
                self.shared(frame);
            }
            Item::Sheet {
                origin,
                frame,
                clip,
                turned,
            } => {
                self.u64(7);
                self.point(*origin);
                self.rect(*clip);
                self.u64(u64::from(*turned));
                self.shared(frame);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{Point, Pt, Rect, Size};
    use crate::model::{Photo, PhotoData};
    use crate::text::{PlacedGlyph, Run};
    use std::path::PathBuf;

    fn book() -> FontBook {
        crate::text::fonts::tests::sans().1
    }

    fn page(glyph_x: f64, photo: &Arc<Photo>) -> Document {
        let mut frame = Frame::new(Size::new(Pt(400.0), Pt(600.0)));
        let glyph = |id, x| PlacedGlyph::new(id, Pt(x), 0.0, crate::text::GlyphText::new("a"));
        frame.items.push(Item::Text {
            origin: Point::new(Pt(50.0), Pt(80.0)),
            run: Run {
                face: FaceId(0),
                size: Pt(10.0),
                colour: Colour::BLACK,
                x: Pt(0.0),
                scale: 1.0,
                glyphs: vec![glyph(5, 0.0), glyph(6, glyph_x)],
                width: Pt(12.0),
            },
        });
        let rect = Rect::new(Pt(10.0), Pt(10.0), Pt(30.0), Pt(40.0));
        frame.items.push(Item::Image {
            photo: photo.clone(),
            rect,
            clip: rect,
            shape: Shape::Circle,
        });
        Document {
            pages: vec![Arc::new(frame)],
            ..Default::default()
        }
    }

    fn photo(first: u8) -> Arc<Photo> {
        Arc::new(Photo {
            path: PathBuf::from("p.jpg"),
            width: 2,
            height: 2,
            data: PhotoData::Raw {
                components: 1,
                samples: vec![first, 2, 3, 4],
                alpha: None,
            },
        })
    }

    #[test]
    fn equal_documents_agree_and_any_change_shows() {
        let book = book();
        let options = crate::pdf::WriteOptions::from_env(0);
        let digests = Digests::default();
        let (p, q) = (photo(1), photo(1));
        let base = digests.of(&page(6.0, &p), &book, &options);
        // Made separately, from equal parts: the same digest.
        assert_eq!(base, Digests::default().of(&page(6.0, &q), &book, &options));
        // A glyph moved by a hair, a photo's pixel, the date, the profile.
        assert_ne!(base, digests.of(&page(6.000001, &p), &book, &options));
        assert_ne!(base, digests.of(&page(6.0, &photo(9)), &book, &options));
        let dated = crate::pdf::WriteOptions {
            date: "D:20300101000000Z".into(),
            ..options.clone()
        };
        assert_ne!(base, digests.of(&page(6.0, &p), &book, &dated));
        let screen = crate::pdf::WriteOptions {
            profile: crate::pdf::Profile::Screen,
            ..options.clone()
        };
        assert_ne!(base, digests.of(&page(6.0, &p), &book, &screen));
        // The same page in a build that makes another size of its photo
        // for print (which a screen document may show instead).
        let planned = crate::pdf::Resampled::default();
        let rect = Rect::new(Pt(0.0), Pt(0.0), Pt(0.5), Pt(0.5));
        planned.plan(&[(p.clone(), rect, crate::pdf::Profile::Print)]);
        assert_eq!(planned.planned(&p), [2]);
        let planned = crate::pdf::WriteOptions {
            photos: Arc::new(planned),
            ..screen.clone()
        };
        let other = Digests::default();
        assert_ne!(
            digests.of(&page(6.0, &p), &book, &screen),
            other.of(&page(6.0, &p), &book, &planned)
        );
    }
}
