"""A licence-clean Indonesian stemmer: affix stripping checked against a lemma table's roots.

Candidates come from removing particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu,
-nya), derivational suffixes (-kan, -an, -i) and up to two prefixes (di-, ke-, se-,
ber-, ter-, per-, me-/pe- with their nasal forms and the letter they swallow). A
candidate counts only if it is a root (four letters or more) of spaCy's MIT-licensed
Indonesian lemma table (spacy-lookups-data, shipped as `id_lemma_lookup.json.gz`); the
root reached by removing the fewest letters from the front wins, then the longest.
A word with no root found is kept as it is (only a trailing -nya is removed), so the
stemmer under-stems rather than inventing words: penertiban, menertibkan and
ditertibkan all give "tertib".
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

PARTICLES = ("lah", "kah", "tah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
SUFFIXES = ("kan", "an", "i")
# prefix -> letters that the prefix may have swallowed from the root ("" = none)
PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("menge", ("",)),
    ("penge", ("",)),
    ("meny", ("s",)),
    ("peny", ("s",)),
    ("meng", ("", "k")),
    ("peng", ("", "k")),
    ("mem", ("p", "")),
    ("pem", ("p", "")),
    ("men", ("t", "")),
    ("pen", ("t", "")),
    ("ber", ("",)),
    ("bel", ("",)),
    ("ter", ("",)),
    ("per", ("",)),
    ("me", ("",)),
    ("pe", ("",)),
    ("be", ("",)),
    ("te", ("",)),
    ("di", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
)
MIN_ROOT = 4


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], frozenset[str]]:
    data = resources.files("search").joinpath("id_lemma_lookup.json.gz").read_bytes()
    lemmas: dict[str, str] = json.loads(gzip.decompress(data))
    return lemmas, frozenset(lemmas.values())


def _unprefixed(word: str, depth: int, removed: int = 0) -> dict[str, int]:
    """Strings reachable by removing prefixes -> fewest prefix letters removed to get there."""
    out = {word: removed}
    if depth == 0:
        return out
    for prefix, swallowed in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_ROOT - 1:
            rest = word[len(prefix) :]
            for letter in swallowed:
                for cand, cost in _unprefixed(
                    letter + rest, depth - 1, removed + len(prefix)
                ).items():
                    out[cand] = min(cost, out.get(cand, cost))
    return out


def _unsuffixed(word: str) -> set[str]:
    bases = {word}
    for group in (PARTICLES, POSSESSIVES, SUFFIXES):
        for base in list(bases):
            for suffix in group:
                if base.endswith(suffix) and len(base) - len(suffix) >= MIN_ROOT:
                    bases.add(base[: -len(suffix)])
    return bases


def candidates(word: str) -> dict[str, int]:
    """Every string affix removal can reach from `word` -> prefix letters removed."""
    out: dict[str, int] = {}
    for base in _unsuffixed(word):
        for cand, cost in _unprefixed(base, 2).items():
            out[cand] = min(cost, out.get(cand, cost))
    return out


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The root of one lowercase word, or the word itself when no root is known."""
    lemmas, roots = _table()
    if word in roots:
        return word
    if word in lemmas:
        return lemmas[word]
    found = [
        (cost, -len(c), c)
        for c, cost in candidates(word).items()
        if len(c) >= MIN_ROOT and c in roots
    ]
    if found:
        # the least taken from the front wins (di-beri-kan, not di-ber-ikan), then the longest
        return min(found)[2]
    if word.endswith("nya") and len(word) - 3 >= 4:
        return word[:-3]
    return word
