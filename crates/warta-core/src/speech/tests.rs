//! Quotes over sentences written for these tests.

use std::sync::LazyLock;

use crate::analysis::{Quote, QuoteKind, SourceRole, SpeakerResolution, SpeechAct};
use crate::{Analyzer, Article};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

fn quotes(text: &str) -> Vec<Quote> {
    ANALYZER
        .analyze(&Article::from_text("test.txt", text))
        .quotes
}

fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}

#[test]
fn direct_quote_with_cue_after_and_its_channel() {
    let found = quotes(
        "Ukraina menolak tuntutan Moskow.\n\"Kami tidak akan mundur satu langkah pun dari garis depan,\" kata Menteri Pertahanan Ukraina Rustem Umerov kepada wartawan di Kyiv, Selasa.\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let q = &found[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        q.text,
        "Kami tidak akan mundur satu langkah pun dari garis depan"
    );
    assert_eq!(speaker_name(q), Some("Rustem Umerov"));
    let cue = q.cue.as_ref().unwrap();
    assert_eq!((cue.word.as_str(), cue.lemma.as_str()), ("kata", "kata"));
    assert_eq!(q.act, Some(SpeechAct::Statement));
    assert_eq!(q.channel.as_deref(), Some("wartawan"));
}

#[test]
fn a_quote_split_by_its_cue_gives_two_quotes_of_one_speaker() {
    let found = quotes(
        "Sergei Shoigu berbicara di Moskow.\n“Pasukan kami bertahan di semua sektor,” kata Shoigu. “Musuh kehilangan banyak peralatan berat dalam sepekan terakhir.”\n",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|q| q.kind == QuoteKind::Direct));
    assert!(
        found
            .iter()
            .all(|q| speaker_name(q) == Some("Sergei Shoigu"))
    );
    assert_eq!(
        found[1].speaker.as_ref().unwrap().how,
        SpeakerResolution::Continued
    );
}

#[test]
fn clitic_cue_and_pronoun_follow_the_last_speaker() {
    let found = quotes(
        "Menteri Luar Negeri Rusia Sergey Lavrov menggelar jumpa pers di Moskow.\n“Barat harus berhenti memasok senjata,” ujar Lavrov.\n“Tidak ada pembicaraan sebelum itu,” tambahnya.\nDia mengatakan bahwa delegasi Rusia siap bertemu di Istanbul.\n",
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|q| speaker_name(q) == Some("Sergey Lavrov")),
        "{found:#?}"
    );
    assert_eq!(
        found[1].speaker.as_ref().unwrap().how,
        SpeakerResolution::Pronoun
    );
    assert_eq!(found[2].kind, QuoteKind::Indirect);
    assert_eq!(found[2].text, "delegasi Rusia siap bertemu di Istanbul");
}

#[test]
fn indirect_speech_in_its_common_shapes() {
    let found = quotes(
        "Menurut Kementerian Pertahanan Rusia, dua puluh drone ditembak jatuh di atas Belgorod.\nLebih dari 300 warga telah dievakuasi dari desa-desa perbatasan, kata Gubernur Vyacheslav Gladkov.\nKementerian Luar Negeri China membantah bahwa Beijing mengirim senjata ke Rusia.\n",
    );
    let shapes: Vec<(&str, Option<&str>, Option<SpeechAct>)> = found
        .iter()
        .map(|q| (q.text.as_str(), speaker_name(q), q.act))
        .collect();
    assert_eq!(
        shapes,
        [
            (
                "dua puluh drone ditembak jatuh di atas Belgorod",
                Some("Kementerian Pertahanan Rusia"),
                Some(SpeechAct::Statement)
            ),
            (
                "Lebih dari 300 warga telah dievakuasi dari desa-desa perbatasan",
                Some("Vyacheslav Gladkov"),
                Some(SpeechAct::Statement)
            ),
            (
                "Beijing mengirim senjata ke Rusia",
                Some("Kementerian Luar Negeri China"),
                Some(SpeechAct::Denial)
            ),
        ],
        "{found:#?}"
    );
}

#[test]
fn an_unnamed_speaker_stays_unnamed_but_described() {
    let found =
        quotes("Seorang pejabat militer mengatakan bahwa serangan itu menewaskan tiga orang.\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, None);
    assert_eq!(speaker.id, None);
    assert_eq!(
        speaker.description.as_deref(),
        Some("Seorang pejabat militer")
    );
}

#[test]
fn descriptions_resolve_to_the_person_named_before() {
    let found = quotes(
        "Presiden Ukraina Volodymyr Zelensky tiba di Washington pada Kamis.\nPemimpin Ukraina itu mengatakan bahwa sistem pertahanan udara adalah prioritas utama.\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(speaker_name(&found[0]), Some("Volodymyr Zelensky"));
    assert_eq!(
        found[0].speaker.as_ref().unwrap().how,
        SpeakerResolution::Description
    );
}

#[test]
fn intentions_relative_clauses_negations_and_scare_quotes_are_not_quotes() {
    let text = "Pemerintah berjanji untuk membangun kembali jembatan itu.\nPejabat yang mengatakan hal itu kemudian dipecat.\nIa tidak mengatakan kapan pasukan akan ditarik.\nRusia menyebut serangan itu sebagai \"aksi teror\" yang keji.\n";
    let found = quotes(text);
    assert!(
        found
            .iter()
            .all(|q| q.kind == QuoteKind::Indirect && !q.text.starts_with("aksi")),
        "{found:#?}"
    );
    assert!(
        found.iter().all(|q| !q.text.contains("jembatan")
            && !q.text.contains("dipecat")
            && !q.text.contains("ditarik")),
        "{found:#?}"
    );
}

#[test]
fn sources_chain_from_the_carrying_outlet_to_the_publisher() {
    let text = "MOSKOW, KOMPAS.com - Rusia memperingatkan NATO agar tidak mengirim pesawat tempur ke wilayah perbatasan.\n“Setiap pesawat asing di wilayah udara kami akan ditembak,” kata Sergey Lavrov, seperti dikutip kantor berita TASS.\n";
    let analysis = ANALYZER.analyze(&Article::from_text("test.txt", text));
    let q = analysis
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .expect("a direct quote");
    assert_eq!(speaker_name(q), Some("Sergey Lavrov"));
    let chain: Vec<(&str, SourceRole)> = q.via.iter().map(|l| (l.name.as_str(), l.role)).collect();
    assert_eq!(
        chain.first().map(|c| c.1),
        Some(SourceRole::Wire),
        "{chain:?}"
    );
    assert!(chain[0].0.contains("TASS"), "{chain:?}");
    assert_eq!(
        chain.last().map(|c| c.1),
        Some(SourceRole::Publisher),
        "{chain:?}"
    );
}

#[test]
fn a_misspelt_cue_is_still_a_cue() {
    let found = quotes(
        "Juru bicara Kremlin Dmitry Peskov mengatakn bahwa pembicaraan akan dilanjutkan pekan depan.\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(speaker_name(&found[0]), Some("Dmitry Peskov"));
    assert_eq!(found[0].text, "pembicaraan akan dilanjutkan pekan depan");
}

#[test]
fn a_cue_in_a_fronted_clause_ends_its_statement_at_the_comma() {
    let found = quotes(
        "Meskipun Israel mengklaim telah menghancurkan terowongan itu, citra satelit menunjukkan bahwa sebagian besar jaringan masih utuh.\n",
    );
    let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "telah menghancurkan terowongan itu",
            "sebagian besar jaringan masih utuh"
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[1].speaker.as_ref().and_then(|s| s.name.as_deref()),
        None
    );
}

#[test]
fn an_unclosed_quote_opening_a_paragraph_goes_on_with_the_last_speaker() {
    let found = quotes(
        "“Kami akan membalas setiap serangan,” kata Ramzan Kadyrov dalam sebuah video.\n“Tidak ada tempat aman bagi musuh kami di mana pun mereka bersembunyi.\n",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].channel.as_deref(), Some("video"));
    assert_eq!(speaker_name(&found[1]), Some("Ramzan Kadyrov"));
}
