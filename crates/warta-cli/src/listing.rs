//! The loop shared by the commands that list one kind of fact per article (`warta
//! entities`, `quotes`, `events`): read, analyse, print, report bad records.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use warta_core::{Analysis, Analyzer};
use warta_ingest::{IngestOptions, Inputs};

use crate::exit;

/// Analyses the articles of `paths` one at a time and lets `write` print each; bad
/// records go to stderr and make the exit code [`exit::SOME_RECORDS_FAILED`]. One article
/// at a time: these commands are for reading a few articles, `warta analyze` is for
/// corpora.
pub fn each_article(
    paths: Vec<PathBuf>,
    mut write: impl FnMut(&mut dyn Write, &Analysis) -> io::Result<()>,
) -> Result<u8> {
    let analyzer = Analyzer::indonesian();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for record in Inputs::new(paths, IngestOptions::default()) {
        match record {
            Ok(article) => write(&mut out, &analyzer.analyze(&article))?,
            Err(error) => {
                failed = true;
                eprintln!("warta: {error}");
            }
        }
    }
    out.flush()?;
    Ok(exit::finished(failed))
}

/// [`each_article`] for the articles with any of the facts `keep` wants among those
/// `facts` reads: their source, those facts as `write` prints them, and a blank line;
/// articles without one are skipped.
pub fn each_article_with<T>(
    paths: Vec<PathBuf>,
    facts: fn(&Analysis) -> &[T],
    keep: impl Fn(&T) -> bool,
    write: impl Fn(&mut dyn Write, &Analysis, &[&T]) -> io::Result<()>,
) -> Result<u8> {
    each_article(paths, |out, analysis| {
        let kept: Vec<&T> = facts(analysis).iter().filter(|fact| keep(fact)).collect();
        if kept.is_empty() {
            return Ok(());
        }
        writeln!(out, "{}", analysis.source)?;
        write(out, analysis, &kept)?;
        writeln!(out)
    })
}
