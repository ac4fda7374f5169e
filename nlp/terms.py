"""Affix-tolerant multi-word term matching over lowercased tokens."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from spacy.attrs import LOWER
from spacy.strings import get_string_id
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
Rest = tuple[frozenset[int], ...]  # after the first unit: the lowercase hashes each may have


class TermIndex:
    """Finds terms ("politik uang", "~kampanye", "tidak ~netral") in a Doc.

    Each term belongs to one or more groups; `find` returns (start, end, group) for
    every hit, in token order. Words prefixed with "~" are roots matched with their
    affixed forms; other words match their lowercase text exactly. Matching compares
    the doc's LOWER hashes with the hashes of every form a unit allows, so no token
    text is looked up.
    """

    def __init__(self, make_doc: Callable[[str], Doc]) -> None:
        self.make_doc = make_doc
        self.terms: list[tuple[tuple[Unit, ...], str]] = []
        self._table: dict[int, list[tuple[Rest, str]]] | None = None

    def add(self, group: str, terms: Iterable[str]) -> None:
        for term in terms:
            units = self._units(term)
            if units:
                self.terms.append((units, group))
        self._table = None

    def _units(self, term: str) -> tuple[Unit, ...]:
        units: list[Unit] = []
        for word in term.split():
            is_root = word.startswith("~")
            tokens = [t.lower_ for t in self.make_doc(word.lstrip("~"))]
            if is_root and len(tokens) == 1:
                units.append((True, tokens[0]))
            else:
                units.extend((False, t) for t in tokens)
        return tuple(units)

    @staticmethod
    def _forms(unit: Unit) -> frozenset[int]:
        is_root, text = unit
        return frozenset(get_string_id(f) for f in (variants(text) if is_root else {text}))

    def _compile(self) -> dict[int, list[tuple[Rest, str]]]:
        """First token's lowercase hash -> (the other units' forms, group) of each term."""
        table: dict[int, list[tuple[Rest, str]]] = defaultdict(list)
        for units, group in self.terms:
            rest = tuple(self._forms(u) for u in units[1:])
            for h in self._forms(units[0]):
                table[h].append((rest, group))
        return dict(table)

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        if self._table is None:
            self._table = self._compile()
        table = self._table
        ids = doc.to_array(LOWER).tolist()  # no Token objects
        n = len(ids)
        hits: list[tuple[int, int, str]] = []
        for i in [i for i, h in enumerate(ids) if h in table]:
            for rest, group in table[ids[i]]:
                end = i + 1 + len(rest)
                if not rest or (
                    end <= n and all(ids[i + 1 + k] in forms for k, forms in enumerate(rest))
                ):
                    hits.append((i, end, group))
        return sorted(hits)
