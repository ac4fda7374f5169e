"""How common a word is in Indonesian (wordfreq's list): Title Case common words are not names.

wordfreq (Apache-2.0 code; its word lists are CC BY-SA 4.0, from subtitles, Wikipedia,
news and web text) ranks ~31k Indonesian words. Names are in it too ("jokowi" ranks
1,664), so the rank is one piece of evidence, not a verdict: the person model learns
from it (`bucket`), and the person rules drop a run of very common words only when
nothing else speaks for it (nlp/persons.py).
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import top_n_list

LANGUAGE = "id"
# Rank limits of the frequency buckets (the model's "fr=" feature).
BUCKETS = (300, 1_000, 3_000, 10_000)


@lru_cache(maxsize=1)
def ranks() -> dict[str, int]:
    """Lowercase word -> rank (0 is the most common)."""
    return {w: i for i, w in enumerate(top_n_list(LANGUAGE, 1_000_000))}


def rank(word: str) -> int | None:
    return ranks().get(word.lower())


def bucket(word: str) -> int:
    """0 for the ~300 most common words ... len(BUCKETS) for rare or unlisted ones."""
    r = rank(word)
    if r is None:
        return len(BUCKETS)
    return next((i for i, limit in enumerate(BUCKETS) if r < limit), len(BUCKETS))


def is_common(word: str, *, limit: int = 3_000) -> bool:
    r = rank(word)
    return r is not None and r < limit
