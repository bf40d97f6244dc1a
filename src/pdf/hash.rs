//! FNV-1a, for subset tags: stable across runs and platforms (the
//! standard library's hasher is not), so equal documents give equal
//! files. The file /ID is the document's digest (`pdf::Digests`).

/// 64-bit FNV-1a.
pub struct Fnv1a(u64);

impl Fnv1a {
    pub fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        for &x in bytes {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}
