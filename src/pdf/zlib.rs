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

/// `bytes` deflated, if that saves more than the filter's entry costs.
/// Level 6: level 9 (lopdf's choice) took several times longer for a
/// percent or two. One compressor per thread, reset between streams: a
/// new one for each of a build's many small streams spent more time
/// setting up its tables than compressing.
pub fn deflate(bytes: Vec<u8>) -> (Vec<u8>, bool) {
    thread_local! {
        static ZLIB: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(6), true));
    }
    ZLIB.with_borrow_mut(|z| match run(z, &bytes, FlushCompress::Finish) {
        Some(out) if out.len() + 20 < bytes.len() => (out, true),
        _ => (bytes, false),
    })
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

    /// `bytes` as a part, at level 6 like the file's other streams.
    pub fn leading(bytes: &[u8]) -> Part {
        thread_local! {
            static RAW: std::cell::RefCell<Compress> =
                std::cell::RefCell::new(Compress::new(Compression::new(6), false));
        }
        RAW.with_borrow_mut(|z| Part::of(z, bytes))
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
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that cannot overflow `b` before reducing.
    for chunk in bytes.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
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
            let again = join(&[&shared, &Part::leading(&head), &shared]);
            let whole = [tail.clone(), head, tail.clone()].concat();
            assert_eq!(inflate(&again), whole, "{n} bytes between");
        }
        assert_eq!(inflate(&join(&[])), b"");
        let stored = Part {
            blocks: stored(&tail),
            adler: adler32(&tail),
            len: tail.len(),
        };
        assert_eq!(
            inflate(&join(&[&stored, &shared])),
            [tail.clone(), tail].concat()
        );
    }

    #[test]
    fn deflate_round_trips() {
        let bytes = sample(50_000, 3);
        let (out, deflated) = deflate(bytes.clone());
        assert!(deflated);
        assert_eq!(inflate(&out), bytes);
    }
}
