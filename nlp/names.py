"""Token tests and walks shared by the person components: name runs, entity lookup."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

PERSON = "PERSON"


class NameShape:
    """Decides which tokens can be part of a person's name."""

    def __init__(self, not_names: Iterable[str], honorifics: Iterable[str]) -> None:
        self.not_names = set(not_names)
        self.honorifics = set(honorifics)
        self._known: dict[str, bool] = {}  # text -> is a name word (the answer never changes)

    def is_name(self, tok: Token) -> bool:
        text = tok.text
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
        return all(c.isalpha() or c in "'-." for c in text)

    def run_right(self, doc: Doc, i: int, blocked: set[int], limit: int = 5) -> tuple[int, int]:
        """(start, end) of the name run at i, honorifics before it skipped; empty if none."""
        while i < len(doc) and doc[i].text in self.honorifics and i not in blocked:
            i += 1
        j = i
        while j < len(doc) and j - i < limit and j not in blocked and self.is_name(doc[j]):
            j += 1
        return i, j

    def run_left(self, doc: Doc, end: int, blocked: set[int], limit: int = 5) -> tuple[int, int]:
        """(start, end) of the name run that ends at `end`; empty if none."""
        i = end
        while i > 0 and end - i < limit and (i - 1) not in blocked and self.is_name(doc[i - 1]):
            i -= 1
        return i, end


def covered(spans: Iterable[Span]) -> dict[int, Span]:
    """Token index -> the span covering it."""
    return {i: s for s in spans for i in range(s.start, s.end)}


def name_tokens(text: str) -> list[str]:
    return [w for w in text.replace("-", " ").split() if w]
