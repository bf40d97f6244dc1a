//! A finished lopdf document written out as lopdf's `save_to` writes it,
//! byte for byte (a test compares the two), only faster.
//!
//! lopdf writes each token through a `dyn Write` (a name byte by byte) and
//! formats every object header and cross-reference entry with `write!`:
//! for a badge of twenty objects that was a fifth of its file's time. Here
//! the bytes go into one buffer handed to `out` in pieces of
//! [`PIECE`] bytes, so a large booklet is still never whole in memory.

use lopdf::{Dictionary, Document, Object, StringFormat};
use std::io::Write;

/// What is gathered before it is passed on.
const PIECE: usize = 64 * 1024;

/// Writes `pdf` to `out`. A document whose cross-reference is a stream
/// (never one of ours) is left to lopdf.
pub fn save(pdf: &mut Document, out: &mut dyn Write) -> std::io::Result<()> {
    if !matches!(
        pdf.reference_table.cross_reference_type,
        lopdf::xref::XrefType::CrossReferenceTable
    ) {
        return pdf.save_to(&mut WriteOut(out));
    }
    let mut w = Out {
        buf: Vec::with_capacity(PIECE + 1024),
        out,
        flushed: 0,
    };
    w.put(b"%PDF-");
    w.put(pdf.version.as_bytes());
    w.put(b"\n");
    if !pdf.binary_mark.iter().all(|&b| b >= 128) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "Invalid binary mark",
        ));
    }
    w.put(b"%");
    w.put(&pdf.binary_mark);
    w.put(b"\n");
    // Offsets by id, as lopdf's cross-reference table lists them.
    let size = pdf.max_id + 1;
    let mut offsets: Vec<Option<(usize, u16)>> = vec![None; size as usize];
    for (&(id, generation), object) in &pdf.objects {
        let skipped = object
            .type_name()
            .is_ok_and(|name| [&b"ObjStm"[..], b"XRef", b"Linearized"].contains(&name));
        if skipped {
            continue;
        }
        if let Some(slot) = offsets.get_mut(id as usize) {
            *slot = Some((w.position(), generation));
        }
        w.int(i64::from(id));
        w.put(b" ");
        w.int(i64::from(generation));
        w.put(b" obj\n");
        if needs_separator(object) {
            w.put(b" ");
        }
        w.object(object);
        if needs_end_separator(object) {
            w.put(b" ");
        }
        w.put(b"\nendobj\n");
        w.flush_if_full()?;
    }
    let xref_start = w.position();
    xref(&mut w, &offsets)?;
    pdf.trailer.set("Size", i64::from(size));
    w.put(b"trailer\n");
    w.dictionary(&pdf.trailer);
    w.put(b"\nstartxref\n");
    w.int(xref_start as i64);
    w.put(b"\n%%EOF");
    w.flush()
}

/// The cross-reference table, in sections of consecutive ids that have
/// an object; the first starts at 0, the list's head ("free"), which
/// `offsets[0]` (never an object's) stands for.
fn xref(w: &mut Out<'_>, offsets: &[Option<(usize, u16)>]) -> std::io::Result<()> {
    w.put(b"xref\n");
    let listed = |id: usize| id == 0 || offsets[id].is_some();
    let mut start = 0;
    while start < offsets.len() {
        if !listed(start) {
            start += 1;
            continue;
        }
        let end = (start..offsets.len())
            .find(|&id| !listed(id))
            .unwrap_or(offsets.len());
        w.int(start as i64);
        w.put(b" ");
        w.int((end - start) as i64);
        w.put(b"\n");
        for entry in &offsets[start..end] {
            match entry {
                Some((offset, generation)) => {
                    w.padded(*offset as u64, 10);
                    w.put(b" ");
                    w.padded(u64::from(*generation), 5);
                    w.put(b" n \n");
                }
                None => w.put(b"0000000000 65535 f \n"),
            }
            w.flush_if_full()?;
        }
        start = end;
    }
    Ok(())
}

fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn needs_end_separator(object: &Object) -> bool {
    needs_separator(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

/// Bytes on their way to `out`, counted.
struct Out<'a> {
    buf: Vec<u8>,
    out: &'a mut dyn Write,
    /// Bytes already passed on.
    flushed: usize,
}

impl Out<'_> {
    fn put(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Where the next byte goes in the file.
    fn position(&self) -> usize {
        self.flushed + self.buf.len()
    }

    fn flush_if_full(&mut self) -> std::io::Result<()> {
        match self.buf.len() >= PIECE {
            true => self.flush(),
            false => Ok(()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.flushed += self.buf.len();
        self.buf.clear();
        Ok(())
    }

    fn int(&mut self, n: i64) {
        super::ascii::signed(&mut self.buf, n);
    }

    fn padded(&mut self, n: u64, width: usize) {
        super::ascii::padded(&mut self.buf, n, width);
    }

    fn object(&mut self, object: &Object) {
        match object {
            Object::Null => self.put(b"null"),
            Object::Boolean(true) => self.put(b"true"),
            Object::Boolean(false) => self.put(b"false"),
            Object::Integer(n) => self.int(*n),
            Object::Real(x) => {
                let _ = write!(self.buf, "{x}");
            }
            Object::Name(name) => self.name(name),
            Object::String(text, format) => self.string(text, format),
            Object::Array(items) => {
                self.put(b"[");
                for (k, item) in items.iter().enumerate() {
                    if k > 0 && needs_separator(item) {
                        self.put(b" ");
                    }
                    self.object(item);
                }
                self.put(b"]");
            }
            Object::Dictionary(dict) => self.dictionary(dict),
            Object::Stream(stream) => {
                self.dictionary(&stream.dict);
                self.put(b"stream\n");
                self.put(&stream.content);
                self.put(b"\nendstream");
            }
            Object::Reference((id, generation)) => {
                self.int(i64::from(*id));
                self.put(b" ");
                self.int(i64::from(*generation));
                self.put(b" R");
            }
        }
    }

    fn dictionary(&mut self, dict: &Dictionary) {
        self.put(b"<<");
        for (key, value) in dict {
            self.name(key);
            if needs_separator(value) {
                self.put(b" ");
            }
            self.object(value);
        }
        self.put(b">>");
    }

    /// A name: white space, delimiters and bytes outside `!`..`~` as `#`
    /// and two hex digits.
    fn name(&mut self, name: &[u8]) {
        self.buf.push(b'/');
        for &b in name {
            if b" \t\n\r\x0C()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
                self.buf.push(b'#');
                super::ascii::hex(&mut self.buf, u16::from(b), 2);
            } else {
                self.buf.push(b);
            }
        }
    }

    /// A string: literal, with backslash, carriage return and unbalanced
    /// parentheses escaped, or in hex.
    fn string(&mut self, text: &[u8], format: &StringFormat) {
        match format {
            StringFormat::Literal => {
                let mut escaped = Vec::new();
                let mut open = Vec::new();
                for (k, &b) in text.iter().enumerate() {
                    match b {
                        b'(' => open.push(k),
                        b')' if open.pop().is_none() => escaped.push(k),
                        b'\\' | b'\r' => escaped.push(k),
                        _ => {}
                    }
                }
                escaped.append(&mut open);
                self.put(b"(");
                if escaped.is_empty() {
                    self.put(text);
                } else {
                    for (k, &b) in text.iter().enumerate() {
                        if escaped.contains(&k) {
                            self.buf.push(b'\\');
                            self.buf.push(if b == b'\r' { b'r' } else { b });
                        } else {
                            self.buf.push(b);
                        }
                    }
                }
                self.put(b")");
            }
            StringFormat::Hexadecimal => {
                self.put(b"<");
                for &b in text {
                    super::ascii::hex(&mut self.buf, u16::from(b), 2);
                }
                self.put(b">");
            }
        }
    }
}

/// `dyn Write` as a sized writer, for lopdf's generic `save_to`.
struct WriteOut<'a>(&'a mut dyn Write);

impl Write for WriteOut<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, StringFormat};

    /// A document with a cross-reference table, as printpdf makes them (a
    /// new lopdf document would have a stream, which lopdf writes).
    fn table_document() -> Document {
        let mut doc = Document::with_version("1.7");
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        doc
    }

    /// Every kind of object, awkward names and strings, a gap in the ids
    /// and an object lopdf leaves out: the same bytes as lopdf's writer.
    #[test]
    fn writes_what_lopdf_writes() {
        let mut doc = table_document();
        doc.objects.insert((1, 0), Object::Null);
        doc.objects.insert((2, 0), Object::Boolean(true));
        doc.objects.insert((3, 0), Object::Integer(-31));
        doc.objects.insert((4, 0), Object::Real(0.5));
        doc.objects.insert((5, 0), Object::Real(612.283_5));
        let literal = b"te\\xt((\r)) (x".to_vec();
        doc.objects.insert(
            (6, 0),
            Object::String(literal.clone(), StringFormat::Literal),
        );
        doc.objects
            .insert((7, 0), Object::String(literal, StringFormat::Hexadecimal));
        doc.objects
            .insert((8, 0), Object::Name(b"na me\t#/\xc3\xa9".to_vec()));
        doc.objects.insert((9, 0), Object::Reference((1, 0)));
        doc.objects.insert(
            (10, 2),
            Object::Array(vec![
                Object::Integer(1),
                Object::Name(b"A".to_vec()),
                Object::Integer(2),
                Object::Reference((3, 0)),
                Object::Array(vec![Object::Real(1.25), Object::Null]),
            ]),
        );
        // Id 11 missing: the cross-reference table has two sections.
        let mut dict = Dictionary::new();
        dict.set("A", Object::Null);
        dict.set("B", false);
        dict.set("C", Object::Name(b"name".to_vec()));
        dict.set("D", Object::Dictionary(Dictionary::new()));
        doc.objects.insert(
            (12, 0),
            Object::Stream(Stream::new(dict.clone(), vec![0x41, 0, 0x43])),
        );
        doc.objects.insert((13, 0), Object::Dictionary(dict));
        let mut xref = Dictionary::new();
        xref.set("Type", Object::Name(b"XRef".to_vec()));
        doc.objects.insert((14, 0), Object::Dictionary(xref));
        doc.objects.insert((15, 0), Object::Integer(7));
        doc.max_id = 15;
        doc.trailer.set("Root", Object::Reference((13, 0)));
        let mut theirs = Vec::new();
        doc.clone().save_to(&mut theirs).unwrap();
        let mut ours = Vec::new();
        save(&mut doc, &mut ours).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
        assert_eq!(ours, theirs);
        assert!(ours.windows(5).any(|w| w == b"xref\n"));
    }

    /// A file larger than a piece goes out in pieces, the offsets counted
    /// across them.
    #[test]
    fn large_files_are_the_same_too() {
        let mut doc = table_document();
        for id in 1..=400u32 {
            let content = vec![(id % 251) as u8; 1000 + id as usize];
            let stream = Stream::new(Dictionary::new(), content);
            doc.objects.insert((id, 0), Object::Stream(stream));
        }
        doc.max_id = 400;
        let mut theirs = Vec::new();
        doc.clone().save_to(&mut theirs).unwrap();
        let mut ours = Vec::new();
        save(&mut doc, &mut ours).unwrap();
        assert!(ours.len() > 4 * PIECE);
        assert_eq!(ours, theirs);
    }
}
