//! Shaping: text in one face → glyphs with advances, kerning and ligatures,
//! by HarfRust. Results are in em so one shaping serves every size.

use super::fonts::Face;
use harfrust::{Buffer, Direction, ShapeOptions, ShapePlan, ShaperFont};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A face's shaping plans by direction (right to left?), script and
/// language: what HarfRust decides once per combination (which features
/// and lookups apply), not per run.
#[derive(Default)]
pub struct Plans(Mutex<HashMap<PlanKey, Arc<ShapePlan>>>);

type PlanKey = (bool, Option<harfrust::Script>, Option<harfrust::Language>);

impl Plans {
    fn get(&self, font: &harfrust::Font, buffer: &Buffer, rtl: bool) -> Arc<ShapePlan> {
        let key = (rtl, buffer.script(), buffer.language().cloned());
        let mut plans = self.0.lock().unwrap_or_else(|e| e.into_inner());
        plans
            .entry(key)
            .or_insert_with(|| {
                Arc::new(ShapePlan::new(
                    font,
                    buffer.direction(),
                    buffer.script(),
                    buffer.language(),
                    &[],
                ))
            })
            .clone()
    }
}

impl std::fmt::Debug for Plans {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Plans")
    }
}

/// One glyph of a shaped run.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Its id in the face.
    pub id: u16,
    /// In em.
    pub advance: f64,
    /// Horizontal offset from the pen, in ems (marks).
    pub x_offset: f64,
    /// Vertical offset, in ems.
    pub y_offset: f64,
    /// The text this glyph stands for, for copying text out of the PDF: the
    /// whole cluster on its first glyph ("fi" on a ligature), empty on the
    /// rest.
    pub text: super::GlyphText,
    /// Byte offset in the shaped text where this glyph's cluster starts.
    pub cluster: u32,
}

/// Shapes `text` in one direction (a run of one bidi level), the script
/// guessed from the text (Arabic letters join only when shaped as Arabic).
/// Right-to-left glyphs come in visual order, left to right on the page.
pub fn shape(face: &Face, text: &str, language: Option<&str>, rtl: bool) -> Vec<Glyph> {
    if text.is_empty() {
        return Vec::new();
    }
    let shaper = ShaperFont::new(&face.font);
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    if let Some(lang) = language.and_then(|l| l.parse().ok()) {
        buffer.set_language(Some(lang));
    }
    let plan = face.plans.get(&face.font, &buffer, rtl);
    if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))).is_err() {
        return Vec::new();
    }
    let upem = f64::from(face.units_per_em.max(1));
    let infos = buffer.glyph_infos();
    let positions = buffer.glyph_positions();
    // Cluster starts in text order: a cluster runs to the next one, in
    // either direction of glyphs.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut glyphs = Vec::with_capacity(infos.len());
    for (k, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let first_of_cluster = k == 0 || infos[k - 1].cluster != info.cluster;
        let text = if first_of_cluster {
            let next = starts.partition_point(|&c| c <= start);
            let end = starts.get(next).copied().unwrap_or(text.len());
            super::GlyphText::new(text.get(start..end).unwrap_or(""))
        } else {
            super::GlyphText::default()
        };
        glyphs.push(Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: f64::from(pos.x_advance) / upem,
            x_offset: f64::from(pos.x_offset) / upem,
            y_offset: f64::from(pos.y_offset) / upem,
            text,
            cluster: info.cluster,
        });
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fonts::tests::serif;

    #[test]
    fn ligatures_keep_their_letters() {
        let face = serif();
        let glyphs = shape(&face, "office", None, false);
        assert!(
            glyphs.len() < 6,
            "expected an ffi ligature, got {}",
            glyphs.len()
        );
        let joined: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(joined, "office");
        assert!(glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn kerning_narrows_av() {
        let face = serif();
        let pair: f64 = shape(&face, "AV", None, false)
            .iter()
            .map(|g| g.advance)
            .sum();
        let apart: f64 =
            shape(&face, "A", None, false)[0].advance + shape(&face, "V", None, false)[0].advance;
        assert!(pair < apart, "{pair} !< {apart}");
    }

    #[test]
    fn missing_characters_become_glyph_zero() {
        let face = serif();
        let glyphs = shape(&face, "a漢", None, false);
        assert_eq!(glyphs.last().unwrap().id, 0);
        assert_eq!(glyphs.last().unwrap().text.as_str(), "漢");
    }
}
