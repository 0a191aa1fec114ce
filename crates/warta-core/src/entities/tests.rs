//! Recognition and linking on sentences written for these tests.

use std::sync::LazyLock;

use crate::analysis::{Entity, EntityType, Resolution};
use crate::{Analyzer, Article};

/// One analyzer for every test: the knowledge base and tagger take a while to load.
static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

fn entities(text: &str) -> Vec<Entity> {
    ANALYZER
        .analyze(&Article::from_text("t.txt", text))
        .entities
}

/// Entities of a text published on `date` (the container's date).
fn entities_on(text: &str, date: &str) -> Vec<Entity> {
    let mut article = Article::from_text("t.txt", text);
    article.published = Some(date.to_string());
    ANALYZER.analyze(&article).entities
}

fn find<'e>(entities: &'e [Entity], id: &str) -> Option<&'e Entity> {
    entities.iter().find(|e| e.id == id)
}

#[test]
fn an_office_without_a_name_is_its_holder_on_the_publication_date() {
    let text = "Judul berita\nPresiden AS menyatakan dukungan bagi sekutunya di Eropa pekan ini.\n";
    let early = entities_on(text, "2022-06-01");
    let late = entities_on(text, "2025-06-01");
    let biden = find(&early, "per:joe-biden").expect("Biden in 2022");
    assert_eq!(biden.mentions[0].how, Resolution::Role);
    assert_eq!(biden.mentions[0].text, "Presiden AS");
    assert!(find(&late, "per:donald-trump").is_some(), "{late:#?}");
    assert!(find(&late, "per:joe-biden").is_none());
    // "AS" inside the office is the country, supported by the office word before it.
    assert!(find(&late, "loc:US").is_some());
}

#[test]
fn the_longest_name_wins() {
    let found = entities("Kementerian Pertahanan Rusia menyatakan serangan gagal.\n");
    assert!(find(&found, "org:russia-defence-ministry").is_some());
    assert!(find(&found, "loc:RU").is_none(), "{found:#?}");
}

#[test]
fn an_ambiguous_alias_needs_context() {
    // "Serang" (attack) opening a sentence is a word, not the city...
    let alone = entities("Serang balik dilakukan pasukan itu pada malam hari.\n");
    assert!(find(&alone, "loc:gn:1627549").is_none(), "{alone:#?}");
    // ...and "as" in lower case is never the United States.
    let lower = entities("Roda itu lepas dari as kendaraan.\n");
    assert!(find(&lower, "loc:US").is_none(), "{lower:#?}");
    // After a place cue, the city is meant.
    let cued = entities("Banjir melanda Kota Serang dan sekitarnya.\n");
    assert!(find(&cued, "loc:gn:1627549").is_some(), "{cued:#?}");
}

#[test]
fn an_unknown_name_found_by_the_tagger_is_a_local_entity() {
    let found = entities(
        "Gubernur Banyuwangi Sutrisno Wirapradja meninjau banjir bersama warga.\n\
         Menurut Wirapradja, bantuan segera tiba.\n",
    );
    let person = found
        .iter()
        .find(|e| e.entity_type == EntityType::PER)
        .expect("a person");
    assert_eq!(person.id, "local:per:sutrisno-wirapradja");
    assert_eq!(person.kind.as_deref(), Some("person"));
    // The later surname is the same person.
    assert_eq!(person.mentions.len(), 2, "{person:#?}");
    assert_eq!(person.mentions[1].how, Resolution::Coreference);
}

#[test]
fn a_later_surname_is_the_person_named_in_full() {
    let found = entities(
        "Vladimir Putin bertemu delegasi asing di Moskow.\nPutin lalu menyampaikan pidato.\n",
    );
    let putin = find(&found, "per:vladimir-putin").expect("Putin");
    assert_eq!(putin.mentions.len(), 2);
    let moscow = find(&found, "loc:gn:524901").expect("Moscow, Russia");
    assert!(moscow.coordinates.is_some());
    assert_eq!(moscow.country.as_deref(), Some("RU"));
}

#[test]
fn spans_are_the_mention_text() {
    let text = "Juru bicara Kremlin Dmitry Peskov berbicara di Kyiv.\n";
    let analysis = ANALYZER.analyze(&Article::from_text("t.txt", text));
    for entity in &analysis.entities {
        for m in &entity.mentions {
            assert_eq!(m.span.of(&analysis.text), m.text);
        }
    }
}

#[test]
fn a_title_case_headline_with_long_function_words_trusts_only_known_names() {
    for headline in [
        "Ratusan Drone Serbu Kyiv, Warga Berlindung dalam Stasiun Metro",
        "Warga Sipil Tewas dalam Serangan Rudal di Odesa",
        "Paket Bantuan Makanan untuk Ramadan Tiba di Kyiv",
    ] {
        let found = entities(&format!(
            "{headline}\nSerangan itu merusak sejumlah gedung di pusat kota.\n"
        ));
        // Only knowledge-base places, each of them well supported.
        assert!(
            found
                .iter()
                .all(|e| e.id.starts_with("loc:") && e.mentions[0].how == Resolution::Gazetteer),
            "{headline}: {found:#?}"
        );
        assert!(
            found.iter().all(|e| e.name != "Ramadan"),
            "{headline}: {found:#?}"
        );
    }
}

#[test]
fn a_sentence_listing_names_is_not_a_headline() {
    // Every content word is capitalised, but they are names, not common words.
    let found = entities("Hadir Sutrisno Wirapradja, Ratna Kusumadewi dan Hendra Lumbantobing.\n");
    let people = found
        .iter()
        .filter(|e| e.entity_type == EntityType::PER)
        .count();
    assert!(people >= 2, "{found:#?}");
}

#[test]
fn a_given_name_alone_needs_context_to_be_a_famous_person() {
    let alone = entities(
        "Warga desa itu menggelar syukuran panen.\n\
         Anwar mengatakan hasil panen tahun ini lebih baik dari tahun lalu.\n",
    );
    assert!(find(&alone, "per:anwar-ibrahim").is_none(), "{alone:#?}");
    // A longer name the tagger reads is someone else with the same given name.
    let other = entities("Ketua majelis hakim Anwar Sitompul membacakan putusan di Medan.\n");
    assert!(find(&other, "per:anwar-ibrahim").is_none(), "{other:#?}");
    // Even when the rest of the name is also a word ("saleh", pious).
    let other = entities("Kepala desa Anwar Saleh meminta warga tetap tenang.\n");
    assert!(find(&other, "per:anwar-ibrahim").is_none(), "{other:#?}");
    assert!(other.iter().any(|e| e.name == "Anwar Saleh"), "{other:#?}");
    // Named in full, or in a story about his country, he is meant.
    let full = entities(
        "Perdana Menteri Malaysia Anwar Ibrahim tiba di Jakarta.\n\
         Anwar disambut upacara militer di Istana Merdeka.\n",
    );
    let anwar = find(&full, "per:anwar-ibrahim").expect("Anwar Ibrahim");
    assert_eq!(anwar.mentions.len(), 2, "{anwar:#?}");
    let country = entities(
        "Pemerintah Malaysia menaikkan anggaran pertahanan.\n\
         Anwar mengatakan kenaikan itu diperlukan untuk menjaga Laut China Selatan.\n",
    );
    assert!(
        find(&country, "per:anwar-ibrahim").is_some(),
        "{country:#?}"
    );
    let office = entities("Dalam pidatonya, PM Anwar menyinggung harga beras yang naik.\n");
    assert!(find(&office, "per:anwar-ibrahim").is_some(), "{office:#?}");
}

#[test]
fn a_city_and_its_region_of_the_same_name_are_one_place_per_article() {
    // "wilayah Belgorod" names the region; the bare name later is that region too.
    let found = entities(
        "Drone Ukraina menyerang wilayah Belgorod pada Selasa malam.\n\
         Gubernur mengatakan dua warga Belgorod terluka.\n",
    );
    assert!(find(&found, "loc:RU-BEL").is_some(), "{found:#?}");
    assert!(find(&found, "loc:gn:578072").is_none(), "{found:#?}");
    let region = find(&found, "loc:RU-BEL").expect("the region");
    assert_eq!(region.mentions.len(), 2, "{region:#?}");
    // The bare name alone is the city.
    let city = entities("Ledakan terdengar di Belgorod pada Selasa malam.\n");
    assert!(find(&city, "loc:gn:578072").is_some(), "{city:#?}");
    // Both named with their own words: both are meant.
    let both = entities(
        "Ledakan terdengar di kota Belgorod, ibu kota wilayah Belgorod, pada Selasa malam.\n",
    );
    assert!(find(&both, "loc:gn:578072").is_some(), "{both:#?}");
    assert!(find(&both, "loc:RU-BEL").is_some(), "{both:#?}");
}

#[test]
fn the_dateline_place_is_an_entity() {
    let analysis = ANALYZER.analyze(&Article::from_text(
        "t.txt",
        "Ukraina Terima Bantuan Baru dari Sekutu\n\
         KYIV, WARTAHARIAN.COM - Pemerintah Ukraina menerima paket bantuan pertahanan udara \
         dari sekutunya pada Rabu.\n\
         Paket itu mencakup rudal dan radar.\n",
    ));
    assert_eq!(analysis.dateline.as_deref(), Some("KYIV"), "{analysis:#?}");
    let kyiv = find(&analysis.entities, "loc:gn:703448").expect("Kyiv");
    assert_eq!(kyiv.entity_type, EntityType::LOC);
}

#[test]
fn a_government_word_before_a_place_names_an_organisation() {
    let found = entities(
        "Kepala administrasi wilayah Belgorod mengatakan listrik padam di tiga desa.\n\
         Juru bicara pemerintah kota Kharkiv menyebut sekolah ditutup sementara.\n",
    );
    for name in ["administrasi wilayah Belgorod", "pemerintah kota Kharkiv"] {
        let org = found.iter().find(|e| e.name == name).expect(name);
        assert_eq!(org.entity_type, EntityType::ORG, "{org:#?}");
    }
    // The places stay places of the story.
    assert!(find(&found, "loc:RU-BEL").is_some(), "{found:#?}");
    assert!(find(&found, "loc:gn:706483").is_some(), "{found:#?}");
    // A name the knowledge base has is linked as before.
    let known = entities("Pemerintah Ukraina menolak tuntutan itu.\n");
    assert!(
        find(&known, "org:ukraine-government").is_some(),
        "{known:#?}"
    );
}

#[test]
fn a_given_name_of_the_home_country_needs_more_than_the_country() {
    // Indonesian news names Indonesia all the time: "Retno" here is a trader, and the
    // tagger's name stands in place of the famous minister.
    let found = entities(
        "Pos lintas batas Indonesia dan Malaysia di Kalimantan masih ditutup.\n\
         Retno, seorang pedagang di perbatasan, berharap pos itu segera dibuka.\n",
    );
    assert!(find(&found, "per:retno-marsudi").is_none(), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|e| e.entity_type == EntityType::PER && e.name == "Retno"),
        "{found:#?}"
    );
}

#[test]
fn a_given_name_beside_the_persons_organisation_is_the_person() {
    let found = entities(
        "Organisasi Kesehatan Dunia menyiapkan tim medis tambahan.\n\
         Tedros mengatakan rumah sakit di wilayah itu kekurangan obat.\n",
    );
    assert!(
        find(&found, "per:tedros-adhanom-ghebreyesus").is_some(),
        "{found:#?}"
    );
}

#[test]
fn a_common_word_inside_a_longer_name_is_part_of_it() {
    // "Besar" names a town somewhere; here it is part of the hall's name.
    let found = entities("Kedua pemimpin bertemu di Aula Besar Rakyat di Beijing pada Sabtu.\n");
    assert!(
        found
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.text != "Besar")),
        "{found:#?}"
    );
}

#[test]
fn an_organisation_named_after_a_place_is_the_organisation() {
    let found = entities(
        "Serangan udara menghantam pinggiran kota pada Jumat malam.\n\
         Kementerian Kesehatan Lebanon menyatakan sedikitnya 12 orang tewas.\n",
    );
    let ministry = found
        .iter()
        .find(|e| e.name == "Kementerian Kesehatan Lebanon")
        .expect("the ministry");
    assert_eq!(ministry.entity_type, EntityType::ORG);
    // A country's name is no common word, even where the root lexicon lists it.
    let qatar = entities("Juru bicara Kementerian Luar Negeri Qatar membantah laporan itu.\n");
    assert!(
        qatar
            .iter()
            .any(|e| e.name == "Kementerian Luar Negeri Qatar"),
        "{qatar:#?}"
    );
    // A place in a person's name, or after a known organisation, ends none either.
    let party = entities(
        "Ketua Umum Partai Golkar Akbar Tandjung hadir bersama pengurus Partai Golkar Jakarta.\n",
    );
    assert!(
        party
            .iter()
            .all(|e| !e.name.ends_with("Tandjung") || e.entity_type == EntityType::PER),
        "{party:#?}"
    );
    assert!(
        party.iter().all(|e| e.name != "Partai Golkar Jakarta"),
        "{party:#?}"
    );
    // A name that goes on after the place does not end with it.
    let longer = entities("Partai Indonesia Sejahtera mendaftar sebagai peserta pemilu.\n");
    assert!(
        longer.iter().all(|e| e.name != "Partai Indonesia"),
        "{longer:#?}"
    );
    // A common word that names a town somewhere ("Besar") ends no organisation.
    let embassy = entities("Warga diminta menghubungi Kedutaan Besar RI di Amman.\n");
    let orgs: Vec<_> = embassy
        .iter()
        .filter(|e| e.entity_type == EntityType::ORG)
        .collect();
    assert_eq!(orgs.len(), 1, "{embassy:#?}");
    assert_eq!(orgs[0].name, "Kedutaan Besar RI");
}

#[test]
fn an_armed_service_written_in_lower_case_is_linked() {
    let found = entities("Menurut angkatan udara Ukraina, 40 drone ditembak jatuh semalam.\n");
    assert!(
        find(&found, "org:ukraine-air-force").is_some(),
        "{found:#?}"
    );
}

#[test]
fn a_word_that_introduces_a_place_is_not_one() {
    // "Laut" (sea) names a town in Ireland.
    let found = entities(
        "Pyongyang menembakkan dua rudal ke arah Laut Timur pada Kamis pagi.\n\
         Kapal patroli dikerahkan ke Laut Timur setelah peluncuran itu.\n",
    );
    assert!(
        found
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.text != "Laut")),
        "{found:#?}"
    );
}

#[test]
fn a_described_army_is_not_the_organisation() {
    // "Militer Ukraina" describes the army; the country is named. (A guard: the tagger
    // reads these as the country alone, while in some contexts it reads an organisation.)
    for text in [
        "Serangan berlangsung semalam. Militer Ukraina mengatakan itu menghancurkan 40 drone.\n",
        "Menurut Angkatan Udara Ukraina, 40 drone ditembak jatuh. Militer Ukraina mengatakan itu menahan serangan.\n",
    ] {
        let found = entities(text);
        assert!(
            find(&found, "org:ukraine-armed-forces").is_none(),
            "{found:#?}"
        );
        assert!(find(&found, "loc:UA").is_some(), "{found:#?}");
    }
}

#[test]
fn titles_and_degrees_around_a_name_are_not_names() {
    let found = entities(
        "Ketua komisi, H. Baharuddin Lubis, S.H., M.H., membuka rapat dengar pendapat.\n\
         Menurut Baharuddin, rapat akan dilanjutkan pekan depan.\n",
    );
    let people: Vec<_> = found
        .iter()
        .filter(|e| e.entity_type == EntityType::PER)
        .collect();
    assert_eq!(people.len(), 1, "{found:#?}");
    assert_eq!(people[0].name, "Baharuddin Lubis");
    assert_eq!(people[0].mentions.len(), 2, "{found:#?}");
}

#[test]
fn a_reduplicated_word_opening_a_sentence_is_no_name() {
    let found = entities(
        "Ribuan warga kembali mengungsi sejak awal pekan.\n\
         Anak-anak dan lansia disebut paling rentan karena obat-obatan menipis.\n",
    );
    assert!(
        found.iter().all(|e| e.entity_type != EntityType::PER),
        "{found:#?}"
    );
}

#[test]
fn a_name_described_as_an_ordinary_person_is_not_the_famous_one() {
    for text in [
        "Warga Jalur Gaza mulai kembali ke rumah mereka.\n\
         Abbas, warga Khan Younis, mengaku belum percaya perang akan berakhir.\n",
        "Warga Jalur Gaza mulai kembali ke rumah mereka.\n\
         Abbas (52) mengaku rumahnya hancur.\n",
    ] {
        let found = entities(text);
        assert!(find(&found, "per:mahmoud-abbas").is_none(), "{found:#?}");
        assert!(
            found
                .iter()
                .any(|e| e.entity_type == EntityType::PER && e.name == "Abbas"),
            "{found:#?}"
        );
    }
}

#[test]
fn a_sheikh_named_in_full_and_again_by_title_and_given_name_is_one_person() {
    let found = entities(
        "Sheikh Mohammed bin Abdulrahman Al Thani menerima kedua delegasi di Doha.\n\
         Menurut Sheikh Mohammed, perundingan berjalan lancar.\n",
    );
    let qatari = find(&found, "per:mohammed-bin-abdulrahman-al-thani").expect("the minister");
    assert_eq!(qatari.mentions.len(), 2, "{found:#?}");
    assert_eq!(
        found
            .iter()
            .filter(|e| e.entity_type == EntityType::PER)
            .count(),
        1,
        "{found:#?}"
    );
}

#[test]
fn china_spelled_cina_is_china() {
    let found =
        entities("Kapal Penjaga Pantai Cina kembali terlihat di Laut Cina Selatan pada Minggu.\n");
    assert!(
        find(&found, "org:china-coast-guard").is_some(),
        "{found:#?}"
    );
    assert!(find(&found, "loc:south-china-sea").is_some(), "{found:#?}");
}

#[test]
fn an_office_with_its_holder_in_apposition_links_no_one_else() {
    // An acting prime minister named after the office is who is meant, not the holder
    // the knowledge base has for that day.
    let acting = entities_on(
        "Berita perbatasan\nPelaksana tugas Perdana Menteri Thailand, Somchai Rattanakul, \
         meninjau pengungsian di Surin.\n",
        "2025-07-20",
    );
    assert!(
        find(&acting, "per:paetongtarn-shinawatra").is_none(),
        "{acting:#?}"
    );
    // Without a name, the office is still its holder.
    let bare = entities_on(
        "Berita perbatasan\nPerdana Menteri Thailand meninjau pengungsian di Surin.\n",
        "2025-03-01",
    );
    assert!(
        find(&bare, "per:paetongtarn-shinawatra").is_some(),
        "{bare:#?}"
    );
}

#[test]
fn an_election_of_an_office_is_not_its_holder() {
    let found = entities_on(
        "Berita dunia\nPasar saham bergejolak menjelang pemilihan presiden Amerika Serikat.\n",
        "2024-10-01",
    );
    assert!(find(&found, "per:joe-biden").is_none(), "{found:#?}");
    assert!(find(&found, "loc:US").is_some(), "{found:#?}");
}

#[test]
fn gaza_beside_the_gaza_strip_is_the_strip() {
    let found = entities(
        "Bantuan pangan mulai masuk ke Jalur Gaza pada Senin.\n\
         Warga Gaza mengantre sejak subuh di depan gudang bantuan.\n",
    );
    let strip = find(&found, "loc:gaza-strip").expect("the strip");
    assert_eq!(strip.mentions.len(), 2, "{found:#?}");
    assert!(find(&found, "loc:gn:281133").is_none(), "{found:#?}");
}

#[test]
fn weapon_classes_benchmarks_ships_and_models_are_no_entities() {
    let found = entities(
        "Pyongyang kembali menguji rudal balistik antarbenua (ICBM) pada Jumat.\n\
         Harga minyak mentah Brent ikut naik setelah uji coba itu.\n\
         Kapal perang AS menembakkan rudal Tomahawk dari Laut Merah.\n\
         Filipina mengirim perbekalan ke BRP Teresa Magbanua di dekat beting itu.\n\
         Rusia meluncurkan puluhan drone serang jenis Geran ke arah Odesa.\n\
         Kedua negara menggelar latihan Garuda Shield di Sumatra Selatan.\n",
    );
    for name in [
        "ICBM",
        "Brent",
        "Tomahawk",
        "BRP Teresa Magbanua",
        "Teresa Magbanua",
        "Geran",
        "Garuda Shield",
    ] {
        assert!(
            !found
                .iter()
                .any(|e| e.mentions.iter().any(|m| m.text == name)),
            "{name}: {found:#?}"
        );
    }
    assert!(find(&found, "loc:red-sea").is_some(), "{found:#?}");
}

#[test]
fn a_place_is_the_one_known_by_that_name_not_one_once_spelled_so() {
    // GeoNames knows a town in Ohio once called Berlin; the United States being in the
    // story does not make it the Berlin meant.
    let found = entities(
        "Produsen mobil Amerika Serikat itu menutup pabriknya di dekat Berlin selama sepekan.\n",
    );
    assert!(find(&found, "loc:gn:2950159").is_some(), "{found:#?}");
    assert!(find(&found, "loc:gn:5164706").is_none(), "{found:#?}");
    // Chattogram was once called Islamabad too; the capital of Pakistan is meant.
    let capital = entities("Delegasi Bangladesh tiba di Islamabad untuk membahas perdagangan.\n");
    assert!(find(&capital, "loc:gn:1176615").is_some(), "{capital:#?}");
}

#[test]
fn a_body_named_after_its_seat_is_the_body() {
    let found = entities(
        "Juru bicara Dewan Keamanan Nasional Gedung Putih menyebut uji coba itu provokasi.\n",
    );
    assert!(find(&found, "org:us-nsc").is_some(), "{found:#?}");
    assert!(find(&found, "org:white-house").is_none(), "{found:#?}");
}

#[test]
fn a_curated_city_lists_its_own_names_not_every_foreign_spelling() {
    let found = entities("Sirene serangan udara berbunyi di Kyiv sepanjang malam.\n");
    let kyiv = find(&found, "loc:gn:703448").expect("Kyiv");
    // GeoNames' spellings in other languages are matched, not listed.
    for foreign in ["Kijev", "Kiiv"] {
        assert!(!kyiv.aliases.iter().any(|a| a == foreign), "{kyiv:#?}");
    }
    assert!(kyiv.aliases.iter().any(|a| a == "Kiev"), "{kyiv:#?}");
    // The form the article writes stays.
    let kijev = entities("Sirene serangan udara berbunyi di Kijev sepanjang malam.\n");
    let kyiv = find(&kijev, "loc:gn:703448").expect("Kyiv by a foreign spelling");
    assert!(kyiv.aliases.iter().any(|a| a == "Kijev"), "{kyiv:#?}");
}

#[test]
fn a_part_of_a_place_known_only_by_its_english_name_is_found_by_the_indonesian_one() {
    let found = entities("Ribuan warga mengungsi dari Darfur Utara ke perbatasan Chad.\n");
    let part = find(&found, "loc:SD-DN").expect("North Darfur");
    assert_eq!(part.mentions[0].text, "Darfur Utara", "{found:#?}");
    assert!(find(&found, "loc:darfur").is_none(), "{found:#?}");
    // A name the knowledge base has in Indonesian is matched whole as before.
    let java = entities("Banjir melanda Jawa Tengah sejak Senin.\n");
    assert!(
        java.iter()
            .any(|e| e.mentions.iter().any(|m| m.text == "Jawa Tengah")),
        "{java:#?}"
    );
}

#[test]
fn a_short_name_of_the_organisation_of_a_named_official_is_the_organisation() {
    // "PBB" alone is too short to trust; beside the Secretary-General it is the UN.
    let found = entities(
        "Sekretaris Jenderal PBB Antonio Guterres mendesak kedua pihak berunding, \
         sementara juru bicaranya menyebut bantuan sudah disiapkan.\n",
    );
    assert!(find(&found, "per:antonio-guterres").is_some(), "{found:#?}");
    assert!(find(&found, "org:un").is_some(), "{found:#?}");
}

#[test]
fn the_government_of_a_place_the_knowledge_base_lacks_is_an_organisation() {
    let found =
        entities("Kepala pemerintah Kabupaten Sungai Lembing mengatakan banjir mulai surut.\n");
    let org = found
        .iter()
        .find(|e| e.entity_type == EntityType::ORG)
        .expect("the province's government");
    assert!(org.name.starts_with("pemerintah"), "{found:#?}");
    assert!(
        found.iter().any(|e| e.entity_type == EntityType::LOC),
        "{found:#?}"
    );
}

#[test]
fn an_office_of_a_government_written_in_lower_case_is_linked() {
    let found = entities("Sementara itu, kantor Perdana Menteri Israel menolak berkomentar.\n");
    assert!(find(&found, "org:israel-pm-office").is_some(), "{found:#?}");
}

#[test]
fn a_body_written_without_its_parent_is_the_named_parent_s() {
    let found =
        entities("Utusan Iran untuk PBB menyampaikan protes kepada Dewan Keamanan pada Senin.\n");
    assert!(find(&found, "org:unsc").is_some(), "{found:#?}");
    // Without the parent, the short name is left alone.
    let alone = entities("Rapat Dewan Keamanan sekolah itu digelar Senin.\n");
    assert!(find(&alone, "org:unsc").is_none(), "{alone:#?}");
}

#[test]
fn a_name_confirmed_in_the_story_is_the_same_name_in_the_headline() {
    let found = entities(
        "Delhi Tutup Perbatasan, Islamabad Ancam Membalas\n\
         Pemerintah India menutup perbatasan darat pada Kamis. \
         Islamabad menyebut langkah itu sebagai provokasi.\n",
    );
    let capital = find(&found, "loc:gn:1176615").expect("Islamabad");
    assert_eq!(capital.mentions.len(), 2, "{found:#?}");
    assert!(
        !found
            .iter()
            .any(|e| e.id.starts_with("local:loc:islamabad")),
        "{found:#?}"
    );
}

#[test]
fn a_one_word_name_of_a_body_ending_a_persons_name_is_part_of_it() {
    let found = entities(
        "Judul\nMenteri Luar Negeri Kongo Amani Kabeya Wagner menyebut serangan itu keji.\n",
    );
    assert!(find(&found, "org:wagner-group").is_none(), "{found:#?}");
    let person = found
        .iter()
        .find(|e| e.name == "Amani Kabeya Wagner")
        .expect("the minister");
    assert_eq!(person.entity_type, EntityType::PER);
    // The group's own name still stands.
    let group = entities("Judul\nTentara bayaran Wagner menarik diri dari kota itu.\n");
    assert!(find(&group, "org:wagner-group").is_some(), "{group:#?}");
}

#[test]
fn a_name_opening_with_an_organisations_head_word_is_an_organisation() {
    let found = entities(
        "Judul\nJuru bicara Komando Teater Timur, Kapten Li Xi, mengumumkan latihan itu.\n",
    );
    let command = found
        .iter()
        .find(|e| e.name == "Komando Teater Timur")
        .expect("the command");
    assert_eq!(command.entity_type, EntityType::ORG, "{found:#?}");
}

#[test]
fn a_countrys_name_is_the_country_not_a_namesake_town() {
    // The story names the United States, where towns are called Lebanon.
    let found = entities(
        "Judul\nAmerika Serikat dan Prancis menengahi kesepakatan antara Israel dan Lebanon. Presiden AS Joe Biden mengumumkannya di Gedung Putih.\n",
    );
    assert!(find(&found, "loc:LB").is_some(), "{found:#?}");
    assert!(
        found
            .iter()
            .all(|e| !(e.name == "Lebanon" && e.id != "loc:LB")),
        "{found:#?}"
    );
}

#[test]
fn a_rank_inside_a_tagged_name_starts_the_name() {
    let found = entities(
        "Judul\nKepala Penerangan Kodam XVII/Cenderawasih Letkol Inf Candra Kurniawan mengatakan patroli diserang.\n\"Kami kejar pelakunya,\" ujar Candra.\n",
    );
    let officer = found
        .iter()
        .find(|e| e.name == "Candra Kurniawan")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(officer.entity_type, EntityType::PER);
    assert_eq!(officer.mentions.len(), 2, "{officer:#?}");
}

#[test]
fn a_body_with_another_countrys_name_after_it_is_that_countrys() {
    let found = entities(
        "Menurut Angkatan Darat India, pasukan lawan menembaki pos di perbatasan.\n\
         Angkatan Darat menggelar latihan di Jawa Timur pekan lalu.\n",
    );
    assert!(
        found
            .iter()
            .all(|e| e.id != "org:tni-ad"
                || e.mentions.iter().all(|m| m.text != "Angkatan Darat India")),
        "{found:#?}"
    );
    let indian = found
        .iter()
        .find(|e| e.name == "Angkatan Darat India")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(indian.entity_type, EntityType::ORG);
    // Its own country after it keeps the body: "Kementerian Luar Negeri RI".
    let own = entities("Kementerian Luar Negeri RI memanggil duta besar itu.\n");
    assert!(
        own.iter().any(|e| e.entity_type == EntityType::ORG),
        "{own:#?}"
    );
}

#[test]
fn the_dateline_place_named_again_is_mentioned() {
    let analysis = ANALYZER.analyze(&Article::from_text(
        "t.txt",
        "Warga Membangun Balai Baru\n\
         KARANGWETAN - Warga gotong royong membangun balai pertemuan pada Minggu.\n\
         \"Balai ini untuk semua,\" kata Kepala Desa Karangwetan, Sri Wahyuni.\n",
    ));
    assert_eq!(
        analysis.dateline.as_deref(),
        Some("KARANGWETAN"),
        "{analysis:#?}"
    );
    let place = analysis
        .entities
        .iter()
        .find(|e| e.name == "Karangwetan")
        .unwrap_or_else(|| panic!("{:#?}", analysis.entities));
    assert!(!place.mentions.is_empty(), "{place:#?}");
    for mention in &place.mentions {
        assert_eq!(mention.span.of(&analysis.text), "Karangwetan");
    }
}
