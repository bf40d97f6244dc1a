//! The `booklet` command: parse arguments, run the library, print what
//! happened, set the exit code (0 ok, 1 build failed, 2 bad command line).

mod cli;

use booklet::output::human_size;
use booklet::{BuildReport, diag::Diagnostic};
use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    booklet::memory::tune();
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            finish(&booklet::build(&once(args.config(true))), true, args.report)
        }
        Command::Check(args) => finish(
            &booklet::build(&once(args.config(false))),
            false,
            args.report,
        ),
        Command::Watch(args) => watch(&args.config(true), args.report),
        Command::Import(args) => import(&booklet::import::import(&args.config())),
        Command::Init { dir } => match booklet::init::init(&dir) {
            Ok(files) => {
                for f in files {
                    println!("created {}", f.display());
                }
                println!("build it with: booklet build --project {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprintln!("{d}");
                ExitCode::from(1)
            }
        },
    }
}

/// A build in a process that ends when it returns.
fn once(config: booklet::BuildConfig) -> booklet::BuildConfig {
    booklet::BuildConfig {
        ends_process: true,
        ..config
    }
}

fn finish(report: &BuildReport, wrote: bool, figures: bool) -> ExitCode {
    for d in report.diagnostics.errors() {
        eprintln!("{d}\n");
    }
    if !report.failed() {
        if wrote {
            print_files(&report.files);
        } else {
            println!("checked {} speakers", report.speakers);
        }
    }
    if figures && !report.failed() {
        println!();
        for (name, stats) in &report.stats {
            println!("{}", stats.render(name));
        }
    }
    let groups = report.diagnostics.warnings_by_speaker();
    if !groups.is_empty() {
        let count: usize = groups.iter().map(|(_, w)| w.len()).sum();
        println!(
            "\n{count} warning{} to look at before printing:",
            if count == 1 { "" } else { "s" }
        );
        for (speaker, warnings) in groups {
            match speaker {
                Some(s) => println!("  speaker {s}:"),
                None => println!("  event:"),
            }
            for w in warnings {
                println!("    - {}", one_line(w));
            }
        }
    }
    let errors = report.diagnostics.errors().count();
    if errors > 0 {
        eprintln!(
            "build failed: {errors} error{}",
            if errors == 1 { "" } else { "s" }
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Builds on every change, printing each build's summary as `build` does.
fn watch(config: &booklet::BuildConfig, figures: bool) -> ExitCode {
    let result = booklet::watch::watch(config, |round| {
        if !round.changed.is_empty() {
            let names: Vec<_> = round
                .changed
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            println!("\nchanged: {}", names.join(", "));
        }
        finish(round.report, true, figures);
        println!(
            "built in {:.3} s; watching {} for changes (Ctrl-C to stop)",
            round.took.as_secs_f64(),
            config.project.display()
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Prints what an import wrote and changed, and its problems.
fn import(report: &booklet::import::ImportReport) -> ExitCode {
    for d in report.diagnostics.iter() {
        eprintln!("{d}\n");
    }
    for path in &report.written {
        println!("wrote {}", path.display());
    }
    for change in &report.changes {
        println!("  {change}");
    }
    if report.diagnostics.has_errors() {
        eprintln!("import failed: nothing was written");
        return ExitCode::from(1);
    }
    println!("check it with: booklet check");
    ExitCode::SUCCESS
}

/// The files written: one line each, but a folder of many (badges, proofs)
/// on one line with its count and total size.
fn print_files(files: &[booklet::output::Written]) {
    use std::collections::HashMap;
    let folder = |f: &booklet::output::Written| f.path.parent().map(|p| p.to_path_buf());
    // Counted once up front: a 1000-speaker event writes thousands of files,
    // and comparing each with every other took a tenth of a second.
    let mut by_folder: HashMap<std::path::PathBuf, (usize, usize, usize)> = HashMap::new();
    for f in files {
        let entry = by_folder.entry(folder(f).unwrap_or_default()).or_default();
        entry.0 += 1;
        entry.1 += f.bytes;
        entry.2 = entry.2.max(f.bytes);
    }
    let mut shown: Vec<std::path::PathBuf> = Vec::new();
    for f in files {
        let dir = folder(f).unwrap_or_default();
        let (count, bytes, largest) = by_folder[&dir];
        let many = count > 8
            && dir
                .file_name()
                .is_some_and(|n| n == "badges" || n == "proofs");
        if many {
            if !shown.contains(&dir) {
                println!(
                    "{:<40} {:>4} files {:>9} (largest {})",
                    format!("{}/", dir.display()),
                    count,
                    human_size(bytes),
                    human_size(largest)
                );
                shown.push(dir);
            }
            continue;
        }
        let path = f.path.display().to_string();
        if f.pages == 0 {
            println!(
                "{:<40} {:>21}",
                path.strip_prefix("./").unwrap_or(&path),
                human_size(f.bytes)
            );
            continue;
        }
        println!(
            "{:<40} {:>4} page{} {:>10}",
            path.strip_prefix("./").unwrap_or(&path),
            f.pages,
            if f.pages == 1 { " " } else { "s" },
            human_size(f.bytes)
        );
    }
    // A rebuild keeps the files nothing changed (see output::Memo).
    let pdfs = files.iter().filter(|f| f.pages > 0).count();
    let unchanged = files.iter().filter(|f| f.unchanged).count();
    if unchanged > 0 {
        println!("({unchanged} of {pdfs} PDFs unchanged since the last build, kept as they were)");
    }
}

/// A warning on one line for the grouped summary, its hint after a dash.
fn one_line(w: &Diagnostic) -> String {
    let mut s = w.message.clone();
    if let Some(field) = &w.field {
        s = format!("{field}: {s}");
    }
    if let (Some(file), Some(line)) = (&w.file, w.line) {
        s.push_str(&format!(" ({}:{line})", file.display()));
    }
    if let Some(h) = w.hints.first() {
        s.push_str(&format!(" — {h}"));
    }
    s
}
