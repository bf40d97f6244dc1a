//! Layout files: YAML → validated `BookletLayout` / `BadgeLayout`.

use super::yaml::{Fields, Source};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::files::Files;
use crate::geom::{Pt, Size, parse_length};
use crate::model::{
    Align, BadgeLayout, BadgeStyles, BookletLayout, BookletStyles, Colour, CutMarks, Family,
    FontFile, Labels, Margins, Microtype, PhotoShape, QrSpec, Role, SectionStart, TextStyle,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file of layout `name` (`booklet-a5` → `layouts/booklet-a5.yaml`).
fn layout_path(name: &str) -> PathBuf {
    Path::new("layouts").join(format!("{name}.yaml"))
}

/// Reads and parses a layout file, reporting a missing layout with the
/// names that do exist.
fn open(files: &Files, name: &str, diags: &mut Diagnostics) -> Option<(Source, serde_yaml::Value)> {
    let rel = layout_path(name);
    let text = match files.read(&rel) {
        Ok((bytes, _)) => match String::from_utf8(bytes.into_owned()) {
            Ok(t) => t,
            Err(_) => {
                diags.push(Diagnostic::error("layout file is not UTF-8 text").in_file(&rel));
                return None;
            }
        },
        Err(e) => {
            let names = files.layout_names();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut d =
                Diagnostic::error(format!("cannot read layout `{name}` ({e})")).in_file(&rel);
            d = match did_you_mean(name, &refs) {
                Some(s) => d.hint(format!("did you mean `{s}`?")),
                None => d.hint(format!("available layouts: {}", names.join(", "))),
            };
            diags.push(d);
            return None;
        }
    };
    let src = Source::new(&rel, &text);
    match src.parse(&text) {
        Ok(v) if v.is_mapping() => Some((src, v)),
        Ok(_) => {
            diags.push(
                Diagnostic::error("a layout must be a mapping of settings")
                    .in_file(&rel)
                    .at(1, 1),
            );
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

pub fn load_booklet(files: &Files, name: &str, diags: &mut Diagnostics) -> Option<BookletLayout> {
    let (src, value) = open(files, name, diags)?;
    let map = value.as_mapping()?;
    let errors_before = diags.errors().count();
    let mut f = Fields::new(&src, src.whole(), map, diags);
    let page = if f.is_text("page") {
        f.parsed("page", paper).map(Some)
    } else {
        f.mapping("page", size_wh)
    };
    let margins = f.mapping("margins", |m| {
        Some(Margins {
            top: length(m, "top")?,
            bottom: length(m, "bottom")?,
            inner: length(m, "inner")?,
            outer: length(m, "outer")?,
        })
    });
    let bleed = f
        .parsed("bleed", |s| {
            let b = parse_length(s)?;
            if b.0 < 0.0 || b > Pt::mm(10.0) {
                return Err(format!("`{s}` is not between 0 and 10mm"));
            }
            Ok(b)
        })
        .unwrap_or(Pt::ZERO);
    let fonts = fonts(&mut f, files);
    let styles = f.mapping("styles", |s| {
        Some(BookletStyles {
            body: style(s, "body", &fonts)?,
            heading: style(s, "heading", &fonts)?,
            speaker_name: style(s, "speaker_name", &fonts)?,
            affiliation: style(s, "affiliation", &fonts)?,
            talk_title: style(s, "talk_title", &fonts)?,
            cover_title: style(s, "cover_title", &fonts)?,
            cover_detail: style(s, "cover_detail", &fonts)?,
            contents_title: style(s, "contents_title", &fonts)?,
            contents_entry: style(s, "contents_entry", &fonts)?,
            footer: style(s, "footer", &fonts)?,
        })
    });
    let accent = colour(&mut f, "accent");
    let rule = colour(&mut f, "rule");
    let photo = f.mapping("photo", |p| {
        let shape = p.parsed("shape", photo_shape).unwrap_or(PhotoShape::Rect);
        size_wh(p).map(|size| (size, shape))
    });
    let page_multiple = f.count("page_multiple", 1..=16).unwrap_or(1);
    let section_start = f
        .parsed("section_start", |s| match s {
            "new_page" => Ok(SectionStart::NewPage),
            "flow_on" => Ok(SectionStart::FlowOn),
            _ => Err(format!("`{s}` is not one of new_page, flow_on")),
        })
        .unwrap_or(SectionStart::NewPage);
    let (cover_colour, logo) = f
        .mapping("cover", |c| {
            let colour = colour(c, "colour");
            let logo = c.text("logo").map(PathBuf::from);
            if let Some(l) = &logo
                && !files.exists(l)
            {
                let d = c.error_at("logo", format!("logo file `{}` not found", l.display()));
                c.report(d.hint("give a path relative to the event folder"));
            }
            (colour, logo)
        })
        .unwrap_or((None, None));
    let microtype = f
        .mapping("microtype", |m| Microtype {
            expansion: m.bool("expansion").unwrap_or(true),
            protrusion: m.bool("protrusion").unwrap_or(true),
        })
        .unwrap_or(Microtype {
            expansion: true,
            protrusion: true,
        });
    let fallback = fallback(&mut f, &fonts);
    let no_break_after = f.text_list("no_break_after");
    let labels = f.mapping("labels", |l| {
        Some(Labels {
            contents: l.required_text("contents")?,
            schedule: l.text("schedule").unwrap_or_else(|| "Schedule".into()),
            abstract_heading: l.required_text("abstract")?,
            bio_heading: l.required_text("bio")?,
        })
    });
    f.finish();
    let missing = |f: &mut Fields<'_>, key: &str| {
        let d = f.error_at(key, format!("missing required field `{key}`"));
        f.report(d.hint("see layouts/booklet-a5.yaml for a complete example"));
    };
    for (key, present) in [
        ("page", page.is_some()),
        ("margins", margins.is_some()),
        ("styles", styles.is_some()),
        ("photo", photo.is_some()),
        ("labels", labels.is_some()),
    ] {
        if !present && !map.contains_key(key) {
            missing(&mut f, key);
        }
    }
    let layout = BookletLayout {
        source: src.path.clone(),
        page: page??,
        bleed,
        margins: margins??,
        fonts,
        styles: styles??,
        accent: accent.unwrap_or(Colour::BLACK),
        rule: rule.unwrap_or(Colour::Rgb(0.7, 0.7, 0.7)),
        photo: photo??.0,
        photo_shape: photo??.1,
        section_start,
        page_multiple,
        cover_colour: cover_colour.unwrap_or(accent.unwrap_or(Colour::BLACK)),
        logo,
        labels: labels??,
        microtype,
        fallback,
        no_break_after,
    };
    let m = layout.margins;
    if !(m.inner + m.outer + Pt(72.0)).fits(layout.page.w)
        || !(m.top + m.bottom + Pt(144.0)).fits(layout.page.h)
    {
        diags.push(
            Diagnostic::error("the margins leave almost no room for text")
                .in_file(&src.path)
                .field("margins")
                .hint("keep at least 1 in across and 2 in down between the margins"),
        );
    }
    (diags.errors().count() == errors_before).then_some(layout)
}

pub fn load_badge(files: &Files, name: &str, diags: &mut Diagnostics) -> Option<BadgeLayout> {
    let (src, value) = open(files, name, diags)?;
    let map = value.as_mapping()?;
    let errors_before = diags.errors().count();
    let mut f = Fields::new(&src, src.whole(), map, diags);
    let badge = f.mapping("badge", size_wh);
    let sheet = f.mapping("sheet", size_wh);
    let columns = f.count("columns", 1..=20);
    let rows = f.count("rows", 1..=20);
    let gap = f
        .mapping("gap", |g| {
            Some(Size::new(length(g, "horizontal")?, length(g, "vertical")?))
        })
        .flatten()
        .unwrap_or_default();
    let cut = if f.is_text("cut_marks") {
        f.parsed("cut_marks", |s| match s {
            "marks" => Ok(CutMarks::Marks),
            "guides" => Ok(CutMarks::Guides),
            "none" => Ok(CutMarks::None),
            _ => Err(format!("`{s}` is not one of marks, guides, none")),
        })
        .unwrap_or(CutMarks::Marks)
    } else {
        match f.bool("cut_marks") {
            Some(false) => CutMarks::None,
            _ => CutMarks::Marks,
        }
    };
    let duplex = f.bool("duplex").unwrap_or(false);
    let photo_shape = f
        .parsed("photo_shape", photo_shape)
        .unwrap_or(PhotoShape::Circle);
    let photo_left = f
        .parsed("photo_position", |s| match s {
            "top" => Ok(false),
            "left" => Ok(true),
            _ => Err(format!("`{s}` is not one of top, left")),
        })
        .unwrap_or(false);
    let qr = f
        .mapping("qr", |q| {
            let url = q.required_text("url");
            let size = length(q, "size");
            Some(QrSpec {
                url: url?,
                size: size?,
            })
        })
        .flatten();
    let padding = f.parsed("padding", parse_length).unwrap_or(Pt::mm(6.0));
    let fonts = fonts(&mut f, files);
    let styles = f.mapping("styles", |s| {
        Some(BadgeStyles {
            event: style(s, "event", &fonts)?,
            name: style(s, "name", &fonts)?,
            affiliation: style(s, "affiliation", &fonts)?,
            role: style(s, "role", &fonts)?,
        })
    });
    let name_min_size = f.parsed("name_min_size", parse_length);
    let band = f.mapping("band", |b| {
        let height = length(b, "height");
        let fill = colour(b, "colour");
        let text = colour_or(b, "text", Colour::WHITE);
        let roles = b
            .mapping("roles", |r| {
                let mut out = Vec::new();
                for (key, role) in [
                    ("keynote", Role::Keynote),
                    ("chair", Role::Chair),
                    ("organiser", Role::Organiser),
                    ("speaker", Role::Speaker),
                ] {
                    if let Some(c) = colour(r, key) {
                        out.push((role, c));
                    }
                }
                out
            })
            .unwrap_or_default();
        Some((height?, fill?, text, roles))
    });
    let photo = f.parsed("photo", parse_length);
    let fallback = fallback(&mut f, &fonts);
    f.finish();
    for key in [
        "badge",
        "sheet",
        "columns",
        "rows",
        "styles",
        "name_min_size",
        "band",
        "photo",
    ] {
        if !map.contains_key(key) {
            let d = f.error_at(key, format!("missing required field `{key}`"));
            f.report(d.hint("see layouts/badge-a6.yaml for a complete example"));
        }
    }
    let (band_height, band_colour, band_text, role_colours) = band??;
    let layout = BadgeLayout {
        source: src.path.clone(),
        badge: badge??,
        sheet: sheet??,
        columns: columns?,
        rows: rows?,
        gap,
        cut,
        duplex,
        padding,
        fonts,
        styles: styles??,
        name_min_size: name_min_size?,
        band_height,
        band_colour,
        band_text,
        role_colours,
        photo: photo?,
        photo_shape,
        photo_left,
        qr,
        fallback,
    };
    let grid_w = layout.badge.w * f64::from(layout.columns) + gap.w * f64::from(layout.columns - 1);
    let grid_h = layout.badge.h * f64::from(layout.rows) + gap.h * f64::from(layout.rows - 1);
    if !grid_w.fits(layout.sheet.w) || !grid_h.fits(layout.sheet.h) {
        diags.push(
            Diagnostic::error(format!(
                "{} × {} badges of {:.0} × {:.0} mm do not fit on a {:.0} × {:.0} mm sheet",
                layout.columns,
                layout.rows,
                layout.badge.w.to_mm(),
                layout.badge.h.to_mm(),
                layout.sheet.w.to_mm(),
                layout.sheet.h.to_mm()
            ))
            .in_file(&src.path)
            .hint("reduce `columns`, `rows` or `gap`, or choose a larger sheet"),
        );
    }
    if layout.name_min_size > layout.styles.name.size {
        diags.push(
            Diagnostic::error("`name_min_size` is larger than the name style's size")
                .in_file(&src.path)
                .field("name_min_size"),
        );
    }
    (diags.errors().count() == errors_before).then_some(layout)
}

fn length(f: &mut Fields<'_>, key: &'static str) -> Option<Pt> {
    if !f.has(key) {
        let d = f.error_at(key, format!("missing required field `{key}`"));
        f.report(d.hint("give a length with its unit, such as `12mm`"));
        return None;
    }
    f.parsed(key, |s| {
        let p = parse_length(s)?;
        if p.0 < 0.0 {
            return Err(format!("`{s}` is negative"));
        }
        Ok(p)
    })
}

/// `rectangle`, `rounded` or `circle`.
fn photo_shape(s: &str) -> Result<PhotoShape, String> {
    match s {
        "rectangle" | "rect" => Ok(PhotoShape::Rect),
        "rounded" => Ok(PhotoShape::Rounded),
        "circle" => Ok(PhotoShape::Circle),
        _ => Err(format!("`{s}` is not one of rectangle, rounded, circle")),
    }
}

/// Named paper sizes, portrait.
pub fn paper(name: &str) -> Result<Size, String> {
    let mm = |w: f64, h: f64| Ok(Size::new(Pt::mm(w), Pt::mm(h)));
    let inch = |w: f64, h: f64| Ok(Size::new(Pt::inch(w), Pt::inch(h)));
    match name.to_ascii_lowercase().as_str() {
        "a4" => mm(210.0, 297.0),
        "a5" => mm(148.0, 210.0),
        "a6" => mm(105.0, 148.0),
        "b5" => mm(176.0, 250.0),
        "letter" => inch(8.5, 11.0),
        "half-letter" | "halfletter" | "statement" => inch(5.5, 8.5),
        "legal" => inch(8.5, 14.0),
        _ => Err(format!(
            "`{name}` is not a known paper size (A4, A5, A6, B5, Letter, half-letter, Legal); or give `{{ width: …, height: … }}`"
        )),
    }
}

fn size_wh(f: &mut Fields<'_>) -> Option<Size> {
    let w = length(f, "width");
    let h = length(f, "height");
    let size = Size::new(w?, h?);
    if size.w.0 <= 0.0 || size.h.0 <= 0.0 || size.w > Pt::inch(200.0) || size.h > Pt::inch(200.0) {
        let d = f.error_at("width", "a size must be positive and at most 200 in");
        f.report(d);
        return None;
    }
    Some(size)
}

fn colour(f: &mut Fields<'_>, key: &'static str) -> Option<Colour> {
    f.parsed(key, |s| {
        Colour::parse(s).ok_or_else(|| {
            format!("`{s}` is not a colour (write `#1f4e79` or `cmyk(100, 60, 0, 30)`)")
        })
    })
}

fn colour_or(f: &mut Fields<'_>, key: &'static str, default: Colour) -> Colour {
    colour(f, key).unwrap_or(default)
}

/// Reads `fonts:`; checks that every file exists in the project or is built in.
fn fonts(f: &mut Fields<'_>, files: &Files) -> BTreeMap<String, Family> {
    let entries = f.each_entry("fonts", |_, fam| {
        let mut file = |key: &'static str| -> Option<FontFile> {
            let path = fam.text(key);
            let Some(path) = path else {
                let d = fam.error_at(key, format!("missing required field `{key}`"));
                fam.report(d.hint("give the path of a .ttf or .otf file, such as `fonts/X-Regular.ttf`"));
                return None;
            };
            let rel = PathBuf::from(&path);
            if !files.exists(&rel) {
                let d = fam
                    .error_at(key, format!("missing font file `{path}`"))
                    .hint(format!(
                        "put the file at {} or fix the path; fonts are read only from the project's `fonts/` or the built-in ones",
                        files.on_disk(&rel).display()
                    ));
                fam.report(d);
                return None;
            }
            Some(FontFile { path: rel })
        };
        let regular = file("regular");
        let italic = file("italic");
        let bold = file("bold");
        let bold_italic = file("bold_italic");
        Some(Family {
            regular: regular?,
            italic: italic?,
            bold: bold?,
            bold_italic: bold_italic?,
        })
    });
    entries.into_iter().collect()
}

/// `fallback:` — family names from `fonts`.
fn fallback(f: &mut Fields<'_>, fonts: &BTreeMap<String, Family>) -> Vec<String> {
    let names = f.text_list("fallback");
    for name in &names {
        if !fonts.contains_key(name) {
            let known: Vec<&str> = fonts.keys().map(String::as_str).collect();
            let d = f
                .error_at(
                    "fallback",
                    format!("unknown font family `{name}` in `fallback`"),
                )
                .hint(format!("families in `fonts`: {}", known.join(", ")));
            f.report(d);
        }
    }
    names
        .into_iter()
        .filter(|n| fonts.contains_key(n))
        .collect()
}

fn style(
    f: &mut Fields<'_>,
    key: &'static str,
    fonts: &BTreeMap<String, Family>,
) -> Option<TextStyle> {
    let out = f.mapping(key, |s| {
        let family = s.required_text("family");
        if let Some(name) = &family
            && !fonts.contains_key(name)
        {
            let names: Vec<&str> = fonts.keys().map(String::as_str).collect();
            let mut d = s.error_at("family", format!("unknown font family `{name}`"));
            d = match did_you_mean(name, &names) {
                Some(n) => d.hint(format!("did you mean `{n}`?")),
                None => d.hint(format!("families in `fonts`: {}", names.join(", "))),
            };
            s.report(d);
        }
        let size = length(s, "size");
        let leading = length(s, "leading");
        let bold = s.bool("bold").unwrap_or(false);
        let italic = s.bool("italic").unwrap_or(false);
        let colour = colour_or(s, "colour", Colour::Rgb(0.1, 0.1, 0.1));
        let align = s
            .parsed("align", |a| match a {
                "left" => Ok(Align::Left),
                "justify" => Ok(Align::Justify),
                "centre" | "center" => Ok(Align::Centre),
                _ => Err(format!("`{a}` is not one of left, justify, centre")),
            })
            .unwrap_or(Align::Left);
        let size = size?;
        if size.0 < 4.0 || size.0 > 200.0 {
            let d = s.error_at("size", "a type size must be between 4pt and 200pt");
            s.report(d);
            return None;
        }
        Some(TextStyle {
            family: family.filter(|n| fonts.contains_key(n))?,
            bold,
            italic,
            size,
            leading: leading?,
            colour,
            align,
        })
    });
    if out.is_none() {
        let d = f.error_at(key, format!("missing required style `{key}`"));
        f.report(d.hint("each style needs at least `family`, `size` and `leading`"));
    }
    out.flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_layouts_load() {
        let files = Files::new(Path::new("/nonexistent"));
        let mut diags = Diagnostics::new();
        let booklet = load_booklet(&files, "booklet-a5", &mut diags);
        let badge = load_badge(&files, "badge-a6", &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let booklet = booklet.unwrap();
        assert!((booklet.page.w.to_mm() - 148.0).abs() < 1e-9);
        assert_eq!(booklet.styles.body.align, Align::Justify);
        let badge = badge.unwrap();
        assert_eq!((badge.columns, badge.rows), (2, 2));
    }

    #[test]
    fn unknown_layout_suggests_a_name() {
        let files = Files::new(Path::new("/nonexistent"));
        let mut diags = Diagnostics::new();
        assert!(load_booklet(&files, "booklet-a6", &mut diags).is_none());
        let text = diags.iter().next().unwrap().to_string();
        assert!(text.contains("did you mean `booklet-a5`?"), "{text}");
    }
}
