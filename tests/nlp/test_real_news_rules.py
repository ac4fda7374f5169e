"""Mechanisms that real news needed (issue 12), on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.analyze import analyze
from nlp.clean import clean_text


def persons(nlp: Language, text: str) -> dict[str, tuple[str | None, str | None]]:
    (result,) = analyze(nlp, [text])
    return {e.text: (e.canonical, e.role) for e in result.entities if e.label == "PERSON"}


def test_an_office_of_the_kota_makes_the_kota_the_region(nlp: Language):
    text = (
        "Bawaslu Jakarta Utara panggil camat yang unggah dukungan paslon\n\n"
        "Jakarta (ANTARA) - Bawaslu Kota Jakarta Utara memanggil seorang camat yang diduga "
        "mengunggah dukungan kepada pasangan calon.\n"
        "Ketua Bawaslu Kota Jakarta Utara Dewi Anggraeni mengatakan unggahan itu ditemukan.\n"
        "Jika terbukti, Bawaslu meneruskan rekomendasi kepada BKN dan Pemprov DKI Jakarta.\n"
        "Anggota DPRD DKI Jakarta Rudi Tambunan meminta Pemprov DKI membina seluruh camat."
    )
    (result,) = analyze(nlp, [text])
    assert result.region is not None and result.region.code == "31.72"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Polres Batang memeriksa dua anggota. Polda Jawa Tengah memantau.", "33.25"),
        ("Pemkot Bengkulu memeriksa kehadiran ASN di Bengkulu.", "17.71"),
        ("Ketua Bawaslu RI di Jakarta mengingatkan Kemendagri soal ASN.", None),
    ],
)
def test_office_places_and_national_stories(nlp: Language, text: str, code: str | None):
    (result,) = analyze(nlp, [text])
    assert (result.region.code if result.region else None) == code


def test_common_words_and_bare_titles_are_not_persons(nlp: Language):
    found = persons(
        nlp,
        "Kapolda meminta Tempat Pemungutan Suara dijaga. Sumber Daya Air mengatakan "
        "pasokan aman. Satgas menyebutkan jalan ditutup. Ketua Bawaslu Dodi Sinaga hadir.",
    )
    assert set(found) == {"Dodi Sinaga"}


def test_titles_with_asides_ranks_and_months(nlp: Language):
    found = persons(
        nlp,
        "Kepala Kepolisian Resor Batang, Jawa Tengah, AKBP Juli Hartono meminta anggota "
        "netral. Penjabat (Pj) Gubernur Nusa Tenggara Barat (NTB) Sukirman hadir. Kepala "
        "BKPSDM Joni Basri dan beberapa kepala OPD lainnya datang. Komandan Kodim 0201/BS "
        "Kolonel Inf Bimo Santoso memperingatkan prajurit.",
    )
    assert found == {
        "Juli Hartono": ("Juli Hartono", "official"),
        "Sukirman": ("Sukirman", "official"),
        "Joni Basri": ("Joni Basri", "official"),
        "Bimo Santoso": ("Bimo Santoso", "official"),
    }


def test_a_title_walk_stops_at_the_next_title(nlp: Language):
    found = persons(
        nlp,
        "Bawaslu menemukan dugaan pelanggaran oleh Pj Gubernur Papua Agus Salimin dan "
        "Kapolda Papua Irjen Petrus Waine dalam pemungutan suara ulang.",
    )
    assert found == {
        "Agus Salimin": ("Agus Salimin", "official"),
        "Petrus Waine": ("Petrus Waine", "official"),
    }


def titled(nlp: Language, text: str) -> dict[str, tuple[str | None, str | None]]:
    (result,) = analyze(nlp, [text])
    return {e.text: (e.role, e.title) for e in result.entities if e.label == "PERSON"}


def test_a_title_before_a_list_goes_to_each_name_until_the_next_title(nlp: Language):
    found = titled(
        nlp,
        "Ketua KPU Kabupaten Garut Rudi Hartono, Siti Aminah, dan anggota Bawaslu Jawa "
        "Barat Dedi Kurniawan hadir dalam rapat itu. Ketua KPU Jawa Tengah Handoko "
        "Prasetyo dan Wahyu Nugroho menyerahkan berkas.",
    )
    garut, jateng = "Ketua KPU Kabupaten Garut", "Ketua KPU Jawa Tengah"
    assert found == {
        "Rudi Hartono": ("official", garut),
        "Siti Aminah": ("official", garut),
        "Dedi Kurniawan": ("official", "anggota Bawaslu Jawa Barat"),
        "Handoko Prasetyo": ("official", jateng),
        "Wahyu Nugroho": ("official", jateng),
    }


def test_titles_joined_by_dan_are_one_title_for_the_whole_list(nlp: Language):
    found = titled(
        nlp,
        "Rapat dihadiri Ketua dan anggota Bawaslu Kota Bandung Agung Setiawan, Bambang "
        "Wijaya dan Cahya Lestari pada Senin.",
    )
    title = "Ketua dan anggota Bawaslu Kota Bandung"
    assert found == {
        n: ("official", title) for n in ("Agung Setiawan", "Bambang Wijaya", "Cahya Lestari")
    }


def test_a_title_with_dan_inside_and_a_date_after_the_name_are_no_list(nlp: Language):
    found = titled(
        nlp,
        "Kepala Dinas Pendidikan dan Kebudayaan Kabupaten Bogor Yusuf Maulana membuka "
        "acara. Ketua KPU Kota Medan Gita Ramadhani, Jumat (5/4), menyebut rekapitulasi "
        "selesai.",
    )
    assert found == {
        "Yusuf Maulana": ("official", "Kepala Dinas Pendidikan dan Kebudayaan Kabupaten Bogor"),
        "Gita Ramadhani": ("official", "Ketua KPU Kota Medan"),
    }


def test_a_title_after_the_name_and_the_appositive_after_a_place(nlp: Language):
    found = persons(
        nlp,
        'TPS tersebar di 14 kecamatan, jelas Randi Siregar, anggota KPU, Senin. "Kami '
        'siap," kata Ketua Bawaslu Pessel, Erwin Wardana mengatakan hal itu.',
    )
    assert found["Randi Siregar"][1] == "official"
    assert found["Erwin Wardana"][1] == "official"
    assert "Pessel" not in found


def test_a_short_name_joins_the_longest_full_name(nlp: Language):
    found = persons(
        nlp,
        "Hal itu dikatakan Koordinator Divisi Hukum Panwaslih Aceh, Fahmi Rizal Yusuf, di "
        "Banda Aceh. Pernyataan itu disampaikan Fahmi Rizal dalam diskusi. Fahmi "
        "menyebutkan pihaknya bekerja.",
    )
    assert {canonical for canonical, _ in found.values()} == {"Fahmi Rizal Yusuf"}


def test_known_figures_are_candidates_where_their_election_is_the_story(nlp: Language):
    in_campaign = persons(nlp, "Bupati itu mengaitkan bantuan dengan capres Jokowi di Pilpres.")
    in_office = persons(nlp, "Presiden Jokowi meresmikan jalan tol di Batang.")
    assert in_campaign["Jokowi"] == ("Joko Widodo", "candidate")
    assert in_office["Jokowi"] == ("Joko Widodo", "official")


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Oleh Budi Santoso pada 23 Februari 2019, 09:38 WIB", "pewarta", "Budi Santoso"),
        ("Kontributor Ungaran, Budi Santoso", "pewarta", "Budi Santoso"),
        ("Laporan Reporter Harian Kita Budi Santoso", "laporan", "Harian Kita Budi Santoso"),
    ],
)
def test_bylines_without_a_colon_leave_the_body(line: str, key: str, value: str):
    cleaned = clean_text(f"Isi berita.\n\n{line}")
    assert cleaned.body == "Isi berita." and cleaned.byline == {key: value}


def test_a_dateline_under_the_title_line_is_removed():
    cleaned = clean_text("Judul berita hari ini\n\nPontianak (ANTARA) - Bawaslu memproses.")
    assert cleaned.dateline == "Pontianak"
    assert cleaned.body == "Judul berita hari ini\n\nBawaslu memproses."
