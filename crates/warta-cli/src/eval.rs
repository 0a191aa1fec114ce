//! `warta eval`: score the analysis against gold annotations and treebanks.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use warta_core::Language;
use warta_eval::{conllu, lemma, sentences};

use crate::eval_gold::{self, Predictions};
use crate::exit;

#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    long_about = "Score warta against gold annotations.\n\n\
With --gold and --docs: analyse every article of DOCS, pair each with its gold file in GOLD \
(`NAME.txt` ↔ `NAME.gold.json`) and score clean text, credits, entities, quotes, events, \
quantities and dates exactly as the gold format describes (micro-averaged over the set).\n\n\
`warta eval lemma` and `warta eval sentences` score the lemmatiser and the sentence splitter on \
CoNLL-U treebanks."
)]
pub struct EvalArgs {
    #[command(subcommand)]
    command: Option<EvalCommand>,
    /// Folder of gold annotations (`*.gold.json`).
    #[arg(long, value_name = "DIR")]
    gold: Option<PathBuf>,
    /// Folder (or file) of the articles the gold annotates; they are analysed now.
    #[arg(long, value_name = "DIR", conflicts_with = "predictions")]
    docs: Option<PathBuf>,
    /// Score JSON Lines written earlier (by `warta analyze --format jsonl` or another
    /// system with the same fields) instead of analysing --docs.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    /// Print the scores as JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// Also list, per article, the gold items missed and the predicted items not in the gold.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Lemma accuracy over nouns, verbs and adjectives of CoNLL-U files.
    Lemma(TreebankArgs),
    /// Sentence-splitting F1 over CoNLL-U files: the gold sentences are joined into running
    /// text and split again; `f1` is over sentence boundaries, `span_f1` over whole sentences.
    Sentences(TreebankArgs),
    /// Name-tagger entity F1 over the five IndoLEM folds of a corpus folder: train on
    /// `train.0K.tsv`, choose the pass on `dev.0K.tsv`, score `test.0K.tsv`; `f1` is the mean
    /// over folds of micro entity F1 (exact span and type).
    Ner(crate::ner::EvalNerArgs),
}

#[derive(Args)]
struct TreebankArgs {
    /// CoNLL-U files.
    #[arg(value_name = "FILE.conllu", required = true)]
    files: Vec<PathBuf>,
    /// Print JSON (`{"accuracy": …, "tokens": …}` or `{"f1": …}`).
    #[arg(long)]
    json: bool,
}

pub fn run(args: EvalArgs) -> Result<u8> {
    match args.command {
        Some(EvalCommand::Lemma(treebanks)) => eval_lemma(treebanks),
        Some(EvalCommand::Sentences(treebanks)) => eval_sentences(treebanks),
        Some(EvalCommand::Ner(corpus)) => crate::ner::eval(corpus),
        None => {
            let predictions = match (&args.docs, &args.predictions) {
                (Some(docs), None) => Predictions::Analyze(docs),
                (None, Some(file)) => Predictions::File(file),
                _ => {
                    anyhow::bail!("give --docs DIR or --predictions FILE (see `warta eval --help`)")
                }
            };
            let Some(gold) = &args.gold else {
                anyhow::bail!("give --gold DIR, or a subcommand (see `warta eval --help`)");
            };
            eval_gold::run(gold, predictions, args.json, args.verbose)
        }
    }
}

fn read_treebanks(files: &[PathBuf]) -> Result<Vec<conllu::Sentence>> {
    let mut all = Vec::new();
    for file in files {
        all.extend(conllu::read(file).with_context(|| format!("reading {}", file.display()))?);
    }
    Ok(all)
}

fn eval_lemma(args: TreebankArgs) -> Result<u8> {
    let language = Language::indonesian();
    let sentences = read_treebanks(&args.files)?;
    let score = lemma::score_lemmas(&language.lemmatizer, &sentences);
    if args.json {
        println!(
            "{}",
            serde_json::json!({"accuracy": score.accuracy, "tokens": score.tokens})
        );
    } else {
        println!(
            "lemma accuracy  {:.4}  over {} nouns, verbs and adjectives",
            score.accuracy, score.tokens
        );
    }
    Ok(exit::OK)
}

fn eval_sentences(args: TreebankArgs) -> Result<u8> {
    let language = Language::indonesian();
    let mut counts = sentences::SentenceCounts::default();
    for file in &args.files {
        let treebank = conllu::read(file).with_context(|| format!("reading {}", file.display()))?;
        counts.add(sentences::count_sentences(&language.segmenter, &treebank));
    }
    let score = counts.score();
    let (boundaries, spans) = (score.boundaries, score.spans);
    if args.json {
        let json = serde_json::json!({
            "f1": boundaries.f1,
            "precision": boundaries.precision,
            "recall": boundaries.recall,
            "span_f1": spans.f1,
            "sentences": score.sentences,
        });
        println!("{json}");
    } else {
        println!(
            "sentence boundaries  F1 {:.4}  P {:.4}  R {:.4}\n\
             whole sentences      F1 {:.4}  P {:.4}  R {:.4}  over {} gold sentences",
            boundaries.f1,
            boundaries.precision,
            boundaries.recall,
            spans.f1,
            spans.precision,
            spans.recall,
            score.sentences
        );
    }
    Ok(exit::OK)
}
