"""Affix-tolerant multi-word term matching over lowercased tokens."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from spacy.attrs import LOWER
from spacy.tokens import Doc

# Cheap Indonesian morphology: a root written "~kampanye" also matches berkampanye,
# dikampanyekan, mengampanyekan, kampanyenya... Over-generated non-words are harmless.
PREFIXES = (
    "",
    "ber",
    "be",
    "di",
    "ter",
    "ke",
    "se",
    "per",
    "diper",
    "memper",
    "keber",
    "keter",
    "me",
    "mem",
    "men",
    "meng",
    "meny",
    "pe",
    "pem",
    "pen",
    "peng",
    "peny",
)
SUFFIXES = ("", "kan", "an", "i", "nya", "lah", "kannya", "annya", "inya")
# meN-/peN- replace the first k, p, t, s of a root: kampanye -> mengampanye(kan).
NASAL = {"k": "ng", "p": "m", "t": "n", "s": "ny"}


def variants(root: str) -> set[str]:
    """Surface forms of a root with the common prefixes, suffixes and nasal mutation."""
    stems = {pre + root for pre in PREFIXES}
    if root[:1] in NASAL:
        stems |= {pre + NASAL[root[0]] + root[1:] for pre in ("me", "pe")}
    return {stem + suf for stem in stems for suf in SUFFIXES}


Unit = tuple[bool, str]  # (is_root, lowercase text)


class TermIndex:
    """Finds terms ("politik uang", "~kampanye", "tidak ~netral") in a Doc.

    Each term belongs to one or more groups; `find` returns (start, end, group) for
    every hit, in token order. Words prefixed with "~" are roots matched with their
    affixed forms; other words match their lowercase text exactly.
    """

    def __init__(self, make_doc: Callable[[str], Doc]) -> None:
        self.make_doc = make_doc
        self.roots_of: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[Unit, list[tuple[tuple[Unit, ...], str]]] = defaultdict(list)
        self._starts: dict[str, list[tuple[tuple[Unit, ...], str]]] = {}

    def add(self, group: str, terms: Iterable[str]) -> None:
        for term in terms:
            units = self._units(term)
            if units:
                self.by_first[units[0]].append((units, group))
        self._starts.clear()

    def _units(self, term: str) -> tuple[Unit, ...]:
        units: list[Unit] = []
        for word in term.split():
            is_root = word.startswith("~")
            tokens = [t.lower_ for t in self.make_doc(word.lstrip("~"))]
            if is_root and len(tokens) == 1:
                for form in variants(tokens[0]):
                    self.roots_of[form].add(tokens[0])
                units.append((True, tokens[0]))
            else:
                units.extend((False, t) for t in tokens)
        return tuple(units)

    def _matches(self, lower: str, unit: Unit) -> bool:
        is_root, text = unit
        return lower == text or (is_root and text in self.roots_of.get(lower, ()))

    def _starting(self, lower: str) -> list[tuple[tuple[Unit, ...], str]]:
        """Terms whose first unit matches a token with this lowercase text (cached)."""
        cached = self._starts.get(lower)
        if cached is None:
            firsts = {(False, lower), (True, lower)}
            firsts.update((True, r) for r in self.roots_of.get(lower, ()))
            cached = [t for first in firsts for t in self.by_first.get(first, ())]
            if len(self._starts) < 200_000:
                self._starts[lower] = cached
        return cached

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        strings = doc.vocab.strings
        lowers = [strings[h] for h in doc.to_array(LOWER).tolist()]  # no Token objects
        hits: list[tuple[int, int, str]] = []
        for i, lower in enumerate(lowers):
            for units, group in self._starting(lower):
                end = i + len(units)
                if end <= len(lowers) and all(
                    self._matches(lowers[i + k], u) for k, u in enumerate(units[1:], 1)
                ):
                    hits.append((i, end, group))
        return sorted(hits)
