//! `warta`: read Indonesian news about conflict and diplomacy and turn it into sourced,
//! structured event data.

mod analyze;
mod entities;
mod eval;
mod eval_gold;
mod events;
mod kb;
mod listing;
mod ner;
mod quotes;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit codes, so scripts can tell a clean run from a partial one.
pub mod exit {
    /// Every input record was read and analysed.
    pub const OK: u8 = 0;
    /// The run finished, but some input records failed (each was reported on stderr).
    pub const SOME_RECORDS_FAILED: u8 = 1;
    /// Wrong usage: unknown option, missing argument (clap's own code).
    pub const USAGE: u8 = 2;
    /// The run could not go on: output closed, an unreadable gold set, `--strict` stop.
    pub const FATAL: u8 = 3;
}

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Read Indonesian news about conflict and diplomacy and turn it into sourced, structured event data.",
    long_about = "warta reads Indonesian-language news articles (plain text, HTML pages, JSON Lines, \
WARC crawls), removes the clutter news sites leave around the story, and reports what each \
article says: headline, outlet, publication date, credited sources, sentences and tokens, with \
byte offsets into the clean text for every span.\n\n\
Output is one JSON object per article on stdout (JSON Lines) for pipes, or a readable report on \
a terminal. Errors go to stderr and name the file and line or record.",
    after_help = "EXIT CODES:\n  0  every record was analysed\n  1  some input records failed (see stderr); the rest were analysed\n  2  usage error\n  3  fatal error (output closed, unreadable gold set, --strict stop)\n\n\
EXAMPLES:\n  warta analyze samples/                      readable report of the bundled samples\n  warta analyze --format jsonl crawl.warc.gz > out.jsonl\n  cat articles.jsonl | warta analyze -         read JSON Lines from stdin\n  warta quotes --speaker Peskov samples/      what Peskov said, with the source chain\n  warta events --type ASSAULT samples/        attacks: who, on whom, where, when, how many\n  warta eval --gold ../shared/eval/gold --docs ../shared/seeds\n  warta eval lemma --json ud/*.conllu"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles from files, folders or stdin and print one result per article.
    #[command(long_about = "Analyse articles and print one result per article.\n\n\
PATHs may be files, folders (read recursively, in name order) or `-` for stdin. Formats are told \
by extension: .txt (one article per file), .html/.htm (one page per file), .jsonl/.ndjson (one \
article per line with `text` or `html` and optional `url`, `title`, `published`, `outlet`), \
.warc/.warc.gz (HTML response records); any of them may be gzip-compressed. Stdin and \
files without an extension are sniffed; a folder walk skips files with other extensions \
(README.md, images).\n\n\
A bad record (invalid JSON line, binary or non-UTF-8 file, empty article, truncated WARC record, \
oversized input) is reported on stderr with its file and line or record; the run goes on and \
exits with code 1 at the end. With --strict it stops at the first bad record (exit code 3).")]
    Analyze(analyze::AnalyzeArgs),
    /// Print the people, organisations and places of each article as a table: type, id,
    /// name, country, mentions and how they were found.
    Entities(entities::EntitiesArgs),
    /// Print the statements of each article: direct and indirect quotes with speaker, cue,
    /// act, channel and the chain of sources; `--speaker NAME` keeps one speaker's.
    Quotes(quotes::QuotesArgs),
    /// Print the events of each article: PLOVER type and mode, actor → recipient,
    /// negation and modality, place, day, numbers and who claims it; `--type` keeps one.
    Events(events::EventsArgs),
    /// Score output against gold annotations, or score lemmas and sentences on treebanks.
    Eval(eval::EvalArgs),
    /// Train a model (`warta train ner`: the name tagger) and write it to a file.
    Train(ner::TrainArgs),
    /// Print the JSON Schema of one output record (`warta analyze --format jsonl`).
    Schema,
    /// Look up, list and validate the knowledge base; rebuild its generated layer.
    Kb(kb::KbArgs),
}

/// Output formats of `warta analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per article, one per line.
    Jsonl,
    /// A readable report per article.
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Entities(args) => entities::run(args),
        Command::Quotes(args) => quotes::run(args),
        Command::Events(args) => events::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => ner::train(args),
        Command::Schema => print_schema(),
        Command::Kb(args) => kb::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("warta: error: {error:#}");
            ExitCode::from(exit::FATAL)
        }
    }
}

fn print_schema() -> anyhow::Result<u8> {
    println!(
        "{}",
        serde_json::to_string_pretty(&warta_core::analysis::json_schema())?
    );
    Ok(exit::OK)
}

/// A closed stdout (`warta analyze | head`) is a normal way to stop, not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Paths as given on the command line; `-` is stdin.
pub type Paths = Vec<PathBuf>;
