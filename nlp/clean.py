"""Strips datelines, bylines, "Baca juga" links and notices from Indonesian news text."""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass, field

_CITY = r"[A-Z][A-Za-z']*(?:[ -][A-Z][A-Za-z']*){0,3}"
_OUTLET = r"[A-Za-z0-9][\w.]*(?:\.(?:com|co\.id|co|id|net))|[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}"
_DASH = r"\s*[-–—]{1,2}\s*"
DATELINES = [
    # TEMPO.CO, Jakarta - ... / REPUBLIKA.CO.ID, JAKARTA -- ...
    re.compile(
        rf"^(?P<outlet>[A-Za-z0-9]+\.(?:CO\.ID|co\.id|CO|co|com|COM|ID|id)),\s*"
        rf"(?P<city>{_CITY}){_DASH}"
    ),
    # Jakarta (ANTARA) - ...
    re.compile(rf"^(?P<city>{_CITY})\s*\((?P<outlet>[^)]{{2,30}})\){_DASH}"),
    # JAKARTA, KOMPAS.com - ... / Jakarta, CNN Indonesia -- ...
    re.compile(rf"^(?P<city>{_CITY}),\s*(?P<outlet>{_OUTLET}){_DASH}"),
    # JawaPos.com - ... (outlet, no city)
    re.compile(rf"^(?P<outlet>[A-Za-z0-9][\w.]*\.(?:com|COM|co\.id|CO\.ID|id|ID)){_DASH}"),
    # Jakarta - ... (no outlet)
    re.compile(rf"^(?P<city>{_CITY})\s+[-–—]{{1,2}}\s+"),
]
BYLINE = re.compile(
    r"^\s*(?:\(?\s*)(?P<key>pewarta|editor|redaktur|laporan(?: wartawan)?|reporter|penulis|"
    r"wartawan|kontributor)\s*:\s*(?P<value>.+?)\s*\)?\s*$",
    re.IGNORECASE,
)
BYLINE_KEYS = {
    "pewarta": "pewarta",
    "reporter": "pewarta",
    "penulis": "pewarta",
    "wartawan": "pewarta",
    "kontributor": "pewarta",
    "editor": "editor",
    "redaktur": "editor",
    "laporan": "laporan",
    "laporan wartawan": "laporan",
}
# Several "Key: value" pairs on one line: "Pewarta: Budi Editor: Siti".
BYLINE_SPLIT = re.compile(
    r"\s*[|;/]?\s+(?=(?:pewarta|editor|redaktur|reporter|penulis)\s*:)", re.IGNORECASE
)
# Byline lines without a colon: "Oleh Budi Santoso [pada <date>]", "Kontributor Ungaran,
# Budi", "Laporan Reporter Tribun Lampung Budi" (a line of its own, names capitalised).
_NAME = r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4}"
BYLINE_FREE = [
    ("pewarta", re.compile(rf"^\s*Oleh\s+(?P<value>{_NAME})(?:\s+pada\s.{{4,40}})?\s*$")),
    ("pewarta", re.compile(r"^\s*Kontributor\s+[^,]{2,40},\s*(?P<value>[^,]{3,60})$", re.I)),
    ("laporan", re.compile(r"^\s*Laporan\s+(?:Reporter|Wartawan)\s+(?P<value>.{3,80})$", re.I)),
]
DROP_LINES = re.compile(
    r"^\s*(?:baca juga|simak juga|lihat juga|baca selengkapnya|artikel ini telah tayang|"
    r"ikuti (?:berita|kami|update)|dapatkan (?:update|berita|informasi)|copyright\b|©|"
    r"hak cipta|dilarang keras|all rights reserved|\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)$)",
    re.IGNORECASE,
)


NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
HTML_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,500}|!--.{0,2000}?--)>", re.DOTALL)
HTML_BLOCK = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
HTML_BREAK = re.compile(r"<(?:br|/p|/div|/li|/h[1-6])\b[^>]*>", re.IGNORECASE)
# Frequent Indonesian function words: a long text with almost none is not Indonesian.
ID_WORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "ini",
        "itu",
        "dengan",
        "untuk",
        "pada",
        "dalam",
        "tidak",
        "akan",
        "juga",
    ]
)


@dataclass
class Cleaned:
    """Article body without boilerplate, and what was found in it."""

    body: str
    dateline: str | None = None  # city of the dateline, "Jakarta"
    byline: dict[str, str] = field(default_factory=dict)  # pewarta, editor, laporan
    warnings: list[str] = field(default_factory=list)


def clean_text(text: str) -> Cleaned:
    """Remove the dateline, byline lines, "Baca juga:" lines and copyright notices."""
    text, warnings = normalise(text)
    byline: dict[str, str] = {}
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if DROP_LINES.match(line):
            continue
        if free := _free_byline(line):
            byline.setdefault(*free)
            continue
        pairs = [BYLINE.match(part) for part in BYLINE_SPLIT.split(line)]
        if line and all(pairs):
            for m in pairs:
                assert m is not None
                byline.setdefault(BYLINE_KEYS[m["key"].lower()], m["value"])
            continue
        kept.append(line)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    body, city = _strip_dateline(body)
    return Cleaned(body=body, dateline=city, byline=byline, warnings=warnings + _check(body))


def _free_byline(line: str) -> tuple[str, str] | None:
    for key, pattern in BYLINE_FREE:
        if m := pattern.match(line):
            return key, m["value"].strip()
    return None


def normalise(text: str) -> tuple[str, list[str]]:
    """Drop zero-width characters and HTML markup left in the text, with warnings."""
    warnings = []
    if ZERO_WIDTH.search(text):
        text = ZERO_WIDTH.sub("", text)
    if HTML_TAG.search(text):
        text = HTML_BLOCK.sub(" ", text)
        text = HTML_BREAK.sub("\n", text)
        text = html.unescape(HTML_TAG.sub(" ", text))
        text = re.sub(r"[ \t]{2,}", " ", text)
        warnings.append("html: markup removed from the text")
    return text, warnings


def _check(body: str) -> list[str]:
    """Warnings about text the pipeline is likely to read badly."""
    if not body.strip():
        return ["empty: no text to analyse"]
    warnings = []
    letters, upper = _letters(body)
    if letters >= 40 and upper > 0.7 * letters:
        warnings.append("all_caps: names and agencies are matched case-sensitively")
    words = body.lower().split()
    if len(words) >= 30 and sum(map(ID_WORDS.__contains__, words)) < 0.02 * len(words):
        warnings.append("language: the text does not look Indonesian")
    return warnings


def _letters(text: str) -> tuple[int, int]:
    """(letters, upper-case letters) in text, as str.isalpha and str.isupper count them.

    ASCII is counted with bytes.translate and only the other characters one by one:
    a per-character loop was a tenth of the cleaning time.
    """
    raw = text.encode("ascii", "ignore")
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    others = [c for c in NON_ASCII.findall(text) if c.isalpha()]
    return letters + len(others), upper + sum(map(str.isupper, others))


def _strip_dateline(body: str) -> tuple[str, str | None]:
    """The dateline opens the body, or its second paragraph under a title line (the
    enrich stage reads "title\n\nbody")."""
    head, sep, rest = body.partition("\n")
    starts = [0]
    if sep and len(head) <= 200 and not head.rstrip().endswith("."):
        starts.append(len(head) + len(sep) + len(rest) - len(rest.lstrip("\n")))
    for at in starts:
        for pattern in DATELINES:
            m = pattern.match(body[at:])  # "^" anchors at the string's start only
            if m:
                city = (m.groupdict().get("city") or "").strip()
                body = body[:at] + body[at + m.end() :]
                return body, (city.title() if city.isupper() else city) or None
    return body, None
