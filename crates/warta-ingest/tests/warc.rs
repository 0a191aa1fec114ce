//! WARC reading over `.warc.gz` files built here, one gzip member per record.

use std::io::{Cursor, Write};

use flate2::Compression;
use flate2::write::GzEncoder;
use warta_ingest::{Format, IngestOptions, read_stream};

/// One WARC record with the given type, extra header lines and block.
fn record(warc_type: &str, id: u32, extra_headers: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         WARC-Date: 2026-03-11T02:00:00Z\r\n{extra_headers}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn response(id: u32, uri: &str, http: &[u8]) -> Vec<u8> {
    let headers =
        format!("WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n");
    record("response", id, &headers, http)
}

fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn page(title: &str, paragraph: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><nav>Beranda | Daerah</nav><article><p>{paragraph}</p></article></body></html>"
    )
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let (first, second) = body.split_at(body.len() / 2);
    let mut out = Vec::new();
    for chunk in [first, second] {
        out.extend_from_slice(format!("{:x};ext=1\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// A crawl with every kind of record the reader must take, skip or report.
fn crawl() -> Vec<u8> {
    let latin1_page = page(
        "Kapal Feri Tertahan",
        "Kapal feri tujuan Ketapang tertahan di Gilimanuk karena ombak tinggi, kata petugas pelabuhan dengan nada cemas: \u{201C}Kami menunggu cuaca membaik.\u{201D}",
    );
    let (latin1_bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin1_page);
    let mut chunked_http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    chunked_http.extend(chunked(&latin1_bytes));

    let gzip_page = page(
        "Panen Raya di Indramayu",
        "Petani Indramayu memulai panen raya padi pekan ini dengan hasil rata-rata tujuh ton per hektare.",
    );
    let mut gzip_http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    gzip_http.extend(gzip_member(gzip_page.as_bytes()));

    let resource_page = page(
        "Jembatan Baru Dibuka",
        "Jembatan penghubung dua kecamatan di Kabupaten Kampar resmi dibuka untuk umum pada Senin.",
    );
    let after_resync = page(
        "Sekolah Diliburkan",
        "Sejumlah sekolah di Kota Padang diliburkan setelah gempa bermagnitudo 5,2 mengguncang pada dini hari.",
    );

    let mut bad_length = response(7, "https://contoh.id/rusak", b"HTTP/1.1 200 OK\r\n\r\nx");
    let at = bad_length
        .windows(16)
        .position(|w| w == b"Content-Length: ")
        .unwrap()
        + 16;
    let digits = bad_length[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    bad_length.splice(at..at + digits, *b"abc");

    let mut truncated = response(
        10,
        "https://contoh.id/terpotong",
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
            page("Terpotong", "Isi berita ini tidak lengkap.")
        )
        .as_bytes(),
    );
    truncated.truncate(truncated.len() - 60);

    let members = [
        record("warcinfo", 1, "Content-Type: application/warc-fields\r\n", b"software: uji-tangan\r\n"),
        record("request", 2, "WARC-Target-URI: https://contoh.id/feri\r\nContent-Type: application/http; msgtype=request\r\n", b"GET /feri HTTP/1.1\r\nHost: contoh.id\r\n\r\n"),
        response(3, "https://contoh.id/feri", &chunked_http),
        response(4, "https://contoh.id/hilang", b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Halaman tidak ditemukan</p>"),
        response(5, "https://contoh.id/foto.jpg", b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\xE0\0\x10JFIF"),
        response(6, "https://contoh.id/panen", &gzip_http),
        bad_length,
        record("resource", 8, "WARC-Target-URI: file:///arsip/jembatan.html\r\nContent-Type: text/html; charset=utf-8\r\n", resource_page.as_bytes()),
        response(9, "https://contoh.id/sekolah", format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n{after_resync}").as_bytes()),
        truncated,
    ];
    members
        .iter()
        .flat_map(|member| gzip_member(member))
        .collect()
}

#[test]
fn multi_member_warc_gz_yields_pages_and_names_bad_records() {
    let items: Vec<_> = read_stream(
        "crawl.warc.gz",
        Cursor::new(crawl()),
        Some(Format::Warc),
        &IngestOptions::default(),
    )
    .map(|item| item.map_err(|err| err.to_string()))
    .collect();
    let summary: Vec<String> = items
        .iter()
        .map(|item| match item {
            Ok(article) => format!(
                "{} {} | {}",
                article.source,
                article.url.as_deref().unwrap_or("-"),
                article.body.trim()
            ),
            Err(err) => err.clone(),
        })
        .collect();
    let expected = [
        "crawl.warc.gz#record 3 https://contoh.id/feri | Kapal feri tujuan Ketapang tertahan di Gilimanuk karena ombak tinggi, kata petugas pelabuhan dengan nada cemas: “Kami menunggu cuaca membaik.”",
        "crawl.warc.gz#record 6 https://contoh.id/panen | Petani Indramayu memulai panen raya padi pekan ini dengan hasil rata-rata tujuh ton per hektare.",
        "crawl.warc.gz: record 7 (<urn:uuid:00000000-0000-0000-0000-000000000007>): bad Content-Length: abc",
        "crawl.warc.gz#record 8 file:///arsip/jembatan.html | Jembatan penghubung dua kecamatan di Kabupaten Kampar resmi dibuka untuk umum pada Senin.",
        "crawl.warc.gz#record 9 https://contoh.id/sekolah | Sejumlah sekolah di Kota Padang diliburkan setelah gempa bermagnitudo 5,2 mengguncang pada dini hari.",
        "crawl.warc.gz: record 10 (<urn:uuid:00000000-0000-0000-0000-000000000010>): truncated record",
    ];
    assert_eq!(summary, expected);
}

#[test]
fn framing_errors_are_reported_and_reading_resumes_at_the_next_record() {
    let good = response(
        2,
        "https://contoh.id/pasar",
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
            page(
                "Pasar",
                "Pedagang Pasar Beringharjo kembali berjualan setelah renovasi selesai."
            )
        )
        .as_bytes(),
    );
    let mut input = b"bukan versi\r\nsampah\r\n\r\n".to_vec();
    input.extend(&good);
    // A Content-Length that stops short leaves text where the blank line should be.
    let short = String::from_utf8(good.clone()).unwrap();
    let length_at = short.find("Content-Length: ").unwrap() + 16;
    let length_end = length_at + short[length_at..].find('\r').unwrap();
    let real: usize = short[length_at..length_end].parse().unwrap();
    input.extend(
        format!(
            "{}{}{}",
            &short[..length_at],
            real - 10,
            &short[length_end..]
        )
        .as_bytes(),
    );
    input.extend(&good);
    let items: Vec<_> = read_stream(
        "tangan.warc",
        Cursor::new(input),
        Some(Format::Warc),
        &IngestOptions::default(),
    )
    .map(|item| {
        item.map(|article| article.source)
            .map_err(|err| err.to_string())
    })
    .collect();
    assert_eq!(
        items,
        [
            Err("tangan.warc: record 1: missing WARC version line".to_string()),
            Ok("tangan.warc#record 2".to_string()),
            Err("tangan.warc: record 3 (<urn:uuid:00000000-0000-0000-0000-000000000002>): record block not followed by a blank line (wrong Content-Length?)".to_string()),
            Ok("tangan.warc#record 4".to_string()),
        ]
    );
}
