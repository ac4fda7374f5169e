"""The user query syntax: words, OR, -exclude, "phrase", prefix*, field:value.

User text is never handed to an engine's own query parser: it is parsed here into
groups of terms (groups are ANDed, the terms of a group ORed) and each backend builds
its engine query from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MAX_QUERY_CHARS = 2_000
MAX_TERMS = 64
MIN_PREFIX = 2
FIELDS = ("title", "source", "entity", "topic", "region")
TEXT_FIELDS = (None, "title")

_FIELD = re.compile(r"^([A-Za-z_*]+):(.*)$", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")  # str.isalnum() runs: \w is alnum plus "_"
_QUOTE_HEAD = re.compile(r"^-?([A-Za-z_*]+:)?$")

Kind = Literal["word", "phrase", "prefix", "value"]


class QuerySyntaxError(ValueError):
    """The user's query text cannot be understood; the message says why."""


@dataclass(frozen=True)
class Term:
    """One searchable thing: words in the text (or title), or a field's exact value.

    kind: "word" (one word), "phrase" (words in order), "prefix" (one word start), or
    "value" (source/entity/topic/region compared whole, case-insensitively).
    """

    kind: Kind
    words: tuple[str, ...] = ()
    field: str | None = None
    value: str = ""
    negated: bool = False

    @property
    def is_text(self) -> bool:
        return self.field in TEXT_FIELDS


@dataclass(frozen=True)
class Group:
    """Terms joined by OR; a query matches when every group matches."""

    terms: tuple[Term, ...]

    @property
    def negated(self) -> bool:
        return len(self.terms) == 1 and self.terms[0].negated


def words(text: str) -> list[str]:
    """Split into lowercase word tokens the same way everywhere (runs of letters/digits)."""
    return [w.lower() for w in _WORD.findall(text)]


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(token, quoted) pairs; a quoted token keeps its `field:` and `-` prefix outside."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        if i < n and text[i] == '"':
            head = text[start:i]
            if head and not _QUOTE_HEAD.match(head):
                out.append((head, False))  # text glued before a quote is a word of its own
                start = i
            end = text.find('"', i + 1)
            if end == -1:
                raise QuerySyntaxError(
                    'unbalanced quote: close the phrase with a second " (or remove the quote)'
                )
            # a quote glued to the next word ("a"b) ends the phrase there
            out.append((text[start:i] + "\x00" + text[i + 1 : end], True))
            i = end + 1
            continue
        out.append((text[start:i], False))
    return out


def _term(token: str, quoted: bool) -> Term | None:
    negated = token.startswith("-") and len(token) > 1
    if negated:
        token = token[1:]
    head, _, inner = token.partition("\x00") if quoted else (token, "", "")
    field: str | None = None
    match = _FIELD.match(head)
    if match:
        name = match.group(1).lower()
        if name not in FIELDS:
            raise QuerySyntaxError(
                f"unknown field {match.group(1)!r}: use "
                + ", ".join(f"{f}:" for f in FIELDS)
                + " (or put the text in quotes to search it literally)"
            )
        field = name
        head = match.group(2)
        if not quoted and not head:
            raise QuerySyntaxError(f"{name}: needs a value, e.g. {name}:bawaslu")
    elif quoted and head.strip("-"):
        # text glued before a quote (abc"de f") is a separate word
        raise QuerySyntaxError(f"put a space before the quote after {head!r}")
    raw = inner if quoted else head
    if field not in TEXT_FIELDS:
        value = " ".join(raw.split())
        if not value:
            raise QuerySyntaxError(f"{field}: needs a value")
        return Term("value", field=field, value=value, negated=negated)
    if not quoted and raw.endswith("*"):
        stem = words(raw.rstrip("*"))
        if len(stem) != 1 or len(stem[0]) < MIN_PREFIX:
            raise QuerySyntaxError(
                f"prefix search needs at least {MIN_PREFIX} letters before the *: {raw!r}"
            )
        return Term("prefix", (stem[0],), field=field, negated=negated)
    found = tuple(words(raw))
    if not found:
        return None
    kind: Kind = "word" if len(found) == 1 else "phrase"
    return Term(kind, found, field=field, negated=negated)


def parse_query(text: str) -> list[Group]:
    """Parse user text into AND-ed groups of OR-ed terms; QuerySyntaxError says what's wrong."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}"
        )
    groups: list[list[Term]] = []
    pending_or = False
    for token, quoted in _tokens(text):
        if token == "OR" and not quoted:
            if not groups or pending_or:
                raise QuerySyntaxError("OR needs a word on each side, e.g. kampanye OR sosialisasi")
            pending_or = True
            continue
        term = _term(token, quoted)
        if term is None:
            continue
        if pending_or:
            if term.negated or groups[-1][-1].negated:
                raise QuerySyntaxError("an excluded -word cannot be part of an OR")
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise QuerySyntaxError("OR needs a word on each side, e.g. kampanye OR sosialisasi")
    if sum(len(g) for g in groups) > MAX_TERMS:
        raise QuerySyntaxError(f"too many terms; the limit is {MAX_TERMS}")
    return [Group(tuple(g)) for g in groups]


def parse_text(text: str) -> list[Term]:
    """All terms of a query, flattened (for highlighting and callers of the first version)."""
    return [t for g in parse_query(text) for t in g.terms]
