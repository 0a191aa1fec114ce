#!/usr/bin/env python3
"""Builds crates/warta-core/lang/id/roots.txt, the root lexicon of the lemmatiser.

Sources (all redistributable with attribution; see NOTICE):
  * lemmas of the Universal Dependencies Indonesian treebanks' TRAINING and DEV
    files only: UD_Indonesian-CSUI train (CC BY-SA 4.0) and UD_Indonesian-GSD dev
    (CC BY-SA 4.0). The test files are the evaluation set and are never read.
  * bare words attested in the IndoLEM NER corpora NER-UI and NER-UGM (CC BY 4.0).

Why the filtering: the treebanks disagree on how far to strip (CSUI lemmatises
"keuangan" both as "uang" and as "keuangan"). A lexicon entry stops the lemmatiser
from stripping further, so a lemma is kept only when it is not itself a derivation of
another known root (by the treebanks' own evidence or by a confix/meN-/di- split of
affixes.toml). NER words have no lemma annotation, so only words that appear in lower
case, more than once, outside names, and that carry no affix the lemmatiser would
strip are taken.

Usage: python3 scripts/build-roots.py [--data ../shared/data] [--out PATH]
       [--conllu FILE ...] [--no-ner]
(`--conllu` and `--no-ner` exist for cross-validation: build from one treebank and
score on another.) Standard library only.
"""

import argparse
import collections
import pathlib
import sys
import tomllib

REPO = pathlib.Path(__file__).resolve().parent.parent
AFFIXES = REPO / "crates/warta-core/lang/id/affixes.toml"
DEFAULT_OUT = REPO / "crates/warta-core/lang/id/roots.txt"
DEFAULT_DATA = REPO.parent / "shared/data"
TRAINING_TREEBANKS = ["ud/id_csui-ud-train.conllu", "ud/id_gsd-ud-dev.conllu"]
NER_FILES = ["ner/nerui/nergithub.txt", "ner/nerugm/nerugm.txt"]
# Tags of words that are not common words: their lemmas are not roots.
SKIPPED_UPOS = {"PROPN", "NUM", "PUNCT", "SYM", "X"}
# Lemmas of these tags count towards a root's frequency. Function words are left out:
# they are frequent but rarely the root of a derived word ("memakai" is pakai + meN-,
# not maka + meN- + -i).
CONTENT_UPOS = {"NOUN", "VERB", "ADJ", "ADV"}
# An NER word must occur this often to be trusted as a spelling, not a typo.
MIN_NER_COUNT = 2


def conllu_words(path):
    """Yields (form, lemma, upos) of the syntactic words of a CoNLL-U file."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 10 and fields[0].isdigit():
                yield fields[1], fields[2], fields[3]


def is_word(text, min_length):
    return len(text) >= min_length and text.isalpha() and text.isascii()


class Affixes:
    """The parts of affixes.toml needed to recognise derived words."""

    def __init__(self, path):
        with open(path, "rb") as file:
            rules = tomllib.load(file)
        self.min_root = rules["min_root_length"]
        self.suffixes = [s["form"] for s in rules["suffix"]]
        self.enclitics = [e["form"] for e in rules["possessive"] + rules["particle"]]
        self.prefixes = {p["tag"]: p for p in rules["prefix"]}
        self.forms = set(self.suffixes + self.enclitics)
        self.forms |= {f["strip"] for p in rules["prefix"] for f in p["forms"]}
        self.forms |= {p["form"] for p in rules["proclitic"]}

    def prefix_splits(self, word, tags, min_strip=1):
        """Roots left by one prefix of `tags` (with restored consonants), using only
        allomorphs of at least `min_strip` letters."""
        for tag in tags:
            for form in self.prefixes[tag]["forms"]:
                rest = word[len(form["strip"]) :]
                if len(form["strip"]) < min_strip:
                    continue
                if not word.startswith(form["strip"]) or not rest:
                    continue
                if form.get("before") and rest[0] not in form["before"]:
                    continue
                for restore in form["restore"]:
                    yield restore + rest

    def derivation_roots(self, word):
        """Roots of `word` read as a confix (ke-an, peN-an, per-an) or a meN-, di-,
        ber- or nasal peN- derivation: the readings that are almost never accidental.
        (Bare ke-, se-, ter-, per- and pe- are left out: "keluar", "sejarah", "terbit",
        "perdana" and "peserta" are roots in the treebanks' own lemmas.)"""
        if word.endswith("an"):
            yield from self.prefix_splits(word[:-2], ["ke", "peN", "per"])
        stems = [word] + [word[: -len(s)] for s in self.suffixes if word.endswith(s)]
        for stem in stems:
            yield from self.prefix_splits(stem, ["meN", "di", "ber"])
            yield from self.prefix_splits(stem, ["peN"], min_strip=3)

    def any_roots(self, word):
        """Roots of `word` under any single prefix and/or suffix/enclitic."""
        stems = [word] + [
            word[: -len(s)] for s in self.suffixes + self.enclitics if word.endswith(s)
        ]
        for stem in stems:
            yield stem
            yield from self.prefix_splits(stem, self.prefixes.keys())

    def looks_affixed(self, word):
        """Whether the lemmatiser would strip something from `word` without a root."""
        for prefix in self.prefixes.values():
            for form in prefix["forms"]:
                if form.get("guess") and word.startswith(form["strip"]):
                    return True
        return any(word.endswith(e) for e in ["kan", "nya"])


def treebank_roots(paths, affixes):
    """Treebank lemmas that are roots, with how often each was a lemma."""
    lemma_counts = collections.Counter()
    # form -> lemmas it was given, to see which lemmas a treebank itself strips further.
    lemmatised_as = collections.defaultdict(set)
    for path in paths:
        for form, lemma, upos in conllu_words(path):
            form, lemma = form.lower(), lemma.lower()
            if upos in SKIPPED_UPOS or not is_word(lemma, affixes.min_root):
                continue
            # An affix written alone ("kan", "per") would let the lemmatiser find a
            # "root" inside every word carrying that affix.
            if lemma in affixes.forms:
                continue
            lemma_counts[lemma] += upos in CONTENT_UPOS
            lemmatised_as[form].add(lemma)
    roots = set(lemma_counts)
    derived = {
        lemma
        for lemma in roots
        if any(len(other) < len(lemma) for other in lemmatised_as[lemma] - {lemma})
        or any(root != lemma and root in roots for root in affixes.derivation_roots(lemma))
    }
    return {root: lemma_counts[root] for root in roots - derived}, len(roots), len(derived)


def ner_roots(paths, known, affixes):
    """Bare NER words that are probably roots, with their counts."""
    counts = collections.Counter()
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 2 and fields[1] == "O" and fields[0].islower():
                    counts[fields[0]] += 1
    return {
        word: count
        for word, count in counts.items()
        if count >= MIN_NER_COUNT
        and is_word(word, affixes.min_root)
        and word not in known
        and word not in affixes.forms
        and not affixes.looks_affixed(word)
        and not any(root != word and root in known for root in affixes.any_roots(word))
        # Colloquial nasal forms ("ngadopsi", "naruh") are meN- verbs without the "me".
        and not any(root != word and root in known for root in affixes.any_roots("me" + word))
    }, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    parser.add_argument("--conllu", nargs="*", help="treebank files relative to --data")
    parser.add_argument("--no-ner", action="store_true")
    args = parser.parse_args()

    affixes = Affixes(AFFIXES)
    treebanks = args.conllu or TRAINING_TREEBANKS
    if any("test" in name for name in treebanks):
        sys.exit("refusing to build the lexicon from a test file (evaluation leakage)")
    roots, lemma_total, derived = treebank_roots([args.data / t for t in treebanks], affixes)
    ner, ner_counts = (
        ({}, {})
        if args.no_ner
        else ner_roots([args.data / n for n in NER_FILES], roots, affixes)
    )
    # Frequency decides between two splits that are otherwise equally good
    # ("perbankan": bank + -an, not ban + -kan), so the file lists roots from the most
    # to the least frequent: treebank lemma count plus bare NER count.
    frequency = {
        root: roots.get(root, 0) + ner_counts.get(root, 0) for root in roots.keys() | ner.keys()
    }
    ordered = sorted(frequency, key=lambda root: (-frequency[root], root))

    header = [
        "# Root lexicon of the Indonesian lemmatiser. GENERATED by scripts/build-roots.py:",
        "# edit the script or its sources, not this file.",
        "# One lowercase root per line, MOST FREQUENT FIRST: the lemmatiser uses the order",
        "# to choose between otherwise equal analyses.",
        "# Sources:",
        *[f"#   lemmas of UD Indonesian {t} (CC BY-SA 4.0)" for t in treebanks],
        *[f"#   bare words of IndoLEM NER corpus {n} (CC BY 4.0)" for n in NER_FILES if ner],
        f"# {lemma_total} treebank lemmas, {derived} dropped as derived;"
        f" {len(ner)} NER words added.",
    ]
    args.out.write_text("\n".join(header + ordered) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(ordered)} roots", file=sys.stderr)


if __name__ == "__main__":
    main()
