//! Morphology: lemmas and affixes of Indonesian words.
//!
//! Indonesian inflects little but derives a lot: "memperbaikinya" is
//! meN- + per- + baik + -i + -nya. The [`Lemmatizer`] peels such layers off with the
//! rules of `affixes.toml` and trusts a split only when what is left is a known root
//! (`roots.txt`, `roots-hunspell.txt`), so that "berita" stays "berita" while
//! "berlari" becomes "lari".
//!
//! When several splits reach a known root, the best is the one that
//! 1. strips more suffix-side layers (suffix, possessive, particle): a root found
//!    *after* removing "-kan" or "-nya" is more telling than a longer "root" that
//!    merely ends in those letters. Layers whose letters end many roots are marked
//!    `preferred = false` in `affixes.toml` and do not count ("-i": "memulai" → mulai;
//!    the archaic particle "-tah": "pemerintah" is not peN- + "perin" + -tah);
//! 2. then reaches a root of `roots.txt` rather than a stem known only to
//!    `roots-hunspell.txt`: the treebank roots are the words news actually derives
//!    from, while the dictionary also lists rare stems hidden inside common words
//!    ("perbankan" → bank + per-an, not "perban" + -kan);
//! 3. then strips fewer prefixes: every extra prefix is another chance of finding a
//!    root inside an unrelated word ("kebersihan" → bersih, not ber- + "sih");
//! 4. then reaches the more frequent root (`roots.txt` is ordered by frequency, and
//!    every stem of `roots-hunspell.txt` ranks after it):
//!    "perbankan" → bank + -an rather than ban + -kan.
//!
//! When no split reaches a known root, only the affixes the data marks as safe to
//! guess are removed. Irregular words no rule explains are listed in `lemmas.tsv`.
//!
//! All Indonesian knowledge is in those files; this module only knows the shape
//! of a word: `proclitic? prefix* root suffix? possessive? particle?`.
//!
//! The search is the dearest step of tokenising, and news repeats the same derived
//! words in every article ("mengatakan", "pemerintah", "tersebut"), so the analyses of
//! the frequent forms of `forms.txt` are made once when the lemmatiser loads. That
//! table is only a shortcut: it is filled by the same search, so no lemma depends on it.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lang::{LangData, LangError};

/// Grammatical voice shown by a verb's prefix: meN- is active, di- passive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    Active,
    Passive,
}

/// The analysis of one word: its lemma and the affixes stripped to reach it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Morph {
    pub lemma: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefixes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suffixes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clitics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<Voice>,
}

/// The most prefixes one word stacks in practice ("ke-ber-per-…" is already rare).
const MAX_PREFIXES: usize = 3;

/// Stems longer than this are not rebuilt with a restored consonant (no real word is).
const MAX_STEM_BYTES: usize = 64;

/// FNV-1a: the lexicon is probed dozens of times per word with short keys, where
/// SipHash's DoS resistance costs more than it is worth (the keys are our own data).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub(crate) type FastBuild = BuildHasherDefault<Fnv>;

/// Affix-stripping lemmatiser over a root lexicon (`affixes.toml`, `roots.txt`,
/// `roots-hunspell.txt`, `lemmas.tsv`; `forms.txt` names the forms analysed at load).
///
/// Pure and immutable after [`Lemmatizer::load`]: share one across threads.
#[derive(Debug)]
pub struct Lemmatizer {
    /// Root → its rank: its line in `roots.txt` (0 = most frequent), then the
    /// hunspell stems after all of those.
    roots: HashMap<String, u32, FastBuild>,
    exceptions: HashMap<String, String, FastBuild>,
    /// Analyses of the frequent forms (`forms.txt`, lower case), shared with the
    /// tokens that hold them.
    frequent: FormTable,
    /// Ranks below this are roots of `roots.txt`; the others are hunspell stems.
    treebank_roots: u32,
    rules: Rules,
}

/// `affixes.toml`, compiled.
#[derive(Debug)]
struct Rules {
    min_root_length: usize,
    min_guess_root_length: usize,
    particles: Vec<Enclitic>,
    possessives: Vec<Enclitic>,
    proclitics: Vec<String>,
    suffixes: Vec<Enclitic>,
    prefixes: Vec<Prefix>,
    /// Bit `i` of entry `b` set: some form of prefix `i` starts with byte `b`. A stem
    /// is only tried against the prefixes its first letter allows.
    prefixes_by_first: [u32; 256],
    /// The most a stem can grow when one prefix is stripped and a letter restored
    /// (negative: every strip shortens it). Bounds the prefix search: a stem too short
    /// to hold a root after any further strip ends it.
    max_growth: isize,
}

/// A suffix-like layer: particle, possessive or derivational suffix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Enclitic {
    form: String,
    #[serde(default)]
    guess: bool,
    /// A longer minimum root for this layer than `min_root_length`, for suffixes so
    /// short that they end many roots ("-i": "membeli" is not meN- + bel + -i).
    #[serde(default)]
    min_root_length: usize,
    /// Whether a split stripping this layer beats one that keeps it in the "root".
    #[serde(default = "yes")]
    preferred: bool,
    /// When guessing, strip this layer only together with a prefix (a confix).
    #[serde(default)]
    guess_with_prefix_only: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug)]
struct Prefix {
    tag: String,
    voice: Option<Voice>,
    /// Bit `i` set: prefix `i` may stand directly inside this one.
    inner: u32,
    /// Bit `i` set: suffix `i` may close a word whose outermost prefix is this one.
    suffixes: u32,
    forms: Vec<Allomorph>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Allomorph {
    strip: String,
    #[serde(default)]
    before: String,
    restore: Vec<String>,
    #[serde(default)]
    guess: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AffixFile {
    min_root_length: usize,
    min_guess_root_length: usize,
    particle: Vec<Enclitic>,
    possessive: Vec<Enclitic>,
    proclitic: Vec<ProcliticFile>,
    suffix: Vec<Enclitic>,
    prefix: Vec<PrefixFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcliticFile {
    form: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrefixFile {
    tag: String,
    #[serde(default)]
    voice: Option<Voice>,
    inner: Vec<String>,
    suffixes: Vec<String>,
    forms: Vec<Allomorph>,
}

impl Rules {
    fn parse(text: &str) -> Result<Rules, LangError> {
        const FILE: &str = "affixes.toml";
        let file: AffixFile = toml::from_str(text).map_err(|e| LangError::invalid(FILE, e))?;
        if file.prefix.len() > 32 || file.suffix.len() > 32 {
            return Err(LangError::invalid(
                FILE,
                "at most 32 prefixes and 32 suffixes",
            ));
        }
        let prefix_index = |tag: &str| {
            file.prefix
                .iter()
                .position(|p| p.tag == tag)
                .ok_or_else(|| LangError::invalid(FILE, format!("unknown prefix `{tag}`")))
        };
        let suffix_index = |form: &str| {
            file.suffix
                .iter()
                .position(|s| s.form == form)
                .ok_or_else(|| LangError::invalid(FILE, format!("unknown suffix `{form}`")))
        };
        let mut prefixes = Vec::with_capacity(file.prefix.len());
        for prefix in &file.prefix {
            let mut inner = 0u32;
            for tag in &prefix.inner {
                inner |= 1 << prefix_index(tag)?;
            }
            let mut suffixes = 0u32;
            for form in &prefix.suffixes {
                suffixes |= 1 << suffix_index(form)?;
            }
            if prefix
                .forms
                .iter()
                .any(|f| f.strip.is_empty() || f.restore.is_empty())
            {
                return Err(LangError::invalid(
                    FILE,
                    format!(
                        "prefix `{}`: every form needs `strip` and `restore`",
                        prefix.tag
                    ),
                ));
            }
            prefixes.push((prefix.tag.clone(), prefix.voice, inner, suffixes));
        }
        let prefixes: Vec<Prefix> = prefixes
            .into_iter()
            .zip(file.prefix)
            .map(|((tag, voice, inner, suffixes), file)| Prefix {
                tag,
                voice,
                inner,
                suffixes,
                forms: file.forms,
            })
            .collect();
        let mut prefixes_by_first = [0u32; 256];
        let mut max_growth = isize::MIN;
        for (index, prefix) in prefixes.iter().enumerate() {
            for form in &prefix.forms {
                prefixes_by_first[usize::from(form.strip.as_bytes()[0])] |= 1 << index;
                for restore in &form.restore {
                    let growth = restore.len() as isize - form.strip.len() as isize;
                    max_growth = max_growth.max(growth);
                }
            }
        }
        Ok(Rules {
            prefixes_by_first,
            max_growth,
            min_root_length: file.min_root_length.max(1),
            min_guess_root_length: file.min_guess_root_length.max(1),
            particles: file.particle,
            possessives: file.possessive,
            proclitics: file.proclitic.into_iter().map(|p| p.form).collect(),
            suffixes: file.suffix,
            prefixes,
        })
    }
}

/// Which rule produced each layer of a candidate split (indices into [`Rules`]).
#[derive(Debug, Clone, Copy, Default)]
struct Layers {
    proclitic: Option<usize>,
    prefixes: [usize; MAX_PREFIXES],
    prefix_count: usize,
    suffix: Option<usize>,
    possessive: Option<usize>,
    particle: Option<usize>,
}

impl Layers {
    fn count(&self) -> usize {
        self.prefix_count
            + [self.proclitic, self.suffix, self.possessive, self.particle]
                .iter()
                .filter(|layer| layer.is_some())
                .count()
    }

    fn outer_prefix(&self) -> Option<usize> {
        (self.prefix_count > 0).then(|| self.prefixes[0])
    }

    fn innermost_prefix(&self) -> Option<usize> {
        self.prefix_count
            .checked_sub(1)
            .map(|last| self.prefixes[last])
    }
}

/// The best split found so far.
struct Best {
    root: String,
    layers: Layers,
    rank: u32,
}

/// How good a split is: smaller is better (see the module documentation).
type Preference = (std::cmp::Reverse<usize>, bool, usize, u32);

impl Lemmatizer {
    /// The lemmatiser of the embedded Indonesian pack, without building the rest of
    /// the pack (for tools that only need lemmas, such as the lemma scorer).
    pub fn indonesian() -> Lemmatizer {
        let files = [
            ("affixes.toml", include_str!("../lang/id/affixes.toml")),
            ("roots.txt", include_str!("../lang/id/roots.txt")),
            (
                "roots-hunspell.txt",
                include_str!("../lang/id/roots-hunspell.txt"),
            ),
            ("lemmas.tsv", include_str!("../lang/id/lemmas.tsv")),
            ("forms.txt", include_str!("../lang/id/forms.txt")),
        ];
        Lemmatizer::load(&LangData::new(files))
            .expect("the embedded Indonesian morphology data is valid (checked by tests)")
    }

    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        let rules = Rules::parse(data.file("affixes.toml")?)?;
        let mut roots = HashMap::default();
        // The hunspell stems come after every treebank root: they have no frequency of
        // their own, and a split reaching a treebank root is preferred (see `preference`).
        let treebank_roots = u32::try_from(data.lines("roots.txt")?.count()).unwrap_or(u32::MAX);
        let lexicon = data
            .lines("roots.txt")?
            .chain(data.lines("roots-hunspell.txt")?);
        for (rank, root) in lexicon.enumerate() {
            let rank = u32::try_from(rank).unwrap_or(u32::MAX);
            roots.entry(root.to_lowercase()).or_insert(rank);
        }
        let mut exceptions = HashMap::default();
        for line in data.lines("lemmas.tsv")? {
            let (form, lemma) = line.split_once('\t').ok_or_else(|| {
                LangError::invalid("lemmas.tsv", format!("`{line}`: expected form<TAB>lemma"))
            })?;
            exceptions.insert(form.trim().to_lowercase(), lemma.trim().to_lowercase());
        }
        let mut lemmatizer = Lemmatizer {
            roots,
            exceptions,
            frequent: FormTable::default(),
            treebank_roots,
            rules,
        };
        // Optional: without the table every word is searched, with the same results
        // (tools that load the morphology files alone do not need it).
        if let Ok(forms) = data.lines("forms.txt") {
            let mut seen = HashSet::new();
            let mut frequent = Vec::new();
            // Roots are kept too: they need no search, but one lookup here spares the
            // lookups in the exception list and the lexicon that would answer them.
            for form in forms.map(str::to_lowercase) {
                if seen.insert(form.clone()) {
                    let morph = lemmatizer.analyze_shared(&form);
                    frequent.push((form, morph));
                }
            }
            lemmatizer.frequent = FormTable::new(frequent);
        }
        Ok(lemmatizer)
    }

    /// Whether `root` is in the root lexicon (lowercase).
    pub fn is_root(&self, root: &str) -> bool {
        self.roots.contains_key(root)
    }

    /// Number of roots in the lexicon.
    pub fn root_count(&self) -> usize {
        self.roots.len()
    }

    /// Analyses a common word (any case). Proper names are not passed here.
    ///
    /// [`Morph::prefixes`] are listed outermost first, by morpheme tag ("meN", not
    /// "meng"); [`Morph::clitics`] (proclitic, possessive, particle) in the order they
    /// appear in the word; [`Morph::voice`] is the voice of the outermost prefix.
    ///
    /// A reduplicated word ("anak-anak", "berlari-lari", "sayur-mayur") is analysed
    /// through its first half; other hyphenated words ("non-migas") are kept whole.
    pub fn analyze(&self, word: &str) -> Morph {
        Arc::unwrap_or_clone(self.analyze_shared(word))
    }

    /// [`Lemmatizer::analyze`], shared: a frequent form's analysis is the table's own,
    /// so the many tokens of a common word ("yang", "di") hold one analysis instead of
    /// a copy each.
    pub fn analyze_shared(&self, word: &str) -> Arc<Morph> {
        let lower: std::borrow::Cow<'_, str> = if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            std::borrow::Cow::Borrowed(word)
        } else {
            std::borrow::Cow::Owned(word.to_lowercase())
        };
        if let Some(morph) = self.frequent.get(lower.as_ref()) {
            return Arc::clone(morph);
        }
        self.analyze_unlisted(&lower)
    }

    /// The frequent form whose inline key, read as two little-endian words, is `key`
    /// (a lower-case form of up to 15 bytes, zero-padded, its length in the last byte):
    /// the tokenizer has that key of every short word already.
    pub(crate) fn frequent_form(&self, (low, high): (u64, u64)) -> Option<&Arc<Morph>> {
        let mut key = [0u8; INLINE_FORM_BYTES + 1];
        key[..8].copy_from_slice(&low.to_le_bytes());
        key[8..].copy_from_slice(&high.to_le_bytes());
        self.frequent.get_inline(&key)
    }

    /// [`Lemmatizer::analyze_shared`] of a lower-case word that is not a frequent form.
    pub(crate) fn analyze_unlisted(&self, lower: &str) -> Arc<Morph> {
        if let Some((left, right)) = lower.split_once('-')
            && let Some(morph) = self.analyze_reduplication(left, right)
        {
            return Arc::new(morph);
        }
        Arc::new(self.analyze_lowercase(&lower))
    }

    /// The analysis of `left-right` when it is a reduplication, else `None`.
    fn analyze_reduplication(&self, left: &str, right: &str) -> Option<Morph> {
        if left.is_empty() || right.is_empty() || right.contains('-') {
            return None;
        }
        let left_morph = self.analyze_lowercase(left);
        if left == right || right.starts_with(left) {
            return Some(left_morph);
        }
        let right_morph = self.analyze_lowercase(right);
        if left_morph.lemma == right_morph.lemma {
            return Some(left_morph);
        }
        // "berhati-hati": the affixed half comes first and the bare root second.
        if left.ends_with(right) {
            return Some(Morph {
                lemma: right_morph.lemma,
                ..left_morph
            });
        }
        // Rhyming reduplication ("sayur-mayur", "asal-muasal") changes only the onset.
        let rhyme = 3;
        let is_letters = |s: &str| s.chars().all(char::is_alphabetic);
        if is_letters(left)
            && is_letters(right)
            && left.len() > rhyme
            && right.len() > rhyme
            && left.as_bytes()[left.len() - rhyme..] == right.as_bytes()[right.len() - rhyme..]
        {
            return Some(left_morph);
        }
        None
    }

    fn analyze_lowercase(&self, word: &str) -> Morph {
        if let Some(lemma) = self.exceptions.get(word) {
            return Morph {
                lemma: lemma.clone(),
                ..Morph::default()
            };
        }
        if self.roots.contains_key(word) || !word.chars().all(char::is_alphabetic) {
            return Morph {
                lemma: word.to_string(),
                ..Morph::default()
            };
        }
        let mut best = None;
        self.search_enclitics(word, &mut best);
        match best {
            Some(best) => self.morph(best.root, &best.layers),
            None => self.guess(word),
        }
    }

    /// Tries every combination of particle, possessive, suffix and proclitic around
    /// `word`, then the prefixes of what remains.
    fn search_enclitics(&self, word: &str, best: &mut Option<Best>) {
        let rules = &self.rules;
        for (particle, after_particle) in strip_options(word, &rules.particles) {
            for (possessive, after_possessive) in strip_options(after_particle, &rules.possessives)
            {
                for (suffix, stem) in strip_options(after_possessive, &rules.suffixes) {
                    let layers = Layers {
                        particle,
                        possessive,
                        suffix,
                        ..Layers::default()
                    };
                    self.search_prefixes(stem, layers, best);
                    for (index, proclitic) in rules.proclitics.iter().enumerate() {
                        if let Some(rest) = stem.strip_prefix(proclitic.as_str()) {
                            let layers = Layers {
                                proclitic: Some(index),
                                ..layers
                            };
                            self.search_prefixes(rest, layers, best);
                        }
                    }
                }
            }
        }
    }

    /// Checks `stem` as a root, then strips one more prefix and recurses.
    fn search_prefixes(&self, stem: &str, layers: Layers, best: &mut Option<Best>) {
        let rules = &self.rules;
        // Prefixes only make a split worse, so once the best split is better than this
        // one could be even with a treebank root, nothing below can beat it.
        let beaten = |best: &Option<Best>, layers: &Layers| {
            best.as_ref().is_some_and(|b| {
                let (b_suffixes, b_tier, b_prefixes, _) = self.preference(&b.layers, b.rank);
                let (suffixes, tier, prefixes, _) = self.preference(layers, 0);
                (b_suffixes, b_tier, b_prefixes) < (suffixes, tier, prefixes)
            })
        };
        if beaten(best, &layers) {
            return;
        }
        if layers.count() > 0
            && stem.len() >= self.min_root_length(&layers)
            && self.suffix_fits(&layers)
            && let Some(&rank) = self.roots.get(stem)
            && let rank = self.tie_rank(rank, stem)
            && best
                .as_ref()
                .is_none_or(|b| self.preference(&layers, rank) < self.preference(&b.layers, b.rank))
        {
            *best = Some(Best {
                root: stem.to_string(),
                layers,
                rank,
            });
        }
        if layers.prefix_count == MAX_PREFIXES {
            return;
        }
        // The longest stem any deeper split can check as a root.
        let levels = (MAX_PREFIXES - layers.prefix_count) as isize;
        let growth = if rules.max_growth <= 0 {
            rules.max_growth
        } else {
            rules.max_growth.saturating_mul(levels)
        };
        if (stem.len() as isize).saturating_add(growth) < rules.min_root_length as isize {
            return;
        }
        let Some(&first) = stem.as_bytes().first() else {
            return;
        };
        let allowed = match layers.innermost_prefix() {
            Some(outer) => rules.prefixes[outer].inner,
            None => u32::MAX,
        } & rules.prefixes_by_first[usize::from(first)];
        if allowed == 0 {
            return;
        }
        for (index, prefix) in rules.prefixes.iter().enumerate() {
            if allowed & (1 << index) == 0 {
                continue;
            }
            let mut deeper = layers;
            deeper.prefixes[deeper.prefix_count] = index;
            deeper.prefix_count += 1;
            for form in &prefix.forms {
                let Some(rest) = allomorph_rest(stem, form) else {
                    continue;
                };
                for restore in &form.restore {
                    if restore.is_empty() {
                        self.search_prefixes(rest, deeper, best);
                    } else if let Some(stem) = StemBuf::join(restore, rest) {
                        self.search_prefixes(stem.as_str(), deeper, best);
                    }
                }
            }
        }
    }

    /// The shortest root allowed under `layers`.
    fn min_root_length(&self, layers: &Layers) -> usize {
        let rules = &self.rules;
        let suffix_minimum = layers
            .suffix
            .map_or(0, |i| rules.suffixes[i].min_root_length);
        rules.min_root_length.max(suffix_minimum)
    }

    /// The last tie-break between roots: a treebank root's frequency rank; among
    /// hunspell stems, which are listed alphabetically, the longer root ("mengecam" is
    /// meN- + kecam, not menge- + cam; "mengetik" is meN- + ketik).
    fn tie_rank(&self, rank: u32, root: &str) -> u32 {
        if rank < self.treebank_roots {
            rank
        } else {
            u32::MAX - u32::try_from(root.len()).unwrap_or(0)
        }
    }

    /// Orders splits: suffix-side layers stripped (more is better), treebank root
    /// before hunspell stem, prefixes stripped (fewer is better), root frequency rank.
    fn preference(&self, layers: &Layers, rank: u32) -> Preference {
        let rules = &self.rules;
        let preferred = |layer: Option<usize>, enclitics: &[Enclitic]| {
            usize::from(layer.is_some_and(|i| enclitics[i].preferred))
        };
        let stripped = preferred(layers.suffix, &rules.suffixes)
            + preferred(layers.possessive, &rules.possessives)
            + preferred(layers.particle, &rules.particles);
        (
            std::cmp::Reverse(stripped),
            rank >= self.treebank_roots,
            layers.prefix_count,
            rank,
        )
    }

    /// Whether the derivational suffix (if any) may go with the outermost prefix.
    fn suffix_fits(&self, layers: &Layers) -> bool {
        match (layers.outer_prefix(), layers.suffix) {
            (Some(prefix), Some(suffix)) => {
                self.rules.prefixes[prefix].suffixes & (1 << suffix) != 0
            }
            _ => true,
        }
    }

    /// The analysis of a word whose root is unknown: strip only the layers the data
    /// trusts, at most one of each kind, and only while a long enough root remains.
    fn guess(&self, word: &str) -> Morph {
        let rules = &self.rules;
        let long_enough = |rest: &str| rest.chars().count() >= rules.min_guess_root_length;
        let strip_guessable = |stem: &mut &str, enclitics: &[Enclitic]| {
            let (index, rest) = enclitics.iter().enumerate().find_map(|(index, enclitic)| {
                let rest = stem.strip_suffix(enclitic.form.as_str())?;
                (enclitic.guess && long_enough(rest)).then_some((index, rest))
            })?;
            *stem = rest;
            Some(index)
        };
        let mut layers = Layers::default();
        let mut stem = word;
        layers.particle = strip_guessable(&mut stem, &rules.particles);
        layers.possessive = strip_guessable(&mut stem, &rules.possessives);
        let before_suffix = stem;
        layers.suffix = strip_guessable(&mut stem, &rules.suffixes);
        if let Some(morph) = self.guess_prefix(stem, layers) {
            return morph;
        }
        if layers
            .suffix
            .is_some_and(|i| rules.suffixes[i].guess_with_prefix_only)
        {
            layers.suffix = None;
            stem = before_suffix;
            if let Some(morph) = self.guess_prefix(stem, layers) {
                return morph;
            }
        }
        self.morph(stem.to_string(), &layers)
    }

    /// The first guessable prefix of `stem` that leaves a long enough root.
    fn guess_prefix(&self, stem: &str, layers: Layers) -> Option<Morph> {
        let rules = &self.rules;
        for (index, prefix) in rules.prefixes.iter().enumerate() {
            for form in prefix.forms.iter().filter(|f| f.guess) {
                let Some(rest) = allomorph_rest(stem, form) else {
                    continue;
                };
                let root = format!("{}{rest}", form.restore[0]);
                let mut with_prefix = layers;
                with_prefix.prefixes[0] = index;
                with_prefix.prefix_count = 1;
                if root.chars().count() >= rules.min_guess_root_length
                    && self.suffix_fits(&with_prefix)
                {
                    return Some(self.morph(root, &with_prefix));
                }
            }
        }
        None
    }

    fn morph(&self, lemma: String, layers: &Layers) -> Morph {
        let rules = &self.rules;
        let prefixes: Vec<String> = layers.prefixes[..layers.prefix_count]
            .iter()
            .map(|&index| rules.prefixes[index].tag.clone())
            .collect();
        let voice = layers
            .outer_prefix()
            .and_then(|index| rules.prefixes[index].voice);
        let suffixes = layers
            .suffix
            .map(|i| rules.suffixes[i].form.clone())
            .into_iter()
            .collect();
        let clitics = [
            layers.proclitic.map(|i| &rules.proclitics[i]),
            layers.possessive.map(|i| &rules.possessives[i].form),
            layers.particle.map(|i| &rules.particles[i].form),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        Morph {
            lemma,
            prefixes,
            suffixes,
            clitics,
            voice,
        }
    }
}

/// "Not stripped" followed by each enclitic `word` ends with (leaving a non-empty rest).
fn strip_options<'w>(
    word: &'w str,
    enclitics: &'w [Enclitic],
) -> impl Iterator<Item = (Option<usize>, &'w str)> + 'w {
    std::iter::once((None, word)).chain(enclitics.iter().enumerate().filter_map(
        move |(index, enclitic)| {
            let rest = word.strip_suffix(enclitic.form.as_str())?;
            (!rest.is_empty()).then_some((Some(index), rest))
        },
    ))
}

/// What follows the allomorph at the start of `stem`, if it applies there.
fn allomorph_rest<'s>(stem: &'s str, form: &Allomorph) -> Option<&'s str> {
    let strip = form.strip.as_bytes();
    let bytes = stem.as_bytes();
    // Byte by byte: the forms are a few letters long, shorter than a `memcmp` call.
    if bytes.len() <= strip.len() || !strip.iter().zip(bytes).all(|(a, b)| a == b) {
        return None;
    }
    let next = bytes[strip.len()];
    // `strip` is a whole `str`, so the rest starts on a character boundary.
    let rest = &stem[strip.len()..];
    (form.before.is_empty() || form.before.as_bytes().contains(&next)).then_some(rest)
}

/// A stem rebuilt with a restored initial consonant, on the stack: restoring happens
/// for most meN-/peN- words, and a heap allocation per try would dominate the cost.
struct StemBuf {
    bytes: [u8; MAX_STEM_BYTES],
    len: usize,
}

impl StemBuf {
    fn join(head: &str, tail: &str) -> Option<StemBuf> {
        let len = head.len() + tail.len();
        if len > MAX_STEM_BYTES {
            return None;
        }
        let mut bytes = [0; MAX_STEM_BYTES];
        bytes[..head.len()].copy_from_slice(head.as_bytes());
        bytes[head.len()..len].copy_from_slice(tail.as_bytes());
        Some(StemBuf { bytes, len })
    }

    fn as_str(&self) -> &str {
        // Both halves were whole `str`s, so their concatenation is valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).expect("joined from two str")
    }
}

/// The frequent forms' analyses (`forms.txt`), looked up once per new word of every
/// article. A form of up to [`INLINE_FORM_BYTES`] bytes is kept in its slot of an
/// open-addressing table, so a lookup reads one slot; a map of boxed strings reads its
/// bucket and then the string elsewhere on the heap, a cache miss more per word.
#[derive(Debug, Default)]
struct FormTable {
    /// Slots of a power-of-two table probed linearly; `None` ends a probe.
    slots: Vec<(InlineForm, Option<Arc<Morph>>)>,
    /// The longer forms.
    long: HashMap<Box<str>, Arc<Morph>, FastBuild>,
}

/// Longest form kept in a slot: 15 bytes and its length.
const INLINE_FORM_BYTES: usize = 15;

/// A short form, zero-padded, with its length in the last byte (so "ab" and "ab\0"
/// differ).
type InlineForm = [u8; INLINE_FORM_BYTES + 1];

fn inline_form(form: &str) -> Option<InlineForm> {
    let bytes = form.as_bytes();
    if bytes.len() > INLINE_FORM_BYTES {
        return None;
    }
    let mut key = [0u8; INLINE_FORM_BYTES + 1];
    key[..bytes.len()].copy_from_slice(bytes);
    key[INLINE_FORM_BYTES] = bytes.len() as u8;
    Some(key)
}

impl FormTable {
    /// A table of `forms` and their analyses (each form once).
    fn new(forms: Vec<(String, Arc<Morph>)>) -> Self {
        let short = forms
            .iter()
            .filter(|(f, _)| f.len() <= INLINE_FORM_BYTES)
            .count();
        // At most half full, so a probe rarely reads past the slot's cache line.
        let size = (short * 2).next_power_of_two().max(2);
        let mut table = FormTable {
            slots: vec![([0; INLINE_FORM_BYTES + 1], None); size],
            long: HashMap::default(),
        };
        for (form, morph) in forms {
            match inline_form(&form) {
                Some(key) => {
                    let mut slot = table.slot_of(&key);
                    while table.slots[slot].1.is_some() {
                        slot = (slot + 1) & (size - 1);
                    }
                    table.slots[slot] = (key, Some(morph));
                }
                None => {
                    table.long.insert(form.into_boxed_str(), morph);
                }
            }
        }
        table
    }

    fn slot_of(&self, key: &InlineForm) -> usize {
        let low = u64::from_le_bytes(key[..8].try_into().expect("8 bytes"));
        let high = u64::from_le_bytes(key[8..].try_into().expect("8 bytes"));
        let hash =
            (low.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ high).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        (hash >> 32) as usize & (self.slots.len() - 1)
    }

    fn get(&self, form: &str) -> Option<&Arc<Morph>> {
        match inline_form(form) {
            Some(key) => self.get_inline(&key),
            None => self.long.get(form),
        }
    }

    fn get_inline(&self, key: &InlineForm) -> Option<&Arc<Morph>> {
        let key = *key;
        if self.slots.is_empty() {
            return None;
        }
        let mut slot = self.slot_of(&key);
        loop {
            match &self.slots[slot] {
                (_, None) => return None,
                (found, Some(morph)) if *found == key => return Some(morph),
                _ => slot = (slot + 1) & (self.slots.len() - 1),
            }
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.iter().count()
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every form with its analysis, in no particular order.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (String, &Arc<Morph>)> {
        let short = self.slots.iter().filter_map(|(key, morph)| {
            let len = usize::from(key[INLINE_FORM_BYTES]);
            let form = std::str::from_utf8(&key[..len]).expect("a form is UTF-8");
            Some((form.to_string(), morph.as_ref()?))
        });
        short.chain(
            self.long
                .iter()
                .map(|(form, morph)| (form.to_string(), morph)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lemmatizer() -> &'static Lemmatizer {
        static LEMMATIZER: std::sync::OnceLock<Lemmatizer> = std::sync::OnceLock::new();
        LEMMATIZER.get_or_init(Lemmatizer::indonesian)
    }

    fn lemma(word: &str) -> String {
        lemmatizer().analyze(word).lemma
    }

    #[test]
    fn embedded_data_loads() {
        assert!(lemmatizer().root_count() > 2_000);
        assert!(lemmatizer().is_root("tulis"));
    }

    #[test]
    fn passive_verb_with_suffix() {
        let morph = lemmatizer().analyze("dikirimkan");
        assert_eq!(morph.lemma, "kirim");
        assert_eq!(morph.prefixes, ["di"]);
        assert_eq!(morph.suffixes, ["kan"]);
        assert!(morph.clitics.is_empty());
        assert_eq!(morph.voice, Some(Voice::Passive));
    }

    #[test]
    fn active_verb_with_restored_consonant() {
        let morph = lemmatizer().analyze("menyerang");
        assert_eq!(morph.lemma, "serang");
        assert_eq!(morph.prefixes, ["meN"]);
        assert_eq!(morph.voice, Some(Voice::Active));
    }

    #[test]
    fn nasal_allomorphs_of_men() {
        for (word, root) in [
            ("menulis", "tulis"),
            ("memukul", "pukul"),
            ("menyapu", "sapu"),
            ("mengirim", "kirim"),
            ("mengambil", "ambil"),
            ("membaca", "baca"),
            ("mendengar", "dengar"),
            ("melihat", "lihat"),
        ] {
            assert_eq!(lemma(word), root, "{word}");
        }
    }

    #[test]
    fn menge_only_when_no_longer_root_explains_the_word() {
        // Both "cam" and "kecam" are dictionary stems; the longer one is meant.
        for (word, root) in [
            ("mengecam", "kecam"),
            ("mengetik", "ketik"),
            ("mengebom", "bom"),
            ("mengecat", "cat"),
        ] {
            assert_eq!(lemma(word), root, "{word}");
        }
    }

    #[test]
    fn stacked_prefixes_and_confixes() {
        for (word, root) in [
            ("memperbaiki", "baik"),
            ("keberhasilan", "hasil"),
            ("kebanyakan", "banyak"),
            ("pemerintahan", "perintah"),
            ("pertumbuhan", "tumbuh"),
            ("terjadi", "jadi"),
            ("berdasarkan", "dasar"),
            ("bekerja", "kerja"),
            ("penjualan", "jual"),
        ] {
            assert_eq!(lemma(word), root, "{word}");
        }
    }

    #[test]
    fn clitics_and_particles() {
        let morph = lemmatizer().analyze("rumahnya");
        assert_eq!(
            (morph.lemma.as_str(), morph.clitics.as_slice()),
            ("rumah", &["nya".to_string()][..])
        );
        let morph = lemmatizer().analyze("Bukunyalah");
        assert_eq!(morph.lemma, "buku");
        assert_eq!(morph.clitics, ["nya", "lah"]);
        let morph = lemmatizer().analyze("kuambil");
        assert_eq!(morph.lemma, "ambil");
        assert_eq!(morph.clitics, ["ku"]);
        assert_eq!(morph.voice, None);
    }

    #[test]
    fn roots_are_not_stripped() {
        for word in ["berita", "kelas", "makan", "bulan", "pesawat", "Tangan"] {
            assert_eq!(lemma(word), word.to_lowercase(), "{word}");
        }
    }

    #[test]
    fn unknown_words_keep_their_shape() {
        assert_eq!(lemma("xylofrak"), "xylofrak");
        assert_eq!(lemma("kriptografi"), "kriptografi");
        // An unknown root behind a trusted prefix is still found.
        assert_eq!(lemma("diblokirkan"), "blokir");
    }

    #[test]
    fn reduplication() {
        assert_eq!(lemma("anak-anak"), "anak");
        assert_eq!(lemma("berlari-lari"), "lari");
        assert_eq!(lemma("berhati-hati"), "hati");
        assert_eq!(lemma("sayur-mayur"), "sayur");
        assert_eq!(lemma("non-migas"), "non-migas");
    }

    #[test]
    fn frequent_forms_table_changes_no_analysis() {
        let files = [
            ("affixes.toml", include_str!("../lang/id/affixes.toml")),
            ("roots.txt", include_str!("../lang/id/roots.txt")),
            (
                "roots-hunspell.txt",
                include_str!("../lang/id/roots-hunspell.txt"),
            ),
            ("lemmas.tsv", include_str!("../lang/id/lemmas.tsv")),
        ];
        let searching = Lemmatizer::load(&LangData::new(files)).unwrap();
        assert!(searching.frequent.is_empty());
        let table = &lemmatizer().frequent;
        assert!(table.len() > 1_000);
        for (form, morph) in table.iter() {
            assert_eq!(&searching.analyze(&form), &**morph, "{form}");
            // Any case finds the lower-case entry.
            if form.starts_with(|c: char| c.is_ascii_lowercase()) {
                let capitalised = form[..1].to_ascii_uppercase() + &form[1..];
                assert_eq!(lemmatizer().analyze(&capitalised), **morph, "{capitalised}");
            }
        }
    }

    #[test]
    fn irregular_forms_come_from_the_exception_list() {
        assert_eq!(lemma("belajar"), "ajar");
    }

    #[test]
    fn malformed_affix_file_is_reported() {
        let data = LangData::new([
            ("affixes.toml", "min_root_length = 3"),
            ("roots.txt", ""),
            ("roots-hunspell.txt", ""),
            ("lemmas.tsv", ""),
        ]);
        let err = Lemmatizer::load(&data).unwrap_err();
        assert!(err.to_string().contains("affixes.toml"), "{err}");
    }

    #[test]
    fn lemmatizer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Lemmatizer>();
    }

    proptest! {
        #[test]
        fn any_alphabetic_word_gets_a_lemma(word in "[a-zA-Z\u{e0}-\u{ff}]{1,30}") {
            let morph = lemmatizer().analyze(&word);
            prop_assert!(!morph.lemma.is_empty());
        }

        #[test]
        fn any_string_is_safe(word in "\\PC{0,40}") {
            lemmatizer().analyze(&word);
        }
    }
}
