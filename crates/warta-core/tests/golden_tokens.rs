//! Golden test of segmentation, tokens and morphology over a short news passage written
//! for this test. Review changes with `cargo insta review` (or set INSTA_UPDATE=always).

use warta_core::token::TokenKind;
use warta_core::{Analyzer, Article};

const PASSAGE: &str = "Juru bicara Kementerian Luar Negeri, Dr. Siti Rahma, mengatakan bahwa pemerintah telah \
dikirimkan nota protes pada Senin (14/10/2024). “Kami menolak tuduhan itu. Tidak ada pasukan kami di sana,” \
katanya kepada wartawan di Jl. Pejambon No. 6, Jakarta.\n\
Menurut data kementerian, lebih dari 2.000 orang mengungsi dan 3,5 persen di antaranya anak-anak. \
Bantuannya diberangkatkan pukul 07.45 WIB.";

#[test]
fn passage_tokens_and_lemmas() {
    let analysis = Analyzer::indonesian()
        .with_tokens(true)
        .analyze(&Article::from_text("golden.txt", PASSAGE));
    let mut lines = Vec::new();
    for sentence in &analysis.sentences {
        lines.push(format!("## {}", sentence.span.of(&analysis.text)));
        for token in &sentence.tokens {
            let surface = token.span.of(&analysis.text);
            let mut line = format!("{surface} [{:?}]", token.kind);
            if let Some(morph) = &token.morph
                && token.kind == TokenKind::Word
            {
                line.push_str(&format!(" lemma={}", morph.lemma));
                for (label, parts) in [
                    ("prefix", &morph.prefixes),
                    ("suffix", &morph.suffixes),
                    ("clitic", &morph.clitics),
                ] {
                    if !parts.is_empty() {
                        line.push_str(&format!(" {label}={}", parts.join("+")));
                    }
                }
                if let Some(voice) = morph.voice {
                    line.push_str(&format!(" voice={voice:?}"));
                }
            }
            if let Some(value) = token.value {
                line.push_str(&format!(" value={value}"));
            }
            lines.push(line);
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}
