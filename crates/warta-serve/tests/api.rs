//! The API end to end over a store built from articles written for these tests, through
//! the whole application (routes, limits, headers) as `warta serve` runs it, with
//! requests sent in-process (`tower::ServiceExt::oneshot`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::LazyLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use warta_core::{Analyzer, Article};
use warta_serve::{Config, Rate};
use warta_store::{DocumentKey, SqliteStore, Store};

/// Markup an attacker could plant in an article.
const SCRIPT: &str = "<script>alert(1)</script>";
const ONERROR: &str = "<img src=x onerror=alert(2)>";

fn article(source: &str, outlet: &str, published: &str, body: &str) -> Article {
    let mut article = Article::from_text(source, body);
    article.outlet = Some(outlet.into());
    article.published = Some(published.into());
    article
}

/// The test store, built once: two outlets report one attack with different numbers,
/// and a third article carries markup in its text.
static STORE: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-api-store");
    let _ = std::fs::remove_dir_all(&dir);
    let articles = [
        article(
            "kharkiv-a.txt",
            "Kabar Timur",
            "2025-03-04",
            "Rusia menyerang Kharkiv dengan 12 drone pada Senin (3/3/2025), kata Zelensky.\n\
             Zelensky mengatakan, \"Kami akan membalas serangan ini.\"\n",
        ),
        article(
            "kharkiv-b.txt",
            "Warta Pagi",
            "2025-03-04",
            "Rusia menyerang Kharkiv dengan 20 drone pada Senin (3/3/2025), menurut militer Ukraina.\n",
        ),
        article(
            "markup.txt",
            "Warta Pagi",
            "2025-04-10",
            &format!(
                "Pemerintah daerah meresmikan jembatan baru {SCRIPT} di tepi sungai.\n\
                 Warga menulis {ONERROR} di papan pengumuman jembatan itu.\n"
            ),
        ),
    ];
    let analyzer = Analyzer::indonesian();
    let batch: Vec<_> = articles
        .iter()
        .map(|a| (DocumentKey::of(a), analyzer.analyze(a)))
        .collect();
    let mut store = SqliteStore::create(&dir).unwrap();
    store.write_batch(&batch).unwrap();
    store.commit_index().unwrap();
    dir
});

fn config() -> Config {
    let mut config = Config::new(STORE.clone(), "127.0.0.1:0".parse().unwrap());
    config.readers = 1;
    config.body_limit = 4096;
    config
}

fn app() -> Router {
    warta_serve::app(&config()).unwrap()
}

/// Another server over the same store, started after `app()`'s.
fn app_again() -> Router {
    std::thread::sleep(std::time::Duration::from_millis(2));
    app()
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// A JSON error body's message, checking the status.
    fn error(&self, status: StatusCode) -> String {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let body = self.json();
        assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
        body["error"].as_str().expect("an error message").to_owned()
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn ok(app: &Router, uri: &str) -> Value {
    let answer = get(app, uri).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

fn post_json(uri: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap()
}

fn if_none_match(uri: &str, tag: &HeaderValue) -> Request<Body> {
    Request::get(uri)
        .header(header::IF_NONE_MATCH, tag)
        .body(Body::empty())
        .unwrap()
}

fn sources(search: &Value) -> BTreeSet<String> {
    search["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["source"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn search_finds_words_by_lemma_with_filters_pages_and_facets() {
    let app = app();
    let all = ok(&app, "/api/search?q=serangan").await;
    assert_eq!(all["total"], 2);
    assert_eq!(
        sources(&all),
        BTreeSet::from(["kharkiv-a.txt".into(), "kharkiv-b.txt".into()])
    );
    let outlets = all["facets"]["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 2, "{outlets:?}");

    let one_outlet = ok(&app, "/api/search?q=serang&outlet=warta%20pagi").await;
    assert_eq!(
        sources(&one_outlet),
        BTreeSet::from(["kharkiv-b.txt".into()])
    );
    let by_type = ok(
        &app,
        "/api/search?type=ASSAULT&since=2025-03-01&until=2025-03-31",
    )
    .await;
    assert_eq!(by_type["total"], 2);
    let later = ok(&app, "/api/search?since=2025-04-01").await;
    assert_eq!(sources(&later), BTreeSet::from(["markup.txt".into()]));
    let by_entity = ok(&app, "/api/search?entity=Kharkiv&q=drone").await;
    assert_eq!(by_entity["total"], 2);

    let first = ok(&app, "/api/search?q=serang&limit=1").await;
    let second = ok(&app, "/api/search?q=serang&limit=1&offset=1").await;
    assert_eq!(
        (first["total"].as_u64(), second["total"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(first["hits"].as_array().unwrap().len(), 1);
    assert_ne!(first["hits"][0]["id"], second["hits"][0]["id"]);
    // Empty form fields are absent filters, not filters on "".
    let blank = ok(&app, "/api/search?q=&entity=&type=&outlet=&since=&until=").await;
    assert_eq!(blank["total"], 3);
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_reason() {
    let app = app();
    for uri in [
        "/api/search?since=kemarin",
        "/api/search?until=2025-3-1",
        "/api/search?limit=0",
        "/api/search?limit=100000",
        "/api/search?offset=999999",
        "/api/search?limit=lima",
        "/api/search?colour=red",
        "/api/events?since=Senin",
        "/api/quotes?story=satu",
        "/api/stories/satu",
    ] {
        let message = get(&app, uri).await.error(StatusCode::BAD_REQUEST);
        assert!(!message.is_empty(), "{uri}");
    }
}

#[tokio::test]
async fn unknown_ids_and_routes_are_404_with_a_json_reason() {
    let app = app();
    for uri in [
        "/api/documents/0123456789abcdef",
        "/api/entities/per:tidak-ada",
        "/api/stories/99999",
        "/api/nothing-here",
        "/ui/missing.js",
        "/ui/..%2F..%2FCargo.toml",
        "/ui/../Cargo.toml",
        "/../../etc/passwd",
    ] {
        get(&app, uri).await.error(StatusCode::NOT_FOUND);
    }
    let wrong = send(
        &app,
        Request::delete("/api/stats").body(Body::empty()).unwrap(),
    )
    .await;
    wrong.error(StatusCode::METHOD_NOT_ALLOWED);
}

/// Everything the article view draws is a byte range into `analysis.text`.
#[tokio::test]
async fn a_document_has_its_analysis_with_spans_into_its_text() {
    let app = app();
    let hit = ok(&app, "/api/search?q=membalas").await;
    let id = hit["hits"][0]["id"].as_str().unwrap().to_owned();
    let document = ok(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(document["id"], id.as_str());
    assert!(document["story"].is_i64());
    let analysis = &document["analysis"];
    let text = analysis["text"].as_str().unwrap();
    let slice = |span: &Value| -> &str {
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        text.get(start..end)
            .expect("a span on character boundaries")
    };
    let entities = analysis["entities"].as_array().unwrap();
    let zelensky = entities
        .iter()
        .find(|e| e["name"].as_str().unwrap().contains("Zelensky"))
        .expect("Zelensky is an entity");
    for entity in entities {
        for mention in entity["mentions"].as_array().unwrap() {
            assert_eq!(slice(&mention["span"]), mention["text"].as_str().unwrap());
        }
    }
    let quote = analysis["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "direct")
        .expect("a direct quote");
    assert_eq!(slice(&quote["span"]), quote["text"].as_str().unwrap());
    assert_eq!(quote["speaker"]["id"], zelensky["id"]);
    assert!(slice(&quote["evidence"]).contains("Zelensky mengatakan"));
    let event = &analysis["events"][0];
    assert_eq!(event["type"], "ASSAULT");
    assert!(slice(&event["evidence"]).contains(event["trigger"]["word"].as_str().unwrap()));
}

#[tokio::test]
async fn markup_in_article_text_comes_back_as_json_data() {
    let app = app();
    let found = ok(&app, "/api/search?q=jembatan").await;
    let id = found["hits"][0]["id"].as_str().unwrap().to_owned();
    let answer = get(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "application/json",
        "never a type a browser would render"
    );
    let text = answer.json()["analysis"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(text.contains(SCRIPT), "{text}");
    assert!(text.contains(ONERROR), "{text}");
}

/// The interface puts text into the page only through `textContent`: no HTML parsing of
/// data anywhere in its scripts, and no inline script in its page.
#[tokio::test]
async fn the_interface_never_parses_data_as_html() {
    let app = app();
    let page = get(&app, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = String::from_utf8(page.body).unwrap();
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    for script in scripts {
        let tag = &script[..script.find('>').unwrap()];
        assert!(tag.contains("src=\"/ui/"), "inline script: <script{tag}>");
        assert!(
            script[tag.len() + 1..].starts_with("</script>"),
            "inline script"
        );
    }
    assert!(
        !html.contains(" style=") && !html.contains(" on"),
        "inline style or handler"
    );
    for name in ["app.js", "dom.js", "i18n.js"] {
        let asset = get(&app, &format!("/ui/{name}")).await;
        assert_eq!(asset.status, StatusCode::OK, "{name}");
        assert_eq!(
            asset.headers[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        let code = String::from_utf8(asset.body).unwrap();
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "setAttribute('on",
            "srcdoc",
        ] {
            assert!(!code.contains(sink), "{name} uses {sink}");
        }
    }
    let css = get(&app, "/ui/style.css").await;
    assert_eq!(css.headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app();
    for uri in [
        "/",
        "/ui/app.js",
        "/api/stats",
        "/api/nothing",
        "/openapi.json",
    ] {
        let answer = get(&app, uri).await;
        let csp = answer.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        for directive in [
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{uri}: {csp}");
        }
        assert!(!csp.contains("unsafe"), "{uri}: {csp}");
        assert_eq!(
            answer.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{uri}"
        );
        assert_eq!(
            answer.headers[header::REFERRER_POLICY],
            "no-referrer",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn analyze_reads_one_article_and_refuses_what_it_cannot() {
    let app = app();
    let body = serde_json::json!({
        "text": "Rusia menyerang Odesa dengan rudal pada Senin, kata juru bicara militer Ukraina.\n",
        "published": "2025-05-05",
    });
    let answer = send(&app, post_json("/api/analyze", body.to_string())).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let analysis = answer.json();
    assert_eq!(analysis["source"], "api");
    assert_eq!(analysis["events"][0]["type"], "ASSAULT");
    let stats = ok(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 3, "nothing was stored");

    let large = serde_json::json!({ "text": "kata ".repeat(2000) }).to_string();
    let message = send(&app, post_json("/api/analyze", large)).await;
    message.error(StatusCode::PAYLOAD_TOO_LARGE);
    let empty = serde_json::json!({ "text": "  " }).to_string();
    send(&app, post_json("/api/analyze", empty))
        .await
        .error(StatusCode::BAD_REQUEST);
    send(&app, post_json("/api/analyze", "{\"text\": ".into()))
        .await
        .error(StatusCode::BAD_REQUEST);
    send(&app, post_json("/api/analyze", "{\"teks\": \"x\"}".into()))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY);
    let untyped = Request::post("/api/analyze")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(&app, untyped)
        .await
        .error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_client_past_its_rate_gets_429() {
    let mut config = config();
    config.rate = Some(Rate {
        burst: 2,
        per_second: 0.01,
    });
    let app = warta_serve::app(&config).unwrap();
    assert_eq!(get(&app, "/api/stats").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/api/stats").await.status, StatusCode::OK);
    let refused = get(&app, "/api/stats").await;
    refused.error(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers[header::RETRY_AFTER], "1");
}

#[tokio::test]
async fn the_lists_answer_with_rows_keyed_by_column() {
    let app = app();
    let quotes = ok(&app, "/api/quotes?speaker=Zelensky").await;
    let rows = quotes["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|q| q["speaker"] == "Volodymyr Zelensky"),
        "{rows:?}"
    );

    let events = ok(&app, "/api/events?type=assault&place=Kharkiv").await;
    let rows = events["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["story_event"], rows[1]["story_event"],
        "one real event"
    );
    let limited = ok(&app, "/api/events?type=ASSAULT&limit=1&offset=1").await;
    assert_eq!(limited["rows"].as_array().unwrap().len(), 1);
    assert_eq!(limited["rows"][0]["event_id"], rows[1]["event_id"]);

    let timeline = ok(&app, "/api/timeline?type=ASSAULT").await;
    assert_eq!(timeline["total"], 1);
    assert_eq!(timeline["entries"][0]["day"], "2025-03-03");
    assert_eq!(timeline["entries"][0]["reports"], 2);

    let disputed = ok(&app, "/api/contradictions").await;
    let values: BTreeSet<i64> = disputed["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["value"].as_f64().unwrap() as i64)
        .collect();
    assert_eq!(values, BTreeSet::from([12, 20]));

    let story = rows[0]["story"].as_i64().unwrap();
    let story = ok(&app, &format!("/api/stories/{story}")).await;
    assert_eq!(story["documents"].as_array().unwrap().len(), 1);
    assert!(!story["events"].as_array().unwrap().is_empty());

    let entity = ok(&app, "/api/entities/Kharkiv").await;
    assert_eq!(entity["entity"]["documents"], 2);
    assert_eq!(
        entity["events"].as_array().unwrap().len(),
        0,
        "a place, not a party"
    );
    let zelensky = ok(&app, "/api/entities/Zelensky").await;
    assert!(
        zelensky["kb"]["roles"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    assert!(!zelensky["quotes"].as_array().unwrap().is_empty());

    let stats = ok(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["indexed"], 3);
}

/// `/openapi.json` describes exactly the routes the router serves: a route added without
/// its description, or a description left after its route went, fails here.
#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = app();
    let spec = ok(&app, "/openapi.json").await;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let described: BTreeSet<(String, String)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, operations)| {
            operations
                .as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = warta_serve::routes()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path.to_owned()))
        .collect();
    assert_eq!(described, served);
    // Each path parameter is described, and each reference resolves.
    for (path, operations) in spec["paths"].as_object().unwrap() {
        for operation in operations.as_object().unwrap().values() {
            let parameters = operation["parameters"].as_array().unwrap();
            for name in path.split('{').skip(1).map(|p| &p[..p.find('}').unwrap()]) {
                assert!(
                    parameters
                        .iter()
                        .any(|p| p["name"] == name && p["in"] == "path"),
                    "{path}: {name}"
                );
            }
        }
    }
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let text = spec.to_string();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(schemas.contains_key(name), "{name}");
    }
    // And every route answers something other than "no route".
    for (method, path) in warta_serve::routes() {
        let uri = path.replace("{id}", "1");
        let request = Request::builder()
            .method(method.clone())
            .uri(&uri)
            .body(Body::empty())
            .unwrap();
        let answer = send(&app, request).await;
        let missing = answer.status == StatusCode::NOT_FOUND
            && answer.json()["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("no route"));
        assert!(!missing, "{method} {uri}");
    }
}

/// `warta ingest` writing to the store while it is served: a search answered (and kept)
/// before the writer's commit is answered anew after it, with the new document, its
/// facets and its page.
#[tokio::test]
async fn what_a_writer_commits_while_serving_shows_up() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-live-store");
    let _ = std::fs::remove_dir_all(&dir);
    let analyzer = Analyzer::indonesian();
    let mut writer = SqliteStore::create(&dir).unwrap();
    let mut write = |article: Article| {
        let key = DocumentKey::of(&article);
        writer
            .write_batch(&[(key.clone(), analyzer.analyze(&article))])
            .unwrap();
        writer.commit_index().unwrap();
        key.id
    };
    write(article(
        "live-a.txt",
        "Kabar Timur",
        "2025-05-06",
        "Pasukan itu mengepung desa di perbatasan pada Selasa malam.\n",
    ));
    let mut config = Config::new(dir.clone(), "127.0.0.1:0".parse().unwrap());
    config.readers = 1;
    config.recheck = std::time::Duration::ZERO;
    let app = warta_serve::app(&config).unwrap();
    let before = ok(&app, "/api/search?q=mengepung").await;
    assert_eq!(before["total"], 1);
    let tagged = get(&app, "/api/search?q=mengepung").await;
    assert_eq!(tagged.json(), before, "kept");
    let tag = tagged.headers[header::ETAG].clone();
    let unchanged = send(&app, if_none_match("/api/search?q=mengepung", &tag)).await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
    assert!(unchanged.body.is_empty());

    let added = write(article(
        "live-b.txt",
        "Warta Pagi",
        "2025-06-11",
        "Kelompok bersenjata mengepung kota pelabuhan itu pada Rabu pagi.\n",
    ));
    let changed = send(&app, if_none_match("/api/search?q=mengepung", &tag)).await;
    assert_eq!(
        changed.status,
        StatusCode::OK,
        "the old tag names an old answer"
    );
    assert_ne!(changed.headers[header::ETAG], tag);
    let after = changed.json();
    assert_eq!(after["total"], 2, "{after}");
    assert_eq!(
        sources(&after),
        BTreeSet::from(["live-a.txt".into(), "live-b.txt".into()])
    );
    let months: Vec<&str> = after["facets"]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2025-05", "2025-06"]);
    assert_eq!(ok(&app, "/api/stats").await["indexed"], 2);
    let document = ok(&app, &format!("/api/documents/{added}")).await;
    assert_eq!(document["id"], added);
    drop(writer);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_answer_the_client_holds_already_is_304_without_a_body() {
    let app = app();
    let first = get(&app, "/api/entities/Kharkiv").await;
    assert_eq!(first.status, StatusCode::OK);
    let tag = first.headers[header::ETAG].clone();
    assert_eq!(first.headers[header::CACHE_CONTROL], "no-cache");
    let again = send(&app, if_none_match("/api/entities/Kharkiv", &tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.headers[header::ETAG], tag);
    let weak = HeaderValue::from_str(&format!("\"x\", W/{}", tag.to_str().unwrap())).unwrap();
    let listed = send(&app, if_none_match("/api/entities/Kharkiv", &weak)).await;
    assert_eq!(
        listed.status,
        StatusCode::NOT_MODIFIED,
        "one of a list, weakly compared"
    );
    let other = HeaderValue::from_static("\"something-else\"");
    let stale = send(&app, if_none_match("/api/entities/Kharkiv", &other)).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(stale.body, first.body);
    let restarted = app_again();
    let elsewhere = send(&restarted, if_none_match("/api/entities/Kharkiv", &tag)).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::OK,
        "another server's tag confirms nothing"
    );
}

/// A client that stops halfway through its request is cut off after the server's
/// patience; one that sends slowly but keeps going is answered.
#[test]
fn a_client_that_stalls_is_cut_off() {
    use std::io::{Read, Write};
    let mut config = config();
    config.patience = std::time::Duration::from_millis(300);
    let (ready, listening) = std::sync::mpsc::channel();
    // The server runs until the test process ends.
    std::thread::spawn(move || {
        warta_serve::serve(config, move |addr| ready.send(addr).unwrap()).unwrap();
    });
    let addr = listening.recv().unwrap();
    let connect = || {
        let stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        stream
    };

    let mut slow = connect();
    for part in [
        "GET /api/stats HTTP/1.1\r\n",
        "Host: warta\r\n",
        "Connection: close\r\n\r\n",
    ] {
        slow.write_all(part.as_bytes()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let mut answer = String::new();
    slow.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let mut stalled = connect();
    stalled
        .write_all(b"GET /api/stats HTTP/1.1\r\nHost: warta\r\n")
        .unwrap();
    let mut rest = Vec::new();
    let started = std::time::Instant::now();
    let read = stalled.read_to_end(&mut rest);
    assert!(
        read.is_ok() && started.elapsed() < std::time::Duration::from_secs(10),
        "closed by the server, not by the client's read timeout: {read:?}"
    );
    assert!(
        !String::from_utf8_lossy(&rest).contains("200 OK"),
        "no answer to half a request"
    );
}
