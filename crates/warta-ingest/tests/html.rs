//! HTML extraction over fixture pages written for these tests.

use warta_ingest::{IngestOptions, read_html};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn news_page_keeps_the_story_and_drops_the_furniture() {
    let article = read_html(
        "berita-banjir-semarang.html",
        &fixture("berita-banjir-semarang.html")[..],
        &IngestOptions::default(),
    )
    .unwrap();
    for cruft in [
        "Olahraga",
        "Bagikan",
        "Rob Kembali",
        "Berita Terkait",
        "Komentar",
        "semoga cepat",
        "Terpopuler",
        "Hak cipta",
    ] {
        assert!(
            !article.body.to_lowercase().contains(&cruft.to_lowercase()),
            "{cruft:?} leaked into {:?}",
            article.body
        );
    }
    insta::assert_yaml_snapshot!(article);
}

#[test]
fn declared_latin1_page_is_decoded_as_windows_1252() {
    let article = read_html(
        "menlu.html",
        &fixture("menlu-prancis-cp1252.html")[..],
        &IngestOptions::default(),
    )
    .unwrap();
    assert!(
        article.body.contains("Jean-Noël Barrot"),
        "{}",
        article.body
    );
    assert!(
        article
            .body
            .contains("“Kami ingin proyek ini berjalan sebelum akhir tahun,”")
    );
    insta::assert_yaml_snapshot!(article);
}

#[test]
fn undeclared_legacy_page_is_guessed_by_chardetng() {
    let mut bytes = fixture("menlu-prancis-cp1252.html");
    let declaration: &[u8] =
        br#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#;
    let start = bytes
        .windows(declaration.len())
        .position(|window| window == declaration)
        .unwrap();
    bytes.drain(start..start + declaration.len());
    let article = read_html("tanpa-meta.html", &bytes[..], &IngestOptions::default()).unwrap();
    assert!(
        article.body.contains("sebuah café di kawasan Menteng"),
        "{}",
        article.body
    );
}

#[test]
fn short_page_falls_back_to_block_text_without_furniture() {
    let page = r#"<html><body>
        <nav><a href="/">Beranda</a> <a href="/politik">Politik</a></nav>
        <article><h1>Rapat Paripurna Ditunda</h1><p>Rapat paripurna DPRD Sleman ditunda<br>hingga pekan depan.</p>
        <div class="share-buttons">Bagikan</div></article>
        <footer>Kontak redaksi</footer></body></html>"#;
    let article = read_html("singkat.html", page.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(
        article.body,
        "Rapat Paripurna Ditunda\nRapat paripurna DPRD Sleman ditunda\nhingga pekan depan.\n"
    );
}

#[test]
fn page_without_text_is_an_empty_article() {
    let err = read_html(
        "kosong.html",
        &b"<html><head><title>Kosong</title></head><body><script>x()</script></body></html>"[..],
        &IngestOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "kosong.html: empty article");
}

#[test]
fn deeply_nested_page_is_refused_before_parsing_but_many_icons_are_not() {
    let depth = 50_000;
    let page = format!(
        "<html><body>{}<p>Warga Bantul bergotong royong membersihkan sungai.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let err = read_html("dalam.html", page.as_bytes(), &IngestOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "dalam.html: HTML nested deeper than 1000 elements"
    );
    let svg_icons = "<svg><path d='M0'/><circle r='1'/></svg>".repeat(2000);
    let page = format!(
        "<html><body><div><p>Harga tiket pesawat turun.</p>{svg_icons}<script>'<div><div>'</script></div></body></html>"
    );
    let article = read_html("ikon.html", page.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(article.body.trim(), "Harga tiket pesawat turun.");
}
