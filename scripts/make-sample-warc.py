#!/usr/bin/env python3
"""Build samples/warc/crawl.warc.gz, the WARC sample of warta's demo corpus.

The file is a WARC 1.0 crawl of two news pages (PAGE_UNIFIL and PAGE_MUSKAT below,
original writing for warta) and one 404 page, gzip-compressed one member per record, as
crawlers such as Heritrix and wget write it. Records, in order:

    warcinfo
    request, response   for each page in PAGES
    request, response   for the 404 page (a reader should skip the 404 response)

The output is deterministic: fixed dates, record ids derived from the target URI
(uuid5), gzip members with mtime 0. Run from anywhere:

    python3 scripts/make-sample-warc.py [OUTPUT]

Standard library only.
"""

import base64
import gzip
import hashlib
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "samples" / "warc" / "crawl.warc.gz"

NS = uuid.UUID("6f0c2b8e-3d1a-4c55-9a4e-7b2d9e0f1a21")  # fixed namespace for record ids
SOFTWARE = "warta make-sample-warc.py/1.0"
CRAWL_STARTED = "2025-10-18T01:00:00Z"

# The pages live here rather than as .html files under samples/ so that
# `warta analyze samples/` does not read them twice (once bare, once from the WARC).
PAGE_UNIFIL = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Pos UNIFIL Dihantam Drone, Dua Prajurit TNI Luka Ringan - Berita Andalas</title>
<meta property="og:title" content="Pos UNIFIL Dihantam Drone, Dua Prajurit TNI Luka Ringan">
<meta property="og:site_name" content="Berita Andalas">
<meta property="og:url" content="https://beritaandalas.example/read/2025/10/02/pos-unifil-dihantam-drone-dua-prajurit-tni-luka-ringan">
<meta property="article:published_time" content="2025-10-02T16:10:00+07:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Pos UNIFIL Dihantam Drone, Dua Prajurit TNI Luka Ringan","datePublished":"2025-10-02T16:10:00+07:00","publisher":{"@type":"Organization","name":"Berita Andalas"}}</script>
</head>
<body>
<div class="topnav"><a href="/">Beranda</a><a href="/news">News</a><a href="/internasional">Internasional</a><a href="/regional">Regional</a><a href="/opini">Opini</a></div>
<div class="read">
<div class="read__kanal">Internasional</div>
<h1 class="read__title">Pos UNIFIL Dihantam Drone, Dua Prajurit TNI Luka Ringan</h1>
<div class="read__time">Berita Andalas - 02/10/2025, 16:10 WIB</div>
<div class="read__share"><span>Bagikan artikel ini</span><a href="#">FB</a><a href="#">X</a><a href="#">WA</a><a href="#">LINE</a></div>
<div class="photo"><img src="/img/2025/10/unifil-naqoura.jpg" alt=""><div class="photo__caption">Kendaraan lapis baja UNIFIL berpatroli di dekat Naqoura, Lebanon selatan. (AFP/Karim Haddad)</div></div>
<div class="read__content">
<p><strong>BEIRUT, Berita Andalas</strong> - Sebuah pos pasukan penjaga perdamaian PBB (UNIFIL) di Lebanon selatan dihantam drone pada Kamis (2/10/2025) pagi. Dua prajurit TNI yang tergabung dalam Kontingen Garuda mengalami luka ringan akibat serpihan.</p>
<p>Menurut pernyataan UNIFIL, drone itu jatuh dan meledak di dekat menara pengawas pos 7-1 di sekitar desa Labbouneh, tidak jauh dari Garis Biru yang memisahkan Lebanon dan Israel. Kedua prajurit langsung dievakuasi ke rumah sakit lapangan di markas UNIFIL di Naqoura.</p>
<p>"Kondisi keduanya stabil dan sudah bisa berkomunikasi dengan keluarga. Satu orang dirawat karena luka di lengan, satu lagi karena gangguan pendengaran akibat ledakan," kata Kepala Pusat Penerangan TNI, Brigjen TNI Haryo Santoso, di Jakarta.</p>
<div class="baca-juga-box"><b>Baca juga:</b> <a href="/read/2025/09/28/kontingen-garuda-rotasi">Kontingen Garuda Gelombang Baru Tiba di Lebanon</a></div>
<p>UNIFIL belum menyebut pihak yang meluncurkan drone tersebut. Juru bicara UNIFIL, Andrea Bellini, mengatakan bahwa penyelidikan sedang berlangsung dan hasilnya akan dilaporkan kepada Dewan Keamanan PBB.</p>
<p>Insiden ini terjadi dua hari setelah pasukan Israel dan Hizbullah kembali saling tembak di sekitar desa-desa perbatasan. Menurut warga setempat, suara ledakan terdengar hampir setiap malam dalam sepekan terakhir, dan puluhan keluarga memilih mengungsi ke Tyre.</p>
<p>Militer Israel, seperti dikutip dari The Times of Israel, menyatakan pihaknya "mengetahui laporan tersebut" dan sedang memeriksanya. Israel sebelumnya berulang kali menuduh Hizbullah memanfaatkan area di sekitar pos PBB.</p>
<p>Kementerian Luar Negeri RI mengecam keras insiden itu. “Serangan terhadap pasukan perdamaian adalah pelanggaran serius hukum internasional. Indonesia meminta penyelidikan yang menyeluruh dan transparan,” demikian pernyataan Kemlu.</p>
<p>Saat ini sekitar 1.200 prajurit TNI bertugas di UNIFIL, salah satu kontingen terbesar di misi tersebut. Secara keseluruhan, UNIFIL beranggotakan lebih dari 10.000 personel dari hampir 50 negara.</p>
<p>Editor: Yulia Safitri</p>
</div>
<div class="read__tags"><a href="/tag/unifil">UNIFIL</a> <a href="/tag/tni">TNI</a> <a href="/tag/lebanon">Lebanon</a></div>
</div>
<div class="related"><h3>Berita Terkait</h3><ul><li><a href="#">Kontingen Garuda Gelombang Baru Tiba di Lebanon</a></li><li><a href="#">DK PBB Perpanjang Mandat UNIFIL hingga Akhir 2026</a></li></ul></div>
<div class="comment-section"><h3>Komentar</h3><p>Jadilah yang pertama berkomentar.</p></div>
<footer><p>Copyright 2025 Berita Andalas. All Rights Reserved.</p></footer>
<script src="/static/js/read.js"></script>
</body>
</html>
"""

PAGE_MUSKAT = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Iran dan AS Kembali Berunding di Muskat, Oman Jadi Penghubung | Serambi Timur</title>
<meta property="og:title" content="Iran dan AS Kembali Berunding di Muskat, Oman Jadi Penghubung">
<meta property="og:site_name" content="Serambi Timur">
<meta property="og:url" content="https://www.serambitimur.example/internasional/2025/10/17/iran-dan-as-kembali-berunding-di-muskat">
<meta property="article:published_time" content="2025-10-17T21:30:00+07:00">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Iran dan AS Kembali Berunding di Muskat, Oman Jadi Penghubung", "datePublished": "2025-10-17T21:30:00+07:00", "publisher": {"@type": "Organization", "name": "Serambi Timur"}}
</script>
</head>
<body>
<nav id="menu"><ul><li><a href="/">Home</a></li><li><a href="/aceh">Aceh</a></li><li><a href="/nasional">Nasional</a></li><li><a href="/internasional">Internasional</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div id="article_con">
<div class="breadcrumb">Home &raquo; Internasional</div>
<h1 id="arttitle">Iran dan AS Kembali Berunding di Muskat, Oman Jadi Penghubung</h1>
<div id="penulis">Penulis: Muhammad Hadi | Editor: Safrizal Ibrahim</div>
<time>Jumat, 17 Oktober 2025 21:30 WIB</time>
<div class="social"><a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">Telegram</a></div>
<figure><img src="/images/2025/10/muskat.jpg" alt=""><figcaption>Menteri Luar Negeri Oman menyambut delegasi Iran di Muskat, Jumat (17/10/2025). IRNA/AFP</figcaption></figure>
<div class="side-article txt-article multi-fontsize" itemprop="articleBody">
<p><strong>SERAMBITIMUR.COM, MUSKAT</strong> - Delegasi Iran dan Amerika Serikat kembali menggelar perundingan tidak langsung mengenai program nuklir Iran di Muskat, Oman, pada Jumat (17/10/2025). Oman bertindak sebagai penghubung yang membawa pesan dari satu ruangan ke ruangan lain.</p>
<p>Menteri Luar Negeri Oman, Badr Al Hinai, mengatakan bahwa kedua delegasi menunjukkan kesungguhan untuk mencapai kesepakatan. Ia menyebut pertemuan berikutnya kemungkinan akan membahas rincian teknis, termasuk mekanisme pengawasan oleh IAEA.</p>
<p>Menurut Kementerian Luar Negeri Oman, pembicaraan berlangsung sekitar empat jam dan berakhir dengan kesepakatan untuk bertemu lagi dalam dua pekan. Tidak ada pertemuan tatap muka antara kedua delegasi.</p>
<p>Wakil Menteri Luar Negeri Iran, Majid Farahani, mengatakan kepada televisi pemerintah bahwa Teheran siap membahas pembatasan tingkat pengayaan uranium. Namun, ia menegaskan Iran tidak akan menyerahkan haknya untuk memperkaya uranium di dalam negeri.</p>
<p>"Kami datang untuk mencari jalan keluar, bukan untuk menyerah. Jika Washington menginginkan kesepakatan, sanksi harus dicabut secara nyata dan dapat diverifikasi," kata Farahani.</p>
<div class="baca-juga"><span class="label">Baca Juga</span><a href="/internasional/2025/10/10/iaea-minta-akses-ke-situs-fordow">IAEA Minta Akses Kembali ke Situs Fordow</a><a href="/internasional/2025/10/12/uni-eropa-perpanjang-sanksi-iran">Uni Eropa Perpanjang Sanksi terhadap Iran</a></div>
<p>Pihak Amerika Serikat belum memberikan pernyataan resmi. Seorang pejabat Departemen Luar Negeri AS yang tidak mau disebut namanya, dilansir kantor berita Reuters, menyebut pembicaraan itu "serius dan berorientasi ke depan".</p>
<p>Badan Energi Atom Internasional (IAEA) dalam laporan terbarunya memperkirakan Iran memiliki lebih dari 400 kilogram uranium yang diperkaya hingga 60 persen. Tingkat itu jauh di atas batas 3,67 persen dalam kesepakatan nuklir 2015.</p>
<p>Israel, yang menentang keras program nuklir Iran, menyatakan akan memantau perundingan dengan cermat. Pekan lalu, Israel mengancam akan bertindak sendiri jika diplomasi dinilai gagal.</p>
<p>Perundingan di Muskat merupakan putaran ketiga sejak kedua pihak membuka kembali jalur diplomasi pada musim panas lalu.</p>
<p>(Serambitimur.com/Muhammad Hadi)</p>
</div>
<div class="tags">Berita Terkait: <a href="#">#Iran</a> <a href="#">#Oman</a> <a href="#">#Nuklir</a></div>
</div>
<div id="terkait"><h4>BERITA TERKAIT</h4><ul><li><a href="#">IAEA Minta Akses Kembali ke Situs Fordow</a></li><li><a href="#">Uni Eropa Perpanjang Sanksi terhadap Iran</a></li></ul></div>
<div id="komentar"><h4>KOMENTAR</h4><div class="fb-comments" data-href="https://www.serambitimur.example/internasional/2025/10/17/iran-dan-as-kembali-berunding-di-muskat"></div></div>
<footer id="footer">Copyright &copy; 2025 Serambi Timur. All Rights Reserved.</footer>
<script>window.fbAsyncInit = function(){ FB.init({xfbml: true, version: 'v18.0'}); };</script>
</body>
</html>
"""

# (page, target URI, fetch time)
PAGES = [
    (PAGE_UNIFIL,
     "https://beritaandalas.example/read/2025/10/02/pos-unifil-dihantam-drone-dua-prajurit-tni-luka-ringan",
     "2025-10-18T01:00:05Z"),
    (PAGE_MUSKAT,
     "https://www.serambitimur.example/internasional/2025/10/17/iran-dan-as-kembali-berunding-di-muskat",
     "2025-10-18T01:00:09Z"),
]

NOT_FOUND_URI = "https://beritaandalas.example/read/2025/10/01/halaman-yang-sudah-dihapus"
NOT_FOUND_DATE = "2025-10-18T01:00:12Z"
NOT_FOUND_HTML = """<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><title>404 - Halaman Tidak Ditemukan | Berita Andalas</title></head>
<body>
<div class="topnav"><a href="/">Beranda</a><a href="/news">News</a><a href="/internasional">Internasional</a></div>
<div class="error-page">
<h1>404</h1>
<p>Maaf, halaman yang Anda cari tidak ditemukan atau sudah dipindahkan.</p>
<p><a href="/">Kembali ke beranda</a></p>
</div>
<footer><p>Copyright 2025 Berita Andalas. All Rights Reserved.</p></footer>
</body>
</html>
"""

CRLF = b"\r\n"


def record_id(kind: str, uri: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NS, kind + ' ' + uri)}>"


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def http_date(iso: str) -> str:
    """'2025-10-18T01:00:05Z' -> 'Sat, 18 Oct 2025 01:00:05 GMT'."""
    import datetime as dt
    t = dt.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{days[t.weekday()]}, {t.day:02d} {months[t.month - 1]} {t.year} {t:%H:%M:%S} GMT"


def warc_record(headers: list, block: bytes) -> bytes:
    """One WARC record: version line, headers, blank line, block, two CRLFs."""
    lines = [b"WARC/1.0"]
    for name, value in headers:
        lines.append(f"{name}: {value}".encode("utf-8"))
    lines.append(f"Content-Length: {len(block)}".encode("ascii"))
    return CRLF.join(lines) + CRLF + CRLF + block + CRLF + CRLF


def http_request(uri: str) -> bytes:
    rest = uri.split("://", 1)[1]
    host, _, path = rest.partition("/")
    lines = [
        f"GET /{path} HTTP/1.1",
        f"Host: {host}",
        "User-Agent: Mozilla/5.0 (compatible; warta-sample-crawler/1.0)",
        "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        "Accept-Language: id-ID,id;q=0.9,en;q=0.5",
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def http_response(status: str, body: bytes, date: str) -> bytes:
    lines = [
        f"HTTP/1.1 {status}",
        f"Date: {http_date(date)}",
        "Server: nginx",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(body)}",
        "Cache-Control: max-age=60",
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def exchange(uri: str, date: str, status: str, body: bytes) -> list:
    """A request record and its response record for one fetch."""
    req_id = record_id("request", uri)
    resp_id = record_id("response", uri)
    req_block = http_request(uri)
    resp_block = http_response(status, body, date)
    request = warc_record([
        ("WARC-Type", "request"),
        ("WARC-Record-ID", req_id),
        ("WARC-Date", date),
        ("WARC-Target-URI", uri),
        ("WARC-Concurrent-To", resp_id),
        ("WARC-Warcinfo-ID", record_id("warcinfo", "crawl")),
        ("Content-Type", "application/http; msgtype=request"),
        ("WARC-Block-Digest", sha1_b32(req_block)),
    ], req_block)
    response = warc_record([
        ("WARC-Type", "response"),
        ("WARC-Record-ID", resp_id),
        ("WARC-Date", date),
        ("WARC-Target-URI", uri),
        ("WARC-IP-Address", "192.0.2.10"),
        ("WARC-Warcinfo-ID", record_id("warcinfo", "crawl")),
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Block-Digest", sha1_b32(resp_block)),
        ("WARC-Payload-Digest", sha1_b32(body)),
    ], resp_block)
    return [request, response]


def warcinfo(filename: str) -> bytes:
    fields = (
        f"software: {SOFTWARE}\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "description: Sample crawl for the warta demo corpus (original, fictionalised articles)\r\n"
        "robots: ignore\r\n"
    ).encode("utf-8")
    return warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", record_id("warcinfo", "crawl")),
        ("WARC-Date", CRAWL_STARTED),
        ("WARC-Filename", filename),
        ("Content-Type", "application/warc-fields"),
    ], fields)


def gzip_member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    records = [warcinfo(out.name)]
    for page, uri, date in PAGES:
        body = page.encode("utf-8")  # the Content-Type header promises UTF-8
        records += exchange(uri, date, "200 OK", body)
    records += exchange(NOT_FOUND_URI, NOT_FOUND_DATE, "404 Not Found", NOT_FOUND_HTML.encode("utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"".join(gzip_member(r) for r in records))
    print(f"wrote {out} ({len(records)} records)")


if __name__ == "__main__":
    main()
