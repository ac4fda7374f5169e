"""Strips datelines, bylines, "Baca juga" links and notices from Indonesian news text."""

from __future__ import annotations

import re
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
DROP_LINES = re.compile(
    r"^\s*(?:baca juga|simak juga|lihat juga|baca selengkapnya|artikel ini telah tayang|"
    r"ikuti (?:berita|kami|update)|dapatkan (?:update|berita|informasi)|copyright\b|©|"
    r"hak cipta|dilarang keras|all rights reserved|\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)$)",
    re.IGNORECASE,
)


@dataclass
class Cleaned:
    """Article body without boilerplate, and what was found in it."""

    body: str
    dateline: str | None = None  # city of the dateline, "Jakarta"
    byline: dict[str, str] = field(default_factory=dict)  # pewarta, editor, laporan


def clean_text(text: str) -> Cleaned:
    """Remove the dateline, byline lines, "Baca juga:" lines and copyright notices."""
    byline: dict[str, str] = {}
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if DROP_LINES.match(line):
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
    return Cleaned(body=body, dateline=city, byline=byline)


def _strip_dateline(body: str) -> tuple[str, str | None]:
    for pattern in DATELINES:
        m = pattern.match(body)
        if m:
            city = m["city"].strip()
            return body[m.end() :], city.title() if city.isupper() else city
    return body, None
