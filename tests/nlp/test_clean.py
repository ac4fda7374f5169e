"""Cleaning: datelines, bylines, "Baca juga" lines and notices."""

from __future__ import annotations

import pytest

from nlp.clean import clean_text


@pytest.mark.parametrize(
    ("text", "body", "city"),
    [
        ("Jakarta (ANTARA) - Bawaslu memantau kampanye.", "Bawaslu memantau kampanye.", "Jakarta"),
        ("Jakarta Utara (ANTARA) - Warga datang.", "Warga datang.", "Jakarta Utara"),
        ("JAKARTA, KOMPAS.com - KPU menggelar rapat.", "KPU menggelar rapat.", "Jakarta"),
        ("Bandung, CNN Indonesia -- KPU menggelar rapat.", "KPU menggelar rapat.", "Bandung"),
        ("TEMPO.CO, Jakarta - Bawaslu memeriksa saksi.", "Bawaslu memeriksa saksi.", "Jakarta"),
        ("REPUBLIKA.CO.ID, SURABAYA -- Warga datang.", "Warga datang.", "Surabaya"),
        ("Medan - Panwascam bersiaga.", "Panwascam bersiaga.", "Medan"),
        ("Pemilu berjalan damai - kata warga.", "Pemilu berjalan damai - kata warga.", None),
        ("Bawaslu, KPU, dan DKPP bertemu.", "Bawaslu, KPU, dan DKPP bertemu.", None),
    ],
)
def test_dateline(text, body, city):
    cleaned = clean_text(text)
    assert (cleaned.body, cleaned.dateline) == (body, city)


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        (
            "Isi berita.\nPewarta: Rina Wulandari\nEditor: Agus Salim",
            {"pewarta": "Rina Wulandari", "editor": "Agus Salim"},
        ),
        ("Isi berita.\nLAPORAN: Dedi Kurniawan", {"laporan": "Dedi Kurniawan"}),
        ("Isi berita.\nPenulis: Andi | Editor: Rina", {"pewarta": "Andi", "editor": "Rina"}),
        ("Isi berita.\nReporter: Sari\nRedaktur: Joko", {"pewarta": "Sari", "editor": "Joko"}),
        ("Isi berita tanpa penulis.", {}),
    ],
)
def test_byline(text, byline):
    cleaned = clean_text(text)
    assert cleaned.byline == byline
    assert cleaned.body.startswith("Isi berita")
    assert ":" not in cleaned.body


@pytest.mark.parametrize(
    "noise",
    [
        "Baca juga: KPU tetapkan jadwal debat",
        "BACA JUGA : Bawaslu temukan APK liar",
        "Simak juga: Video pilihan",
        "Copyright © ANTARA 2024",
        "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis.",
        "Artikel ini telah tayang di situs lain dengan judul serupa.",
        "Ikuti berita terkini dari kami di aplikasi berita.",
        "(abc/def)",
    ],
)
def test_noise_lines_removed(noise):
    text = f"Kalimat pertama.\n{noise}\nKalimat kedua."
    assert clean_text(text).body == "Kalimat pertama.\nKalimat kedua."


def test_full_article():
    text = (
        "Jakarta (ANTARA) - Bawaslu DKI Jakarta mengingatkan netralitas ASN.\n\n"
        "Baca juga: Tahapan Pilkada dimulai\n\n"
        "Pengawasan akan diperketat, ujar Budi.\n\n"
        "Pewarta: Rina\nEditor: Agus\nCopyright © ANTARA 2024"
    )
    cleaned = clean_text(text)
    assert cleaned.body == (
        "Bawaslu DKI Jakarta mengingatkan netralitas ASN.\n\nPengawasan akan diperketat, ujar Budi."
    )
    assert cleaned.dateline == "Jakarta"
    assert cleaned.byline == {"pewarta": "Rina", "editor": "Agus"}
