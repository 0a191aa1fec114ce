//! Walking folders: order, hidden files, formats by extension, errors that go on.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use warta_ingest::{IngestOptions, Inputs};

/// A fresh folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("warta-ingest-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Scratch(path)
    }

    fn write(&self, relative: &str, bytes: &[u8]) {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn relative(text: &str, root: &Path) -> String {
    text.replace(&format!("{}/", root.display()), "")
}

#[test]
fn folder_walk_is_sorted_skips_hidden_and_foreign_files_and_goes_on_after_errors() {
    let scratch = Scratch::new("walk");
    scratch.write(
        "b.txt",
        "Presiden meresmikan bendungan di Aceh.\n".as_bytes(),
    );
    scratch.write(
        "a.jsonl",
        b"{\"text\": \"Harga emas turun.\"}\n{rusak\n{\"text\": \"Nilai tukar rupiah menguat.\"}\n",
    );
    scratch.write(".tersembunyi.txt", b"tidak boleh terbaca");
    scratch.write("README.md", b"# Korpus contoh, bukan artikel\n");
    scratch.write(
        "sub/c.html",
        b"<html><body><p>Pameran batik digelar di Solo.</p></body></html>",
    );
    scratch.write("sub/d.txt", b"\xff\xfe tidak UTF-8");
    scratch.write(
        "sub/tanpa-ekstensi",
        b"{\"text\": \"Dikenali dari isinya.\"}\n",
    );
    let page = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://contoh.id/e\r\nContent-Type: text/html\r\nContent-Length: 50\r\n\r\n<p>Kereta cepat melayani 20 ribu penumpang.</p>\n\n\r\n\r\n";
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(page.as_bytes()).unwrap();
    scratch.write("sub/e.warc.gz", &gz.finish().unwrap());

    let items: Vec<String> = Inputs::new(vec![scratch.0.clone()], IngestOptions::default())
        .map(|item| match item {
            Ok(article) => format!(
                "{} | {}",
                relative(&article.source, &scratch.0),
                article.body.trim()
            ),
            Err(err) => relative(&err.to_string(), &scratch.0),
        })
        .collect();
    assert_eq!(
        items,
        [
            "a.jsonl:1 | Harga emas turun.",
            "a.jsonl:2: invalid JSON: key must be a string at line 1 column 2",
            "a.jsonl:3 | Nilai tukar rupiah menguat.",
            "b.txt | Presiden meresmikan bendungan di Aceh.",
            "sub/c.html | Pameran batik digelar di Solo.",
            "sub/d.txt: invalid UTF-8 at byte 0 (0-based)",
            "sub/e.warc.gz#record 1 | Kereta cepat melayani 20 ribu penumpang.",
            "sub/tanpa-ekstensi:1 | Dikenali dari isinya.",
        ]
    );
}

#[test]
fn missing_path_is_an_error_and_later_paths_are_still_read() {
    let scratch = Scratch::new("missing");
    scratch.write("ada.txt", b"Sidang kabinet digelar hari ini.");
    let paths = vec![scratch.0.join("tidak-ada.txt"), scratch.0.join("ada.txt")];
    let items: Vec<_> = Inputs::new(paths, IngestOptions::default()).collect();
    assert_eq!(items.len(), 2);
    let error = relative(&items[0].as_ref().unwrap_err().to_string(), &scratch.0);
    assert!(
        error.starts_with("tidak-ada.txt: read error: No such file"),
        "{error}"
    );
    assert_eq!(
        items[1].as_ref().unwrap().body,
        "Sidang kabinet digelar hari ini."
    );
}
