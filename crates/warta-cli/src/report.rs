//! The readable report of `warta analyze --format text`.

use std::io::{self, Write};

use warta_core::Analysis;
use warta_core::analysis::{Event, Modality, Quote, QuoteKind, Resolution, SourceRole};

/// Longest sentence shown in full; longer ones are cut with an ellipsis.
const SENTENCE_WIDTH: usize = 160;

/// Writes one article's report: metadata, sources, what was removed, then the sentences.
pub fn write(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    let rule = "─".repeat(72);
    writeln!(out, "{rule}\n{}", analysis.source)?;
    let field = |value: &Option<String>| value.clone().unwrap_or_else(|| "—".to_string());
    writeln!(out, "  headline   {}", field(&analysis.title))?;
    writeln!(out, "  outlet     {}", field(&analysis.outlet))?;
    let evidence = analysis
        .published_evidence
        .as_ref()
        .map(|e| format!("  (from {}: “{}”)", e.rule, e.text))
        .unwrap_or_default();
    writeln!(out, "  published  {}{evidence}", field(&analysis.published))?;
    writeln!(out, "  dateline   {}", field(&analysis.dateline))?;
    if analysis.credits.is_empty() {
        writeln!(out, "  credits    —")?;
    }
    for (i, credit) in analysis.credits.iter().enumerate() {
        let label = if i == 0 { "credits" } else { "" };
        writeln!(
            out,
            "  {label:<10} {} ({}: “{}”)",
            credit.name, credit.how, credit.evidence
        )?;
    }
    writeln!(
        out,
        "  text       {} paragraphs, {} sentences, {} bytes; {} boilerplate lines removed",
        analysis.paragraphs.len(),
        analysis.sentences.len(),
        analysis.text.len(),
        analysis.removed.len()
    )?;
    for removed in &analysis.removed {
        writeln!(
            out,
            "    - [{}] {}",
            removed.rule,
            shorten(&removed.text, 100)
        )?;
    }
    writeln!(out, "  entities   {}", analysis.entities.len())?;
    write_entities(out, analysis)?;
    writeln!(out, "  quotes     {}", analysis.quotes.len())?;
    write_quotes(out, &analysis.quotes.iter().collect::<Vec<_>>())?;
    writeln!(out, "  events     {}", analysis.events.len())?;
    write_events(
        out,
        &analysis.text,
        &analysis.events.iter().collect::<Vec<_>>(),
    )?;
    writeln!(out)?;
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        writeln!(
            out,
            "  {:>3}  {}",
            i + 1,
            shorten(sentence.span.of(&analysis.text), SENTENCE_WIDTH)
        )?;
    }
    writeln!(out)
}

/// One line per entity: type, id, name, country, then its mentions as written with how
/// each was found (`g` gazetteer, `m` model, `c` coreference, `r` office held on the
/// publication date).
pub fn write_entities(out: &mut (impl Write + ?Sized), analysis: &Analysis) -> io::Result<()> {
    for entity in &analysis.entities {
        let mut forms: Vec<(String, usize)> = Vec::new();
        for m in &entity.mentions {
            let how = match m.how {
                Resolution::Gazetteer => 'g',
                Resolution::Model => 'm',
                Resolution::Coreference => 'c',
                Resolution::Role => 'r',
            };
            let form = format!(
                "{}/{how}",
                m.text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            match forms.iter_mut().find(|(f, _)| *f == form) {
                Some((_, n)) => *n += 1,
                None => forms.push((form, 1)),
            }
        }
        let mentions: Vec<String> = forms
            .into_iter()
            .map(|(f, n)| if n > 1 { format!("{f} ×{n}") } else { f })
            .collect();
        writeln!(
            out,
            "    {:?}  {:<28} {:<28} {:<2}  {}",
            entity.entity_type,
            shorten(&entity.id, 28),
            shorten(&entity.name, 28),
            entity.country.as_deref().unwrap_or("—"),
            shorten(&mentions.join(", "), 90)
        )?;
    }
    Ok(())
}

/// Two lines per quote: kind, speaker (or the description of an unnamed one), cue and
/// act, channel and the chain of sources; then the statement.
pub fn write_quotes(out: &mut (impl Write + ?Sized), quotes: &[&Quote]) -> io::Result<()> {
    for quote in quotes {
        let kind = match quote.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        };
        let speaker = match &quote.speaker {
            Some(s) => match (&s.name, &s.description) {
                (Some(name), _) => name.clone(),
                (None, Some(description)) => format!("(unnamed: {description})"),
                (None, None) => "(unnamed)".to_string(),
            },
            None => "—".to_string(),
        };
        let cue = quote.cue.as_ref().map_or(String::new(), |c| {
            let act = quote
                .act
                .map(|a| format!("{a:?}").to_lowercase())
                .unwrap_or_default();
            format!("  “{}” {act}", c.word)
        });
        let channel = quote
            .channel
            .as_ref()
            .map_or(String::new(), |c| format!("  via {c}"));
        let chain: Vec<String> = quote
            .via
            .iter()
            .map(|l| match l.role {
                SourceRole::Outlet => l.name.clone(),
                SourceRole::Wire => format!("{} (wire)", l.name),
                SourceRole::Publisher => format!("{} (publisher)", l.name),
            })
            .collect();
        let chain = if chain.is_empty() {
            String::new()
        } else {
            format!("  → {}", chain.join(" → "))
        };
        writeln!(out, "    {kind:<8} {speaker}{cue}{channel}{chain}")?;
        writeln!(
            out,
            "             “{}”",
            shorten(&quote.text, SENTENCE_WIDTH)
        )?;
    }
    Ok(())
}

/// Two lines per event: type and mode, actor → recipient, negation and modality, place,
/// day, numbers and claimant; then the sentence that reports it.
pub fn write_events(
    out: &mut (impl Write + ?Sized),
    text: &str,
    events: &[&Event],
) -> io::Result<()> {
    for event in events {
        let party = |p: &Option<warta_core::analysis::Actor>| {
            p.as_ref().map_or("—".to_string(), |a| a.name.clone())
        };
        let mut head = event.event_type.clone();
        if let Some(mode) = &event.mode {
            head.push_str(&format!("/{mode}"));
        }
        let mut notes = Vec::new();
        if event.negated {
            notes.push("NOT".to_string());
        }
        match event.modality {
            Modality::Asserted => {}
            Modality::Planned => notes.push("planned".to_string()),
            Modality::Conditional => notes.push("conditional".to_string()),
            Modality::Threatened => notes.push("threatened".to_string()),
        }
        if let Some(place) = &event.location {
            notes.push(format!("at {}", place.name));
        }
        if let Some(date) = &event.date {
            notes.push(format!("on {date}"));
        }
        for q in &event.quantities {
            notes.push(q.text.clone());
        }
        if let Some(claimant) = &event.claimed_by {
            notes.push(format!("says {}", claimant.name));
        }
        writeln!(
            out,
            "    {head:<18} {} → {}  {}",
            party(&event.actor),
            party(&event.recipient),
            notes.join("; ")
        )?;
        writeln!(
            out,
            "             “{}”",
            shorten(event.evidence.of(text), SENTENCE_WIDTH)
        )?;
    }
    Ok(())
}

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width - 1).collect();
    format!("{cut}…")
}
