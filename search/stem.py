"""Indonesian stemming owned by pantau, applied at index and at query time on both backends.

Lucene's IndonesianAnalyzer is a light, dictionary-free stemmer: it gives `tertib` for
penertiban and ditertibkan but `ertib` for menertibkan, so the three never meet. We
stem in Python instead, with the project's own affix stripper checked against an
MIT-licensed root list (`search.affixes`; Sastrawi was avoided because its root-word
dictionary derives from a non-commercial licence), and give the engines pre-stemmed
text: FTS5 indexes
the stems as words; Elasticsearch indexes them in `*_stems` fields with a plain
(standard tokenizer + lowercase) analyzer. Both backends therefore match on exactly
the same tokens. STEMMER_VERSION goes into every indexed document: bump it when the
rules change, then `pantau reindex`.
"""

from __future__ import annotations

from functools import lru_cache

from search.affixes import stem_word
from search.syntax import words

STEMMER_VERSION = "affixes-1+pantau-1"

# Words the dictionary stemmer would over-stem into a different word; kept whole.
KEEP = frozenset(
    {
        "pemilu",  # affix stripping: pilu
        "pilkada",
        "pilpres",
        "pileg",
        "bawaslu",
        "panwaslu",
        "panwascam",
        "pemkot",
        "pemkab",
        "pemprov",
        "berita",
        "media",
    }
)
MAX_WORD = 40


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lowercase word token (as produced by `syntax.words`)."""
    if len(word) < 4 or len(word) > MAX_WORD or word in KEEP or not word.isalpha():
        return word
    return stem_word(word)


def stems(text: str) -> list[str]:
    """Word tokens of `text`, stemmed, in order (one per word, so positions match)."""
    return [stem(w) for w in words(text)]


def stem_text(text: str) -> str:
    """Stems of `text` joined by spaces: what the engines index in the stemmed fields."""
    return " ".join(stems(text))
