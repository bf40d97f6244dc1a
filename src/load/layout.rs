//! Layout files: YAML → validated `BookletLayout` / `BadgeLayout`.

use super::yaml::{Fields, Source};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::files::Files;
use crate::geom::{Pt, Size, parse_length};
use crate::model::{
    Align, BadgeLayout, BadgeStyles, BookletLayout, BookletStyles, Colour, CutMarks, Duplex,
    Family, FontFile, Imposition, Labels, Lang, Margins, Microtype, PhotoPosition, PhotoShape,
    QrSpec, Role, SectionStart, TextStyle,
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

/// Loads booklet layout `name`: every problem of the file, or the layout.
/// Headings the layout does not set come from `lang`, the event's language.
pub fn load_booklet(files: &Files, name: &str, lang: &Lang) -> Result<BookletLayout, Diagnostics> {
    let mut layout = load_layout(files, name, read_booklet, check_margins)?;
    layout.labels = layout.labels.or_words(lang.words());
    Ok(layout)
}

/// Opens layout `name`, reads its fields with `read`, then checks the
/// whole with `check`: every problem of the file, or the layout.
fn load_layout<T>(
    files: &Files,
    name: &str,
    read: fn(&mut Fields<'_>, &Files) -> Option<T>,
    check: fn(&T, &mut Diagnostics),
) -> Result<T, Diagnostics> {
    let mut diags = Diagnostics::new();
    let layout = open(files, name, &mut diags).and_then(|(src, value)| {
        let map = value.as_mapping()?;
        let layout = read(&mut Fields::new(&src, src.whole(), map, &mut diags), files);
        layout.inspect(|l| check(l, &mut diags))
    });
    // Layouts make no warnings: the sink stays empty.
    diags.conclude(layout, &mut Diagnostics::new())
}

/// The fields of a booklet layout, in the order of `layouts/booklet-a5.yaml`.
fn read_booklet(f: &mut Fields<'_>, files: &Files) -> Option<BookletLayout> {
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
    let bleed = f.parsed("bleed", bleed).unwrap_or(Pt::ZERO);
    let fonts = fonts(f, files);
    let styles = f.mapping("styles", |s| booklet_styles(s, &fonts));
    let accent = colour(f, "accent");
    let rule = colour(f, "rule");
    let photo = f.mapping("photo", |p| {
        let shape = p.keyword("shape").unwrap_or(PhotoShape::Rect);
        size_wh(p).map(|size| (size, shape))
    });
    let page_multiple = f.count("page_multiple", 1..=16).unwrap_or(1);
    let section_start = f.keyword("section_start").unwrap_or(SectionStart::NewPage);
    let (cover_colour, logo) = f.mapping("cover", |c| cover(c, files)).unwrap_or_default();
    let microtype = f
        .mapping("microtype", |m| Microtype {
            expansion: m.bool("expansion").unwrap_or(true),
            protrusion: m.bool("protrusion").unwrap_or(true),
        })
        .unwrap_or(Microtype {
            expansion: true,
            protrusion: true,
        });
    let fallback = fallback(f, &fonts);
    let no_break_after = f.text_list("no_break_after");
    let imposition = f.mapping("imposition", imposition).unwrap_or_default();
    let crop_marks = f.bool("crop_marks").unwrap_or(false);
    let labels = f.mapping("labels", labels).unwrap_or_default();
    f.finish();
    let present = [
        ("page", page.is_some()),
        ("margins", margins.is_some()),
        ("styles", styles.is_some()),
        ("photo", photo.is_some()),
    ];
    for (key, present) in present {
        if !present && !f.has_key(key) {
            f.missing(key, "see layouts/booklet-a5.yaml for a complete example");
        }
    }
    let (photo, photo_shape) = photo??;
    Some(BookletLayout {
        source: f.path().to_path_buf(),
        page: page??,
        bleed,
        margins: margins??,
        fonts,
        styles: styles??,
        accent: accent.unwrap_or(Colour::BLACK),
        rule: rule.unwrap_or(Colour::Rgb(0.7, 0.7, 0.7)),
        photo,
        photo_shape,
        section_start,
        page_multiple,
        cover_colour: cover_colour.unwrap_or(accent.unwrap_or(Colour::BLACK)),
        logo,
        labels,
        microtype,
        fallback,
        no_break_after,
        imposition,
        crop_marks,
    })
}

/// `imposition: { sheet, duplex, creep, marks }`.
fn imposition(i: &mut Fields<'_>) -> Imposition {
    let sheet = if i.is_text("sheet") {
        i.parsed("sheet", paper)
            .map(|s| Size::new(s.h.max(s.w), s.w.min(s.h)))
    } else {
        i.mapping("sheet", size_wh).flatten()
    };
    Imposition {
        sheet,
        duplex: i.keyword("duplex").unwrap_or(Duplex::LongEdge),
        creep: i.parsed("creep", non_negative).unwrap_or(Pt::ZERO),
        marks: i.bool("marks").unwrap_or(true),
    }
}

/// A length of zero or more.
fn non_negative(s: &str) -> Result<Pt, String> {
    let p = parse_length(s)?;
    if p.0 < 0.0 {
        return Err(format!("`{s}` is negative"));
    }
    Ok(p)
}

/// A length greater than zero.
fn positive(s: &str) -> Result<Pt, String> {
    let p = parse_length(s)?;
    if p.0 <= 0.0 {
        return Err(format!("`{s}` must be greater than zero"));
    }
    Ok(p)
}

/// Bleed: from none to 10 mm.
fn bleed(s: &str) -> Result<Pt, String> {
    let b = parse_length(s)?;
    if b.0 < 0.0 || b > Pt::mm(10.0) {
        return Err(format!("`{s}` is not between 0 and 10mm"));
    }
    Ok(b)
}

fn booklet_styles(s: &mut Fields<'_>, fonts: &BTreeMap<String, Family>) -> Option<BookletStyles> {
    Some(BookletStyles {
        body: style(s, "body", fonts)?,
        heading: style(s, "heading", fonts)?,
        speaker_name: style(s, "speaker_name", fonts)?,
        affiliation: style(s, "affiliation", fonts)?,
        talk_title: style(s, "talk_title", fonts)?,
        cover_title: style(s, "cover_title", fonts)?,
        cover_detail: style(s, "cover_detail", fonts)?,
        contents_title: style(s, "contents_title", fonts)?,
        contents_entry: style(s, "contents_entry", fonts)?,
        footer: style(s, "footer", fonts)?,
    })
}

/// `cover:` — its colour and logo (checked to exist).
fn cover(c: &mut Fields<'_>, files: &Files) -> (Option<Colour>, Option<PathBuf>) {
    let colour = colour(c, "colour");
    let logo = c.text("logo").map(PathBuf::from);
    if let Some(l) = &logo
        && let Err(e) = files.confine(l, Path::new(""))
    {
        let d = c.error_at("logo", format!("cannot use logo `{}`: {e}", l.display()));
        c.report(d.hint("put the logo in the event folder and give its path from there"));
        return (colour, None);
    }
    if let Some(l) = &logo
        && !files.exists(l)
    {
        let d = c.error_at("logo", format!("logo file `{}` not found", l.display()));
        c.report(d.hint("give a path relative to the event folder"));
    }
    (colour, logo)
}

/// `labels:` — headings the layout sets itself; the others come from the
/// event's language.
fn labels(l: &mut Fields<'_>) -> Labels {
    Labels {
        contents: l.text("contents"),
        schedule: l.text("schedule"),
        abstract_heading: l.text("abstract"),
        bio_heading: l.text("bio"),
    }
}

/// Margins must leave a text block of at least 1 × 2 in.
fn check_margins(layout: &BookletLayout, diags: &mut Diagnostics) {
    let m = layout.margins;
    if !(m.inner + m.outer + Pt(72.0)).fits(layout.page.w)
        || !(m.top + m.bottom + Pt(144.0)).fits(layout.page.h)
    {
        diags.push(
            Diagnostic::error("the margins leave almost no room for text")
                .in_file(&layout.source)
                .field("margins")
                .hint("keep at least 1 in across and 2 in down between the margins"),
        );
    }
}

/// Loads badge layout `name`: every problem of the file, or the layout.
pub fn load_badge(files: &Files, name: &str) -> Result<BadgeLayout, Diagnostics> {
    load_layout(files, name, read_badge, check_badge)
}

/// The fields of a badge layout, in the order of `layouts/badge-a6.yaml`.
fn read_badge(f: &mut Fields<'_>, files: &Files) -> Option<BadgeLayout> {
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
        f.keyword("cut_marks").unwrap_or(CutMarks::Marks)
    } else {
        match f.bool("cut_marks") {
            Some(false) => CutMarks::None,
            _ => CutMarks::Marks,
        }
    };
    let duplex = f.bool("duplex").unwrap_or(false);
    let photo_shape = f.keyword("photo_shape").unwrap_or(PhotoShape::Circle);
    let photo_left = f.keyword("photo_position") == Some(PhotoPosition::Left);
    let qr = f.mapping("qr", qr).flatten();
    let padding = f.parsed("padding", non_negative).unwrap_or(Pt::mm(6.0));
    let fonts = fonts(f, files);
    let styles = f.mapping("styles", |s| {
        Some(BadgeStyles {
            event: style(s, "event", &fonts)?,
            name: style(s, "name", &fonts)?,
            affiliation: style(s, "affiliation", &fonts)?,
            role: style(s, "role", &fonts)?,
        })
    });
    let name_min_size = f.parsed("name_min_size", positive);
    let band = f.mapping("band", band);
    let photo = f.parsed("photo", positive);
    let fallback = fallback(f, &fonts);
    f.finish();
    let required = [
        "badge",
        "sheet",
        "columns",
        "rows",
        "styles",
        "name_min_size",
        "band",
        "photo",
    ];
    for key in required {
        if !f.has_key(key) {
            f.missing(key, "see layouts/badge-a6.yaml for a complete example");
        }
    }
    let band = band??;
    Some(BadgeLayout {
        source: f.path().to_path_buf(),
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
        band_height: band.height,
        band_colour: band.colour,
        band_text: band.text,
        role_colours: band.roles,
        photo: photo?,
        photo_shape,
        photo_left,
        qr,
        fallback,
    })
}

fn qr(q: &mut Fields<'_>) -> Option<QrSpec> {
    let url = q.required_text("url");
    let size = length(q, "size");
    Some(QrSpec {
        url: url?,
        size: size?,
    })
}

/// `band:` — the strip across a badge's top.
struct Band {
    height: Pt,
    colour: Colour,
    text: Colour,
    roles: Vec<(Role, Colour)>,
}

fn band(b: &mut Fields<'_>) -> Option<Band> {
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
    Some(Band {
        height: height?,
        colour: fill?,
        text,
        roles,
    })
}

/// The badges must fit on the sheet, and the name's smallest size must not
/// exceed its largest.
fn check_badge(layout: &BadgeLayout, diags: &mut Diagnostics) {
    let (cols, rows) = (f64::from(layout.columns), f64::from(layout.rows));
    let grid_w = layout.badge.w * cols + layout.gap.w * (cols - 1.0);
    let grid_h = layout.badge.h * rows + layout.gap.h * (rows - 1.0);
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
            .in_file(&layout.source)
            .hint("reduce `columns`, `rows` or `gap`, or choose a larger sheet"),
        );
    }
    if layout.name_min_size > layout.styles.name.size {
        diags.push(
            Diagnostic::error("`name_min_size` is larger than the name style's size")
                .in_file(&layout.source)
                .field("name_min_size"),
        );
    }
}

fn length(f: &mut Fields<'_>, key: &'static str) -> Option<Pt> {
    if !f.has(key) {
        f.missing(key, "give a length with its unit, such as `12mm`");
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

/// Named paper sizes, portrait.
pub fn paper(name: &str) -> Result<Size, String> {
    let mm = |w: f64, h: f64| Ok(Size::new(Pt::mm(w), Pt::mm(h)));
    let inch = |w: f64, h: f64| Ok(Size::new(Pt::inch(w), Pt::inch(h)));
    match name.to_ascii_lowercase().as_str() {
        "a3" => mm(297.0, 420.0),
        "sra3" => mm(320.0, 450.0),
        "sra4" => mm(225.0, 320.0),
        "a4" => mm(210.0, 297.0),
        "a5" => mm(148.0, 210.0),
        "a6" => mm(105.0, 148.0),
        "b5" => mm(176.0, 250.0),
        "letter" => inch(8.5, 11.0),
        "half-letter" | "halfletter" | "statement" => inch(5.5, 8.5),
        "legal" => inch(8.5, 14.0),
        "tabloid" | "ledger" => inch(11.0, 17.0),
        _ => Err(format!(
            "`{name}` is not a known paper size (A3, A4, A5, A6, B5, SRA3, SRA4, Letter, half-letter, Legal, Tabloid); or give `{{ width: …, height: … }}`"
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
                fam.missing(key, "give the path of a .ttf or .otf file, such as `fonts/X-Regular.ttf`");
                return None;
            };
            let rel = PathBuf::from(&path);
            if let Err(e) = files.confine(&rel, Path::new("")) {
                let d = fam
                    .error_at(key, format!("cannot use font file `{path}`: {e}"))
                    .hint("put the font in the event's `fonts/` folder and give `fonts/NAME.ttf`");
                fam.report(d);
                return None;
            }
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

/// `fallback:` — family names from `fonts`, resolved to their families.
fn fallback(f: &mut Fields<'_>, fonts: &BTreeMap<String, Family>) -> Vec<Family> {
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
    names.iter().filter_map(|n| fonts.get(n).cloned()).collect()
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
        let align = s.keyword("align").unwrap_or(Align::Left);
        let size = size?;
        if size.0 < 4.0 || size.0 > 200.0 {
            let d = s.error_at("size", "a type size must be between 4pt and 200pt");
            s.report(d);
            return None;
        }
        Some(TextStyle {
            family: fonts.get(&family?)?.clone(),
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
        let booklet = load_booklet(&files, "booklet-a5", &Lang::english()).unwrap();
        let badge = load_badge(&files, "badge-a6");
        assert!((booklet.page.w.to_mm() - 148.0).abs() < 1e-9);
        assert_eq!(booklet.styles.body.align, Align::Justify);
        let badge = badge.unwrap();
        assert_eq!((badge.columns, badge.rows), (2, 2));
    }

    /// Regression: negative `padding`, and zero or negative `name_min_size`
    /// and `photo`, were accepted and drew badges inside out.
    #[test]
    fn badge_lengths_must_not_be_negative() {
        let dir = std::env::temp_dir().join(format!("booklet-neg-{}", std::process::id()));
        let builtin = Files::new(Path::new("/nonexistent"));
        let (text, _) = builtin.read(Path::new("layouts/badge-a6.yaml")).unwrap();
        let text = String::from_utf8(text.into_owned()).unwrap();
        for (from, to, field) in [
            ("photo: 52mm", "photo: -52mm", "photo"),
            ("photo: 52mm", "photo: 0mm", "photo"),
            ("padding: 8mm", "padding: -3mm", "padding"),
        ] {
            assert!(text.contains(from), "{from}");
            std::fs::create_dir_all(dir.join("layouts")).unwrap();
            std::fs::write(dir.join("layouts/bad.yaml"), text.replacen(from, to, 1)).unwrap();
            let diags = load_badge(&Files::new(&dir), "bad").unwrap_err();
            let all = diags.to_string();
            assert!(all.contains(&format!("invalid `{field}`")), "{to}: {all}");
        }
        let min = text
            .lines()
            .find(|l| l.starts_with("name_min_size:"))
            .unwrap();
        std::fs::write(
            dir.join("layouts/bad.yaml"),
            text.replace(min, "name_min_size: -8pt"),
        )
        .unwrap();
        let all = load_badge(&Files::new(&dir), "bad")
            .unwrap_err()
            .to_string();
        assert!(all.contains("invalid `name_min_size`"), "{all}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unknown_layout_suggests_a_name() {
        let files = Files::new(Path::new("/nonexistent"));
        let diags = load_booklet(&files, "booklet-a6", &Lang::english()).unwrap_err();
        let text = diags.iter().next().unwrap().to_string();
        assert!(text.contains("did you mean `booklet-a5`?"), "{text}");
    }
}
