"""Token tests and walks shared by the person components: name runs, entity lookup."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.attrs import LIKE_NUM, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span

PERSON = "PERSON"


class Words:
    """A doc's tokens as strings, read once from its hash arrays: doc[i].text makes a
    Token object per look, and the person rules look at the same tokens many times."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._strings = doc.vocab.strings
        # one array read for all four attributes: each to_array call has a fixed cost
        # that, on short texts, is most of its time
        orth, lower, like_num, space = doc.to_array([ORTH, LOWER, LIKE_NUM, SPACY]).T.tolist()
        self.text: list[str] = [self._strings[h] for h in orth]
        self.lower_ids: list[int] = lower  # the LOWER hashes
        self._lower: list[str] | None = None
        self.like_num: list[int] = like_num  # 0 / 1
        self._space: list[int] = space

    def __len__(self) -> int:
        return len(self.text)

    @property
    def lower(self) -> list[str]:
        if self._lower is None:
            self._lower = [self._strings[h] for h in self.lower_ids]
        return self._lower

    def span(self, start: int, end: int) -> str:
        """doc[start:end].text, without a Token per token."""
        if end <= start:
            return ""
        text, space = self.text, self._space
        head = zip(text[start : end - 1], space[start : end - 1], strict=True)
        return "".join([t + " " if s else t for t, s in head]) + text[end - 1]


class NameShape:
    """Decides which tokens can be part of a person's name."""

    def __init__(
        self, not_names: Iterable[str], honorifics: Iterable[str], first_names: Iterable[str] = ()
    ) -> None:
        self.not_names = set(not_names)
        self.honorifics = set(honorifics)
        # never a name alone, but may start one (months: "Juli Agung Pramono")
        self.first_names = set(first_names)
        self._known: dict[str, bool] = {}  # text -> is a name word (the answer never changes)

    def is_name(self, text: str) -> bool:
        known = self._known.get(text)
        if known is None:
            known = self._is_name(text)
            if len(self._known) < 200_000:
                self._known[text] = known
        return known

    def _is_name(self, text: str) -> bool:
        if not text[:1].isupper() or text in self.not_names or text in self.honorifics:
            return False
        if len(text) <= 2 and text.rstrip(".").isalpha():
            return True  # an initial: "M." or "M"
        if text.isupper():
            return False  # an acronym: KPU, ASN, DKI
        head, dash, tail = text.partition("-")
        if dash and head.lower() == tail.lower():
            return False  # a doubled word: "Hati-hati", "Siap-Siap"
        return all(c.isalpha() or c in "'-." for c in text)

    def run_right(self, words: Words, i: int, blocked: set[int], limit: int = 5) -> tuple[int, int]:
        """(start, end) of the name run at i, honorifics before it skipped; empty if none."""
        text, n = words.text, len(words)
        while i < n and text[i] in self.honorifics and i not in blocked:
            i += 1
        j = i
        if i + 1 < n and text[i] in self.first_names and self.is_name(text[i + 1]):
            j = i + 1  # "Juli Agung Pramono": a month that starts a name
        while j < n and j - i < limit and j not in blocked and self.is_name(text[j]):
            j += 1
        return i, j

    def run_left(
        self, words: Words, end: int, blocked: set[int], limit: int = 5
    ) -> tuple[int, int]:
        """(start, end) of the name run that ends at `end`; empty if none."""
        text, i = words.text, end
        while i > 0 and end - i < limit and (i - 1) not in blocked and self.is_name(text[i - 1]):
            i -= 1
        return i, end


def covered(spans: Iterable[Span]) -> dict[int, Span]:
    """Token index -> the span covering it."""
    return {i: s for s in spans for i in range(s.start, s.end)}


@lru_cache(maxsize=65_536)
def name_tokens(text: str) -> tuple[str, ...]:
    """The words of a name ("Abdul-Karim Siregar" -> Abdul, Karim, Siregar); cached, as
    coreference asks for the same few names many times per article."""
    return tuple(w for w in text.replace("-", " ").split() if w)
