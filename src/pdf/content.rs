//! Page content streams written straight to bytes. printpdf's path (an
//! `Op` per operator, translated to lopdf operations, then encoded) was
//! half of a large build's time and held every page's operations in
//! memory at once; here each page's stream is written and compressed as
//! it is made, and only the compressed bytes are kept.

/// `x` in whole thousandths, as a content stream writes it. Nothing on a
/// page is ten million points away.
pub fn thousandths(x: f64) -> i64 {
    match x.is_finite() {
        true => (x.clamp(-1e7, 1e7) * 1000.0).round() as i64,
        false => 0,
    }
}

/// The bytes a literal string escapes: its delimiters, the backslash and
/// the carriage return.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'(' as usize] = true;
    table[b')' as usize] = true;
    table[b'\\' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

/// One page's content stream being written.
#[derive(Default)]
pub struct Content {
    buf: Vec<u8>,
}

impl Content {
    /// Writes `operands`, then the operator, on a line.
    pub fn op(&mut self, operands: &[f64], operator: &str) {
        self.line(operands.iter().map(|&x| thousandths(x)), operator);
    }

    /// Writes `operands` given in thousandths, then the operator, on a line.
    pub fn op_thousandths(&mut self, operands: &[i64], operator: &str) {
        self.line(operands.iter().copied(), operator);
    }

    /// Operands in thousandths, then the operator, on a line.
    fn line(&mut self, operands: impl Iterator<Item = i64>, operator: &str) {
        for x in operands {
            self.put_thousandths(x);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(operator.as_bytes());
        self.buf.push(b'\n');
    }

    /// An operator whose first operand is a resource name: `/F0 10 Tf`,
    /// `/Im0 Do`.
    pub fn named(&mut self, name: &str, operands: &[f64], operator: &str) {
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b' ');
        self.op(operands, operator);
    }

    /// Glyphs as two-byte codes, each followed by its TJ adjustment (in
    /// thousandths of an em, moving the next glyph left) when not zero.
    /// The codes are literal strings, their bytes as they are but for the
    /// three the syntax needs escaped and the carriage return (read as a
    /// line feed unescaped): half the bytes of hexadecimal, whose four
    /// digits a glyph were most of a page's stream. A 1000-speaker
    /// booklet's pages: 7.5 MB to compress instead of 10.7, a quarter
    /// less time compressing them and 5 % fewer bytes compressed.
    pub fn show(&mut self, glyphs: &[(u16, i64)]) {
        self.buf.push(b'[');
        let mut open = false;
        for &(code, adjust) in glyphs {
            if !open {
                self.buf.push(b'(');
                open = true;
            }
            for byte in code.to_be_bytes() {
                if ESCAPED[usize::from(byte)] {
                    self.buf.push(b'\\');
                    self.buf.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    self.buf.push(byte);
                }
            }
            if adjust != 0 {
                self.buf.push(b')');
                open = false;
                super::ascii::signed(&mut self.buf, adjust);
            }
        }
        if open {
            self.buf.push(b')');
        }
        self.buf.extend_from_slice(b"] TJ\n");
    }

    /// A number given in thousandths, with at most three decimals (a
    /// thousandth of a point is far below any printer's dot), no exponent,
    /// no trailing zeros: short, and the same on every machine.
    fn put_thousandths(&mut self, thousandths: i64) {
        if thousandths < 0 {
            self.buf.push(b'-');
        }
        let a = thousandths.unsigned_abs();
        super::ascii::decimal(&mut self.buf, a / 1000);
        let frac = a % 1000;
        if frac != 0 {
            let d = [frac / 100, frac / 10 % 10, frac % 10].map(|d| b'0' + d as u8);
            let keep = if d[2] != b'0' {
                3
            } else if d[1] != b'0' {
                2
            } else {
                1
            };
            self.buf.push(b'.');
            self.buf.extend_from_slice(&d[..keep]);
        }
    }

    /// The finished stream as a part of one ([`super::zlib::join`]): a
    /// page's painting, shown alone or between the placing of a print
    /// sheet.
    pub fn part(self) -> super::zlib::Part {
        super::zlib::Part::leading(&self.buf)
    }

    #[cfg(test)]
    fn bytes(&self) -> &[u8] {
        &self.buf
    }

    #[cfg(test)]
    fn text(&self) -> &str {
        std::str::from_utf8(&self.buf).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        let mut c = Content::default();
        c.op(
            &[0.0, -0.0, 1.0, 12.5, -3.25, 0.1234, 595.2756, -0.0004, 0.05],
            "x",
        );
        c.op(&[f64::NAN, 1e300], "y");
        assert_eq!(
            c.text(),
            "0 0 1 12.5 -3.25 0.123 595.276 0 0.05 x\n0 10000000 y\n"
        );
    }

    /// Codes as literal strings, the parentheses, the backslash and the
    /// carriage return escaped (a line feed is read as itself), the
    /// adjustments between.
    #[test]
    fn glyphs_show_as_strings_with_adjustments_between() {
        let mut c = Content::default();
        c.named("F0", &[10.0], "Tf");
        c.show(&[(1, 0), (0x2A, -12), (0xFFFF, 0), (3, 5)]);
        c.show(&[(0x2829, 0), (0x5C0D, 0), (0x0A41, 3)]);
        let mut want = b"/F0 10 Tf\n[(\x00\x01\x00*)-12(\xFF\xFF\x00\x03)5] TJ\n".to_vec();
        want.extend_from_slice(b"[(\\(\\)\\\\\\r\nA)3] TJ\n");
        assert_eq!(c.bytes(), want);
        // As a PDF reader reads them.
        let ops = lopdf::content::Content::decode(c.bytes())
            .unwrap()
            .operations;
        let strings: Vec<Vec<u8>> = (ops.iter().filter(|op| op.operator == "TJ"))
            .flat_map(|op| op.operands[0].as_array().unwrap().clone())
            .filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec))
            .collect();
        let codes = [
            &[0, 1, 0, 0x2A][..],
            &[0xFF, 0xFF, 0, 3],
            &[0x28, 0x29, 0x5C, 0x0D, 0x0A, 0x41],
        ];
        assert_eq!(strings, codes);
    }
}
