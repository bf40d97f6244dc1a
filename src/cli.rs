//! The command line: clap types, turned into a [`BuildConfig`]. Nothing of
//! clap reaches the library.

use booklet::BuildConfig;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Typesets a conference's program booklet and speaker badges as PDF.
///
/// An event folder holds `data/event.yaml`, `data/speakers.yaml` and
/// `speakers_pictures/`; it may add its own `layouts/` and `fonts/`, which
/// override the built-in ones.
#[derive(Parser, Debug)]
#[command(name = "booklet", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build out/booklet.pdf, out/badges/<id>.pdf and out/badges-sheet.pdf.
    Build(BuildArgs),
    /// Check the event and report every problem, without writing PDFs.
    Check(BuildArgs),
    /// Build, then build again whenever the event folder changes (data,
    /// photos, layouts, fonts); stop with Ctrl-C.
    Watch(BuildArgs),
    /// Create a starter event in DIR that builds at once.
    Init {
        /// Folder to create the event in.
        dir: PathBuf,
    },
    /// Write the event folder's data from a pretalx/frab schedule
    /// (schedule.xml or schedule.json), a Sessionize export or a CSV file;
    /// importing a newer export again updates it and keeps your additions.
    Import(ImportArgs),
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The export to read.
    pub file: PathBuf,
    /// Its format: frab-xml, frab-json, sessionize or csv [default: guessed].
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<booklet::import::Format>,
    /// The event folder to write.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,
    /// Do not download pictures given as web addresses.
    #[arg(long)]
    pub no_download: bool,
}

fn parse_format(s: &str) -> Result<booklet::import::Format, String> {
    s.parse()
}

impl ImportArgs {
    pub fn config(&self) -> booklet::import::ImportConfig {
        booklet::import::ImportConfig {
            file: self.file.clone(),
            format: self.format,
            project: self.project.clone(),
            download: !self.no_download,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The event folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,
    /// Where to write the PDFs [default: DIR/out].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Booklet layout: a file layouts/NAME.yaml in the event or built in.
    #[arg(long, value_name = "NAME", default_value = "booklet-a5")]
    pub layout: String,
    /// Badge layout: a file layouts/NAME.yaml in the event or built in.
    #[arg(long, value_name = "NAME", default_value = "badge-a6")]
    pub badges: String,
    /// Which files: `print` (booklet.pdf, booklet-imposed.pdf,
    /// badges-sheet.pdf), `screen` (booklet-screen.pdf, badges/ and proofs/
    /// for e-mail, manifest.csv) or `all`.
    #[arg(long = "for", value_name = "WHO", default_value = "all", value_parser = ["all", "print", "screen"])]
    pub for_: String,
    /// Treat warnings (missing photos, names shrunk to fit…) as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also list what a copy shop would reject: photos below 150 ppi, text
    /// or photos in the bleed zone, colours outside the layout's colour
    /// space, fonts that may not be embedded.
    #[arg(long)]
    pub print: bool,
    /// Print typesetting figures per document: lines, justified lines,
    /// inter-word spaces, hyphenated lines, overfull lines, widows, orphans.
    #[arg(long)]
    pub report: bool,
}

impl BuildArgs {
    pub fn config(&self, write: bool) -> BuildConfig {
        let mut c = BuildConfig::new(&self.project);
        if let Some(out) = &self.out {
            c.out = out.clone();
        }
        c.booklet_layout = self.layout.clone();
        c.badge_layout = self.badges.clone();
        c.write = write;
        c.deny_warnings = self.deny_warnings;
        c.preflight = self.print;
        c.for_print = self.for_ != "screen";
        c.for_screen = self.for_ != "print";
        c
    }
}
