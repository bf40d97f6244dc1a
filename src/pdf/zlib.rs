//! Deflate for the file's streams, and zlib streams joined from parts
//! compressed at different times: a font program's tables that every
//! subset of a face shares are compressed once per build, and each
//! document's subset only compresses what is its own (see `fonts`).
//!
//! A zlib stream is a two-byte header, deflate blocks and the Adler-32 of
//! the uncompressed bytes. Blocks compressed separately join into one
//! stream when all but the last part end on a byte boundary without the
//! final-block bit (a sync flush) and none refers back into an earlier
//! part; the checksums of the parts combine arithmetically.

use flate2::{Compress, Compression, FlushCompress, Status};

/// zlib's level for the file's streams and the pages' parts: level 9
/// (lopdf's choice) took several times longer for a percent or two, and
/// level 6 a percent longer than 5 for 0.05 % (a 1000-speaker booklet:
/// 2 905 424 bytes at level 5, 2 903 840 at 6).
const LEVEL: u32 = 5;

/// `bytes` deflated, if that saves more than the filter's entry costs.
/// Streams up to [`SMALL`] bytes are one block of fixed codes
/// ([`fixed_block`]); larger ones zlib's [`LEVEL`]. One compressor per
/// thread, reset between streams: a new one for each stream spent more
/// time setting up its tables than compressing.
pub fn deflate(bytes: Vec<u8>) -> (Vec<u8>, bool) {
    thread_local! {
        static ZLIB: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), true));
    }
    let out = match bytes.len() <= SMALL {
        true => Some(fixed_block(&bytes)),
        false => ZLIB.with_borrow_mut(|z| run(z, &bytes, FlushCompress::Finish)),
    };
    match out {
        Some(out) if out.len() + 20 < bytes.len() => (out, true),
        _ => (bytes, false),
    }
}

/// Streams up to this many bytes are deflated by [`fixed_block`].
const SMALL: usize = 4096;

/// `bytes` as a zlib stream of one block with the format's fixed codes,
/// its repeats found by a greedy search over a small table: for a file's
/// many small streams (each font's ToUnicode and CIDToGIDMap), where
/// zlib spent most of its time clearing its 128 KB tables and building
/// codes for a few hundred bytes, four times as long for 15 % fewer bytes.
fn fixed_block(bytes: &[u8]) -> Vec<u8> {
    const HASH_BITS: u32 = 12;
    let mut bits = Bits {
        out: Vec::with_capacity(bytes.len() / 2 + 16),
        acc: 0,
        n: 0,
    };
    // Deflate, 32 KiB window, fastest compression; the check bits make
    // the header a multiple of 31.
    bits.out.extend_from_slice(&[0x78, 0x01]);
    bits.put(0b011, 3); // the final block, fixed codes
    let hash = |at: &[u8]| {
        let v = u32::from(at[0]) << 16 | u32::from(at[1]) << 8 | u32::from(at[2]);
        (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
    };
    // Positions fit 16 bits: this is for streams of at most `SMALL`.
    debug_assert!(bytes.len() < usize::from(u16::MAX));
    let mut last = [u16::MAX; 1 << HASH_BITS];
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let mut found = None;
        if i + 3 <= n {
            let h = hash(&bytes[i..]);
            let at = std::mem::replace(&mut last[h], i as u16);
            if at != u16::MAX && i - usize::from(at) <= 32_768 {
                let at = usize::from(at);
                let len = same_run(&bytes[at..], &bytes[i..], (n - i).min(258));
                found = (len >= 3).then_some((len, i - at));
            }
        }
        match found {
            Some((len, distance)) => {
                bits.length(len);
                bits.distance(distance);
                for k in i + 1..(i + len).min(n - 2) {
                    last[hash(&bytes[k..])] = k as u16;
                }
                i += len;
            }
            None => {
                bits.literal(bytes[i]);
                i += 1;
            }
        }
    }
    bits.code(0, 7); // end of block
    let mut out = bits.finish();
    out.extend_from_slice(&adler32(bytes).to_be_bytes());
    out
}

/// How many of the first `max` bytes of `a` and `b` are the same, eight
/// compared at a time (a match's length: byte by byte, a tenth of the
/// small streams' time).
fn same_run(a: &[u8], b: &[u8], max: usize) -> usize {
    let word = |s: &[u8], k: usize| u64::from_le_bytes(s[k..k + 8].try_into().unwrap_or([0; 8]));
    let mut k = 0;
    while k + 8 <= max {
        let differ = word(a, k) ^ word(b, k);
        if differ != 0 {
            return k + (differ.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    while k < max && a[k] == b[k] {
        k += 1;
    }
    k
}

/// The first length of each length code (257 to 285).
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];

/// The first distance of each distance code (0 to 29).
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];

/// The length code (less 257) of each length less 3: looked up, not
/// searched for, at every match.
const LENGTH_CODE: [u8; 256] = {
    let mut table = [0; 256];
    let mut len = 3;
    while len <= 258 {
        let mut k = 28;
        while LENGTH_BASE[k] as usize > len {
            k -= 1;
        }
        table[len - 3] = k as u8;
        len += 1;
    }
    table
};

/// The distance code of each distance less 1 below 256, then of each
/// 128 distances above (zlib's table: codes from 16 on span multiples of
/// 128).
const DISTANCE_CODE: [u8; 512] = {
    const fn code(distance: usize) -> u8 {
        let mut k = 29;
        while DISTANCE_BASE[k] as usize > distance {
            k -= 1;
        }
        k as u8
    }
    let mut table = [0; 512];
    let mut d = 0;
    while d < 256 {
        table[d] = code(d + 1);
        table[256 + d] = code((d << 7) + 1);
        d += 1;
    }
    table
};

/// Bits written from the least significant end, as deflate packs them.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code: written from its most significant bit.
    fn code(&mut self, code: u32, bits: u32) {
        self.put(code.reverse_bits() >> (32 - bits), bits);
    }

    /// A literal byte in the fixed codes.
    fn literal(&mut self, byte: u8) {
        match u32::from(byte) {
            v @ 0..=143 => self.code(0x30 + v, 8),
            v => self.code(0x190 + v - 144, 9),
        }
    }

    /// A match length (3 to 258): its code and extra bits.
    fn length(&mut self, len: usize) {
        const EXTRA: [u32; 29] = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ];
        let k = usize::from(LENGTH_CODE[len - 3]);
        match 257 + k as u32 {
            s @ 257..=279 => self.code(s - 256, 7),
            s => self.code(0xC0 + s - 280, 8),
        }
        self.put((len - usize::from(LENGTH_BASE[k])) as u32, EXTRA[k]);
    }

    /// A match distance (1 to 32 768): its code and extra bits.
    fn distance(&mut self, distance: usize) {
        let d = distance - 1;
        let k = usize::from(match d < 256 {
            true => DISTANCE_CODE[d],
            false => DISTANCE_CODE[256 + (d >> 7)],
        });
        self.code(k as u32, 5);
        self.put(
            (distance - usize::from(DISTANCE_BASE[k])) as u32,
            (k as u32).max(2) / 2 - 1,
        );
    }

    /// The bytes, the last one padded.
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// Deflate blocks of `bytes` with no header or checksum, compressed on
/// their own (they refer to nothing before them), ending on a byte
/// boundary without the final bit: parts join in any order and number.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// The blocks.
    pub blocks: Vec<u8>,
    /// Adler-32 of the uncompressed bytes.
    pub adler: u32,
    /// Length of the uncompressed bytes.
    pub len: usize,
}

impl Part {
    /// `bytes` as a part compressed once and used by many streams, at
    /// level 9: worth it for a part made once.
    pub fn shared(bytes: &[u8]) -> Part {
        let mut z = Compress::new(Compression::new(9), false);
        Part::of(&mut z, bytes)
    }

    /// `bytes` as a part, at the file's other streams' [`LEVEL`].
    pub fn leading(bytes: &[u8]) -> Part {
        thread_local! {
            static RAW: std::cell::RefCell<Compress> =
                std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), false));
        }
        RAW.with_borrow_mut(|z| Part::of(z, bytes))
    }

    /// `bytes` as a part compressed at level 1: zlib's quick deflate
    /// (fixed codes, one candidate match a position), three times as fast
    /// as level 5 or 6 on a few kilobytes of glyph outlines, which compress
    /// poorly either way (to 80 % of their size here, 70 % at level 6).
    pub fn quick(bytes: &[u8]) -> Part {
        thread_local! {
            static RAW: std::cell::RefCell<Compress> =
                std::cell::RefCell::new(Compress::new(Compression::new(1), false));
        }
        RAW.with_borrow_mut(|z| Part::of(z, bytes))
    }

    /// `bytes` as a part stored, not compressed: for what compresses too
    /// little to be worth the time (a badge's glyph outlines).
    pub fn stored(bytes: &[u8]) -> Part {
        Part {
            blocks: stored(bytes),
            adler: adler32(bytes),
            len: bytes.len(),
        }
    }

    /// Compressed by `z`, ending on a byte boundary (a sync flush), not
    /// final. Stored when compression fails (it cannot on memory).
    fn of(z: &mut Compress, bytes: &[u8]) -> Part {
        let mut blocks = run(z, bytes, FlushCompress::Sync).unwrap_or_else(|| stored(bytes));
        // Kept, many of them (every page's painting), while room for the
        // worst case is about twice what compressed text takes.
        blocks.shrink_to_fit();
        Part {
            blocks,
            adler: adler32(bytes),
            len: bytes.len(),
        }
    }
}

/// `bytes` as stored (uncompressed) deflate blocks, not final.
fn stored(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 65_535 * 5 + 5);
    for chunk in bytes
        .chunks(65_535)
        .chain(bytes.is_empty().then_some(&[][..]))
    {
        let len = chunk.len() as u16;
        out.push(0);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// One zlib stream of `parts`, in order.
pub fn join(parts: &[&Part]) -> Vec<u8> {
    let len = parts.iter().map(|p| p.blocks.len()).sum::<usize>();
    let mut out = Vec::with_capacity(len + 8);
    // Deflate, 32 KiB window, default level; the check bits make the
    // header a multiple of 31.
    out.extend_from_slice(&[0x78, 0x9C]);
    let mut adler = adler32(b"");
    for part in parts {
        out.extend_from_slice(&part.blocks);
        adler = combine(adler, part.adler, part.len);
    }
    // An empty final block (fixed codes: the final bit, the type, the
    // end-of-block code) ends the deflate data.
    out.extend_from_slice(&[0x03, 0x00]);
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

/// Compresses all of `bytes` with `z` (reset first), ending with `flush`.
fn run(z: &mut Compress, bytes: &[u8], flush: FlushCompress) -> Option<Vec<u8>> {
    z.reset();
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let done = z.total_in() as usize;
        match z.compress_vec(&bytes[done..], &mut out, flush) {
            Ok(Status::StreamEnd) => return Some(out),
            // A flush is complete when all input is taken and the output
            // was not filled up.
            Ok(_)
                if !matches!(flush, FlushCompress::Finish)
                    && z.total_in() as usize == bytes.len()
                    && out.len() < out.capacity() =>
            {
                return Some(out);
            }
            Ok(_) => out.reserve(out.capacity().max(64)),
            Err(_) => return None,
        }
    }
}

const MOD: u32 = 65_521;

/// Adler-32 of `bytes`.
pub fn adler32(bytes: &[u8]) -> u32 {
    // SIMD where the CPU has it: every file's font programs and small
    // streams are summed, byte at a time a percent of a large build.
    simd_adler32::adler32(&bytes)
}

/// Adler-32 of `x ++ y` from Adler-32 of `x`, of `y` and `y`'s length.
pub fn combine(x: u32, y: u32, y_len: usize) -> u32 {
    let rem = (y_len % MOD as usize) as u64;
    let (m, xa, xb) = (u64::from(MOD), u64::from(x & 0xFFFF), u64::from(x >> 16));
    let (ya, yb) = (u64::from(y & 0xFFFF), u64::from(y >> 16));
    // a = xa + ya - 1; b = xb + yb + rem * (xa - 1)  (mod MOD)
    let a = (xa + ya + m - 1) % m;
    let b = (xb + yb + rem * xa + m * m - rem) % m;
    ((b as u32) << 16) | a as u32
}

/// A zlib stream inflated, its checksum checked (for tests).
#[cfg(test)]
pub fn inflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a valid zlib stream, checksum included");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize, seed: u32) -> Vec<u8> {
        (0..n as u32)
            .map(|i| ((i.wrapping_mul(2_654_435_761) ^ seed) >> 13) as u8 % 17 + b'a')
            .collect()
    }

    #[test]
    fn adler32_matches_the_definition_and_combines() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
        let (x, y) = (sample(70_000, 1), sample(13_001, 2));
        let whole = [x.clone(), y.clone()].concat();
        assert_eq!(combine(adler32(&x), adler32(&y), y.len()), adler32(&whole));
        assert_eq!(combine(adler32(&x), adler32(b""), 0), adler32(&x));
    }

    /// Parts compressed apart (one reused by several streams) join into
    /// streams that inflate, checksum and all, to the bytes put in.
    #[test]
    fn parts_join_into_valid_streams() {
        let tail = sample(9_000, 7);
        let shared = Part::shared(&tail);
        for n in [0, 1, 200, 40_000, 200_000] {
            let head = sample(n, n as u32);
            let joined = join(&[&Part::leading(&head), &shared]);
            assert_eq!(
                inflate(&joined),
                [head.clone(), tail.clone()].concat(),
                "{n} bytes"
            );
            let kept = join(&[&Part::stored(&head), &shared, &Part::quick(&head)]);
            let around = [head.clone(), tail.clone(), head.clone()].concat();
            assert_eq!(inflate(&kept), around, "{n} bytes, stored and quick");
            let again = join(&[&shared, &Part::leading(&head), &shared]);
            let whole = [tail.clone(), head, tail.clone()].concat();
            assert_eq!(inflate(&again), whole, "{n} bytes between");
        }
        assert_eq!(inflate(&join(&[])), b"");
        let stored = Part::stored(&tail);
        assert_eq!(
            inflate(&join(&[&stored, &shared])),
            [tail.clone(), tail].concat()
        );
    }

    /// Small streams (fixed codes) and large ones (zlib) inflate to what was
    /// put in: repeats near and far, long runs, every byte value, text.
    #[test]
    fn deflate_round_trips_at_every_size() {
        let cmap = b"<0004> <0006> <0043>\n<000D> <000F> <004C>\n".repeat(40);
        let mut map = vec![0u8; 3000];
        map[1000] = 7;
        map[2999] = 1;
        let every: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        for bytes in [
            cmap,
            map,
            every,
            sample(4096, 9),
            sample(100, 1),
            b"aaaa".to_vec(),
            b"abcabcabcabcabcabcabcabcabcabc".to_vec(),
        ] {
            let (out, deflated) = deflate(bytes.clone());
            match deflated {
                true => assert_eq!(inflate(&out), bytes),
                false => assert_eq!(out, bytes),
            }
        }
        // Each length and distance code, through its extra bits.
        for len in [3, 4, 10, 11, 12, 18, 34, 35, 66, 130, 227, 257, 258] {
            for distance in [1, 2, 3, 4, 5, 8, 24, 100, 1000, 3000] {
                let mut bytes = sample(distance, len as u32);
                let start = bytes.len() - distance;
                for k in 0..len {
                    bytes.push(bytes[start + k % distance]);
                }
                bytes.extend(sample(30, 3));
                assert_eq!(inflate(&fixed_block(&bytes)), bytes, "{len} at {distance}");
            }
        }
    }

    #[test]
    fn deflate_round_trips() {
        let bytes = sample(50_000, 3);
        let (out, deflated) = deflate(bytes.clone());
        assert!(deflated);
        assert_eq!(inflate(&out), bytes);
    }
}
