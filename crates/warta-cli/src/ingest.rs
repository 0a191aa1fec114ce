//! `warta ingest`: read → skip what the store has → analyse (in parallel) → one writer
//! thread commits batches to the store.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use warta_core::{Analysis, Analyzer, Article};
use warta_ingest::Inputs;
use warta_store::{Access, BatchCounts, DocumentKey, Store};

use crate::analyze::Workers;
use crate::{data_dir, exit};

/// Articles read, analysed and written together: one database transaction each. Large,
/// because a transaction writes every index page its documents touch, and the keys of
/// most indexes (document ids, LSH bands) are random, so the more documents share a
/// transaction, the fewer pages each costs (the writer's system time on the 100k
/// benchmark: 8.5 s with 256, 6.0 s with 1,024).
const BATCH: usize = 1024;

/// Analysed batches waiting for the writer. One: it only has to cover the writer's
/// jitter, and it bounds memory (a batch being analysed, one queued, one being written)
/// when the disk is slower than the analysis.
const QUEUED_BATCHES: usize = 1;

/// Documents written between two index commits. An index commit writes a segment and
/// syncs it; fewer, larger commits keep the index from fragmenting.
const INDEX_COMMIT: u64 = 5_000;

/// The longest an ingest keeps written documents out of the index: a search beside a
/// running ingest sees them within this time, and a crash leaves at most this much
/// indexing for the next run to redo.
const INDEX_COMMIT_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Args)]
pub struct IngestArgs {
    /// Store folder, or a postgres:// URL [default: $WARTA_DATA, else ./warta-data]; created when absent.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub workers: Workers,
    /// Stop at the first bad input record (what was read before it is stored).
    #[arg(long)]
    pub strict: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What a run did, for the summary line and the exit code.
#[derive(Default)]
struct Tally {
    read: u64,
    skipped: u64,
    failed: u64,
    bytes: u64,
}

/// One analysed batch on its way to the writer.
type Batch = Vec<(DocumentKey, Analysis)>;

pub fn run(args: IngestArgs) -> Result<u8> {
    let dir = data_dir(args.data);
    let store = warta_store::open(&dir, Access::Write)
        .with_context(|| format!("opening the store in {}", warta_store::shown(&dir)))?;
    // The writer owns the store; this second, read-only one tells the reading side which
    // articles the store has already, so they are not analysed again.
    let known = warta_store::open(&dir, Access::Read)?;
    let analyzer = Analyzer::indonesian();
    let pool = args.workers.pool()?;
    let progress = progress_bar(args.quiet, input_bytes(&args.paths));
    let started = Instant::now();

    let (sender, receiver) = mpsc::sync_channel::<Batch>(QUEUED_BATCHES);
    let writer = thread::Builder::new()
        .name("store writer".into())
        .spawn(move || write_all(store, receiver))?;

    let mut tally = Tally::default();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut stopped = false;
    // False once the writer has stopped on an error, which its `join` reports.
    let mut writer_running = true;
    for record in Inputs::new(args.paths, args.workers.reading()) {
        match record {
            Ok(article) => {
                tally.read += 1;
                tally.bytes += article.body.len() as u64;
                batch.push(article);
                if batch.len() == BATCH {
                    writer_running = send(
                        &pool,
                        &analyzer,
                        known.as_ref(),
                        &mut batch,
                        &sender,
                        &mut tally,
                    )?;
                    if !writer_running {
                        break;
                    }
                }
            }
            Err(error) => {
                tally.failed += 1;
                progress.suspend(|| eprintln!("warta: {error}"));
                if args.strict {
                    stopped = true;
                    break;
                }
            }
        }
        progress.set_position(tally.bytes);
        progress.set_message(rate(tally.read, started));
    }
    if writer_running {
        send(
            &pool,
            &analyzer,
            known.as_ref(),
            &mut batch,
            &sender,
            &mut tally,
        )?;
    }
    drop(sender);
    let written = writer
        .join()
        .map_err(|_| anyhow!("the store writer panicked"))??;
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "warta: {} read, {} new, {} unchanged, {} replaced, {} failed ({}) into {}",
            tally.read,
            written.new,
            written.unchanged + tally.skipped,
            written.replaced,
            tally.failed,
            rate(tally.read, started),
            warta_store::shown(&dir)
        );
    }
    if stopped {
        eprintln!("warta: stopped at the first bad record (--strict)");
        return Ok(exit::FATAL);
    }
    Ok(exit::finished(tally.failed > 0))
}

/// Drops the articles the store has already, analyses the others in parallel and hands
/// them to the writer. `false` when the writer has stopped (its error comes with `join`).
fn send(
    pool: &rayon::ThreadPool,
    analyzer: &Analyzer,
    known: &dyn Store,
    batch: &mut Vec<Article>,
    sender: &mpsc::SyncSender<Batch>,
    tally: &mut Tally,
) -> Result<bool> {
    let keys: Vec<DocumentKey> = batch.iter().map(DocumentKey::of).collect();
    let needed = known.needs_write(&keys)?;
    let fresh: Vec<(DocumentKey, &Article)> = keys
        .into_iter()
        .zip(batch.iter())
        .zip(needed)
        .filter_map(|(pair, needed)| needed.then_some(pair))
        .collect();
    tally.skipped += (batch.len() - fresh.len()) as u64;
    let analysed: Batch = pool.install(|| {
        fresh
            .into_par_iter()
            .map(|(key, article)| (key, analyzer.analyze(article)))
            .collect()
    });
    batch.clear();
    if analysed.is_empty() {
        return Ok(true);
    }
    Ok(sender.send(analysed).is_ok())
}

/// The writer thread: one transaction per batch; an index commit every [`INDEX_COMMIT`]
/// documents or [`INDEX_COMMIT_INTERVAL`], and at the end.
fn write_all(
    mut store: Box<dyn Store + Send>,
    batches: mpsc::Receiver<Batch>,
) -> Result<BatchCounts> {
    let mut counts = BatchCounts::default();
    let mut since_commit = 0;
    let mut last_commit = Instant::now();
    for batch in batches {
        for outcome in store.write_batch(&batch)? {
            counts.add(outcome);
        }
        since_commit += batch.len() as u64;
        if since_commit >= INDEX_COMMIT || last_commit.elapsed() >= INDEX_COMMIT_INTERVAL {
            store.commit_index()?;
            since_commit = 0;
            last_commit = Instant::now();
        }
    }
    store.commit_index()?;
    Ok(counts)
}

fn rate(articles: u64, started: Instant) -> String {
    let seconds = started.elapsed().as_secs_f64().max(1e-3);
    format!(
        "{articles} articles, {:.0} articles/s",
        articles as f64 / seconds
    )
}

/// Bytes of the input files, for the progress bar's ETA (`None` for stdin). The bar
/// advances by article text, which JSON Lines and HTML markup and compression make
/// smaller than the files, so the ETA errs long (a 10 MB JSON Lines corpus ends at 67 %).
fn input_bytes(paths: &[PathBuf]) -> Option<u64> {
    fn walk(path: &Path) -> u64 {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => std::fs::read_dir(path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| walk(&entry.path()))
                .sum(),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        }
    }
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return None;
    }
    Some(paths.iter().map(|p| walk(p)).sum())
}

/// A bar with rate and ETA on a terminal's stderr (a spinner for stdin); indicatif draws
/// nothing when stderr is not a terminal.
fn progress_bar(quiet: bool, total: Option<u64>) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{spinner} {elapsed} [{bar:30}] {bytes}/{total_bytes} ETA {eta} {msg}",
        ),
        None => (ProgressBar::new_spinner(), "{spinner} {elapsed} {msg}"),
    };
    bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
