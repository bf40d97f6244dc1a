//! Recomputes where every glyph of a PDF lands, from its content streams and
//! its fonts' /W widths and ToUnicode maps: the written file's view of the
//! typesetting, independent of the engine's own.

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    /// Advance in points, horizontal scaling applied.
    pub advance: f64,
    pub text: String,
    pub font: String,
}

struct Font {
    name: String,
    widths: BTreeMap<u16, f64>,
    unicode: BTreeMap<u16, String>,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

fn hex_u16s(s: &str) -> Vec<u16> {
    let h = s.trim().trim_start_matches('<').trim_end_matches('>');
    (0..h.len() / 4)
        .map(|k| u16::from_str_radix(&h[k * 4..k * 4 + 4], 16).unwrap())
        .collect()
}

fn parse_to_unicode(data: &str) -> BTreeMap<u16, String> {
    let mut map = BTreeMap::new();
    let mut mode = "";
    for line in data.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if line.starts_with("endbf") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line
            .split('>')
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        match (mode, parts.as_slice()) {
            ("char", [src, dst]) => {
                let code = hex_u16s(src)[0];
                map.insert(code, String::from_utf16_lossy(&hex_u16s(dst)));
            }
            ("range", [lo, hi, dst]) => {
                let (lo, hi) = (hex_u16s(lo)[0], hex_u16s(hi)[0]);
                let base = hex_u16s(dst);
                for (k, code) in (lo..=hi).enumerate() {
                    let mut units = base.clone();
                    if let Some(last) = units.last_mut() {
                        *last += k as u16;
                    }
                    map.insert(code, String::from_utf16_lossy(&units));
                }
            }
            _ => {}
        }
    }
    map
}

fn load_font(doc: &Document, dict: &lopdf::Dictionary) -> Font {
    let name = dict
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let mut widths = BTreeMap::new();
    if let Ok(desc) = dict.get(b"DescendantFonts") {
        let arr = deref(doc, desc).as_array().unwrap();
        let cid = deref(doc, &arr[0]).as_dict().unwrap();
        if let Ok(w) = cid.get(b"W") {
            let w = deref(doc, w).as_array().unwrap();
            let mut k = 0;
            while k < w.len() {
                let first = number(&w[k]) as u16;
                match deref(doc, &w[k + 1]) {
                    Object::Array(list) => {
                        for (j, v) in list.iter().enumerate() {
                            widths.insert(first + j as u16, number(v));
                        }
                        k += 2;
                    }
                    other => {
                        let last = number(other) as u16;
                        for c in first..=last {
                            widths.insert(c, number(&w[k + 2]));
                        }
                        k += 3;
                    }
                }
            }
        }
    }
    let mut unicode = BTreeMap::new();
    if let Ok(tu) = dict.get(b"ToUnicode") {
        let stream = deref(doc, tu).as_stream().unwrap();
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        unicode = parse_to_unicode(&String::from_utf8_lossy(&data));
    }
    Font {
        name,
        widths,
        unicode,
    }
}

fn fonts_of(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, Font> {
    let mut out = BTreeMap::new();
    let page = doc.get_dictionary(page).unwrap();
    let res = deref(doc, page.get(b"Resources").unwrap())
        .as_dict()
        .unwrap();
    if let Ok(fonts) = res.get(b"Font") {
        for (name, f) in deref(doc, fonts).as_dict().unwrap().iter() {
            out.insert(
                name.clone(),
                load_font(doc, deref(doc, f).as_dict().unwrap()),
            );
        }
    }
    out
}

/// Every glyph of every page, in content-stream order.
pub fn glyphs(doc: &Document) -> Vec<Vec<Glyph>> {
    let mut pages = Vec::new();
    for (_, &id) in doc.get_pages().iter() {
        let fonts = fonts_of(doc, id);
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        // Horizontal scale: Tz times the text matrix's own (LuaTeX expands
        // fonts through the matrix).
        let (mut font, mut size, mut scale, mut matrix_scale) = (None::<&Font>, 0.0, 1.0, 1.0);
        let (mut x, mut y) = (0.0, 0.0);
        // Where the line starts (`Td` moves from it), and the text
        // matrix's vertical scale.
        let (mut line_x, mut line_y, mut matrix_d) = (0.0, 0.0, 1.0);
        // The current transformation matrix (a, d, e, f: no rotation), and
        // its saved copies (Typst places text through `cm`).
        let mut ctm = [1.0, 1.0, 0.0, 0.0];
        let mut saved: Vec<[f64; 4]> = Vec::new();
        let mut out = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => saved.push(ctm),
                "Q" => ctm = saved.pop().unwrap_or([1.0, 1.0, 0.0, 0.0]),
                "cm" => {
                    let n: Vec<f64> = op.operands.iter().map(number).collect();
                    ctm = [
                        ctm[0] * n[0],
                        ctm[1] * n[3],
                        ctm[2] + ctm[0] * n[4],
                        ctm[3] + ctm[1] * n[5],
                    ];
                }
                "Tf" => {
                    font = op.operands[0].as_name().ok().and_then(|n| fonts.get(n));
                    size = number(&op.operands[1]);
                }
                "Tz" => scale = number(&op.operands[0]) / 100.0,
                "BT" => {
                    (x, y, line_x, line_y) = (0.0, 0.0, 0.0, 0.0);
                    (matrix_scale, matrix_d) = (1.0, 1.0);
                }
                "Tm" => {
                    matrix_scale = number(&op.operands[0]);
                    matrix_d = number(&op.operands[3]);
                    x = number(&op.operands[4]);
                    y = number(&op.operands[5]);
                    (line_x, line_y) = (x, y);
                }
                "Td" => {
                    line_x += number(&op.operands[0]) * matrix_scale;
                    line_y += number(&op.operands[1]) * matrix_d;
                    (x, y) = (line_x, line_y);
                }
                "TJ" | "Tj" => {
                    let items: Vec<Object> = match &op.operands[0] {
                        Object::Array(a) => a.clone(),
                        other => vec![other.clone()],
                    };
                    let Some(f) = font else { continue };
                    let scale = scale * matrix_scale * ctm[0];
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code =
                                        u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                                    let w = f.widths.get(&code).copied().unwrap_or(1000.0);
                                    let advance = w / 1000.0 * size * scale;
                                    out.push(Glyph {
                                        x: ctm[2] + ctm[0] * x,
                                        y: ctm[3] + ctm[1] * y,
                                        size,
                                        advance,
                                        text: f.unicode.get(&code).cloned().unwrap_or_default(),
                                        font: f.name.clone(),
                                    });
                                    x += advance / ctm[0];
                                }
                            }
                            other => x -= number(&other) / 1000.0 * size * scale / ctm[0],
                        }
                    }
                }
                _ => {}
            }
        }
        pages.push(out);
    }
    pages
}

/// Glyphs grouped into lines (same baseline), top to bottom.
pub fn lines(page: &[Glyph]) -> Vec<Vec<Glyph>> {
    let mut by_y: BTreeMap<i64, Vec<Glyph>> = BTreeMap::new();
    for g in page {
        by_y.entry(-(g.y * 100.0).round() as i64)
            .or_default()
            .push(g.clone());
    }
    by_y.into_values()
        .map(|mut l| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            l
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bfchar_and_bfrange() {
        let map = parse_to_unicode(
            "2 beginbfchar\n<0001> <0020>\n<0002> <00660069>\nendbfchar\n1 beginbfrange\n<0005> <0007> <0041>\nendbfrange\n",
        );
        assert_eq!(map[&1], " ");
        assert_eq!(map[&2], "fi");
        assert_eq!(map[&7], "C");
    }
}
