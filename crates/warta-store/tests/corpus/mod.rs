//! What both store test files write and ask: four short reports written for warta (two
//! attacks, a missile launch, a bridge opening) over two outlets and four months, three
//! reports of two strikes, and the helpers that write them and search them.

use std::sync::LazyLock;

use warta_core::{Analysis, Analyzer, Article};
use warta_store::{DocumentKey, Outcome, SearchQuery, Store};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

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

/// Two outlets telling one strike in their own words, with their own death tolls, and a
/// strike elsewhere on another day.
pub fn strike_reports() -> Vec<Article> {
    vec![
        article(
            "sekolah-a.txt",
            "Kabar Timur",
            "2025-03-04",
            "Militer Israel membom sebuah sekolah di Khan Younis pada Selasa (4/3/2025) dan \
             menewaskan sedikitnya 12 orang, kata kementerian kesehatan setempat.\n\
             Warga berlarian mencari perlindungan ketika ledakan mengguncang kawasan padat \
             penduduk tersebut.\n",
        ),
        article(
            "sekolah-b.txt",
            "Warta Pagi",
            "2025-03-05",
            "Pejabat rumah sakit Nasser mengatakan serangan udara Israel di Khan Younis pada \
             Selasa (4/3/2025) menewaskan 19 orang.\n\
             Pihak militer menyatakan gedung itu dipakai sebagai pusat komando.\n",
        ),
        article(
            "gudang.txt",
            "Warta Pagi",
            "2025-03-06",
            "Pasukan Rusia menyerang gudang gandum di Odesa pada Kamis (6/3/2025). Dua \
             penjaga terluka.\n",
        ),
    ]
}

/// Writes the articles as one batch and commits the index.
pub fn ingest(store: &mut dyn Store, articles: &[Article]) -> Vec<Outcome> {
    let outcomes = store.write_batch(&analysed(articles)).unwrap();
    store.commit_index().unwrap();
    outcomes
}

/// A search for these words, ten hits a page.
pub fn words(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: 10,
        ..SearchQuery::default()
    }
}

/// The sources of a search's hits, sorted.
pub fn sources(store: &dyn Store, query: &SearchQuery) -> Vec<String> {
    let mut found: Vec<String> = store
        .search(query)
        .unwrap()
        .into_iter()
        .map(|hit| hit.source)
        .collect();
    found.sort();
    found
}
