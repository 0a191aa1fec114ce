//! A generated news corpus for the store tests: short Indonesian reports built from
//! template sentences written for these tests, varied by a fixed pseudo-random sequence so
//! every run writes the same files.

use std::fs;
use std::io::Write;
use std::path::Path;

const ACTORS: &[&str] = &[
    "Militer Israel",
    "Pasukan Rusia",
    "Tentara Sudan",
    "Militer Myanmar",
    "Pasukan Ukraina",
    "Kelompok Hamas",
];
const PLACES: &[&str] = &["Gaza", "Kharkiv", "Khartoum", "Kyiv", "Rafah", "Mandalay"];
const VERBS: &[&str] = &["menyerang", "menembaki", "mengepung", "membom"];
const TARGETS: &[&str] = &[
    "pos pemeriksaan",
    "gudang logistik",
    "markas kelompok bersenjata",
    "konvoi bantuan",
    "jembatan utama",
];
const DAYS: &[&str] = &[
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const OUTLETS: &[&str] = &["Kabar Nusantara", "Warta Harian", "Suara Pagi"];
const CLOSINGS: &[&str] = &[
    "Warga setempat mengungsi ke desa tetangga sambil membawa barang seadanya.",
    "Pemerintah setempat menjanjikan bantuan darurat bagi keluarga korban.",
    "Sejumlah negara menyerukan gencatan senjata segera setelah kejadian itu.",
    "Tim penyelamat masih mencari korban di bawah reruntuhan hingga malam hari.",
];

/// A small linear congruential generator: reproducible without a dependency.
struct Sequence(u64);

impl Sequence {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One JSON Lines record: a report with a url, headline, day and outlet.
pub fn article(number: usize, sequence: &mut impl FnMut() -> u64) -> String {
    let mut s = Sequence(sequence());
    let (actor, verb, target, place) = (
        s.pick(ACTORS),
        s.pick(VERBS),
        s.pick(TARGETS),
        s.pick(PLACES),
    );
    let (day, date, month) = (s.pick(DAYS), 1 + s.below(28), 1 + s.below(12));
    let (dead, hurt) = (2 + s.below(40), 3 + s.below(90));
    let text = format!(
        "{actor} {verb} sebuah {target} di {place} pada {day} ({date}/{month}/2025).\n\
         Sedikitnya {dead} orang tewas dan {hurt} lainnya luka-luka akibat serangan tersebut, \
         menurut laporan nomor {number}.\n\
         \"Kami akan terus memantau keadaan di lapangan,\" kata juru bicara pemerintah kepada wartawan.\n\
         {}\n",
        s.pick(CLOSINGS)
    );
    serde_json::json!({
        "url": format!("https://berita.contoh/laporan/{number}"),
        "title": format!("{actor} {verb} {target} di {place}"),
        "published": format!("2025-{month:02}-{date:02}"),
        "outlet": s.pick(OUTLETS),
        "text": text,
    })
    .to_string()
}

/// Writes `count` articles into JSON Lines files of `per_file` lines under `dir`.
pub fn write(dir: &Path, count: usize, per_file: usize) {
    fs::create_dir_all(dir).unwrap();
    let mut state = 0x5eed_u64;
    let mut next = || {
        state = state.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(1);
        state
    };
    for (file, start) in (0..count).step_by(per_file).enumerate() {
        let mut out = fs::File::create(dir.join(format!("part-{file:03}.jsonl"))).unwrap();
        for number in start..(start + per_file).min(count) {
            writeln!(out, "{}", article(number, &mut next)).unwrap();
        }
    }
}
