//! The quotes of one realistic article written for this test, as a snapshot: kind,
//! speaker and how it was found, cue and act, channel, source chain and the statement.
//! Review changes with `cargo insta review` (or set INSTA_UPDATE=always).

use warta_core::{Analyzer, Article};

const ARTICLE: &str = "\
Rusia Tolak Gencatan Senjata, Kyiv Sebut Moskow Tak Serius
KYIV, KOMPAS.com - Pemerintah Rusia menolak usulan gencatan senjata selama 30 hari yang diajukan negara-negara Eropa pada akhir pekan lalu.
\"Usulan itu hanya memberi waktu bagi Kyiv untuk mempersenjatai kembali pasukannya,\" kata Menteri Luar Negeri Rusia Sergey Lavrov kepada wartawan di Moskow, Senin (12/5/2025).
Lavrov menambahkan bahwa Moskow tetap terbuka untuk perundingan langsung tanpa prasyarat.
\"Kami sudah berkali-kali mengatakannya. Bola ada di tangan mereka,\" ujarnya.
Menanggapi hal itu, Presiden Ukraina Volodymyr Zelensky menuding Kremlin sengaja mengulur waktu.
Pemimpin Ukraina itu menulis di Telegram bahwa serangan drone Rusia justru meningkat dalam sepekan terakhir.
Menurut Angkatan Udara Ukraina, pasukan Rusia meluncurkan 108 drone dan empat rudal balistik semalam, 92 di antaranya berhasil ditembak jatuh.
Seorang pejabat senior Uni Eropa yang enggan disebutkan namanya mengatakan bahwa paket sanksi baru sedang disiapkan, seperti dilansir kantor berita Reuters.
Rusia tidak mengatakan kapan delegasinya akan tiba di Istanbul.
";

#[test]
fn quotes_of_a_realistic_article() {
    let mut article = Article::from_text("gencatan-senjata.txt", ARTICLE);
    article.published = Some("2025-05-12".to_string());
    let analysis = Analyzer::indonesian().analyze(&article);
    let lines: Vec<String> = analysis
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_ref().map_or("-".to_string(), |s| {
                format!(
                    "{} ({:?})",
                    s.name
                        .clone()
                        .or_else(|| s.description.as_ref().map(|d| format!("~{d}")))
                        .unwrap_or_default(),
                    s.how
                )
            });
            let cue = q.cue.as_ref().map_or("-".to_string(), |c| {
                format!("{}/{} {:?}", c.word, c.lemma, q.act.unwrap())
            });
            let via: Vec<String> = q
                .via
                .iter()
                .map(|l| format!("{}:{:?}", l.name, l.role))
                .collect();
            format!(
                "{:?} | {speaker} | {cue} | {} | {} | {}@{}",
                q.kind,
                q.channel.as_deref().unwrap_or("-"),
                via.join(" > "),
                q.text,
                q.span.start
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
