"""What is never article text, on any page: teasers, UI strings, embeds, credits, datelines."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from crawlers.dates import month_number, parse_indonesian_datetime
from crawlers.parsers.html import clean_text

_WORDS = re.compile(r"[a-z']+|\d+")
_DATE_WORDS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "wib",
               "wita", "wit", "pukul", "diperbarui", "dipublikasikan", "diterbitkan", "update",
               "publish", "published", "terbit", "am", "pm", "utc", "gmt"}  # fmt: skip

# Lines that are never article text, on any outlet. Anchored at the line start; the
# teasers ("Baca juga: ...") are whole lines, so dropping the line drops the teaser.
NOISE_LINE = re.compile(
    r"^(?:"
    r"(?:baca|lihat|simak|cek|tonton|saksikan|dengarkan|klik)\s+(?:juga|pula|video|berita|"
    r"selengkapnya|di ?sini|artikel)\b|"
    r"(?:baca|lihat|simak)\s*:|"
    r"advertisement$|advertisment$|iklan$|scroll to (?:continue|resume)|load more$|"
    r"scroll (?:untuk|ke bawah)|gulir (?:untuk|ke bawah)|lanjut(?:kan)? membaca|"
    r"sponsored$|konten bersponsor|lihat foto$|video (?:pilihan|terkait|terpopuler)\b|"
    r"muat (?:lebih )?banyak$|tampilkan (?:lebih )?banyak|loading\.*$|"
    r"copyright\b|\(c\)\s*\d{4}|©|hak cipta\b|all rights reserved|"
    r"dilarang (?:keras )?(?:mengambil|mengutip|menyalin)|"
    r"ikuti (?:berita|kami|update|saluran|whatsapp)|dapatkan (?:update|berita|informasi)|"
    r"(?:follow|ikuti|gabung|join|subscribe)\b.{0,60}\b(?:google news|whatsapp|instagram|"
    r"twitter|tiktok|youtube|telegram|channel|saluran|facebook)|"
    r"(?:simak|ikuti) (?:breaking|update|terus)|"
    r"follow (?:us|kami)|download (?:aplikasi|app)|unduh aplikasi|"
    r"halaman (?:selanjutnya|berikutnya|sebelumnya)|next page|selanjutnya$|"
    r"artikel ini (?:telah|sudah) (?:tayang|terbit|dimuat)|"
    r"view this post on instagram|lihat postingan ini di instagram|"
    r"a post shared by|watch on youtube|tonton di youtube|"
    r"(?:berita|artikel) (?:terkait|lainnya|pilihan|populer)$|rekomendasi$|terpopuler$|"
    r"headline$|trending$|pilihan (?:editor|redaksi|untukmu)\b|"
    r"bagikan$|share$|komentar$|tags?\s*:|topik\s*:|"
    r"\[gambas:"
    r")",
    re.IGNORECASE,
)
# A tweet's signature line: "— Name (@handle) November 27, 2024", or a bare pic link.
_EMBED_LINE = re.compile(
    r"(?:^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}$|pic\.twitter\.com/\w+|"
    r"^https?://(?:t\.co|twitter\.com|x\.com|www\.instagram\.com|youtu\.be)/\S*$)",
    re.IGNORECASE,
)
# A line that is only a parenthesis: reporter initials "(rdp/imk)", "(Z-8)", "(*)",
# "(Tribunnews.com/Nama)"; stories do not open or close with one.
_INITIALS = re.compile(r"^\([^()]{1,60}\)\.?$")
CREDIT_LINE = re.compile(
    r"^(pewarta|editor|penerjemah|penulis|reporter|laporan|redaktur|kontributor|"
    r"penyunting|sumber|foto)\s*:\s*(.*)$",
    re.IGNORECASE,
)
# Elements that are never article text: embedded posts, related boxes, share bars.
_CLASS_WORDS = (
    "twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "embed", "related",
    "terkait", "baca-juga", "bacajuga", "lihat-juga", "share", "social", "newsletter",
    "comment", "komentar", "promo", "recommend", "rekomendasi", "popular", "terpopuler",
    "headline", "sidebar", "breadcrumb", "tag-", "tags", "author-box", "subscribe",
)  # fmt: skip
_KEEP_CLASSES = ("content", "body", "article", "detail", "text", "post", "read", "entry")
_ALWAYS = (
    ".//script | .//style | .//noscript | .//iframe | .//ins | .//template | .//form"
    " | .//figure | .//figcaption | .//button | .//video | .//audio | .//svg | .//nav"
    " | .//aside | .//blockquote[contains(@class, 'twitter') or contains(@class, 'instagram')"
    " or contains(@class, 'tiktok')]"
)


def is_noise(line: str) -> bool:
    """True for a line that is UI, a teaser, an embed, a copyright, credit initials or
    the page's printed date on a line of its own."""
    return bool(
        NOISE_LINE.match(line)
        or _EMBED_LINE.search(line)
        or _INITIALS.match(line)
        or is_date_line(line)
    )


def is_date_line(line: str) -> bool:
    """ "Rabu, 27 Nov 2024 17:02 WIB", "Kompas.com - 27/11/2024, 20:11 WIB": a line that
    is a date and little else (a sentence that mentions a date is not)."""
    if len(line) > 60 or parse_indonesian_datetime(line) is None:
        return False
    words = _WORDS.findall(line.lower())
    other = [w for w in words if w not in _DATE_WORDS and not w.isdigit() and not month_number(w)]
    return len(other) <= 2


def prune(element: lxml_html.HtmlElement, extra_xpath: str = "") -> None:
    """Remove from an article body what is never article text (in place).

    Structure, not wording: scripts and embeds; boxes whose class says related, share or
    embed; ad slots; and link lists (a block whose text is mostly links is a list of
    other stories, however it is labelled).
    """
    for node in element.xpath(_ALWAYS + extra_xpath):
        if node is not element and node.getparent() is not None:
            node.drop_tree()
    for node in list(element.iter()):
        if node is element or not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if _is_ad(node) or _is_boxed_noise(node) or _is_link_list(node):
            node.drop_tree()


def _classes(node: lxml_html.HtmlElement) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}".lower()


def _is_ad(node: lxml_html.HtmlElement) -> bool:
    classes = (node.get("class") or "").lower().split()
    node_id = (node.get("id") or "").lower()
    return node_id.startswith(("div-gpt-ad", "ads")) or any(
        c.startswith(("ads", "adsense", "advert", "iklan")) or c.endswith(("-ads", "_ads"))
        for c in classes
    )


def _is_boxed_noise(node: lxml_html.HtmlElement) -> bool:
    if node.tag in ("p", "span", "a", "b", "strong", "em", "i"):
        return False
    classes = _classes(node)
    if not any(word in classes for word in _CLASS_WORDS):
        return False
    # "detail__body-text" holds the story; "related-content" does not: a container
    # class names the story only when no noise word is there.
    return not any(k in classes for k in _KEEP_CLASSES) or "related" in classes


def _is_link_list(node: lxml_html.HtmlElement) -> bool:
    if node.tag not in ("p", "div", "ul", "ol", "li", "section", "table", "h2", "h3", "h4"):
        return False
    text = clean_text(node.text_content())
    if not text or len(text) > 400:
        return False
    linked = sum(len(clean_text(a.text_content())) for a in node.iter("a"))
    return linked / len(text) > 0.6


def take_credits(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """({"pewarta": ..., "editor": ...}, the lines without credit lines)."""
    found: dict[str, str] = {}
    kept: list[str] = []
    for line in lines:
        credits = credit_lines([line])
        if credits:
            for key, value in credits.items():
                found.setdefault(key, value)
        else:
            kept.append(line)
    return found, kept


def credit_lines(lines: list[str]) -> dict[str, str]:
    """{"pewarta": ..., "editor": ...} from lines such as "Pewarta: A" or "X | LAPORAN: B"."""
    found: dict[str, str] = {}
    for line in lines:
        pieces = [p.strip() for p in re.split(r"\s+\|\s+|\s{2,}", line)]
        matches = [CREDIT_LINE.match(p) for p in pieces]
        if not any(matches):
            continue
        # "Pewarta: A Editor: B" on one line: split before each further label.
        for piece in pieces:
            for part in re.split(r"\s+(?=(?:editor|pewarta|penerjemah|reporter)\s*:)", piece,
                                 flags=re.IGNORECASE):  # fmt: skip
                match = CREDIT_LINE.match(part.strip())
                if match and match.group(2).strip():
                    found.setdefault(match.group(1).lower(), clean_text(match.group(2)))
    for alias in ("penulis", "reporter", "laporan", "kontributor"):
        if alias in found and "pewarta" not in found:
            found["pewarta"] = found[alias]
    if "redaktur" in found and "editor" not in found:
        found["editor"] = found["redaktur"]
    return found


def clean_lines(lines: list[str], title: str = "", people: tuple[str, ...] = ()) -> list[str]:
    """Lines minus noise, a repeat of the headline, and header residue before the story
    (the byline or date line an extractor took for text)."""
    kept = [line for line in lines if line and line != title and not is_noise(line)]
    while kept and _is_header_residue(kept[0], people):
        kept.pop(0)
    return kept


_CREDIT_PREFIX = re.compile(r"^(?:red|rep|oleh|penulis|reporter|editor|laporan)\b", re.I)


def _is_header_residue(line: str, people: tuple[str, ...]) -> bool:
    if len(line) > 120 or line.endswith((".", '"', "”")):
        return False
    if _CREDIT_PREFIX.match(line) or any(p and p in line for p in people):
        return True
    return parse_indonesian_datetime(line) is not None


# "Jakarta -", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "Jakarta, CNN Indonesia --",
# "TEMPO.CO, Jakarta -", "Liputan6.com, Jakarta -", "REPUBLIKA.CO.ID, BANDUNG --".
DATELINE = re.compile(
    r"^(?:[A-Za-z0-9]+(?:\.[A-Za-z]+)+,\s*)?"
    r"(?P<city>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})"
    r"(?:,\s*(?:[A-Z][\w.]*(?:\.[a-z]{2,3})+|[A-Z][\w.]*\s?[A-Z][\w]*)?)?"
    r"(?:\s*\((?:ANTARA|Antara|ANTARA News|[A-Z][\w.]{1,20})\))?"
    r"\s+[-–—]{1,2}(?:\s+|$)"  # a dash between spaces: "Covid-19" is no dateline
)
_BODY_START = re.compile(r"^\S")


def split_dateline(
    lines: list[str], pattern: re.Pattern[str] = DATELINE
) -> tuple[str | None, list[str]]:
    """(city, lines without the dateline) when the first line opens with one.

    A first line that is only the dateline ("Jakarta -" in its own element) moves to
    the dateline too; the story then starts on the next line.
    """
    if not lines:
        return None, lines
    match = pattern.match(lines[0])
    if match is None:
        return None, lines
    rest = lines[0][match.end() :].strip()
    if rest and not _BODY_START.match(rest):
        return None, lines
    city = clean_text(match.groupdict().get("city") or "")
    if city.isupper():
        city = city.title()
    if len(city) > 40:
        return None, lines
    return city or None, ([rest] if rest else []) + lines[1:]
