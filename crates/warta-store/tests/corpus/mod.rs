//! The small corpus both store test files write: four short reports written for warta
//! (two attacks, a missile launch, a bridge opening) over two outlets and four months.

use std::sync::LazyLock;

use warta_core::{Analysis, Analyzer, Article};
use warta_store::DocumentKey;

pub static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

pub fn article(source: &str, outlet: &str, published: &str, body: &str) -> Article {
    let mut article = Article::from_text(source, body);
    article.outlet = Some(outlet.into());
    article.published = Some(published.into());
    article
}

pub fn corpus() -> Vec<Article> {
    vec![
        article(
            "pos.txt",
            "Kabar Timur",
            "2025-03-04",
            "Militer Israel menyerang pos polisi di pinggiran Gaza pada Selasa dini hari.\n\
             Dua petugas terluka dalam serangan itu dan dibawa ke rumah sakit.\n",
        ),
        article(
            "kantor.txt",
            "Warta Pagi",
            "2025-05-10",
            "Kantor bupati diserang sekelompok orang tak dikenal pada Sabtu malam.\n\
             Polisi masih mencari para pelaku, kata juru bicara kepolisian.\n",
        ),
        article(
            "rudal.txt",
            "Warta Pagi",
            "2025-06-01",
            "Rusia kembali meluncurkan rudal ke arah Kyiv pada Rabu malam.\n\
             Pejabat Ukraina mengatakan sistem pertahanan udara menembak jatuh sebagian besar rudal itu.\n",
        ),
        article(
            "jembatan.txt",
            "Kabar Timur",
            "2025-07-20",
            "Pemerintah daerah meresmikan jembatan baru yang menghubungkan dua desa di tepi sungai.\n\
             Warga menyambut jembatan itu dengan gembira.\n",
        ),
    ]
}

pub fn analysed(articles: &[Article]) -> Vec<(DocumentKey, Analysis)> {
    articles
        .iter()
        .map(|a| (DocumentKey::of(a), ANALYZER.analyze(a)))
        .collect()
}
