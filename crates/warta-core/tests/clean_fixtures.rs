//! Snapshot tests of whole articles written in the styles of several Indonesian news
//! sites (fixtures under `tests/fixtures/clean/`): the clean text, what was removed
//! and why, and the metadata read from the text.

use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};
use warta_core::{Analyzer, Article, Language};

fn summary(analyzer: &Analyzer, name: &str, body: &str) -> Value {
    let analysis = analyzer.analyze(&Article::from_text(name, body));
    for span in &analysis.paragraphs {
        assert!(
            !span.of(&analysis.text).contains('\n'),
            "{name}: a paragraph spans a line break"
        );
    }
    if let Some(span) = analysis.title_span {
        assert_eq!(
            Some(span.of(&analysis.text)),
            analysis.title.as_deref(),
            "{name}: title span"
        );
    }
    for credit in &analysis.credits {
        if let Some(span) = credit.span {
            assert!(
                credit.evidence.ends_with(span.of(&analysis.text)),
                "{name}: credit span"
            );
        }
    }
    json!({
        "title": analysis.title,
        "title_in_text": analysis.title_span.is_some(),
        "outlet": analysis.outlet,
        "dateline": analysis.dateline,
        "published": analysis.published,
        "published_evidence": analysis.published_evidence.map(|e| format!("{}: {}", e.rule, e.text)),
        "credits": analysis.credits.iter().map(|c| format!("{} ({}): {}", c.name, c.how, c.evidence)).collect::<Vec<_>>(),
        "paragraphs": analysis.paragraphs.iter().map(|p| p.of(&analysis.text)).collect::<Vec<_>>(),
        "removed": analysis.removed.iter().map(|r| format!("{}: {}", r.rule, r.text)).collect::<Vec<_>>(),
    })
}

#[test]
fn fixtures_clean_as_snapshotted() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let analyzer = Analyzer::indonesian();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let body = fs::read_to_string(&path).expect("fixture is UTF-8");
        insta::assert_yaml_snapshot!(name.clone(), summary(&analyzer, &name, &body));
    }
}

/// The language pack, built once for all property cases (building it is slow).
fn language() -> &'static Language {
    static LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
    LANGUAGE.get_or_init(Language::indonesian)
}

proptest::proptest! {
    /// Any text, with the quotes, dashes and no-break spaces of real pages, goes through
    /// cleaning, metadata and date finding without panicking, into paragraphs whose
    /// spans cut the text exactly.
    #[test]
    fn any_text_cleans_to_exact_paragraphs(body in "[A-Za-z0-9 .,:/()|“”\"’'\u{a0}–—•©-]{0,40}(\n[A-Za-z0-9 .,:/()|“”\"’'\u{a0}–—•©-]{0,60}){0,8}") {
        let lang = language();
        let cleaned = lang.cleaner.clean(&body);
        let meta = lang.meta.extract(&Article::from_text("p", body.clone()), &cleaned, &lang.calendar);
        lang.calendar.find_dates(&cleaned.text, meta.published_date);
        let joined: Vec<&str> = cleaned.paragraphs.iter().map(|p| p.of(&cleaned.text)).collect();
        proptest::prop_assert_eq!(joined.join("\n"), cleaned.text.clone());
    }
}

/// The content paragraphs of the site-style fixtures, by their opening words: each must
/// survive cleaning (dateline cut, nothing else), and nothing else may be left, so a
/// rule that eats a paragraph or leaves cruft fails here before anyone reads a snapshot.
const CONTENT: &[(&str, &[&str])] = &[
    (
        "okezone_style",
        &[
            "Israel dan Hizbullah Kembali",
            "Pasukan Israel dan kelompok",
            "Militer Israel menyebut sedikitnya",
            "Melansir Al Jazeera, Hizbullah",
            "\"Setiap serangan terhadap warga",
            "Kementerian Kesehatan Lebanon melaporkan",
            "Pasukan penjaga perdamaian PBB",
        ],
    ),
    (
        "republika_style",
        &[
            "Turki Tawarkan Diri Jadi",
            "Presiden Turki menyatakan negaranya",
            "Sebagaimana dilaporkan Associated Press,",
            "Dikutip dari laman resmi",
            "\"Kami tidak akan diam",
            "Israel belum menanggapi tawaran",
            "Hubungan kedua negara memburuk",
        ],
    ),
    (
        "sindonews_style",
        &[
            "Rusia Klaim Rebut Desa",
            "Kementerian Pertahanan Rusia mengklaim",
            "Desa itu terletak sekitar",
            "Seorang komandan batalion Ukraina",
            "Analis militer menilai Moskow",
            "Menurut lembaga kajian Institute",
            "Pemerintah daerah Donetsk telah",
        ],
    ),
    (
        "viva_style",
        &[
            "Korea Selatan Panggil Dubes",
            "Kementerian Luar Negeri Korea",
            "Wakil menteri luar negeri",
            "Dikutip dari Yonhap, badan",
            "Duta besar Rusia menyatakan",
            "Seoul menyatakan akan mempertimbangkan",
        ],
    ),
    (
        "suara_style",
        &[
            "Jepang Kerahkan Kapal Perusak",
            "Kementerian Pertahanan Jepang mengerahkan",
            "Menurut kementerian itu, kapal",
            "Beijing menyebut pelayaran itu",
            "\"Kami memantau situasi dengan",
            "Jepang dan China sama-sama",
        ],
    ),
    (
        "merdeka_style",
        &[
            "Uni Eropa Perpanjang Sanksi",
            "Dewan Uni Eropa memperpanjang",
            "Sanksi tersebut mencakup pembekuan",
            "Mengutip laman resmi Dewan",
            "Minsk mengecam keputusan tersebut.",
            "Melansir Al Jazeera, Belarus",
            "Para diplomat Eropa menyatakan",
        ],
    ),
    (
        "cnbcindonesia_style",
        &[
            "Harga Minyak Melonjak Usai",
            "Harga minyak mentah dunia",
            "Minyak jenis Brent diperdagangkan",
            "Dilansir CNBC International, para",
            "\"Pasar kini menghitung risiko",
            "Iran memproduksi sekitar 3,3",
        ],
    ),
    (
        "tempo_style",
        &[
            "Pakistan dan Afganistan Sepakati",
            "Pakistan dan pemerintahan Taliban",
            "Kesepakatan itu dicapai melalui",
            "Bentrokan dipicu pembangunan pos",
            "Juru bicara Kementerian Luar",
            "Menurut pejabat setempat, sedikitnya",
            "\"Kami berharap kesepakatan ini",
        ],
    ),
    (
        "bbc_indonesia_style",
        &[
            "Sudan: Puluhan warga tewas",
            "Sedikitnya 40 orang tewas",
            "Kota itu telah dikepung",
            "Seorang dokter di rumah",
            "RSF membantah menembaki pasar",
            "Perserikatan Bangsa-Bangsa memperingatkan bahwa",
        ],
    ),
    (
        "voaindonesia_style",
        &[
            "AS Jatuhkan Sanksi Baru",
            "Departemen Keuangan Amerika Serikat",
            "Perusahaan-perusahaan itu berbasis di",
            "\"Kami akan terus memutus",
            "Teheran belum menanggapi langkah",
            "Sanksi ini diumumkan beberapa",
        ],
    ),
    (
        "kumparan_style",
        &[
            "Menlu RI Bertemu Menlu",
            "Menteri Luar Negeri RI",
            "Dalam pertemuan itu, kedua",
            "\"Indonesia siap mengirim tambahan",
            "Yordania selama ini menjadi",
            "Kedua menteri juga membahas",
        ],
    ),
];

#[test]
fn fixtures_keep_every_content_paragraph_and_nothing_else() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let analyzer = Analyzer::indonesian();
    for (name, openings) in CONTENT {
        let body = fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture");
        let analysis = analyzer.analyze(&Article::from_text(*name, body));
        let paragraphs: Vec<&str> = analysis
            .paragraphs
            .iter()
            .map(|p| p.of(&analysis.text))
            .collect();
        for opening in *openings {
            assert!(
                paragraphs.iter().any(|p| p.starts_with(opening)),
                "{name}: lost the paragraph opening {opening:?}; kept {paragraphs:#?}"
            );
        }
        assert_eq!(
            paragraphs.len(),
            openings.len(),
            "{name}: cruft left among {paragraphs:#?}"
        );
    }
}
