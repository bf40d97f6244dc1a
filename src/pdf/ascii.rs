//! Numbers as a PDF's ASCII digits, written straight into bytes without
//! the formatting machinery: pages hold hundreds of thousands of numbers,
//! and every file's cross-reference table and font maps are digits.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `n`'s decimal digits.
pub fn decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `n`'s decimal digits, with `-` in front when negative.
pub fn signed(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    decimal(out, n.unsigned_abs());
}

/// `n`'s decimal digits, zeros in front up to `width` (`{n:>0width$}`).
pub fn padded(out: &mut Vec<u8>, n: u64, width: usize) {
    let start = out.len();
    decimal(out, n);
    let short = width.saturating_sub(out.len() - start);
    out.splice(start..start, std::iter::repeat_n(b'0', short));
}

/// The low `digits` hex digits of `n`, upper case (`{n:04X}` for four).
pub fn hex(out: &mut Vec<u8>, n: u16, digits: u32) {
    for k in (0..digits).rev() {
        out.push(HEX[usize::from((n >> (4 * k)) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same digits as `format!`, at the edges too.
    #[test]
    fn digits_are_those_format_writes() {
        let text = |f: &dyn Fn(&mut Vec<u8>)| {
            let mut out = Vec::new();
            f(&mut out);
            String::from_utf8(out).unwrap()
        };
        for n in [0u64, 7, 10, 65_535, 1_234_567, u64::MAX] {
            assert_eq!(text(&|o| decimal(o, n)), n.to_string());
            assert_eq!(text(&|o| padded(o, n, 10)), format!("{n:>010}"));
        }
        for n in [0i64, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(text(&|o| signed(o, n)), n.to_string());
        }
        for n in [0u16, 0x2A, 0xBEEF, 0xFFFF] {
            assert_eq!(text(&|o| hex(o, n, 4)), format!("{n:04X}"));
            assert_eq!(text(&|o| hex(o, n & 0xFF, 2)), format!("{:02X}", n & 0xFF));
        }
    }
}
