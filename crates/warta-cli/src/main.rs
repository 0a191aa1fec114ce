//! `warta`: read Indonesian news about conflict and diplomacy and turn it into sourced,
//! structured event data.

mod analyze;
mod entities;
mod eval;
mod eval_gold;
mod events;
mod ingest;
mod kb;
mod listing;
mod ner;
#[cfg(feature = "parquet")]
mod parquet;
mod queries;
mod quotes;
mod report;
mod search;
mod serve;
mod stats;
mod table;

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

    /// The code of a run that finished: [`SOME_RECORDS_FAILED`] if any record failed.
    pub fn finished(any_failed: bool) -> u8 {
        if any_failed { SOME_RECORDS_FAILED } else { OK }
    }
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
EXAMPLES:\n  warta analyze samples/                      readable report of the bundled samples\n  warta analyze --format jsonl crawl.warc.gz > out.jsonl\n  cat articles.jsonl | warta analyze -         read JSON Lines from stdin\n  warta quotes --speaker Peskov samples/      what Peskov said, with the source chain\n  warta events --type ASSAULT samples/        attacks: who, on whom, where, when, how many\n  warta ingest samples/ && warta search serang   store the samples, then search them\n  warta timeline --entity Rusia               events by day from the store, each once\n  warta export --table events > events.csv    a table of the store for pandas, R, DuckDB\n  warta eval --gold ../shared/eval/gold --docs ../shared/seeds\n  warta eval lemma --json ud/*.conllu"
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
    /// Print statements: direct and indirect quotes with speaker, cue, act, channel and the
    /// chain of sources, from the files given or, without files, from the store.
    #[command(
        long_about = "Print statements: direct and indirect quotes with speaker, cue, act, \
channel and the chain of sources.\n\n\
With PATHs (files, folders, `-` for stdin) the articles are analysed on the fly and printed \
article by article; only --speaker filters. Without PATHs the quotes come from the store \
(--data, else $WARTA_DATA, else ./warta-data; see `warta ingest`), ordered by publication day, \
with --speaker, --entity, --since and --until as filters and --format text, jsonl or csv (the \
columns of `warta export --table quotes`, docs/EXPORT.md). Store options given with PATHs are \
an error rather than silently ignored.",
        after_help = "EXAMPLES:\n  warta quotes --speaker Peskov samples/    analyse the samples on the fly\n  warta quotes --speaker Peskov             the same speaker, from the store\n  warta quotes --entity Zelensky --since 2025-01-01 --format csv"
    )]
    Quotes(quotes::QuotesArgs),
    /// Print events: PLOVER type and mode, actor → recipient, negation and modality, place,
    /// day, numbers and who claims it, from the files given or, without files, the store.
    #[command(
        long_about = "Print events: PLOVER type and mode, actor → recipient, negation and \
modality, place, day, numbers and who claims it.\n\n\
With PATHs (files, folders, `-` for stdin) the articles are analysed on the fly and printed \
article by article; only --type filters. Without PATHs the events come from the store (--data, \
else $WARTA_DATA, else ./warta-data; see `warta ingest`), one row per report ordered by the \
day the event is dated to (else its article's publication day), each with the story event it \
belongs to (reports of one real-world event across articles: see `warta stats --help`). Store \
filters: --type, --entity (actor or recipient), --place, --since, --until; --format text, jsonl \
or csv (the columns of `warta export --table events`, docs/EXPORT.md). Store options given \
with PATHs are an error rather than silently ignored.",
        after_help = "EXAMPLES:\n  warta events --type ASSAULT samples/     analyse the samples on the fly\n  warta events --type ASSAULT --since 2025-01-01   from the store\n  warta events --entity Rusia --place Kharkiv --format csv"
    )]
    Events(events::EventsArgs),
    /// Score output against gold annotations, or score lemmas and sentences on treebanks.
    Eval(eval::EvalArgs),
    /// Train a model (`warta train ner`: the name tagger) and write it to a file.
    Train(ner::TrainArgs),
    /// Print the JSON Schema of one output record (`warta analyze --format jsonl`).
    Schema,
    /// Look up, list and validate the knowledge base; rebuild its generated layer.
    Kb(kb::KbArgs),
    /// Analyse articles and keep them in a local store (SQLite and a full-text index),
    /// for `warta search` and `warta stats`.
    #[command(
        long_about = "Analyse articles and keep them in a local store, for `warta search` and \
`warta stats`.\n\n\
PATHs are read as by `warta analyze` (files, folders, `-` for stdin; .txt, .html, .jsonl, .warc). \
The store is the folder given by --data, else $WARTA_DATA, else ./warta-data; it is created when \
absent. It holds warta.sqlite3 (SQLite: each article with its clean text, the whole analysis as \
JSON, and one table each for entities, mentions, quotes, quote sources, credits, events and \
quantities) and index/ (the full-text index, derived from the database). A postgres:// URL \
(postgres://user@host/db) stores in that PostgreSQL database instead, in a warta built with the \
cargo feature `postgres`.\n\n\
An article is identified by its URL (else its file, or file:line) and a hash of its headline and \
text with whitespace normalised. Ingesting the same input again changes nothing and skips the \
analysis; an article whose text changed replaces the version stored from the same URL or file.\n\n\
Analysis runs on all cores (--jobs) while one writer stores batches of 256 articles, each in one \
transaction. The run can be stopped at any moment, even with kill -9: the next run stores what \
is missing, and no article is ever stored or indexed twice.\n\n\
On a terminal a progress bar shows the rate and an ETA (article text read against the size of \
the input files: the markup of JSON Lines and HTML and compression make it an overestimate). At the end a summary on stderr counts the articles read, new, \
unchanged, replaced and failed. Bad records are reported as by `warta analyze`, and make the \
exit code 1."
    )]
    Ingest(ingest::IngestArgs),
    /// Count what the store holds: documents, entities, quotes, events, stories (copies of
    /// one text count once) and story events (reports of one real event count once).
    #[command(
        long_about = "Count what the store holds: documents, distinct entities, quotes, \
events (one per report: each article's reading of an event), stories and story events. `indexed` \
is the number of documents the full-text index holds: equal to `documents` once an ingest \
finished.\n\n\
A story is a group of documents that are copies of one text: a wire story republished by \
several outlets with their own datelines, links and footers counts once (MinHash over \
three-word shingles of the clean text; estimated Jaccard similarity 0.75 or more). A story \
event is a group of event reports, across documents, that tell of one real-world event: the \
same PLOVER type, no side contradicting and at least one the same (the same entity or the same \
country), the same day (±1 when one report dates it only by its story) and the same place when \
both name one. Events without a day stay alone. Both are computed as each article is stored: \
an article joins the story of the stored copy most like it, an event the oldest story event it \
matches, so the groups depend on the order of the input, never on timing.\n\n\
With --json: one object, {\"documents\": …, \"entities\": …, \"quotes\": …, \"events\": …, \
\"stories\": …, \"story_events\": …, \"indexed\": …}."
    )]
    Stats(stats::StatsArgs),
    /// Search the stored articles in Indonesian, with filters; hits show a highlighted
    /// snippet.
    #[command(
        long_about = "Search the stored articles in Indonesian.\n\n\
Words are matched by their root: \"serang\" finds \"menyerang\", \"serangan\" and \"diserang\"; \
every word must occur. \"Quoted words\" must stand together, in order (by root too: \
\"serangan udara\" finds \"menyerang udara\" as well). A name the knowledge base \
knows also finds its other names and the articles that mention the entity: \"Kiev\" finds \
\"Kyiv\". A lower-case word that is also a common word (\"serang\") is read as the word; write \
it with a capital (\"Serang\") to mean the place too.\n\n\
Filters keep articles that mention an entity (--entity, by name, alias or id), have an event of a \
PLOVER type (--type), were published in a range of days (--since, --until; articles without a \
publication date are left out), or come from an outlet (--outlet). Without QUERY words, it lists \
the articles the filters keep.\n\n\
Output: hits best first, each with its headline, outlet, day, source and a snippet of the text \
with the matched words in [brackets] (text, the default on a terminal), or one JSON object per \
hit (jsonl) with `id`, `source`, `url`, `title`, `outlet`, `published`, `score`, `snippet` and \
`highlights` (byte ranges of the matched words in `snippet`).",
        after_help = "EXAMPLES:\n  warta search serang\n  warta search --type ASSAULT --since 2025-01-01 Kiev\n  warta search '\"gencatan senjata\" Gaza'\n  warta search --entity Hamas --format jsonl gencatan senjata\n  warta search --outlet kompas.com --since 2025-01-01"
    )]
    Search(search::SearchArgs),
    /// The stored events by resolved day, for an entity, a place or a story; each real
    /// event once with the number of reports that tell it.
    #[command(
        long_about = "The stored events by resolved day: the day the article dates the event to, \
else (marked \"published\") its publication day.\n\n\
Filters keep the events of an entity as actor or recipient (--entity: a name, an alias, an id, or \
words of an unlinked party's name), at a place (--place), of the articles of one story (--story, \
the `story` column of `warta export`), of one story event (--story-event: every report of one \
real-world event), of a PLOVER type (--type) or in a range of days (--since, --until).\n\n\
As text: a heading per day, then one line per story event (reports of one real-world event \
across articles, see `warta stats --help`) with who did what to whom, where, the numbers, the \
claimant, the first report's outlet and how many reports tell it. As jsonl or csv: one row per \
report, with the columns of `warta export --table events` (docs/EXPORT.md).",
        after_help = "EXAMPLES:\n  warta timeline --entity Rusia\n  warta timeline --place Gaza --since 2025-01-01\n  warta timeline --story 12 --format csv\n  warta timeline --story-event 4          every report of one event, claimant by claimant"
    )]
    Timeline(queries::TimelineArgs),
    /// Story events whose claimants give different numbers: who says how many.
    #[command(
        long_about = "Story events (reports of one real-world event across articles) on which \
claimants disagree: for each such event, every number each claimant gives, where two claimants \
give different numbers of the same thing (people killed, drones launched). The claimant is whom \
the article credits with the claim (a ministry, a spokesperson), else the outlet, else the \
article's source.\n\n\
Output: one line per claimed number (text), or rows with the columns story_event, event_date, \
event_type, actor1, actor2, location, claimant, source, outlet, value, max, unit, approx and \
number_text (jsonl, csv).",
        after_help = "EXAMPLES:\n  warta contradictions\n  warta contradictions --type ASSAULT --since 2025-03-01 --format csv"
    )]
    Contradictions(queries::ContradictionsArgs),
    /// Profile of one entity: knowledge-base roles, mentions, quotes and events per month,
    /// its events.
    #[command(
        long_about = "Profile of one entity in the store: its id, type, kind and country, the \
number of documents and mentions, its roles in the knowledge base (offices with dates), its \
quotes and its events as actor and as recipient per month, and its events.\n\n\
NAME is a name, an alias or an id; when several entities carry the name, the one mentioned by \
the most documents is shown. Output: readable text; jsonl: one object with `entity` (the row \
of `warta export --table entities`), `kb` (the knowledge-base record, or null) and `months`; \
csv: the months table.",
        after_help = "EXAMPLES:\n  warta entity Zelensky\n  warta entity loc:gaza-strip --format jsonl"
    )]
    Entity(queries::EntityArgs),
    /// Write a table of the store as CSV or JSON Lines, for pandas, R or DuckDB.
    #[command(
        long_about = "Write one table of the store to stdout, as CSV (a header line, RFC 4180 \
quoting, empty cells for missing values) or JSON Lines (one object per row, keys in column \
order, null for missing values).\n\n\
Tables: documents (one row per article), entities (one per entity id over all articles), \
quotes, events (one per report, with its story and story event), stories (copies of one text \
grouped), story-events (one per real-world event, with how many reports tell it). Columns take \
GDELT and ACLED names where one fits (event_date, event_type, actor1, actor2, location, \
latitude, longitude, source); docs/EXPORT.md describes every column.",
        after_help = "EXAMPLES:\n  warta export --table events > events.csv\n  warta export --table quotes --format jsonl | jq .speaker\n  duckdb -c \"SELECT event_type, count(*) FROM 'events.csv' GROUP BY 1\""
    )]
    Export(queries::ExportArgs),
    /// Serve the store to a browser and over a JSON API: search with facets, articles
    /// with their entities, quotes and events highlighted, entities, the timeline.
    #[command(
        long_about = "Serve the store over HTTP: a web interface for reading it and a JSON API \
for programs, from one process. The store (--data, else $WARTA_DATA, else ./warta-data; see \
`warta ingest`) is opened read-only: nothing the server does changes it.\n\n\
The interface (open http://127.0.0.1:8080/ in a browser) searches the articles with facets \
(entity, event type, outlet, month), shows an article's clean text with its entities, its \
quotes coloured by speaker and its events highlighted (click a quote for its speaker, the \
sentence that attributes it and its chain of sources), an entity's page and what the store \
holds; the timeline (each real-world event once a day, with its reports), one event's \
reports with each claimant's numbers side by side, a story's copies, the numbers \
claimants disagree on, and a map of where events happened (an embedded base map). Labels are in Indonesian or English. Everything is inside the binary: it works \
offline, with no CDN.\n\n\
API: GET /api/search (q, entity, type, outlet, since, until, limit, offset), \
/api/documents/{id}, /api/entities/{id}, /api/quotes, /api/events, /api/stories/{id}, \
/api/timeline, /api/story-events, /api/contradictions, /api/stats; POST /api/analyze analyses one article \
({\"text\": …, \"title\", \"published\", \"outlet\", \"url\"}, at most 1 MiB) without storing \
it. /openapi.json describes every route, parameter and answer. Errors are JSON, \
{\"error\": \"…\"}, with status 400 (bad parameter), 404 (unknown id or route), 413 (body too \
large) or 429 (too many requests).\n\n\
Limits: each client address may make 20 requests a second (--rate), in bursts of 60. \
Article text is treated as untrusted: the interface never interprets it as HTML, and every \
response carries a Content-Security-Policy that forbids inline script. The server speaks \
plain HTTP: to serve beyond this machine, put it behind a TLS-terminating proxy.\n\n\
A running server sees the documents its store held when it started; restart it after an \
ingest.",
        after_help = "EXAMPLES:\n  warta ingest samples/ && warta serve       then open http://127.0.0.1:8080/\n  warta serve --data /srv/warta --addr 0.0.0.0:8080\n  curl 'http://127.0.0.1:8080/api/search?q=serang&type=ASSAULT&limit=5'\n  curl -H 'Content-Type: application/json' -d '{\"text\": \"Rusia menyerang Kharkiv.\"}' http://127.0.0.1:8080/api/analyze"
    )]
    Serve(serve::ServeArgs),
}

/// Output formats of `warta analyze` and `warta search`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per article, one per line.
    Jsonl,
    /// A readable report per article (per hit for `warta search`).
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
        Command::Ingest(args) => ingest::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Search(args) => search::run(args),
        Command::Timeline(args) => queries::timeline(args),
        Command::Contradictions(args) => queries::contradictions(args),
        Command::Entity(args) => queries::entity(args),
        Command::Export(args) => queries::export(args),
        Command::Serve(args) => serve::run(args),
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

/// The store: `--data`, else `$WARTA_DATA`, else `./warta-data`, so a shell that works on
/// one corpus can set it once. A folder, or a `postgres://` URL that `warta_store::open`
/// tells apart.
pub fn data_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| std::env::var_os("WARTA_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("warta-data"))
}

/// Paths as given on the command line; `-` is stdin.
pub type Paths = Vec<PathBuf>;
