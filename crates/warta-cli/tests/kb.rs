//! `warta kb`: lookup, show, list, validate (exit codes) and Phoenix import.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .output()
        .expect("warta runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A scratch folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("kb-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn looks_up_and_shows_embedded_entities() {
    let out = warta(&["kb", "lookup", "kemhan rusia"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("\"id\":\"org:russia-defence-ministry\""));
    let out = warta(&["kb", "show", "per:dmitry-peskov"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Juru Bicara Kremlin"));
    assert!(!warta(&["kb", "show", "per:nobody"]).status.success());
    let out = warta(&["kb", "list", "--type", "ORG", "--kind", "news_agency"]);
    assert!(stdout(&out).lines().any(|l| l.starts_with("org:antara\t")));
    assert!(stdout(&out).lines().all(|l| l.contains("\tnews_agency\t")));
}

#[test]
fn validate_passes_on_the_embedded_kb_and_fails_on_problems() {
    assert!(warta(&["kb", "validate"]).status.success());
    let dir = scratch("validate");
    fs::write(
        dir.join("a.toml"),
        "[[entity]]\nid = \"org:x\"\nkind = \"party\"\nname = \"X\"\n\
         [[entity]]\nid = \"org:x\"\nkind = \"party\"\nname = \"Y\"\n",
    )
    .unwrap();
    let out = warta(&["kb", "--kb", dir.to_str().unwrap(), "validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("DuplicateId"));
}

#[test]
fn imports_a_phoenix_dictionary() {
    let dir = scratch("phoenix");
    let file = dir.join("test.actors.txt");
    fs::write(
        &file,
        "VLADIMIR_PUTIN_\n+PUTIN_\n\t[RUSGOV >120507]\n\nHAMAS [PSEREB]\n",
    )
    .unwrap();
    let out = warta(&["kb", "import-phoenix", file.to_str().unwrap()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("per:px:vladimir-putin\tPER\tpolitician\tVladimir Putin"));
    assert!(text.contains("//RUSGOV/2012-05-07/"));
    assert!(text.contains("org:px:hamas\tORG\tarmed_group"));
}
