"""The user query syntax: words, OR, -exclude, "phrase", prefix*, field:value, (groups).

User text is never handed to an engine's own query parser: it is parsed here into a
small tree (`And` / `Or` of `Term`s, any node negated) and each backend builds its
engine query from that tree.

Grammar (OR binds tighter than the implicit AND, parentheses group):

    query := unit*                      AND of the units
    unit  := atom ("OR" atom)*
    atom  := term | ["-"] "(" query ")"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from search.errors import QuerySyntaxError as QuerySyntaxError  # its home before
from search.filters import SYNTAX_FIELDS

MAX_QUERY_CHARS = 2_000
MAX_TERMS = 64
MAX_DEPTH = 16  # Elasticsearch refuses bool queries nested deeper than 20
MIN_PREFIX = 2
FIELDS = ("title", *SYNTAX_FIELDS)
TEXT_FIELDS = (None, "title")

_FIELD = re.compile(r"^([A-Za-z_*]+):(.*)$", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")  # str.isalnum() runs: \w is alnum plus "_"
_QUOTE_HEAD = re.compile(r"^-?([A-Za-z_*]+:)?$")
_OR_NEEDS = "OR needs a word on each side, e.g. kampanye OR sosialisasi"
_OR_NEEDS_ID = "OR perlu kata di kedua sisinya, mis. kampanye OR sosialisasi."

Kind = Literal["word", "phrase", "prefix", "value"]


@dataclass(frozen=True)
class Term:
    """One searchable thing: words in the text (or title), or a field's exact value.

    kind: "word" (one word), "phrase" (words in order), "prefix" (one word start), or
    "value" (a filter's value, `search.filters`, compared whole, case-insensitively).
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
class And:
    """Every part holds (`negated`: not all of them). The root of a parsed query."""

    parts: tuple[Node, ...] = ()
    negated: bool = False

    @property
    def is_text(self) -> bool:
        return all(p.is_text for p in self.parts)


@dataclass(frozen=True)
class Or:
    """At least one part holds (`negated`: none does). Parts are never negated."""

    parts: tuple[Node, ...] = ()
    negated: bool = False

    @property
    def is_text(self) -> bool:
        return all(p.is_text for p in self.parts)


Node = Term | And | Or


def positive(node: Node) -> bool:
    """Whether the node can stand on its own in an OR: it asks for something to be there."""
    if node.negated:
        return False
    return not isinstance(node, And) or any(not p.negated for p in node.parts)


def matches(node: Node, holds: Callable[[Term], bool]) -> bool:
    """The node's truth, given which terms hold (for matching outside an engine)."""
    if isinstance(node, Term):
        found = holds(node)
    elif isinstance(node, And):
        found = all(matches(p, holds) for p in node.parts)
    else:
        found = any(matches(p, holds) for p in node.parts)
    return found != node.negated


def walk(node: Node, negated: bool = False) -> Iterator[Term]:
    """Every term of the tree, its `negated` set to whether it is excluded in effect."""
    negated = negated != node.negated
    if isinstance(node, Term):
        yield replace(node, negated=negated)
        return
    for p in node.parts:
        yield from walk(p, negated)


def words(text: str) -> list[str]:
    """Split into lowercase word tokens the same way everywhere (runs of letters/digits)."""
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class _Token:
    kind: Literal["open", "close", "or", "term"]
    pos: int  # 0-based index in the user's text
    text: str = ""
    quoted: bool = False
    negated: bool = False  # "-(" opens a negated group


def _tokens(text: str) -> list[_Token]:
    """Tokens; a quoted token keeps its `field:` and `-` prefix outside ("\x00" marks it)."""
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Token("open" if c == "(" else "close", i))
            i += 1
        elif c == "-" and text[i + 1 : i + 2] == "(":
            out.append(_Token("open", i, negated=True))
            i += 2
        else:
            i = _word_token(text, i, out)
    return out


def _word_token(text: str, i: int, out: list[_Token]) -> int:
    start, n = i, len(text)
    while i < n and not text[i].isspace() and text[i] not in '"()':
        i += 1
    if i < n and text[i] == '"':
        head = text[start:i]
        if head and not _QUOTE_HEAD.match(head):
            out.append(_Token("term", start, head))  # text glued before a quote: own word
            start = i
        end = text.find('"', i + 1)
        if end == -1:
            raise QuerySyntaxError(
                f'unbalanced quote: the " at character {i + 1} is never closed '
                '(close the phrase with a second ", or remove the quote)',
                'tanda kutip " tidak pernah ditutup: tutup frasanya dengan " kedua, '
                "atau hapus tanda kutipnya.",
                position=i + 1,
            )
        # a quote glued to the next word ("a"b) ends the phrase there
        out.append(_Token("term", start, text[start:i] + "\x00" + text[i + 1 : end], True))
        return end + 1
    token = text[start:i]
    out.append(_Token("or" if token == "OR" else "term", start, token))
    return i


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
            known = ", ".join(f"{f}:" for f in FIELDS)
            raise QuerySyntaxError(
                f"unknown field {match.group(1)!r}: use {known}"
                " (or put the text in quotes to search it literally)",
                f"kolom {match.group(1)!r} tidak dikenal: pakai {known} "
                "(atau beri tanda kutip untuk mencari teks itu apa adanya).",
            )
        field = name
        head = match.group(2)
        if not quoted and not head:
            raise QuerySyntaxError(
                f"{name}: needs a value, e.g. {name}:bawaslu",
                f"{name}: perlu nilai, mis. {name}:bawaslu.",
            )
    elif quoted and head.strip("-"):
        # text glued before a quote (abc"de f") is a separate word
        raise QuerySyntaxError(
            f"put a space before the quote after {head!r}",
            f"beri spasi sebelum tanda kutip setelah {head!r}.",
        )
    raw = inner if quoted else head
    if field not in TEXT_FIELDS:
        value = " ".join(raw.split())
        if not value:
            raise QuerySyntaxError(f"{field}: needs a value", f"{field}: perlu nilai.")
        return Term("value", field=field, value=value, negated=negated)
    if not quoted and raw.endswith("*"):
        stem = words(raw.rstrip("*"))
        if len(stem) != 1 or len(stem[0]) < MIN_PREFIX:
            raise QuerySyntaxError(
                f"prefix search needs at least {MIN_PREFIX} letters before the *: {raw!r}",
                f"pencarian awalan perlu minimal {MIN_PREFIX} huruf sebelum *: {raw!r}.",
            )
        return Term("prefix", (stem[0],), field=field, negated=negated)
    found = tuple(words(raw))
    if not found:
        return None
    kind: Kind = "word" if len(found) == 1 else "phrase"
    return Term(kind, found, field=field, negated=negated)


@dataclass
class _Level:
    """One parenthesis level being read: its AND-ed units and a pending OR."""

    pos: int
    negated: bool = False
    parts: list[Node] = field(default_factory=list)
    pending_or: bool = False

    def add(self, node: Node) -> None:
        parts = self.parts
        if not self.pending_or:
            parts.append(node)
            return
        if not positive(node) or not positive(parts[-1]):
            raise QuerySyntaxError(
                "an excluded -word or -(group) cannot be part of an OR; "
                "write the OR first and exclude outside it: (a OR b) -c",
                "kata atau grup yang dikecualikan (-) tidak bisa menjadi bagian OR; "
                "tulis OR dulu lalu kecualikan di luarnya: (a OR b) -c.",
            )
        left = parts[-1]
        left_parts = left.parts if isinstance(left, Or) else (left,)
        parts[-1] = Or((*left_parts, *(node.parts if isinstance(node, Or) else (node,))))
        self.pending_or = False

    def close(self) -> Node | None:
        if self.pending_or:
            raise QuerySyntaxError(_OR_NEEDS, _OR_NEEDS_ID)
        flat: list[Node] = []
        for p in self.parts:  # (a b) inside an AND is just a b
            flat.extend(p.parts if isinstance(p, And) and not p.negated else (p,))
        if not flat:
            return None
        if len(flat) == 1:
            return replace(flat[0], negated=flat[0].negated != self.negated)
        return And(tuple(flat), self.negated)


def parse(text: str) -> And:
    """Parse user text into a tree (the root is an And); QuerySyntaxError says what's wrong."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}",
            f"pencarian sepanjang {len(text)} karakter; batasnya {MAX_QUERY_CHARS}.",
        )
    stack = [_Level(-1)]
    count = 0
    for tok in _tokens(text):  # a loop with a stack: deep nesting is an error, not a crash
        level = stack[-1]
        if tok.kind == "open":
            if len(stack) > MAX_DEPTH:
                raise QuerySyntaxError(
                    f"parentheses nest too deep at character {tok.pos + 1}: "
                    f"at most {MAX_DEPTH} levels",
                    f"tanda kurung bersarang terlalu dalam: paling banyak {MAX_DEPTH} tingkat.",
                    position=tok.pos + 1,
                )
            stack.append(_Level(tok.pos, tok.negated))
            continue
        if tok.kind == "close":
            if len(stack) == 1:
                raise QuerySyntaxError(
                    f"unbalanced parentheses: the ) at character {tok.pos + 1} has no ( before it",
                    "tanda kurung tutup ) tanpa kurung buka ( sebelumnya.",
                    position=tok.pos + 1,
                )
            node = stack.pop().close()
        elif tok.kind == "or":
            if not level.parts or level.pending_or:
                raise QuerySyntaxError(_OR_NEEDS, _OR_NEEDS_ID, position=tok.pos + 1)
            level.pending_or = True
            continue
        else:
            node = _term(tok.text, tok.quoted)
            count += node is not None
        if node is not None:
            stack[-1].add(node)
    if len(stack) > 1:
        raise QuerySyntaxError(
            f"unbalanced parentheses: the ( at character {stack[-1].pos + 1} is never closed",
            "tanda kurung buka ( tidak pernah ditutup dengan ).",
            position=stack[-1].pos + 1,
        )
    if count > MAX_TERMS:
        raise QuerySyntaxError(
            f"too many terms; the limit is {MAX_TERMS}",
            f"terlalu banyak kata; batasnya {MAX_TERMS}.",
        )
    root = stack[0].close()
    if root is None:
        return And()
    return root if isinstance(root, And) and not root.negated else And((root,))


def parse_text(text: str) -> list[Term]:
    """All terms of a query, flattened, each `negated` when it is excluded in effect."""
    return list(walk(parse(text)))
