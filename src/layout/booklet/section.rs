//! One speaker's section: the head (name, affiliation, talk title beside
//! the photo, never split), then the abstract and the biography.

use super::{Styles, place_block, shape_of};
use crate::diag::Diagnostics;
use crate::geom::{Point, Pt, Rect};
use crate::layout::flow::{Flow, LineMetrics};
use crate::layout::frame::{Frame, Item, Stroke};
use crate::layout::photo::{place_photo, placeholder};
use crate::model::{PhotoShape, PhotoSource, Project, SectionStart, Speaker};
use crate::text::{SetText, Typesetter, markup};

/// Warns about every character of `set` that no font has.
pub(super) fn warn_missing(set: &SetText, speaker: &Speaker, field: &str, diags: &mut Diagnostics) {
    if let Some(d) = crate::layout::missing_glyphs(&set.missing, &speaker.id, field, "the booklet")
    {
        diags.push(d);
    }
}

/// A speaker's section set and ready to flow: the head and the texts,
/// and what setting them warned about. Setting depends on nothing the flow
/// decides (the measure is the same on every page), so every speaker's is
/// made at once, on every core, and the flow then places them in order.
pub struct Prepared {
    head: Frame,
    head_height: Pt,
    texts: Vec<HeadedText>,
    /// Warnings, in the order a serial build finds them.
    pub diags: Diagnostics,
}

/// Paragraphs set to the measure, under an optional heading.
pub(super) struct HeadedText {
    heading: Option<SetText>,
    paragraphs: Vec<SetText>,
}

/// Sets a speaker's head, abstract and biography to `measure`.
pub fn prepare(
    speaker: &Speaker,
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    measure: Pt,
) -> Prepared {
    let layout = &project.booklet;
    let lang = speaker.lang.as_ref().unwrap_or(&project.event.language);
    let mut diags = Diagnostics::new();
    let (head, head_height) = head(measure, speaker, project, st, ts, &mut diags);
    let texts = [
        (
            layout.labels.abstract_heading(),
            &speaker.abstract_text,
            "abstract",
        ),
        (layout.labels.bio_heading(), &speaker.bio, "bio"),
    ];
    let texts = (texts.into_iter())
        .filter_map(|(label, text, field)| {
            let text = text.as_ref()?;
            let who = (speaker, field);
            Some(set_text(
                Some(label),
                text,
                who,
                lang,
                st,
                ts,
                measure,
                &mut diags,
            ))
        })
        .collect();
    Prepared {
        head,
        head_height,
        texts,
        diags,
    }
}

/// Places a prepared section; returns the index of the page it starts on.
pub fn place(
    flow: &mut Flow,
    section: Prepared,
    project: &Project,
    st: &Styles,
    ts: &Typesetter<'_>,
    first: bool,
) -> usize {
    let layout = &project.booklet;
    let body_m = LineMetrics::of(ts, &st.body);
    let head_m = LineMetrics::of(ts, &st.heading);
    if !first {
        match layout.section_start {
            SectionStart::NewPage => flow.new_page(),
            SectionStart::FlowOn => {
                flow.space(body_m.leading * 2.0);
                // The head, a heading and two lines of text stay together.
                flow.ensure(section.head_height + head_m.leading + body_m.leading * 3.0);
            }
        }
    }
    let start = flow.page_index();
    let origin = Point::new(flow.left(), flow.y);
    flow.page().place(std::sync::Arc::new(section.head), origin);
    flow.y += section.head_height;
    for text in section.texts {
        place_text(flow, text, st, ts);
    }
    start
}

/// Paragraphs of marked-up text (an abstract, a biography) under an
/// optional heading that stays with their first two lines; warns about
/// characters no font has, naming the speaker and field.
#[allow(clippy::too_many_arguments)]
pub(super) fn headed_text(
    flow: &mut Flow,
    label: Option<&str>,
    text: &str,
    who: (&Speaker, &str),
    lang: &crate::model::Lang,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) {
    let set = set_text(label, text, who, lang, st, ts, flow.measure(), diags);
    place_text(flow, set, st, ts);
}

/// Sets marked-up text and its heading to `measure`; warns about
/// characters no font has, naming the speaker and field.
#[allow(clippy::too_many_arguments)]
fn set_text(
    label: Option<&str>,
    text: &str,
    (speaker, field): (&Speaker, &str),
    lang: &crate::model::Lang,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    measure: Pt,
    diags: &mut Diagnostics,
) -> HeadedText {
    let paragraphs: Vec<SetText> = markup::parse(text)
        .iter()
        .map(|p| ts.paragraph(p, &st.body, measure, lang))
        .collect();
    for p in &paragraphs {
        warn_missing(p, speaker, field, diags);
    }
    let heading = label
        .filter(|_| !paragraphs.is_empty())
        .map(|label| ts.plain(&label.to_uppercase(), &st.heading, measure, lang));
    HeadedText {
        heading,
        paragraphs,
    }
}

/// Flows set text: its heading kept with the first two lines.
fn place_text(flow: &mut Flow, text: HeadedText, st: &Styles, ts: &Typesetter<'_>) {
    let body_m = LineMetrics::of(ts, &st.body);
    let head_m = LineMetrics::of(ts, &st.heading);
    let paragraphs = text.paragraphs;
    if paragraphs.is_empty() {
        return;
    }
    flow.space(st.body.leading * 0.5);
    if let Some(heading) = text.heading {
        // Keep a heading with the first two lines of its text.
        let first = paragraphs[0].lines.len().min(2) as f64;
        flow.ensure(head_m.leading + body_m.leading * first);
        flow.lines(heading.lines, head_m, Pt::ZERO);
    }
    for (k, p) in paragraphs.into_iter().enumerate() {
        if k > 0 {
            flow.space(st.body.leading * 0.4);
        }
        flow.paragraph(p.lines, body_m);
    }
}

/// The head as its own frame (origin at its top-left), and its height
/// including the rule under it: name, affiliation and talk title beside the
/// photo.
pub(super) fn head(
    measure: Pt,
    speaker: &Speaker,
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) -> (Frame, Pt) {
    let layout = &project.booklet;
    let lang = speaker.lang.as_ref().unwrap_or(&project.event.language);
    let mut frame = Frame::new(layout.page);
    let photo_box = photo_box(layout, measure);
    let text_measure = measure - photo_box.w - Pt::mm(5.0);
    let affiliation = speaker.affiliation.as_deref().map(|a| {
        let spans = [markup::Span {
            text: a.to_string(),
            link: speaker.affiliation_url.clone(),
            ..Default::default()
        }];
        ts.paragraph(&spans, &st.affiliation, text_measure, lang)
    });
    let name = ts.plain(&speaker.name, &st.name, text_measure, lang);
    let title = (speaker.title.as_deref()).map(|t| ts.plain(t, &st.title, text_measure, lang));
    // Blocks stacked down the text column: (set text, style, space above).
    let blocks = [
        (Some(name), &st.name, "name", Pt::ZERO),
        (affiliation, &st.affiliation, "affiliation", Pt::ZERO),
        (title, &st.title, "title", st.title.leading * 0.6),
    ];
    let mut y = Pt::ZERO;
    for (set, style, field, above) in blocks {
        let Some(set) = set else { continue };
        warn_missing(&set, speaker, field, diags);
        let m = LineMetrics::of(ts, style);
        y = place_block(&mut frame, &set, m, Pt::ZERO, y + above);
    }
    match &speaker.photo {
        PhotoSource::Photo(p) => {
            let shape = shape_of(layout.photo_shape, photo_box);
            if let Some(w) = place_photo(&mut frame, p, photo_box, shape, speaker.photo_focus) {
                diags.push(w.speaker(&speaker.id).field("photo"));
            }
        }
        PhotoSource::Placeholder => {
            let initials = speaker.initials();
            let shape = shape_of(layout.photo_shape, photo_box);
            placeholder(
                &mut frame,
                ts,
                &st.name,
                (photo_box, shape),
                &initials,
                lang,
            );
        }
    }
    let bottom = y.max(photo_box.bottom()) + st.body.leading * 0.5;
    frame.items.push(Item::Line {
        from: Point::new(Pt::ZERO, bottom),
        to: Point::new(measure, bottom),
        stroke: Stroke {
            colour: layout.rule,
            width: Pt(0.5),
        },
    });
    (frame, bottom + st.body.leading * 0.5)
}

/// The photo's place at the head's right edge; a circle needs a square.
pub(super) fn photo_box(layout: &crate::model::BookletLayout, measure: Pt) -> Rect {
    match layout.photo_shape {
        PhotoShape::Circle => {
            let d = layout.photo.w.min(layout.photo.h);
            Rect::new(measure - d, Pt::ZERO, d, d)
        }
        _ => Rect::new(
            measure - layout.photo.w,
            Pt::ZERO,
            layout.photo.w,
            layout.photo.h,
        ),
    }
}
