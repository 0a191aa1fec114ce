//! End-to-end tests of the `warta` binary: bad input is reported per record, the run goes
//! on, exit codes mean what `--help` says, and the same input gives the same output.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;

const GOOD: &str = "Menteri Luar Negeri menerima kunjungan duta besar di Jakarta pada Senin (14/10/2024).\n\
Kedua pihak membahas bantuan kemanusiaan bagi pengungsi. \"Kami siap membantu,\" kata menteri.\n";

/// A scratch folder under the target directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn warta(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn sources(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// One folder with every kind of bad record between good ones.
fn corpus_with_bad_records(scratch: &Scratch) {
    scratch.write("a-good.txt", GOOD.as_bytes());
    scratch.write(
        "b-lines.jsonl",
        format!(
            "{}\n{{ini bukan json\n{}\n{{\"url\": \"https://contoh.invalid/x\"}}\n",
            serde_json::json!({"text": GOOD, "title": "Kunjungan duta besar"}),
            serde_json::json!({"text": GOOD}),
        )
        .as_bytes(),
    );
    scratch.write("c-binary.txt", b"\x00\x01\x02binary\x00data");
    scratch.write("d-latin1.txt", b"Caf\xe9 di Jakarta ditutup.\n");
    scratch.write("e-empty.txt", b"  \n\n ");
    // A one-line file over the --max-article-mib 1 limit used below.
    scratch.write("f-huge.txt", &vec![b'a'; 3 << 20]);
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://contoh.invalid/w\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>{GOOD}</p>"
    );
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(record.as_bytes()).unwrap();
    scratch.write("g-truncated.warc.gz", &gz.finish().unwrap());
    scratch.write("h-good.txt", GOOD.as_bytes());
}

#[test]
fn bad_records_are_reported_and_the_run_goes_on() {
    let scratch = Scratch::new("bad");
    corpus_with_bad_records(&scratch);
    let out = warta(
        &["analyze", "--format", "jsonl", "--max-article-mib", "1"],
        &scratch.0,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "some records failed: exit code 1"
    );
    assert_eq!(
        sources(&out.stdout),
        [
            "a-good.txt",
            "b-lines.jsonl:1",
            "b-lines.jsonl:3",
            "h-good.txt"
        ]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "b-lines.jsonl:2: invalid JSON",
        "b-lines.jsonl:4: no \"text\" or \"html\" field",
        "c-binary.txt: binary file",
        "d-latin1.txt: invalid UTF-8 at byte 3",
        "e-empty.txt: empty article",
        "f-huge.txt: article larger than the limit",
        "g-truncated.warc.gz: record 1",
    ] {
        assert!(
            stderr.contains(expected),
            "stderr lacks `{expected}`:\n{stderr}"
        );
    }
    assert_eq!(
        stderr.lines().count(),
        7,
        "one line per bad record:\n{stderr}"
    );
}

#[test]
fn strict_stops_at_the_first_bad_record() {
    let scratch = Scratch::new("strict");
    corpus_with_bad_records(&scratch);
    let out = warta(&["analyze", "--format", "jsonl", "--strict"], &scratch.0);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(sources(&out.stdout), ["a-good.txt", "b-lines.jsonl:1"]);
}

#[test]
fn clean_run_exits_zero_and_is_deterministic() {
    let scratch = Scratch::new("same");
    scratch.write("a.txt", GOOD.as_bytes());
    scratch.write("b.txt", GOOD.replace("Senin", "Selasa").as_bytes());
    let first = warta(
        &["analyze", "--format", "jsonl", "--tokens", "--jobs", "2"],
        &scratch.0,
    );
    let second = warta(
        &["analyze", "--format", "jsonl", "--tokens", "--jobs", "1"],
        &scratch.0,
    );
    assert_eq!(first.status.code(), Some(0));
    assert!(!first.stdout.is_empty());
    assert_eq!(
        first.stdout, second.stdout,
        "same input, same output, whatever the threads"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("schema")
        .output()
        .unwrap();
    let committed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/analysis.schema.json"),
    )
    .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed);
}

#[test]
fn quotes_command_lists_statements_and_filters_by_speaker() {
    let scratch = Scratch::new("quotes");
    scratch.write(
        "rapat.txt",
        "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Menteri Luar Negeri Turki Hakan Fidan di Ankara pada Selasa (3/6/2025).\n\
\"Kami siap melanjutkan pembicaraan di Istanbul,\" kata Lavrov kepada wartawan.\n\
Fidan mengatakan bahwa Turki akan menjadi tuan rumah putaran berikutnya.\n"
            .as_bytes(),
    );
    let all = warta(&["quotes"], &scratch.0);
    assert_eq!(all.status.code(), Some(0));
    let stdout = String::from_utf8(all.stdout).unwrap();
    assert!(stdout.contains("Sergey Lavrov"), "{stdout}");
    assert!(
        stdout.contains("Kami siap melanjutkan pembicaraan di Istanbul"),
        "{stdout}"
    );
    assert!(stdout.contains("Turki akan menjadi tuan rumah"), "{stdout}");

    let lavrov = warta(&["quotes", "--speaker", "lavrov"], &scratch.0);
    let stdout = String::from_utf8(lavrov.stdout).unwrap();
    assert!(stdout.contains("Kami siap melanjutkan"), "{stdout}");
    assert!(!stdout.contains("tuan rumah"), "{stdout}");
}

#[test]
fn events_command_lists_events_and_filters_by_type() {
    let scratch = Scratch::new("events");
    scratch.write(
        "serangan.txt",
        "Rusia menyerang Kharkiv dengan 40 drone pada Senin (9/6/2025).\n\
Presiden Ukraina Volodymyr Zelensky meminta bantuan pertahanan udara kepada Jerman.\n"
            .as_bytes(),
    );
    let all = warta(&["events"], &scratch.0);
    assert_eq!(all.status.code(), Some(0));
    let stdout = String::from_utf8(all.stdout).unwrap();
    assert!(stdout.contains("ASSAULT/drone"), "{stdout}");
    assert!(stdout.contains("REQUEST"), "{stdout}");
    let assaults = warta(&["events", "--type", "assault"], &scratch.0);
    let stdout = String::from_utf8(assaults.stdout).unwrap();
    assert!(stdout.contains("Rusia → Ukraina"), "{stdout}");
    assert!(!stdout.contains("REQUEST"), "{stdout}");
}
