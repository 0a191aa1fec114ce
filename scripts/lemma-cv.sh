#!/bin/sh
# Cross-validates the lemmatiser on the TRAINING treebanks only: the root lexicon is
# rebuilt from UD CSUI-train and scored on UD GSD-dev, then the other way round.
# The test files are never read. Extra arguments go to lemma_score (e.g. --errors).
# Set NO_HUNSPELL=1 to score without roots-hunspell.txt.
set -eu
cd "$(dirname "$0")/.."
data=../shared/data
cargo build --release -q -p warta-eval --example lemma_score
for fold in "csui-ud-train gsd-ud-dev" "gsd-ud-dev csui-ud-train"; do
    set -- $fold "$@"
    train=$1 held_out=$2
    shift 2
    dir=$(mktemp -d)
    python3 scripts/build-roots.py --conllu "ud/id_$train.conllu" --out "$dir/roots.txt" 2>/dev/null
    if [ -n "${NO_HUNSPELL:-}" ]; then : > "$dir/roots-hunspell.txt"; fi
    printf '%s -> %s: ' "$train" "$held_out"
    target/release/examples/lemma_score --data "$dir" "$data/ud/id_$held_out.conllu" "$@"
    rm -r "$dir"
done
