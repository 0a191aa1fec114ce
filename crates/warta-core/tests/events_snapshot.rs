//! The events of one realistic article written for this test, as a snapshot: type and
//! mode, actor → recipient, negation and modality, place, day, numbers, claimant.
//! Review changes with `cargo insta review` (or set INSTA_UPDATE=always).

use warta_core::{Analyzer, Article};

const ARTICLE: &str = "\
Rusia Gempur Odesa, Kyiv Tembak Jatuh Puluhan Drone
KYIV, KOMPAS.com - Rusia menyerang kota pelabuhan Odesa dengan 48 drone dan enam rudal balistik pada Senin (14/7/2025) dini hari.
Angkatan Udara Ukraina mengatakan pasukannya menembak jatuh 40 drone dan empat rudal di atas wilayah selatan.
Sedikitnya tiga warga sipil tewas dan 11 lainnya terluka, kata Gubernur Odesa Oleh Kiper.
Kementerian Pertahanan Rusia membantah menyasar permukiman dan menyebut serangan itu menghantam gudang amunisi.
Presiden Ukraina Volodymyr Zelensky meminta sekutu Barat mempercepat pengiriman sistem pertahanan udara.
Jerman akan mengirim dua baterai Patriot tambahan ke Ukraina sebelum akhir tahun, kata Kanselir Friedrich Merz.
Sementara itu, Kremlin menolak usulan gencatan senjata yang diajukan negara-negara Eropa.
";

#[test]
fn events_of_a_realistic_article() {
    let mut article = Article::from_text("odesa.txt", ARTICLE);
    article.published = Some("2025-07-14".to_string());
    let analysis = Analyzer::indonesian().analyze(&article);
    let lines: Vec<String> = analysis
        .events
        .iter()
        .map(|e| {
            let party = |p: &Option<warta_core::analysis::Actor>| {
                p.as_ref().map_or("-".to_string(), |a| a.name.clone())
            };
            let numbers: Vec<String> = e.quantities.iter().map(|q| q.text.clone()).collect();
            format!(
                "{}{} | {} -> {} | negated={} {:?} | at {} | on {} | {} | claimed by {} | {}",
                e.event_type,
                e.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default(),
                party(&e.actor),
                party(&e.recipient),
                e.negated,
                e.modality,
                e.location.as_ref().map_or("-", |p| p.name.as_str()),
                e.date.as_deref().unwrap_or("-"),
                numbers.join(", "),
                party(&e.claimed_by),
                e.trigger.word
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
