"""A report rendered to HTML and PDF, read back with poppler (pdftotext, pdfinfo, pdftoppm)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from pantau.report import render
from pantau.report.service import make_report, write_files
from tests.report.conftest import pdf_text
from tests.report.fixtures import OFFICE

DAY = date(2024, 11, 25)


@pytest.fixture(scope="module")
def files(backend, store, tmp_path_factory) -> dict[str, Path]:
    report = make_report(backend, store, OFFICE, "daily", DAY)
    out = tmp_path_factory.mktemp("out")
    paths = write_files(report, out, ["pdf", "html", "json"])
    return {p.suffix[1:]: p for p in paths}


def test_files_are_named_after_office_kind_and_day(files):
    assert files["pdf"].name == "laporan-harian-bawaslu-kota-jakarta-utara-2024-11-25.pdf"
    assert files["pdf"].read_bytes().startswith(b"%PDF")


def test_pdf_has_every_section_in_indonesian(files):
    text = pdf_text(files["pdf"])
    for expected in (
        "KLIPING BERITA HARIAN",
        "Bawaslu Kota Jakarta Utara",
        "Senin, 25 November 2024 (WIB)",
        "Jakarta Utara (31.72)",
        "Masa tenang",
        "PKPU Nomor 2 Tahun 2024",
        "Grafik",
        "Peringatan (1)",
        "status pengiriman: menunggu",
        "Berita utama",
        "Juga dimuat oleh",
        "Pejabat dan calon yang paling banyak disebut",
        "pejabat, Lurah Kamal",
    ):
        assert expected in text, expected
    # the cover's counts against the day before: 6 articles vs 2
    assert re.search(r"Berita\s+6\s+2\s+\+4", text)
    assert re.search(r"Netralitas ASN\s+3\s+0\s+\+3", text)  # the topic table
    # times in WIB, the evidence sentence of the alert
    assert "25 Nov 2024 09:00 WIB" in text
    assert "mengajak warga memilih calon tertentu" in text


def test_pdf_links_to_the_stories_and_their_copies(files):
    urls = subprocess.run(
        ["pdfinfo", "-url", str(files["pdf"])], check=True, capture_output=True, text=True
    ).stdout
    for n, source in [(1, "antara"), (2, "detik"), (4, "kompas"), (6, "rmol")]:
        assert f"https://www.{source}.example/berita/{n}/artikel-{n}" in urls


def test_pdf_figures_are_drawn_with_the_neutrality_red(files, tmp_path):
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(files["pdf"]), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    text = pdf_text(files["pdf"])
    for title in (
        "Berita per hari menurut topik",
        "Berita netralitas per hari",
        "Berita per hari menurut media",
    ):
        assert title in text
    reds = 0
    for page in pages:
        with Image.open(page) as img:
            rgb = img.convert("RGB")
            # the highlight colour #b3261e of the neutrality series, give or take antialiasing
            for n, (r, g, b) in rgb.getcolors(1 << 20) or []:  # type: ignore[misc]
                if abs(r - 0xB3) < 12 and abs(g - 0x26) < 12 and abs(b - 0x1E) < 12:
                    reds += n
    assert reds > 50


def test_html_is_the_same_template_self_contained(files):
    html = files["html"].read_text()
    assert html.count("<svg") == 3
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//(?!www\.[a-z0-9]+\.example/)', html)
    assert 'id="berita-utama"' in html and 'id="peringatan"' in html and 'id="tokoh"' in html


def test_json_carries_the_data(files):
    data = files["json"].read_text()
    assert '"story_count": 4' in data and '"zone_name": "WIB"' in data


def test_empty_period_gives_a_short_report_that_says_so(backend, store, tmp_path):
    report = make_report(backend, store, OFFICE, "daily", date(2024, 10, 1))
    (pdf,) = write_files(report, tmp_path, ["pdf"])
    text = pdf_text(pdf)
    assert "Tidak ada berita dan tidak ada peringatan" in text
    assert "Masa kampanye" in text
    assert "Berita utama" not in text and "Grafik" not in text
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"Pages:\s+1\n", pages.stdout)


def test_chart_links_only_when_asked(backend, store):
    report = make_report(backend, store, OFFICE, "daily", DAY)
    assert "xlink:href" not in render.html_page(report)
    linked = render.html_page(report, link_base="https://pantau.example")
    since = "since=2024-11-25T00%3A00%3A00%2B07%3A00&amp;until=2024-11-26T00%3A00%3A00%2B07%3A00"
    assert f"https://pantau.example/?topic=netralitas_asn&amp;{since}" in linked
