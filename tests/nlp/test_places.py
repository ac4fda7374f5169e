"""Places gazetteer: GPE entities with Kemendagri codes, and the article's main region."""

from __future__ import annotations

import pytest

from nlp.places import main_region, parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warga DKI Jakarta antusias.", [("DKI Jakarta", "31")]),
        ("Hujan deras di Jakarta sejak pagi.", [("Jakarta", "31")]),
        (
            "Banjir melanda Jakarta Utara dan Jakarta Barat.",
            [("Jakarta Utara", "31.72"), ("Jakarta Barat", "31.73")],
        ),
        ("Pasar di Jakpus dan Jaksel ramai.", [("Jakpus", "31.71"), ("Jaksel", "31.74")]),
        ("Kapal berangkat ke Kepulauan Seribu.", [("Kepulauan Seribu", "31.01")]),
        (
            "Rapat di Kota Administrasi Jakarta Timur.",
            [("Kota Administrasi Jakarta Timur", "31.75")],
        ),
        ("Warga Kec. Tanjung Priok berkumpul.", [("Kec. Tanjung Priok", "31.72.02")]),
        ("Posko dibuka di Kelapa Gading.", [("Kelapa Gading", "31.72.06")]),
        (
            "Relawan dari Jabar, Jateng, dan Jatim datang.",
            [("Jabar", "32"), ("Jateng", "33"), ("Jatim", "35")],
        ),
        ("Rombongan tiba dari NTB dan Sulsel.", [("NTB", "52"), ("Sulsel", "73")]),
        (
            "Gubernur Jawa Barat berkunjung ke Bandung.",
            [("Jawa Barat", "32"), ("Bandung", "32.73")],
        ),
        ("Jalan rusak di Kabupaten Bandung dikeluhkan.", [("Kabupaten Bandung", "32.04")]),
        (
            "Kota Jambi dan Provinsi Jambi bersiap.",
            [("Kota Jambi", "15.71"), ("Provinsi Jambi", "15")],
        ),
        ("Pesawat mendarat di Makassar.", [("Makassar", "73.71")]),
        ("Kantor gubernur ada di Tanjung Selor.", [("Tanjung Selor", "65.01.05")]),
        ("Warga Palangkaraya menanam pohon.", [("Palangkaraya", "62.71")]),
    ],
)
def test_places_tagged_with_codes(places_nlp, text, expected):
    doc = places_nlp(text)
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "GPE"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Macet panjang terjadi di Jalan Bandung pagi ini.",  # street, not the city
        "Harga batu dan pasir naik.",  # lowercase ordinary word
        "Kecamatan itu berada di wilayah Makasar.",  # ambiguous kecamatan needs a cue
        "Kereta Metro melaju cepat.",  # Kota Metro only with "Kota"
    ],
)
def test_places_not_tagged(places_nlp, text):
    assert [e.text for e in places_nlp(text).ents] == []


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        ("Banjir di Jakarta Utara. Warga Jakarta Utara mengungsi ke Jakarta.", "31.72", "kota"),
        ("Rapat di Jakarta. Pejabat Jakarta hadir. Tamu dari Jakarta Utara.", "31", "provinsi"),
        ("Warga Koja dan Cilincing di Jakarta Utara berkumpul.", "31.72", "kota"),
        ("Posko di Kec. Koja, Jakarta Utara. Relawan Koja bersiaga.", "31.72.03", "kecamatan"),
        ("Rombongan dari Bandung tiba di Jakarta.", "32.73", "kota"),
        ("Tidak ada nama tempat di kalimat ini.", None, None),
    ],
)
def test_main_region(places_nlp, text, code, level):
    region = places_nlp(text)._.region
    if code is None:
        assert region is None
    else:
        assert (region["code"], region["level"]) == (code, level)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], None),
        (["31"], "31"),
        (["31", "31.72", "31.72"], "31.72"),  # child holds most mentions: descend
        (["31", "31", "31", "31.72"], "31"),  # child holds a quarter: stay
        (["32.73", "31"], "32.73"),  # tie between provinces: first mentioned wins
        (["31.72.02", "31.72"], "31.72.02"),
        (["82.72.02.1003"], "82.72.02.1003"),
    ],
)
def test_main_region_rule(codes, expected):
    assert main_region(codes) == expected


def test_region_backs_up_to_known_code(places_nlp):
    ruler = places_nlp.get_pipe("pantau_places_v1")
    # Sofifi's kecamatan is not in the gazetteer; the kelurahan itself is
    assert ruler.region(["82.72.02.1003"])["name"] == "Sofifi"
    assert ruler.region(["31.99.99"])["code"] == "31"


@pytest.mark.parametrize(("code", "up"), [("31.72.02", "31.72"), ("31.72", "31"), ("31", "")])
def test_parent(code, up):
    assert parent(code) == up
