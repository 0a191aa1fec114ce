//! The entities of one realistic article written for this test, as a snapshot. Review
//! changes with `cargo insta review` (or set INSTA_UPDATE=always).

use warta_core::analysis::Resolution;
use warta_core::{Analyzer, Article};

const ARTICLE: &str = "\
Zelensky Temui Macron di Paris, Bahas Pertahanan Udara
PARIS - Presiden Ukraina Volodymyr Zelensky bertemu Presiden Prancis Emmanuel Macron di Istana Elysee, Paris, pada Rabu (12/6/2024).
Dalam pertemuan itu, Zelensky meminta tambahan sistem pertahanan udara untuk melindungi Kharkiv dan Odesa dari serangan rudal Rusia.
Macron mengatakan Prancis akan mengirim pesawat tempur Mirage setelah pilot Ukraina selesai berlatih.
Juru bicara Kremlin mengecam rencana itu dan menyebutnya provokasi baru terhadap Moskow.
Sementara itu, analis militer Oleksandr Kovalenko dari lembaga Resistensi Informasi menilai bantuan itu datang terlambat.
Menurut Kovalenko, pasukan Rusia terus menekan garis depan di sekitar Pokrovsk.
Sekretaris Jenderal NATO juga dijadwalkan berkunjung ke Kyiv pekan depan, demikian dilaporkan kantor berita Reuters.
";

#[test]
fn entities_of_a_realistic_article() {
    let mut article = Article::from_text("zelensky-paris.txt", ARTICLE);
    article.published = Some("2024-06-12".to_string());
    let analysis = Analyzer::indonesian().analyze(&article);
    let lines: Vec<String> = analysis
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<String> = e
                .mentions
                .iter()
                .map(|m| {
                    let how = match m.how {
                        Resolution::Gazetteer => "g",
                        Resolution::Model => "m",
                        Resolution::Coreference => "c",
                        Resolution::Role => "r",
                    };
                    format!("{}@{}/{how}", m.text, m.span.start)
                })
                .collect();
            format!(
                "{:?} {} | {} | {} | {}",
                e.entity_type,
                e.id,
                e.name,
                e.country.as_deref().unwrap_or("-"),
                mentions.join(", ")
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
