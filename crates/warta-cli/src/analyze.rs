//! `warta analyze`: ingest → analyse (in parallel, order kept) → print.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use warta_core::{Analysis, Analyzer, Article};
use warta_ingest::{IngestOptions, Inputs};

use crate::{Format, exit, report};

/// The allocator of the whole binary: analysis allocates many small strings and vectors
/// per token, which mimalloc serves markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Articles analysed together; bounds memory whatever the corpus size.
const BATCH: usize = 64;

#[derive(Args)]
pub struct AnalyzeArgs {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Include the tokens of every sentence (lemma, affixes, voice, number values).
    #[arg(long)]
    pub tokens: bool,
    /// Skip extraction (`entities`, `quotes`, `events`, `quantities` and `dates` stay
    /// empty); for measuring the stages before it.
    #[arg(long)]
    pub no_entities: bool,
    /// Stop at the first bad input record instead of reporting it and going on.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub workers: Workers,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What a run read, for the summary line and the exit code.
#[derive(Default)]
struct Tally {
    articles: u64,
    bytes: u64,
    failed: u64,
}

pub fn run(args: AnalyzeArgs) -> Result<u8> {
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Jsonl
    });
    let analyzer = Analyzer::indonesian()
        .with_tokens(args.tokens)
        .with_entities(!args.no_entities);
    let pool = args.workers.pool()?;
    let progress = progress_bar(args.quiet);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut tally = Tally::default();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);

    for record in Inputs::new(args.paths, args.workers.reading()) {
        match record {
            Ok(article) => {
                tally.bytes += article.body.len() as u64;
                batch.push(article);
                if batch.len() == BATCH {
                    flush(&pool, &analyzer, &mut batch, format, &mut out, &mut tally)?;
                }
            }
            Err(error) => {
                tally.failed += 1;
                progress.suspend(|| eprintln!("warta: {error}"));
                if args.strict {
                    flush(&pool, &analyzer, &mut batch, format, &mut out, &mut tally)?;
                    out.flush()?;
                    eprintln!("warta: stopped at the first bad record (--strict)");
                    return Ok(exit::FATAL);
                }
            }
        }
        progress.set_message(summary(&tally));
    }
    flush(&pool, &analyzer, &mut batch, format, &mut out, &mut tally)?;
    out.flush()?;
    progress.finish_and_clear();
    if !args.quiet && io::stderr().is_terminal() {
        eprintln!("warta: {}", summary(&tally));
    }
    Ok(exit::finished(tally.failed > 0))
}

/// Analyses a batch in parallel and writes the results in input order.
fn flush(
    pool: &rayon::ThreadPool,
    analyzer: &Analyzer,
    batch: &mut Vec<Article>,
    format: Format,
    out: &mut impl Write,
    tally: &mut Tally,
) -> Result<()> {
    let analyses: Vec<Analysis> =
        pool.install(|| batch.par_iter().map(|a| analyzer.analyze(a)).collect());
    for analysis in &analyses {
        match format {
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, analysis)?;
                out.write_all(b"\n")?;
            }
            Format::Text => report::write(out, analysis)?,
        }
    }
    tally.articles += analyses.len() as u64;
    batch.clear();
    Ok(())
}

fn summary(tally: &Tally) -> String {
    format!(
        "{} articles, {:.1} MB read, {} failed records",
        tally.articles,
        tally.bytes as f64 / 1e6,
        tally.failed
    )
}

/// A spinner on stderr; indicatif hides it when stderr is not a terminal.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The options of the commands that analyse a corpus in parallel (`analyze`, `ingest`).
#[derive(Args)]
pub struct Workers {
    /// Worker threads for the analysis [default: all cores].
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Largest article accepted, in MiB; bigger records are reported and skipped.
    #[arg(long, value_name = "MIB", default_value_t = 8)]
    pub max_article_mib: usize,
}

impl Workers {
    /// The threads that analyse the batches.
    pub fn pool(&self) -> Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.unwrap_or(0))
            .build()
            .context("starting the worker threads")
    }

    /// How the inputs are read: articles up to the size limit.
    pub fn reading(&self) -> IngestOptions {
        IngestOptions {
            max_article_bytes: self.max_article_mib << 20,
            ..IngestOptions::default()
        }
    }
}
