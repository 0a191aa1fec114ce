#!/usr/bin/env python3
"""Throughput and memory benchmark of `warta analyze` (stdlib only).

Generates a corpus by varying the bundled sample articles (paragraph order, numbers,
days, a serial line), then measures on one core, over two corpus sizes, MB/s and
articles/s per core and peak RSS. Equal peak RSS at both sizes shows that memory stays
flat in corpus size. Two measurements, each with and without tokens:

* `end-to-end`: `warta analyze --format jsonl` as a user runs it (wall time of the
  process: language load, ingest, analysis, JSON written to a pipe);
* `stages`: the budget's stages alone, the `stages` bench of warta-cli (ingest, clean,
  metadata, segment, tokenise, lemmatise; no serialisation; language load excluded and
  printed apart), with and without the entity step (`--no-entities`).

Each measurement runs `--repeat` times and the fastest run is reported (the machine is
shared; slower runs are other work, not warta).

    python3 scripts/bench.py                 # 10 MB and 60 MB corpora, 1 thread
    python3 scripts/bench.py --sizes 100     # one 100 MB corpus

The corpus is written to bench-corpus/ (git-ignored) and reused when present.
"""

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def sample_texts():
    """Bodies of the bundled plain-text and JSON Lines samples."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples/txt").glob("*.txt"))]
    for line in (ROOT / "samples/jsonl/articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("text"):
            texts.append(record["text"])
    if not texts:
        sys.exit("no samples found under samples/")
    return texts


def vary(text, rng, serial):
    """A new article from a sample: body paragraphs shuffled, numbers and days changed."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    varied = "\n".join(head + body)
    varied = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), varied)
    varied = re.sub("|".join(DAYS), lambda m: rng.choice(DAYS), varied)
    return f"{varied}\nArsip nomor {serial}."


def make_corpus(directory, megabytes, seed=7):
    """JSON Lines files of about 8 MB each, totalling `megabytes` MB of article text."""
    marker = directory / ".complete"
    if marker.exists():
        return
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = sample_texts()
    target = megabytes * 1_000_000
    written, serial, part = 0, 0, 0
    while written < target:
        with open(directory / f"part-{part:03}.jsonl", "w", encoding="utf-8") as out:
            part_bytes = 0
            while part_bytes < 8_000_000 and written < target:
                body = vary(rng.choice(texts), rng, serial)
                record = {"url": f"https://contoh.invalid/{serial}", "text": body}
                line = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(line)
                size = len(body.encode("utf-8"))
                part_bytes += size
                written += size
                serial += 1
        part += 1
    marker.write_text(f"{serial} articles, {written} bytes of text\n")


def run(binary, corpus, threads, tokens):
    """Runs warta over the corpus; returns (seconds, articles, peak RSS in MiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(binary), "analyze", "--quiet", *(["--tokens"] if tokens else []), "--format", "jsonl",
         "--jobs", str(threads), str(corpus)],
        stdout=subprocess.PIPE,
    )
    articles = sum(1 for _ in proc.stdout)
    proc.wait()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"warta exited with {proc.returncode}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, articles, peak_kib / 1024


def stages_binary():
    """Builds the `stages` bench of warta-cli and returns the path of its executable."""
    out = subprocess.run(
        ["cargo", "bench", "-q", "-p", "warta-cli", "--bench", "stages", "--no-run", "--message-format=json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "stages":
            if message.get("executable"):
                return message["executable"]
    sys.exit("the stages bench did not build")


def end_to_end(binary, corpus, threads, tokens):
    """`warta analyze` in a fresh child, so ru_maxrss reflects that run alone."""
    out = subprocess.run(
        [sys.executable, __file__, "--_measure", str(binary), str(corpus), str(threads), str(int(tokens))],
        capture_output=True, text=True, check=True,
    ).stdout
    seconds, articles, peak = (float(x) for x in out.split())
    return seconds, int(articles), peak, None


def stages(binary, corpus, tokens, entities):
    """The stages bench: its own timer around ingest + analysis, its own peak RSS."""
    args = [binary, *([] if tokens else ["--no-tokens"]), *([] if entities else ["--no-entities"]), str(corpus)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    load, seconds, articles, _, peak_kib = out.split()
    return float(seconds), int(articles), int(peak_kib) / 1024, float(load)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 60], help="corpus sizes in MB of text")
    parser.add_argument("--threads", type=int, default=1, help="threads of the end-to-end runs")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest is shown")
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q", "-p", "warta-cli"], cwd=ROOT, check=True)
    binary = ROOT / "target/release/warta"
    bench = stages_binary()
    print(f"{'measure':>10} {'tokens':>6} {'entities':>8} {'corpus':>8} {'articles':>9} {'seconds':>8} {'MB/s/core':>10} "
          f"{'articles/s/core':>16} {'peak RSS MiB':>13} {'load s':>7}")
    for size in args.sizes:
        corpus = ROOT / "bench-corpus" / f"{size}mb"
        make_corpus(corpus, size)
        text_bytes = int((corpus / ".complete").read_text().split()[2])
        for name, tokens, entities in [
            ("end-to-end", True, True), ("end-to-end", False, True),
            ("stages", True, True), ("stages", False, True),
            ("stages", True, False), ("stages", False, False),
        ]:
            if name == "stages":
                runs = [stages(bench, corpus, tokens, entities) for _ in range(args.repeat)]
                per_core = 1
            else:
                runs = [end_to_end(binary, corpus, args.threads, tokens) for _ in range(args.repeat)]
                per_core = args.threads
            seconds, articles, peak, load = min(runs)
            print(
                f"{name:>10} {'yes' if tokens else 'no':>6} {'yes' if entities else 'no':>8} {size:>6}MB {articles:>9} {seconds:>8.2f} "
                f"{text_bytes / 1e6 / seconds / per_core:>10.2f} {articles / seconds / per_core:>16.0f} "
                f"{peak:>13.1f} {'' if load is None else f'{load:.2f}':>7}",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--_measure":
        s, a, p = run(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1")
        print(s, a, p)
    else:
        main()
