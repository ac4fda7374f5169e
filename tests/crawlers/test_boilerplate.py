"""The shared clean-up and metadata rules, line by line: noise, datelines, site names,
person names, printed dates."""

from __future__ import annotations

import pytest

from crawlers.dates import parse_indonesian_datetime
from crawlers.parsers.boilerplate import credit_lines, is_noise, split_dateline
from crawlers.parsers.metadata import is_person_name, strip_site_name

NOISE = (
    "SCROLL TO RESUME CONTENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Scroll untuk melanjutkan membaca",
    "ADVERTISEMENT",
    "Load More",
    "Baca juga: Bawaslu temukan politik uang",
    "Lihat juga Video: Kapal Perintis Angkut Logistik",
    "Simak juga video berikut ini",
    "BACA JUGA:",
    "Copyright © ANTARA 2024",
    "Copyright @ 2024 mediaindonesia.com. All Rights Reserved",
    "© 2024 Kabar Warga",
    "Headline",
    "Berita Terkait",
    "Ikuti Whatsapp Channel Republika",
    "Follow Berita Okezone di Google News",
    "Artikel ini telah tayang di TribunJateng.com dengan judul Kades Diperiksa",
    "(rdp/imk)",
    "(Z-8)",
    "pic.twitter.com/abc123",
    "— KPU Provinsi (@kpu_prov) November 24, 2024",
    "View this post on Instagram",
    "Rabu, 27 Nov 2024 17:02 WIB",
    "Kompas.com - 27/11/2024, 20:11 WIB",
    "[Gambas:Video 20detik]",
)
TEXT = (
    "Bawaslu meminta warga melapor bila menemukan pembagian uang di sekitar TPS.",
    "Lihat saja hasilnya nanti, kata Rudi sambil tersenyum kepada wartawan.",
    "Pada Rabu, 27 November 2024, warga datang ke TPS sejak pukul 07.00 WIB.",
    "Copywriter kampanye itu diperiksa pengawas.",
    "Video itu direkam pada pemilihan beberapa tahun lalu.",
    '"Kami tidak ingin menduga-duga," ujar Yusuf.',
)


@pytest.mark.parametrize("line", NOISE)
def test_boilerplate_lines_are_noise(line: str) -> None:
    assert is_noise(line)


@pytest.mark.parametrize("line", TEXT)
def test_article_sentences_are_kept(line: str) -> None:
    assert not is_noise(line)


@pytest.mark.parametrize(
    ("lines", "city", "first"),
    [
        (["Jakarta -", "Isi berita."], "Jakarta", "Isi berita."),
        (["JAKARTA, KOMPAS.com - Isi berita."], "Jakarta", "Isi berita."),
        (["Jakarta (ANTARA) - Isi berita."], "Jakarta", "Isi berita."),
        (["Denpasar, VIVA – Isi berita."], "Denpasar", "Isi berita."),
        (["TEMPO.CO, Jakarta - Isi berita."], "Jakarta", "Isi berita."),
        (["REPUBLIKA.CO.ID, BANDUNG -- Isi berita."], "Bandung", "Isi berita."),
        (["Covid-19 masih ada di kota ini."], None, "Covid-19 masih ada di kota ini."),
        (
            ["Bawaslu Jakarta Timur memanggil camat."],
            None,
            "Bawaslu Jakarta Timur memanggil camat.",
        ),
    ],
)
def test_datelines(lines: list[str], city: str | None, first: str) -> None:
    got_city, rest = split_dateline(lines)
    assert (got_city, rest[0]) == (city, first)


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("KapanLagi.com: Artis Hadiri Debat", {"kapanlagi"}, "Artis Hadiri Debat"),
        ("Bawaslu Periksa Camat - Kompas.com", {"kompas"}, "Bawaslu Periksa Camat"),
        ("KPU Tetapkan DPT | Republika Online", {"republikaonline"}, "KPU Tetapkan DPT"),
        ("Logistik Tiba : Okezone News", {"okezone"}, "Logistik Tiba"),
        ("Pilkada 2024 - Bawaslu Awasi TPS", {"kompas"}, "Pilkada 2024 - Bawaslu Awasi TPS"),
    ],
)
def test_site_names_leave_titles(title: str, sites: set[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Rudi Hartono", True),
        ("metrotvnews developer", False),
        ("Metrotvnews.com", False),
        ("admin", False),
        ("Redaksi", False),
        ("KapanLagi.com", False),
        ("Putu Ayu 24 November 2024", False),
    ],
)
def test_authors_are_people_not_publishers(name: str, person: bool) -> None:
    assert is_person_name(name, {"metrotvnews", "kapanlagi"}) is person


def test_credit_lines_on_one_line_and_in_capitals() -> None:
    assert credit_lines(["Pewarta: Rina Editor: Sri"]) == {"pewarta": "Rina", "editor": "Sri"}
    found = credit_lines(["JUMAT, 15 NOVEMBER 2024 | 08:20 WIB | LAPORAN: AHMAD FAUZI"])
    assert found["pewarta"] == "AHMAD FAUZI"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024/11/27 17:02:00", "2024-11-27T10:02:00+00:00"),
        ("November 27, 2024", "2024-11-26T17:00:00+00:00"),
        ("Minggu, 24 November 2024 - 19:30 WIB", "2024-11-24T12:30:00+00:00"),
        ("2024-11-20 19:35:12", "2024-11-20T12:35:12+00:00"),
    ],
)
def test_more_printed_dates(raw: str, iso: str) -> None:
    parsed = parse_indonesian_datetime(raw)
    assert parsed is not None and parsed.isoformat() == iso
