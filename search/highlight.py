"""Highlights computed from the query's stems, identical on every backend.

Engines highlight their own analysed fields; ours match on pre-stemmed fields, so the
highlighter works on the original text here: a word is marked when its stem is one the
query asked for, or when it starts with a prefix the query asked for. Output is
HTML-escaped text with matches in <mark>…</mark>, safe to put into a page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from search.stem import stem
from search.syntax import Node, walk

WORD = re.compile(r"[^\W_]+")
FRAGMENT_CHARS = 200
PLAIN_CHARS = 200


@dataclass(frozen=True)
class Marker:
    """What to mark in the title and in the body."""

    stems: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    title_stems: frozenset[str] = frozenset()
    title_prefixes: tuple[str, ...] = ()
    spans: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, tree: Node) -> Marker:
        body_s: set[str] = set()
        body_p: list[str] = []
        title_s: set[str] = set()
        title_p: list[str] = []
        for t in walk(tree):  # what the query asks for, not what it excludes
            if t.negated or not t.is_text:
                continue
            s, p = (title_s, title_p) if t.field == "title" else (body_s, body_p)
            if t.kind == "prefix":
                p.append(t.words[0])
            else:
                s.update(stem(w) for w in t.words)
        return cls(
            frozenset(body_s),
            tuple(body_p),
            frozenset(body_s | title_s),
            tuple(body_p + title_p),
        )

    def _hits(self, text: str, *, title: bool) -> list[tuple[int, int]]:
        wanted = self.title_stems if title else self.stems
        prefixes = self.title_prefixes if title else self.prefixes
        if not wanted and not prefixes:
            return []
        out = []
        for m in WORD.finditer(text):
            w = m.group().lower()
            if stem(w) in wanted or w.startswith(prefixes or ("\x00",)):
                out.append(m.span())
        return out

    def title(self, text: str) -> str:
        return _render(text, self._hits(text, title=True), 0, len(text))

    def snippet(self, body: str) -> str:
        hits = self._hits(body, title=False)
        if not hits:
            end = _cut(body, PLAIN_CHARS)
            return html.escape(body[:end]) + (" …" if end < len(body) else "")
        # the window of FRAGMENT_CHARS holding the most marked words
        best, best_n, j = 0, 0, 0
        for i, (start, _) in enumerate(hits):
            while j < len(hits) and hits[j][1] - start <= FRAGMENT_CHARS:
                j += 1
            if j - i > best_n:
                best, best_n = i, j - i
        start = _back(body, max(0, hits[best][0] - 40))
        end = _cut(body, start + FRAGMENT_CHARS)
        text = _render(body, hits, start, end)
        return ("… " if start > 0 else "") + text + (" …" if end < len(body) else "")


def _back(text: str, pos: int) -> int:
    """Move pos back to the start of a word."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _cut(text: str, pos: int) -> int:
    """Move pos forward to the end of a word (never past the text)."""
    if pos >= len(text):
        return len(text)
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _render(text: str, hits: list[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    pos = start
    for a, b in hits:
        if a < start or b > end:
            continue
        out.append(html.escape(text[pos:a]))
        out.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:end]))
    return " ".join("".join(out).split())
