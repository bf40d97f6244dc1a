//! The one hash of the writer: FNV-1a, for the file /ID and subset tags.
//! Stable across runs and platforms (the standard library's hasher is
//! not), so equal documents give equal files.

/// 16 bytes of two FNV-1a variants over the file's streams, for /ID.
pub struct Fingerprint(u64, u64);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4)
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        for &x in bytes {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
            self.1 = (self.1 ^ u64::from(x)).wrapping_mul(0x5bd1_e995_0100_01b3);
        }
    }

    /// The first variant alone: plain 64-bit FNV-1a.
    pub fn fnv1a(&self) -> u64 {
        self.0
    }

    pub fn finish(&self) -> [u8; 16] {
        let mut out = [0; 16];
        out[..8].copy_from_slice(&self.0.to_be_bytes());
        out[8..].copy_from_slice(&self.1.to_be_bytes());
        out
    }
}
